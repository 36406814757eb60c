// Autocorrelations and the palindromic polynomial of a Lemma instance, over Q and Z (FLINT).
// Shared by the exact and the enclosure generators; untrusted like the rest of lemma/.
#pragma once

#include <flint/fmpq.h>
#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>

#include <string>
#include <vector>

namespace convcert::lemma {

/// target = sum_i a_i ⋆ a_i, as canonical rational strings. Precondition: every vector has
/// the same length K >= 1 and holds canonical or FLINT-readable rationals "p" / "p/q".
std::vector<std::string> lemma_target(const std::vector<std::vector<std::string>>& vectors);

/// 1 + the largest j with target[j] != 0, or 0 for the all-zero target. The lags past it
/// vanish, so a factor of that length padded with zeros is a factor of the whole target.
long lemma_effective_length(const std::vector<std::string>& target);

/// T = L^2 * target with L the lcm of the denominators of target, so T is integral.
/// T must hold target.size() initialized fmpz.
void lemma_integer_target(fmpz* T, fmpz_t L, const std::vector<std::string>& target);

/// The palindromic q(x) = sum_{j=0}^{2n} T[|j - n|] x^j with n = len - 1 (degree 2n).
/// Precondition: len >= 1 and T[len-1] != 0 (trim with lemma_effective_length first).
void lemma_palindromic_poly(fmpz_poly_t q, const fmpz* T, long len);

} // namespace convcert::lemma
