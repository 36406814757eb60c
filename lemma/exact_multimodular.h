// The exact coefficients of the Lemma's factor in Q(α*) = Q[y]/(m): from the integral traces
// Q_k, P_k = Q_k / (L m') mod m by Chinese remaindering over word-size primes and rational
// reconstruction, accepted only after an exact check of c ⋆ c = target mod m. A step of
// lemma_factor_exact (factor_exact.cpp).
#pragma once

#include "support/flint_raii.h"

#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>

#include <vector>

namespace convcert::lemma {

/// P_k = Q_k / (L m') mod m for every k (P gets Q.size() entries), with m monic irreducible,
/// L > 0 and target the lags t_j. True only when
/// Σ_k P_k P_{k+j} ≡ t_j mod m holds exactly for every lag j; false (P cleared) when that fails
/// within the prime budget (the caller then raises the precision of the traces).
bool lemma_solve_multimodular(std::vector<support::FmpqPoly>& P, const fmpz_poly_t m,
                              const std::vector<support::FmpzPoly>& Q, const fmpz_t L,
                              const std::vector<support::Fmpq>& target);

} // namespace convcert::lemma
