// The upper bound of a maxmargin-bracket: exact margin-feasible networks from every source on
// offer, all completed by the shared exact builders (network_upper.h, regularizer/exact/
// network.h), and the choice among them. Sources: the KKT-polished network itself and its top
// R channels; the SDP's Gram matrix with R .. 2R + 2 channels and its numerical rank, plain and
// with R lift channels (boundary optima, where the optimal Σ_d is singular); closed-form SVD /
// Fourier kernels at K = 1 and K = D (on a 2-D grid K = 1×1 and K = D1×D2, the 2-D DFT); when
// all of these stay more than 1e-9 above the lower bound, the Gram kernels refined by the
// regularizer's Newton polish for SDPA's W. No second regularizer bracket (and no second SDP)
// runs. Everything on the grid g (certify/grid.h).
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "maxmargin/kkt_polish.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"

#include <optional>
#include <string>

namespace convcert::maxmargin {

/// An exact margin-feasible network and how it was made.
struct MaxmarginUpperCandidate {
    MaxmarginNetwork m;
    std::string method;
    bool polished = false; ///< from the KKT-polished point
};

/// The cheapest candidate, or for R > 1 the cheapest with at most R channels when it is within
/// 1e-10 of it (its upper bound then holds for every C >= R). lower: the certified lower bound
/// (decides whether the refinement runs). Preconditions: maxmargin_grid_validate(d, g)
/// (grid_validate.h), sdp with a Gram matrix and a separating W. Throws std::runtime_error when
/// no candidate can be made exact.
MaxmarginUpperCandidate maxmargin_upper_bound(const data::Dataset& d, const Grid& g,
                                              const MaxmarginSdpResult& sdp,
                                              const std::optional<MaxmarginKkt>& kkt, double lower);

} // namespace convcert::maxmargin
