// The maxmargin-bracket certificate (docs/certificates.md): the SDP of sdp_maxmargin.h solved
// numerically and its point refined on the KKT system (kkt_polish.h), an exact lower bound
// from the multipliers (lower_bound.h) and an exact upper bound from the predictor W, rescaled
// until every margin y_i <W, x_i> >= 1 holds exactly and bracketed by the regularizer pipeline
// (regularizer/bracket.h, bracket_multi.h for R > 1), whose network realizes W at cost upper.
// The refined point is used where it is at least as good as SDPA's: the larger exact lower
// bound, and, when its estimated cost at margin 1 is no larger than SDPA's, the refined
// network itself made exact (network_upper.h) for the upper bound.
#pragma once

#include "certify/certificate.h"
#include "data/dataset.h"

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

/// Builds the certificate. Preconditions: d valid, 1 <= K <= D (std::invalid_argument).
/// Throws std::runtime_error if the SDP finds no optimum (e.g. the data are not separable by
/// a linear predictor: the problem is infeasible) or a bound cannot be made exact.
Certificate maxmargin_certificate(const data::Dataset& d, long K, MaxmarginReport* report);

/// The exact minimum margin min_i y_i <W, x_i> of doubles W (each read as its exact value),
/// rounded to double; used by callers that rescale predictors.
double maxmargin_min_margin(const data::Dataset& d, const std::vector<double>& W);

/// W scaled by the smallest factor found (a double c >= 1/min margin) such that every margin
/// of c·W is >= 1 exactly; each entry is rounded to double. Precondition: min margin > 0
/// (std::invalid_argument otherwise).
std::vector<double> maxmargin_scale_to_margin(const data::Dataset& d, const std::vector<double>& W);

} // namespace convcert::maxmargin
