// The stacked T(x) of MATH.md §8 in double precision: for R rows x_r of length D (x flattened
// row-major, x[r·D + i]) and kernel size K, the (R·K)×D matrix with
// T[r·K + k][i] = x_r[(i + k) mod D]. Used by the numerical refinements (dual barrier, the
// max-margin KKT polish); the exact side builds T(λ)T(λ)ᵀ over the integers (dual_feasible.h).
#pragma once

#include <Eigen/Dense>

namespace convcert::regularizer {

/// T(x) as above. Preconditions: x holds R·D doubles, R >= 1, 1 <= K <= D.
Eigen::MatrixXd regularizer_toeplitz_stacked(const double* x, long R, long D, long K);

} // namespace convcert::regularizer
