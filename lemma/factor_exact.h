// Exact spectral factorization: the real algebraic c with c ⋆ c = target, every c_k written
// as a rational polynomial in one real algebraic number α (evidence of kind lemma-exact).
#pragma once

#include "certify/certificate.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::lemma {

/// Builds lemma-exact evidence for target (K >= 1 lags, any values for
/// which a factor exists, i.e. target = sum a_i ⋆ a_i). c is the MATH.md factor: p_c has its
/// roots in the closed unit disk (half of each unit-circle root) and a positive leading
/// coefficient; zero trailing lags give trailing zeros in c. digits >= 30 decimals are
/// written. Throws FactorError when the number of solutions of c ⋆ c = target supported on
/// 0..Keff-1 (2 prod (mu_i + 1) over reciprocal root pairs of multiplicity mu_i, an upper
/// bound on the field degree) exceeds max_degree, or when no real factor exists.
LemmaExactEvidence lemma_factor_exact(const std::vector<support::Fmpq>& target, long digits,
                                      long max_degree = 256);

} // namespace convcert::lemma
