// The dual feasibility of MATH.md §7-§8 decided exactly: 4I_{RK} - T(λ)T(λ)ᵀ ⪰ 0 for rational
// λ (R rows of D), T stacking the R blocks T(λ_r), T(λ_r)[k][i] = λ_r[(i+k) mod D]. Untrusted
// generator code (the checker re-decides it).
#pragma once

#include "support/flint_raii.h"

namespace convcert::regularizer {

/// The stacked Gram N = T(n)T(n)ᵀ of MATH.md §8 for R integer rows n_r of length D (n is
/// row-major R·D): block (r, r') entry (k, k') is sum_i n_r[i] n_r'[(i + k' - k) mod D].
/// N must be an initialized (R·K)×(R·K) matrix, 1 <= K <= D, R >= 1. Cost O(R²·K·D).
void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, long D, long K);

/// True iff 4q² I - p² N ⪰ 0 exactly, i.e. ||T(p/q · n)||_op <= 2 for the integer rows n with
/// N = T(n)T(n)ᵀ (regularizer_gram_integer_stacked). N is not modified.
bool regularizer_gram_bounded(const fmpz_mat_t N, const fmpz_t p, const fmpz_t q);

/// True iff 4I_{RK} - T(λ)T(λ)ᵀ ⪰ 0 exactly for λ with R >= 1 rows of D >= K >= 1 entries.
/// Throws std::invalid_argument on bad shapes.
bool regularizer_dual_feasible(const support::FmpqMat& lambda, long K);

} // namespace convcert::regularizer
