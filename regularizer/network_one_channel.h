// One-channel networks that realize w exactly (MATH.md §3, §4): a kernel direction, from the
// spectral factor of an autocorrelation or from a closed form, is scaled for balance, rounded
// to a dyadic rational u, completed by the exact least-norm v (least_norm.h) and balanced once
// more by a rational scale t. The cost ||u||² + ||v||² is exact: an upper bound on R_{K,C}(w)
// for every C. Untrusted generator code; the checker recomputes the realization and the cost.
#pragma once

#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct OneChannelNetwork {
    std::vector<std::string> u; ///< K canonical rationals
    std::vector<std::string> v; ///< D rationals over one denominator (not reduced), u * v = w
    std::string cost;           ///< ||u||² + ||v||², exact
    double cost_double = 0;     ///< cost rounded to double
    std::string balance = "1";  ///< the rational t applied (u = t·u₀, v = v₀/t)
    long bits = 0;              ///< rounding bits of the kernel (0 when u was given)
    long denominator_bits = 0;  ///< size of v's common denominator
    double seconds = 0;         ///< wall time
};

/// The exact one-channel network of a rational kernel, in exact types.
struct OneChannelNetworkExact {
    support::FmpqMat u;        ///< 1×K, the balanced kernel
    support::FmpqMat v;        ///< 1×D integers: the second layer times v_den
    support::Fmpz v_den;       ///< > 0, v's one (unreduced) denominator
    support::Fmpq cost;        ///< ||u||² + ||v||²
    support::Fmpq balance;     ///< the rational t applied (u = t·u₀, v = v₀/t)
    long denominator_bits = 0; ///< size of the least-norm v's common denominator
};

/// The exact network for the rational kernel u as regularizer_network_from_kernel below, in
/// exact types (the least-norm step of least_norm.h still takes and gives strings).
OneChannelNetworkExact regularizer_network_from_kernel_exact(const std::vector<std::string>& w,
                                                             const std::vector<std::string>& u);

/// The rows of num (integers) over the one denominator den > 0, "n/den" ("n" when den = 1,
/// "0" for zero): the certificate's form of v (no gcds of long numbers).
std::vector<std::vector<std::string>> regularizer_rows_over_denominator(const support::FmpqMat& num,
                                                                        const support::Fmpz& den);

/// The exact network for the rational kernel u (K canonical rationals, not all zero,
/// K <= D = w.size()): the least-norm v, then u·t, v/t with t a 20-bit dyadic approximation of
/// (||v||/||u||)^(1/2), kept only if it lowers the exact cost. Throws std::invalid_argument
/// when u * v = w has no solution (see regularizer_least_norm).
OneChannelNetwork regularizer_network_from_kernel(const std::vector<std::string>& w,
                                                  const std::vector<std::string>& u);

/// The balanced cost of the direction c in double: min over s > 0 and v of ||s c||² + ||v||²
/// with (s c) * v = w, i.e. 2 ||c|| ((1/D) sum_{ŵ[d] != 0} |ŵ[d]|² / |ĉ[d]|²)^(1/2) (MATH.md
/// §3.1, §4; |ŵ[d]| <= 1e-13 max |ŵ| counts as 0). +infinity when ĉ[d] = 0 at a frequency with ŵ[d]
/// != 0; 0 when w = 0.
double regularizer_cost_estimate(const std::vector<double>& w, const std::vector<double>& c);

/// The direction c (1 <= c.size() <= D = w.size(), finite) scaled by s = (||v||/||c||)^(1/2)
/// for its least-norm v, so that ||s c||² = ||v / s||² (balance, MATH.md §4). Throws
/// std::invalid_argument on bad input, a zero c or a c that misses a frequency of w.
std::vector<double> regularizer_kernel_balance(const std::vector<double>& w,
                                               const std::vector<double>& c);

/// The fewest bits b in {16, 24, ..., 64} such that c rounded to round(c·2^E)/2^E with
/// max |c|·2^E in [2^(b-1), 2^b) has a cost estimate within rel_tol of c's (64 if none).
/// Precondition: c not zero, finite cost estimate (e.g. the output of regularizer_kernel_balance).
int regularizer_kernel_bits(const std::vector<double>& w, const std::vector<double>& c,
                            double rel_tol);

/// A spectral factor in double: c with c ⋆ c ≈ r (length K = r.size(), MATH.md §2), by
/// Wilson's Newton iteration (lemma/spectral_newton.h). When r is not strictly positive on
/// the unit circle (an SDP optimum on the boundary of the cone, or rounding), r[0] is raised
/// by the smallest ε r[0] in {0, 1e-14, 1e-13, ..., 1e-4} that lets the iteration converge.
/// Precondition: r[0] > 0, r finite. Throws std::invalid_argument otherwise and
/// std::runtime_error when no ε works.
std::vector<double> regularizer_spectral_factor_double(const std::vector<double>& r);

} // namespace convcert::regularizer
