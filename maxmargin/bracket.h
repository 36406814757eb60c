// The maxmargin-bracket certificate (docs/certificates.md): the SDP of sdp_maxmargin.h solved
// numerically and its point refined on the KKT system (kkt_polish.h), an exact lower bound
// from the multipliers (lower_bound.h) and an exact upper bound from an exact network whose
// predictor has every margin y_i <W, x_i> >= 1 (network_upper.h): the refined network itself,
// or kernels from the refined point's or the SDP's Gram matrix completed by the shared
// least-norm builder (regularizer/exact/network.h); no second regularizer bracket runs. The
// larger exact lower bound and the cheapest exact network win (for R > 1 the cheapest with at
// most R channels, when there is one). On a grid (certify/grid.h): a 2-D grid's certificate
// carries "shape" and "kernel_shape", a 1-D one's does not (its bytes are those of 1-D K).
#pragma once

#include "certify/certificate.h"
#include "certify/grid.h"
#include "data/dataset.h"
#include "maxmargin/margin.h" // maxmargin_min_margin, maxmargin_scale_to_margin

#include <string>
#include <vector>

namespace convcert::maxmargin {

struct MaxmarginReport {
    std::string lower, upper; ///< exact
    double lower_double = 0, upper_double = 0, relative_gap = 0;
    double sdp_value = 0; ///< SDPA's primal value (≈ the optimum)
    std::string sdp_phase;
    double sdp_lower_double = 0; ///< the exact lower bound from SDPA's α alone, rounded
    /// "kkt C0=.. |S|=.. steps=.. residual=..", or "none: <why>"; then which parts were used
    std::string polish;
    bool polished_lower = false, polished_upper = false; ///< which bounds come from the polish
    std::vector<double> W; ///< the certified margin-feasible predictor w, R·D, rounded to doubles
    std::vector<std::vector<std::string>> w; ///< the same as rationals
    long channels = 1;                       ///< C0 of the upper bound's network
    double sdp_seconds = 0, polish_seconds = 0, lower_seconds = 0, upper_seconds = 0;
};

/// Builds the certificate for the samples d.x (the numerators: d.x_den is not used; see
/// denominator.h for x / x_den). Preconditions: maxmargin_grid_validate(d, g) (grid_validate.h)
/// (std::invalid_argument).
/// Throws std::runtime_error if the SDP finds no optimum (e.g. the data are not separable by
/// a linear predictor: the problem is infeasible) or a bound cannot be made exact.
Certificate maxmargin_certificate(const data::Dataset& d, const Grid& g, MaxmarginReport* report);

/// The 1-D form: the grid 1×D with kernel 1×K (a dataset's shape, if any, is read flat).
inline Certificate maxmargin_certificate(const data::Dataset& d, long K, MaxmarginReport* report) {
    return maxmargin_certificate(d, grid_1d(d.D, K), report);
}

} // namespace convcert::maxmargin
