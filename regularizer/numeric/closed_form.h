// Closed forms of MATH.md §8 for R input channels, in double: K = 1 (R = 2||W||_*, the nuclear
// norm of the R×D matrix) and K = D (R = (2/D) sum_d ||Ŵ[:,d]||_2), with their optimal dual
// λ and numerical kernels of a near-optimal network (the exact V is computed afterwards).
// K = D is the full kernel K1×K2 = D1×D2 of a grid (certify/grid.h) with its 2-D DFT.
#pragma once

#include "certify/grid.h"

#include <vector>

namespace convcert::regularizer {

using Rows = std::vector<std::vector<double>>; ///< R rows of D (or K) doubles
using Kernels = std::vector<Rows>;             ///< C0 kernels, each R rows of K

/// 2||W||_* (sum of singular values).
double regularizer_value_k1(const Rows& W);

/// λ = 2·(polar factor of W) = 2 A Bᵀ over the singular triplets with σ > 1e-14 σ_max: at K = 1
/// T = λ and ||λ||_op = 2.
Rows regularizer_lambda_k1(const Rows& W);

/// K = 1 kernels from the SVD W = sum_i σ_i a_i b_iᵀ: u_i = sqrt(σ_i) a_i (R×1), i = 0..R-1
/// (then v_i = sqrt(σ_i) b_i and the cost is 2 sum σ_i). Zero singular values are raised to
/// 1e-12 σ_max so that U Uᵀ stays invertible for the exact least-norm V.
Kernels regularizer_kernels_k1(const Rows& W);

/// (2/D) sum_d ||Ŵ[:,d]||_2 with the DFT of the grid g (rows of grid_signal_size(g)).
double regularizer_value_kd(const Rows& W, const Grid& g);

/// λ̂[:,d] = 2 Ŵ[:,d]/||Ŵ[:,d]|| (0 where Ŵ[:,d] = 0), λ_r = IDFT(λ̂_r), on the grid g.
Rows regularizer_lambda_kd(const Rows& W, const Grid& g);

/// K = D kernels on the grid g: R channels from the Fourier side. At each frequency an
/// orthonormal basis e_1 = Ŵ_d/||Ŵ_d||, e_2..e_R of C^R (conjugated at -d, real where d = -d);
/// û_1[:,d] = sqrt(||Ŵ_d||) e_1 and û_c[:,d] = δ e_c for c >= 2 (δ e_1 where Ŵ_d = 0). The
/// optimum needs δ = 0 (a rank-one Σ_d) but then U U* is singular; δ² costs (R-1)δ² and
/// keeps the exact least-norm V within about the rounding error of the optimum.
Kernels regularizer_kernels_kd(const Rows& W, const Grid& g, double delta);

/// The 1-D forms: the grid 1×D.
inline double regularizer_value_kd(const Rows& W) {
    return regularizer_value_kd(W, grid_1d(static_cast<long>(W[0].size()), 1));
}
inline Rows regularizer_lambda_kd(const Rows& W) {
    return regularizer_lambda_kd(W, grid_1d(static_cast<long>(W[0].size()), 1));
}
inline Kernels regularizer_kernels_kd(const Rows& W, double delta) {
    return regularizer_kernels_kd(W, grid_1d(static_cast<long>(W[0].size()), 1), delta);
}

} // namespace convcert::regularizer
