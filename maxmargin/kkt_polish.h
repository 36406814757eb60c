// Newton polish of the max-margin SDP's point on its optimality (KKT) system restricted to an
// active set S of samples (MATH.md §7-§9): a network of C0 channels (u_c ∈ R^{R·K}, v_c ∈ R^D)
// and multipliers α_S with λ = sum_{i∈S} α_i y_i x_i satisfy
//     T(λ) v_c = 2 u_c,   T(λ)ᵀ u_c = 2 v_c   (every c),     y_i <W, x_i> = 1   (i ∈ S),
// W = sum_c u_c * v_c, T stacking the R blocks T(λ_r) (T[k][i] = λ_r[grid_shift(g, i, k)] on
// the grid g of certify/grid.h; in 1-D λ_r[(i+k) mod D]). The system
// is square but singular along the channel rotations, so each Gauss–Newton step is a
// minimum-norm least-squares solve. SDPA stops at a relative gap of 1e-6..1e-4 depending on
// the BLAS; this recovers the digits. Untrusted: α and W are only candidates that
// lower_bound.h and the regularizer bracket turn into exact bounds.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"

#include <vector>

namespace convcert::maxmargin {

struct MaxmarginKkt {
    std::vector<double> W;              ///< R·D, sum_c u_c * v_c at the refined point
    std::vector<std::vector<double>> u; ///< C0 kernels, each R·K (u[c][r·K + k])
    std::vector<std::vector<double>> v; ///< C0 vectors of D
    std::vector<double> alpha;          ///< n multipliers, 0 outside S (may be slightly negative)
    double cost = 0;                    ///< sum_c ||u_c||² + ||v_c||² at the refined point
    double residual = 0;                ///< ||F||_2 at the end
    double initial_residual = 0;        ///< ||F||_2 at the start
    /// ||T(λ)||_op at the refined α (λ = sum_s α_s y_s x_s): <= 2 at the optimum (dual
    /// feasibility, MATH.md §7); above 2 at a stationary point that is not the optimum
    double dual_norm = 0;
    long channels = 0;  ///< C0: eigenvectors of the Gram matrix kept
    long active = 0;    ///< |S|
    int iterations = 0; ///< Newton steps accepted
};

/// Largest number of unknowns C0·(R·K + D) + |S| the polish takes on (each step is a dense
/// O(m³) solve); larger instances are left unpolished.
inline constexpr long kMaxmarginKktMaxUnknowns = 1500;

/// Starts from gram (the SDP's σ·Z, N×N column-major, N = R·K + D, maxmargin/sdp_maxmargin.h):
/// channels are its top `channels` eigenvectors (channels = 0: those with eigenvalue > 1e-6 of
/// the largest), S = {i : α0_i > 1e-4 max α0}. Takes damped Gauss–Newton steps while ||F||
/// decreases, at most max_iterations. K = grid_kernel_size(g). Preconditions:
/// maxmargin_grid_validate(d, g) (grid_validate.h), channels >= 0, gram of size N², alpha0 of
/// size n, all finite (std::invalid_argument otherwise). Throws std::runtime_error when the
/// start is degenerate (Z = 0 or α0 = 0) or has more than kMaxmarginKktMaxUnknowns unknowns.
MaxmarginKkt maxmargin_kkt_polish(const data::Dataset& d, const Grid& g,
                                  const std::vector<double>& gram,
                                  const std::vector<double>& alpha0, long channels = 0,
                                  int max_iterations = 30);

/// The 1-D form: the grid 1×D with kernel 1×K.
inline MaxmarginKkt maxmargin_kkt_polish(const data::Dataset& d, long K,
                                         const std::vector<double>& gram,
                                         const std::vector<double>& alpha0, long channels = 0,
                                         int max_iterations = 30) {
    return maxmargin_kkt_polish(d, grid_1d(d.D, K), gram, alpha0, channels, max_iterations);
}

} // namespace convcert::maxmargin
