// The exact upper bound of a maxmargin-bracket where the regularizer has a closed form (one input
// channel, K = 1×1 or K = D1×D2, MATH.md §5 and "Two-dimensional signals"): the optimal one-channel
// network of the numeric stage's predictor W, u = √||W|| and v = W/u at K = 1, û(d) = √|Ŵ(d)| and
// v̂ = Ŵ/û at K = D (cost 2||W||₂, resp. (2/D) Σ_d |Ŵ(d)|), in doubles, then made exact as the KKT
// network is (network_upper.h: the exact predictor u * v, scaled until every margin is >= 1). No
// least-norm solve, no Gram eigenvectors: O(D·K) exact products.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "maxmargin/upper_bound.h"

#include <vector>

namespace convcert::maxmargin {

/// The network (u, v) in doubles (K and D entries) for W (D doubles): see the header comment.
/// Preconditions: maxmargin_barrier_spectral_applies(1, g) (barrier_spectral.h), W of
/// grid_signal_size(g) finite entries (std::invalid_argument otherwise).
void maxmargin_closed_form_network(const Grid& g, const std::vector<double>& W,
                                   std::vector<double>& u, std::vector<double>& v);

/// The exact candidate from that network for the data's W (separating). Preconditions:
/// maxmargin_grid_validate(d, g), d.R = 1 and the grid as above (std::invalid_argument).
/// Throws std::runtime_error when the exact predictor does not separate the data.
MaxmarginUpperCandidate maxmargin_upper_closed_form(const data::Dataset& d, const Grid& g,
                                                    const std::vector<double>& W);

} // namespace convcert::maxmargin
