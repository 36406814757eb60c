// The exact factor of lemma_factor_exact (c*_k = P_k(α*), α* a real root of the minimal
// polynomial m) and its output for the certificate: an isolating interval [l, h] of α* tight
// enough for the checker (no bisection there) and the c*_k as Arb balls for the decimals.
#pragma once

#include "support/flint_raii.h"

#include <flint/fmpq.h>

#include <vector>

namespace convcert::lemma {

/// What the exact phase produces.
struct ExactFactor {
    support::FmpzPoly m;              // monic irreducible, m(α*) = 0
    std::vector<support::FmpqPoly> P; // c*_k = P_k(α*), k < len (divided by L)
    support::Arb alpha;               // real ball around α*, m' != 0 on it
};

/// [l, h] with m(l) m(h) < 0 around α* (for deg m = 1, α* rational: [α* - 1, α* + 1]) such that
/// the checker's enclosure of every c*_k is within 10^-(digits+3) max|c*|, and c[k] = c*_k to
/// digits + 5 significant digits. Precondition: c has ex.P.size() entries. Throws FactorError
/// if α* cannot be isolated to that accuracy.
void lemma_exact_output(fmpq_t l, fmpq_t h, support::ArbVec& c, const ExactFactor& ex, long digits);

} // namespace convcert::lemma
