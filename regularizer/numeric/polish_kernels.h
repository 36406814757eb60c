// Levenberg–Marquardt refinement of C0 kernels for any number R of input channels (MATH.md
// §3.1 and §8): F(U) = ||U||² + (1/D) sum_d Ŵ_dᴴ Σ_d⁻¹ Ŵ_d with Σ_d = Û_d Û_dᴴ, i.e. the cost
// of U with its least-norm V. The bracket uses it at R > 1 and 1 < K < D on the eigen-kernels
// of the optimal Gram matrix (bracket_kernels.cpp); at R = 1 the kernel is the spectral factor
// of r*, refined on the autocorrelation instead (polish_autocorrelation.h). maxmargin/ and
// reproduce/ use it too. SDPA stalls near a relative gap of 1e-7 on these problems; this
// recovers the digits of the upper bound (dual_barrier.h does the same for the lower bound).
// Untrusted: the kernels are only candidates for exact/network.h.
#pragma once

#include "certify/grid.h"
#include "regularizer/numeric/closed_form.h"

#include <vector>

namespace convcert::regularizer {

struct RegularizerPolishKernels {
    Kernels kernels;        ///< refined kernels (same C0, R, K)
    double value = 0;       ///< F at the refined kernels
    double start_value = 0; ///< F at the given kernels
    int iterations = 0;
};

/// F(U) in double on the grid g (W rows of grid_signal_size(g), kernels rows of
/// grid_kernel_size(g)); +inf when some Σ_d with Ŵ_d ≠ 0 is not positive definite.
double regularizer_polish_kernels_value(const Rows& W, const Grid& g, const Kernels& kernels);

/// Damped Newton (finite-difference Hessian of the analytic gradient, Levenberg–Marquardt
/// damping for the rotation-invariant and flat directions) from `kernels`, until F <=
/// stop_value, the decrease stalls, max_iterations steps or max_seconds (a wall-clock cap makes
/// the result depend on the machine: bracket_kernels.cpp passes infinity). Near a boundary
/// optimum (some Σ_d singular at the optimum, common for R > 1) convergence is only linear,
/// hence the caps. Cost per step O(n·C0·R·K·D + n³) with n = C0·R·K: keep n in the hundreds.
/// Preconditions: W has R rows of D, kernels C0 >= 1 kernels of R rows of K (D and K those of
/// the grid g), F(kernels) finite; throws std::invalid_argument otherwise.
RegularizerPolishKernels regularizer_polish_kernels(const Rows& W, const Grid& g,
                                                    const Kernels& kernels, int max_iterations = 30,
                                                    double stop_value = 0, double max_seconds = 30);

/// The 1-D grid of W and the kernels: 1×D with kernel 1×K (0 for missing rows).
inline Grid regularizer_polish_grid_1d(const Rows& W, const Kernels& kernels) {
    return grid_1d(W.empty() ? 0 : static_cast<long>(W[0].size()),
                   kernels.empty() || kernels[0].empty() ? 0
                                                         : static_cast<long>(kernels[0][0].size()));
}

/// The 1-D forms (regularizer_polish_grid_1d).
inline double regularizer_polish_kernels_value(const Rows& W, const Kernels& kernels) {
    return regularizer_polish_kernels_value(W, regularizer_polish_grid_1d(W, kernels), kernels);
}
inline RegularizerPolishKernels regularizer_polish_kernels(const Rows& W, const Kernels& kernels,
                                                           int max_iterations = 30,
                                                           double stop_value = 0,
                                                           double max_seconds = 30) {
    return regularizer_polish_kernels(W, regularizer_polish_grid_1d(W, kernels), kernels,
                                      max_iterations, stop_value, max_seconds);
}

} // namespace convcert::regularizer
