// Small helpers shared by the claims of `convcert reproduce`: seeded random integers and
// rationals as canonical strings, rational strings to double, and DFT norms in double.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::reproduce {

/// A deterministic generator (splitmix64 stream); identical on every platform.
class ReproduceRandom {
  public:
    explicit ReproduceRandom(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// Uniform integer in [lo, hi] (hi - lo < 2^32).
    long integer(long lo, long hi);

  private:
    std::uint64_t state_;
};

/// n integers uniform in [lo, hi] as strings; when nonzero is set, redrawn until not all zero.
std::vector<std::string> reproduce_random_integers(ReproduceRandom& rng, long n, long lo, long hi,
                                                   bool nonzero = true);

/// n canonical rationals p/q, p uniform in [-20, 20], q in [1, 12] (not all zero).
std::vector<std::string> reproduce_random_rationals(ReproduceRandom& rng, long n);

/// "p" or "p/q" (decimal integers of any length) to the nearest double, roughly (long double).
double reproduce_to_double(const std::string& rational);
std::vector<double> reproduce_to_doubles(const std::vector<std::string>& rationals);

/// ||w||_2 and (1/D)·sum_d |ŵ[d]| ... in double: the closed forms 2||w||_2 (K = 1) and
/// (2/D) sum_d |ŵ[d]| (K = D), computed here independently of regularizer/numeric/closed_form.h.
double reproduce_closed_form_k1(const std::vector<double>& w);
double reproduce_closed_form_kd(const std::vector<double>& w);

/// Multi-channel closed forms (R rows of D): 2||W||_* (Eigen's JacobiSVD) and
/// (2/D) sum_d ||Ŵ[:,d]||_2.
double reproduce_closed_form_k1_multi(const std::vector<std::vector<double>>& W);
double reproduce_closed_form_kd_multi(const std::vector<std::vector<double>>& W);

/// "[1, -2, 3/4]": a vector for the report's tables.
std::string reproduce_vector_text(const std::vector<std::string>& v);

} // namespace convcert::reproduce
