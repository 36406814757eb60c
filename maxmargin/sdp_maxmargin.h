// The max-margin SDP of MATH.md §9: min R_{K,∞}(W) s.t. y_i <W, x_i> >= 1, in the talk's full
// formulation (MATH.md §6) extended to R input channels and margin constraints, solved by
// SDPA (regularizer/sdp/sdpa_run.h), on a grid (certify/grid.h; K = K1·K2, D = D1·D2, flat
// row-major indices). Untrusted numerics; maxmargin/bracket.h certifies the value.
//   Y = diag(Z, s_1, ..., s_n), Z ⪰ 0 of size R·K + D, s_i >= 0 the margin slacks;
//   (D) max -tr Z  s.t.  <Z, M_i> - s_i = 1,  M_i = sum_{r,j} y_i x̃_i[r][j] A_{r,j},
//   A_{r,j} = 1/2 at (r·K + k, R·K + grid_unshift(g, j, k)) and its mirror, k < K (in 1-D,
//   R·K + ((j - k) mod D)),
// with x̃ = x / max_i ||x_i|| for conditioning. W[r][j] = <Z, A_{r,j}>; the multipliers
// a = -x_SDPA >= 0 satisfy I - sum a_i M_i ⪰ 0, i.e. λ = sum a_i y_i x̃_i is dual feasible.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_run.h"

#include <string>
#include <vector>

namespace convcert::maxmargin {

/// The SDP data (x scaled as above; data.scale holds the factor σ = 1/max ||x_i||).
/// Preconditions: maxmargin_grid_validate(d, g) (grid_validate.h; std::invalid_argument).
regularizer::RegularizerSdpData maxmargin_sdp_data(const data::Dataset& d, const Grid& g);

struct MaxmarginSdpResult {
    std::vector<double> W;     ///< R·D, the primal predictor for the unscaled x (margins ≈ 1)
    std::vector<double> alpha; ///< n multipliers for the unscaled x (λ = sum α_i y_i x_i)
    /// σ·Z, N×N column-major (N = R·K + D): the Gram matrix of a network (u; v) for the
    /// unscaled x, u in the first R·K rows; empty when SDPA returned no Y
    std::vector<double> gram;
    double primal = 0; ///< tr Z in unscaled units (≈ the optimum)
    double dual = 0;   ///< sum α_i
    std::string phase;
    bool optimal = false;
    int iterations = 0;
    double seconds = 0;
};

/// Solves the SDP. Preconditions as maxmargin_sdp_data.
MaxmarginSdpResult maxmargin_sdp_solve(const data::Dataset& d, const Grid& g,
                                       const regularizer::RegularizerSdpOptions& options = {});

/// The 1-D forms: the grid 1×D with kernel 1×K (a dataset's shape, if any, is read flat).
inline regularizer::RegularizerSdpData maxmargin_sdp_data(const data::Dataset& d, long K) {
    return maxmargin_sdp_data(d, grid_1d(d.D, K));
}
inline MaxmarginSdpResult
maxmargin_sdp_solve(const data::Dataset& d, long K,
                    const regularizer::RegularizerSdpOptions& options = {}) {
    return maxmargin_sdp_solve(d, grid_1d(d.D, K), options);
}

} // namespace convcert::maxmargin
