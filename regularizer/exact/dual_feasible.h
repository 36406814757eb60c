// The dual feasibility of MATH.md §7-§8 decided exactly: 4I_{RK} - T(λ)T(λ)ᵀ ⪰ 0 for rational
// λ (R rows of D), T stacking the R blocks T(λ_r), T(λ_r)[k][i] = λ_r[grid_shift(g, i, k)]
// (in 1-D λ_r[(i+k) mod D]). Untrusted generator code (the checker re-decides it).
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

namespace convcert::regularizer {

/// The stacked Gram N = T(n)T(n)ᵀ of MATH.md §8 for R integer rows n_r of length D on the grid
/// g (n is row-major R·D): block (r, r') entry (k, k') is sum_i n_r[i] n_r'[i + o(k') - o(k)]
/// with o = grid_offset, each lag computed once. N must be an initialized (R·K)×(R·K) matrix,
/// R >= 1, g valid. Cost O(R²·(2K1-1)(2K2-1)·D).
void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, const Grid& g);

/// The 1-D form: the grid 1×D with kernel 1×K.
inline void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, long D, long K) {
    regularizer_gram_integer_stacked(N, n, R, grid_1d(D, K));
}

/// True iff 4q² I - p² N ⪰ 0 exactly, i.e. ||T(p/q · n)||_op <= 2 for the integer rows n with
/// N = T(n)T(n)ᵀ (regularizer_gram_integer_stacked). N is not modified.
bool regularizer_gram_bounded(const fmpz_mat_t N, const fmpz_t p, const fmpz_t q);

/// True iff 4I_{RK} - T(λ)T(λ)ᵀ ⪰ 0 exactly for λ with R >= 1 rows of D = grid_signal_size(g)
/// entries. Throws std::invalid_argument on bad shapes.
bool regularizer_dual_feasible(const support::FmpqMat& lambda, const Grid& g);

/// The 1-D form: the grid 1×D with kernel 1×K, D = λ's columns.
inline bool regularizer_dual_feasible(const support::FmpqMat& lambda, long K) {
    return regularizer_dual_feasible(lambda, grid_1d(lambda.cols(), K));
}

} // namespace convcert::regularizer
