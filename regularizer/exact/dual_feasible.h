// The dual feasibility of MATH.md §7 decided exactly: 4I_K - T(λ)T(λ)ᵀ ⪰ 0 for rational λ,
// with T[k][i] = λ[(i+k) mod D]. Untrusted generator code (the checker re-decides it).
#pragma once

#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>

#include <string>
#include <vector>

namespace convcert::regularizer {

/// N = T(n)T(n)ᵀ for an integer vector n of length D: N[k][k'] = rho(k' - k mod D) with
/// rho(l) = sum_i n[i] n[(i+l) mod D]. N must be an initialized K×K matrix, 1 <= K <= D.
void regularizer_gram_integer(fmpz_mat_t N, const fmpz* n, long D, long K);

/// The stacked Gram N = T(n)T(n)ᵀ of MATH.md §8 for R integer rows n_r of length D (n is
/// row-major R·D): block (r, r') entry (k, k') is sum_i n_r[i] n_r'[(i + k' - k) mod D].
/// N must be an initialized (R·K)×(R·K) matrix, 1 <= K <= D, R >= 1. Cost O(R²·K·D).
void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, long D, long K);

/// True iff 4I_{RK} - T Tᵀ ⪰ 0 exactly for the R rows λ_r (each of length D >= K >= 1),
/// T stacking the blocks T(λ_r). Throws std::invalid_argument on rows of unequal length or
/// entries that are not rationals "p" / "p/q".
bool regularizer_dual_feasible_multi(const std::vector<std::vector<std::string>>& lambda, long K);

/// True iff 4I_K - T(λ)T(λ)ᵀ ⪰ 0 exactly, i.e. ||T(λ)||_op <= 2. λ holds rationals "p" or
/// "p/q" (length D >= K >= 1); throws std::invalid_argument on anything else.
bool regularizer_dual_feasible(const std::vector<std::string>& lambda, long K);

} // namespace convcert::regularizer
