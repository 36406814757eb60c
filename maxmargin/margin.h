// Margins of a predictor W (R rows of D) on a dataset: the exact minimum margin
// min_i y_i <W, x_i>, and the one search for a factor c that brings every margin of c·W to at
// least 1 exactly (MATH.md §9: the max-margin problem's constraint). All of them read the
// stored numerators d.x and ignore d.x_den: on data x / x_den (data/dataset.h) the margins
// here are x_den times the samples' margins (the caller divides, as
// experiment/paper_mnist_certify does, or works on the numerators throughout, as
// maxmargin/denominator.h does).
#pragma once

#include "data/dataset.h"
#include "support/flint_raii.h"

#include <functional>
#include <vector>

namespace convcert::maxmargin {

/// The exact min_i y_i <W, x_i> into out, x_i the numerators d.x[i] (d.x_den is ignored: the
/// samples' minimum margin is out / d.x_den). Precondition: W is d.R × d.D.
void maxmargin_min_margin_exact(fmpq_t out, const data::Dataset& d, const support::FmpqMat& W);

/// The exact minimum margin of doubles W (R·D, each read as its exact value), rounded to
/// double; used by callers that rescale predictors. Precondition: W has d.R·d.D entries.
double maxmargin_min_margin(const data::Dataset& d, const std::vector<double>& W);

/// The first c = (1/m)(1 + 2^-e), e = 50, 46, ..., 10, as a double, for which reaches(c) holds
/// (the caller's exact test that its predictor scaled by c has every margin >= 1). m > 0 is
/// the unscaled minimum margin. Throws std::runtime_error if none does.
double maxmargin_scale_search(double m, const std::function<bool(double)>& reaches);

/// The factor c of maxmargin_scale_search for the exact predictor W: every margin of c·W is
/// >= 1 exactly. Throws std::invalid_argument if W does not separate the data.
double maxmargin_scale_exact(const data::Dataset& d, const support::FmpqMat& W);

/// W scaled by the smallest factor found (a double c >= 1/min margin) such that every margin
/// of c·W is >= 1 exactly after each entry is rounded to double. Precondition: min margin > 0
/// (std::invalid_argument otherwise).
std::vector<double> maxmargin_scale_to_margin(const data::Dataset& d, const std::vector<double>& W);

} // namespace convcert::maxmargin
