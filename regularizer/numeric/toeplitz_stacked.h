// The stacked T(x) of MATH.md §8 in double precision: for R rows x_r of length D (x flattened
// row-major, x[r·D + i]) on the grid g, the (R·K)×D matrix with
// T[r·K + k][i] = x_r[grid_shift(g, i, k)] (in 1-D, x_r[(i + k) mod D]). Used by the numerical
// refinements (dual barrier, the max-margin KKT polish); the exact side builds T(λ)T(λ)ᵀ over
// the integers (dual_feasible.h).
#pragma once

#include "certify/grid.h"

#include <Eigen/Dense>

namespace convcert::regularizer {

/// T(x) as above. Preconditions: x holds R·D doubles, R >= 1, g a valid grid.
Eigen::MatrixXd regularizer_toeplitz_stacked(const double* x, long R, const Grid& g);

/// The 1-D T(x): the grid 1×D with kernel 1×K, 1 <= K <= D.
inline Eigen::MatrixXd regularizer_toeplitz_stacked(const double* x, long R, long D, long K) {
    return regularizer_toeplitz_stacked(x, R, grid_1d(D, K));
}

} // namespace convcert::regularizer
