// The exact upper bound of a maxmargin-bracket: a rational network whose predictor w has every
// margin y_i <w, x_i> >= 1 exactly, and its exact cost sum_c ||u_c||² + ||v_c||². Two sources,
// both ending in the shared exact network type (regularizer/exact/network.h):
//   - a network in doubles (the KKT polish's, kkt_polish.h): each double read as its exact
//     rational, v scaled by the factor of margin.h; it realizes its own w by construction, so
//     no least-norm solve is needed (that fails where û vanishes, which optimal networks do);
//   - the SDP's Gram matrix Z = [U; V][U; V]ᵀ and predictor W: kernels from Z's top
//     eigenvectors, W scaled to margin 1, the exact least-norm V by the shared builder; on 2-D
//     grids above kMaxmarginExactLeastNormMaxSize the least-norm V in double instead, the
//     network then certified as in the first case (its own predictor, ≈ W).
// Everything on a grid (certify/grid.h): K = grid_kernel_size(g), D = grid_signal_size(g); the
// shared builder takes the polynomial least-norm route in 1-D and the dense one in 2-D.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "regularizer/exact/network.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::maxmargin {

struct MaxmarginNetwork {
    regularizer::RegularizerNetwork net; ///< realizes w exactly; net.cost is the upper bound
    support::FmpqMat w;                  ///< R rows of D, every margin >= 1 exactly
};

/// u: C0 >= 1 kernels of R·K doubles (u[c][r·K + k]), v: C0 vectors of D doubles, all finite.
/// Preconditions: maxmargin_grid_validate(d, g) (grid_validate.h), shapes as stated
/// (std::invalid_argument otherwise). Throws std::runtime_error if w does not separate the data.
MaxmarginNetwork maxmargin_network_from_kkt(const data::Dataset& d, const Grid& g,
                                            const std::vector<std::vector<double>>& u,
                                            const std::vector<std::vector<double>>& v);

/// The largest R·D of a 2-D grid (D1 > 1) on which maxmargin_network_from_kernels solves for
/// the exact least-norm V. Above it the dense exact solve dominates the whole bracket (D = 784:
/// tens of seconds per solve, a dozen solves) and V's denominators grow like D·(2·bits) bits
/// per entry (certificates of hundreds of MB that the checker cannot reduce in its limits).
inline constexpr long kMaxmarginExactLeastNormMaxSize = 64;

/// Numerical kernels (C0 >= 1, each R rows of K doubles) completed for the predictor W (R·D
/// doubles separating the data). In 1-D and on 2-D grids with R·D <= kMaxmarginExactLeast-
/// NormMaxSize: W is first scaled to margin 1 exactly, the kernels are rounded to 24, 32 and 44
/// bits and the cheapest exact least-norm network wins (it realizes W exactly). Larger 2-D
/// grids: V is the least-norm V in doubles (regularizer/numeric/least_norm_double.h), kernels
/// and V are rounded to 52 bits on one power-of-two grid each, and the network's own predictor
/// (≈ W) is scaled to margin 1 as in maxmargin_network_from_kkt: a max-margin upper bound needs
/// a margin-feasible network, not W itself, and the evidence stays a few dozen digits an entry.
/// Throws std::invalid_argument on bad shapes or a W that does not separate,
/// std::runtime_error when no rounding gives an exact least-norm V (e.g. fewer than R
/// independent kernels) or the network's own predictor does not separate.
MaxmarginNetwork
maxmargin_network_from_kernels(const data::Dataset& d, const Grid& g,
                               const std::vector<std::vector<std::vector<double>>>& kernels,
                               const std::vector<double>& W);

/// The 1-D forms of the two functions above: the grid 1×D with kernel 1×K.
inline MaxmarginNetwork maxmargin_network_from_kkt(const data::Dataset& d, long K,
                                                   const std::vector<std::vector<double>>& u,
                                                   const std::vector<std::vector<double>>& v) {
    return maxmargin_network_from_kkt(d, grid_1d(d.D, K), u, v);
}
inline MaxmarginNetwork
maxmargin_network_from_kernels(const data::Dataset& d, long K,
                               const std::vector<std::vector<std::vector<double>>>& kernels,
                               const std::vector<double>& W) {
    return maxmargin_network_from_kernels(d, grid_1d(d.D, K), kernels, W);
}

/// The kernels of a Gram matrix (N×N column-major, N = R·K + D, sdp_maxmargin.h): its top
/// `channels` eigenvectors, each sqrt(eigenvalue) times its first R·K entries as R rows of K,
/// then `lift` more: δ·e_(r,0) for r < R when lift > 0 (δ = lift), so that Σ_d ⪰ δ² I stays
/// invertible at a boundary optimum (where the optimal Σ_d is singular) at a cost of R·δ².
std::vector<std::vector<std::vector<double>>>
maxmargin_gram_kernels(const std::vector<double>& gram, long R, long K, long channels,
                       double lift = 0);

} // namespace convcert::maxmargin
