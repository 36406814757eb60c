// Certified numerical spectral factorization: a rational box around the factor c with
// c ⋆ c = target, small enough for the checker's contraction test (kind lemma-enclosure).
#pragma once

#include "certify/certificate.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::lemma {

/// Builds lemma-enclosure evidence for target (K lags, 1 <= K <= 4096). The
/// enclosed c is the same factor as lemma_factor_exact's (roots of p_c inside the unit disk,
/// positive leading coefficient). Throws FactorError when the Jacobian at c is singular or
/// too ill-conditioned (q has roots on or very near the unit circle), or the target is zero.
LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<support::Fmpq>& target,
                                              long digits);

} // namespace convcert::lemma
