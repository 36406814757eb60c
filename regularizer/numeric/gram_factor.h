// Kernels from a numerical Gram matrix of stacked kernels: X ≈ sum_c z_c z_cᵀ with
// z_c = vec(u_c) ∈ R^{R·K} (index (r, k) -> r·K + k), by a symmetric eigendecomposition that
// keeps the eigenvalues above a relative threshold (C0 <= R·K channels). Double precision.
#pragma once

#include "regularizer/numeric/closed_form.h"

#include <vector>

namespace convcert::regularizer {

/// X row-major (R·K)², symmetric (only approximately PSD). Returns the kernels
/// u_c = sqrt(μ_c)·(eigenvector c reshaped to R×K) for the eigenvalues μ_c > rel_tol·μ_max,
/// largest first; empty when μ_max <= 0. Precondition: R, K >= 1, X.size() == (R·K)².
Kernels regularizer_gram_factor(const std::vector<double>& X, long R, long K, double rel_tol);

} // namespace convcert::regularizer
