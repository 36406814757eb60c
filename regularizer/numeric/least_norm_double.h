// The least-norm second layer in double precision on a grid (MATH.md §3.1, §8, "Two-dimensional
// signals"): for C0 kernels u_c (R rows each) and W (R rows), the V of least norm with
// sum_c u_c[r] * v_c = W[r], frequency by frequency: v̂_d is the minimum-norm solution of
// Û_d v̂_d = Ŵ_d (Û_d the R×C0 matrix û_c[r](d)), i.e. Û_dᴴ Σ_d⁻¹ Ŵ_d where Σ_d is invertible.
// Untrusted numerics: exact/least_norm.h is the exact counterpart, and maxmargin/ certifies the
// predictor a rounded V realizes instead of W itself.
#pragma once

#include "certify/grid.h"
#include "regularizer/numeric/closed_form.h" // Rows, Kernels

#include <vector>

namespace convcert::regularizer {

/// V (C0 rows of D = grid_signal_size(g)) for W (R rows of D) and the kernels (C0 >= 1, each R
/// rows of grid_kernel_size(g)); v̂_c(d) = 0 where every û_c[r](d) vanishes. At R = 1,
/// v̂_c = conj(û_c) Ŵ / sum_c' |û_c'|². O(C0·R·D²) (dft.h). Preconditions: the shapes as stated
/// (std::invalid_argument otherwise).
Rows regularizer_least_norm_double(const Rows& W, const Grid& g, const Kernels& kernels);

/// The 1-D one-kernel form: v̂[d] = conj(û[d]) ŵ[d] / |û[d]|² (0 where û[d] = 0) on the grid
/// 1×D. Precondition: 1 <= u.size() <= w.size().
inline std::vector<double> regularizer_least_norm_double(const std::vector<double>& w,
                                                         const std::vector<double>& u) {
    const Grid g = grid_1d(static_cast<long>(w.size()), static_cast<long>(u.size()));
    return regularizer_least_norm_double(Rows{w}, g, Kernels{Rows{u}})[0];
}

} // namespace convcert::regularizer
