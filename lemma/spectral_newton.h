// Numerical spectral factorization, the engine of the enclosure generator: Wilson's Newton
// iteration in double precision, then iterative refinement of a fixed-point (X / 2^prec)
// approximation with exact residuals. Untrusted like the rest of lemma/: the checker proves
// the box. The definitions live in factor_enclosure.cpp until spectral_newton.cpp is split
// out (it only needs adding to CMake).
#pragma once

#include "certify/certificate.h"

#include <Eigen/Dense>
#include <flint/fmpz.h>

#include <string>
#include <vector>

namespace convcert::lemma {

/// The MATH.md factor in double precision: c (length n = t.size()) with c ⋆ c ≈ t, the roots
/// of p_c inside the unit disk and c[n-1] > 0. Precondition: t[0] > 0, t[n-1] != 0, t scaled so
/// that t[0] is of order 1. Wilson's iteration (Newton's method started at sqrt(t[0]) e_0, which
/// converges to the factor with roots outside the disk), reversed at the end. *iterations
/// receives the number of Newton steps. Throws FactorError if it does not converge.
std::vector<double> lemma_newton_double(const std::vector<double>& t, long* iterations);

/// The K x K Jacobian of x -> x ⋆ x at c padded with zeros: J[j][k] = c[k+j] + c[k-j], entries
/// of c outside 0..c.size()-1 are 0. Precondition: K >= c.size().
Eigen::MatrixXd lemma_jacobian_double(const std::vector<double>& c, long K);

/// Refines x = X / 2^prec (X: n integers) toward the zero of F(x) = x ⋆ x - T / (L2 2^shift),
/// with F computed exactly and the correction solved by lu (an LU of J at a nearby point):
/// X <- X - round(2^prec J^{-1} F(x)). Stops when the correction ||J^{-1} F(x)||_∞ is at
/// most 2^(1-prec) and then leaves X as it is; *correction_log2 receives log2 of that last
/// correction (-inf when F(x) = 0). Returns the number of corrections applied. Throws
/// FactorError when the corrections stop shrinking (J singular or too ill-conditioned).
long lemma_refine_fixed_point(fmpz* X, long n, long prec, const fmpz* T, const fmpz_t L2,
                              long shift, const Eigen::PartialPivLU<Eigen::MatrixXd>& lu,
                              double* correction_log2);

/// How a call of lemma_factor_enclosure went (benchmarks and tests).
struct EnclosureStats {
    long effective_length = 0;   // n = lemma_effective_length(target)
    long newton_iterations = 0;  // double-precision Newton steps
    long refine_steps = 0;       // fixed-point corrections
    long precision_bits = 0;     // prec of the fixed-point center (scaled units)
    double radius_log2 = 0;      // log2 of the radius
    double inverse_norm = 0;     // ||J(c)^{-1}||_∞ (K x K, unscaled units)
    double condition = 0;        // ||J||_∞ ||J^{-1}||_∞
    double correction_log2 = 0;  // log2 ||J^{-1} F(center)||_∞ (unscaled units)
};

/// lemma_factor_enclosure (factor_enclosure.h), also reporting its statistics in *stats.
LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<std::string>& target,
                                              long digits, EnclosureStats* stats);

} // namespace convcert::lemma
