// Numerical spectral factorization, the engine of the enclosure generator: Wilson's Newton
// iteration in double precision, then iterative refinement of a fixed-point (X / 2^prec)
// approximation with exact residuals. Untrusted like the rest of lemma/: the checker proves
// the box.
#pragma once

#include "certify/certificate.h"
#include "support/flint_raii.h"

#include <Eigen/Dense>
#include <flint/fmpz.h>

#include <string>
#include <vector>

namespace convcert::lemma {

/// The FactorError message when the Jacobian at the factor is (numerically) singular: q has
/// roots on or near the unit circle.
extern const char* const kUnitCircleMessage;

/// The MATH.md factor in double precision: c (length n = t.size()) with c ⋆ c ≈ t, the roots
/// of p_c inside the unit disk and c[n-1] > 0. Precondition: t[0] > 0 and t scaled so that t[0]
/// is of order 1 (t[n-1] may have underflowed to 0; then c[0] comes out about 0). Wilson's
/// iteration (Newton's method started at sqrt(t[0]) e_0, which converges to the factor with roots
/// outside the disk), reversed at the end. *iterations receives the number of Newton steps. Throws
/// FactorError if it does not converge.
std::vector<double> lemma_newton_double(const std::vector<double>& t, long* iterations);

/// The K x K Jacobian of x -> x ⋆ x at c padded with zeros: J[j][k] = c[k+j] + c[k-j], entries
/// of c outside 0..c.size()-1 are 0. Precondition: K >= c.size().
Eigen::MatrixXd lemma_jacobian_double(const std::vector<double>& c, long K);

/// What lemma_refine_fixed_point did.
struct RefineResult {
    long steps = 0;             // outer (Newton) corrections applied
    long inner_steps = 0;       // inner linear-refinement corrections
    double correction_log2 = 0; // log2 ||J^{-1} F(x)||_∞ at the end (-inf when F(x) = 0)
};

/// Refines the double-precision factor c (scaled units, as from lemma_newton_double) into
/// x = X / 2^prec (X: c.size() initialized integers, overwritten) toward the zero of
/// F(x) = x ⋆ x - T / (L2 2^shift). Newton steps with F computed exactly at a working
/// precision that grows with the accuracy; each step J(x) h = -F(x) is solved with lu (an LU of
/// J at c) by iterative refinement. Stops when the correction ||J^{-1} F(x)||_∞ is at most
/// 2^(1-prec) and then leaves X as it is. Throws FactorError when the corrections stop
/// shrinking (J singular or too ill-conditioned).
RefineResult lemma_refine_fixed_point(fmpz* X, const std::vector<double>& c, long prec,
                                      const fmpz* T, const fmpz_t L2, long shift,
                                      const Eigen::PartialPivLU<Eigen::MatrixXd>& lu);

/// How a call of lemma_factor_enclosure went (benchmarks and tests).
struct EnclosureStats {
    long effective_length = 0;  // n = lemma_effective_length(target)
    long newton_iterations = 0; // double-precision Newton steps
    long refine_steps = 0;      // fixed-point Newton corrections
    long inner_steps = 0;       // their inner linear-refinement corrections
    long precision_bits = 0;    // prec of the fixed-point center (scaled units)
    double radius_log2 = 0;     // log2 of the radius
    double inverse_norm = 0;    // estimate of ||J(c)^{-1}||_∞ (K x K, unscaled units)
    double condition = 0;       // estimate of ||J||_∞ ||J^{-1}||_∞
    double correction_log2 = 0; // log2 ||J^{-1} F(center)||_∞ (unscaled units)
};

/// lemma_factor_enclosure (factor_enclosure.h), also reporting its statistics in *stats.
LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<support::Fmpq>& target, long digits,
                                              EnclosureStats* stats);

} // namespace convcert::lemma
