// Autocorrelations and the palindromic polynomial of a Lemma instance, over Q and Z (FLINT).
// Shared by the exact and the enclosure generators; untrusted like the rest of lemma/.
#pragma once

#include "support/flint_raii.h"

#include <flint/fmpq.h>
#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>

#include <vector>

namespace convcert::lemma {

/// target = sum_i a_i ⋆ a_i (K lags) over the rows a_i of vectors (m × K). Throws
/// std::invalid_argument when m < 1 or K < 1.
std::vector<support::Fmpq> lemma_target(const support::FmpqMat& vectors);

/// 1 + the largest j with target[j] != 0, or 0 for the all-zero target. The lags past it
/// vanish, so a factor of that length padded with zeros is a factor of the whole target.
long lemma_effective_length(const std::vector<support::Fmpq>& target);

/// T = L^2 * target with L the lcm of the denominators of target, so T is integral.
/// T must hold target.size() initialized fmpz.
void lemma_integer_target(fmpz* T, fmpz_t L, const std::vector<support::Fmpq>& target);

/// The palindromic q(x) = sum_{j=0}^{2n} T[|j - n|] x^j with n = len - 1 (degree 2n).
/// Precondition: len >= 1 and T[len-1] != 0 (trim with lemma_effective_length first).
void lemma_palindromic_poly(fmpz_poly_t q, const fmpz* T, long len);

} // namespace convcert::lemma
