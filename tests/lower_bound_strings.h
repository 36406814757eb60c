// Test helper: the lower bound (regularizer/exact/lower_bound.h) with string inputs and outputs,
// so that the tests can state their instances and compare results as rationals "p" / "p/q".
// A thin conversion around regularizer_lower_bound; the generator itself never uses strings here.
#pragma once

#include "regularizer/exact/lower_bound.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// The R = 1 result as strings (fields as in RegularizerLowerBound).
struct RegularizerLowerBoundStrings {
    std::vector<std::string> lambda;
    std::string scale;
    std::string lower;
    double lower_double = 0;
    int attempts = 0;
    double seconds = 0;
};

/// The result for R rows as strings (fields as in RegularizerLowerBound).
struct RegularizerLowerBoundMulti {
    std::vector<std::vector<std::string>> lambda;
    std::string scale;
    std::string lower;
    double lower_double = 0;
    int attempts = 0;
    double seconds = 0;
};

/// regularizer_lower_bound for one row: λ (length D), w (D rationals). Throws as it does, and
/// std::invalid_argument on entries of w that are not rationals.
RegularizerLowerBoundStrings regularizer_lower_bound(const std::vector<double>& lambda,
                                                     const std::vector<std::string>& w, long K);

/// The same with w given as doubles, each read as the exact rational it represents.
RegularizerLowerBoundStrings regularizer_lower_bound(const std::vector<double>& lambda,
                                                     const std::vector<double>& w, long K);

/// regularizer_lower_bound for R rows of W given as rationals.
RegularizerLowerBoundMulti
regularizer_lower_bound_multi(const std::vector<std::vector<double>>& lambda,
                              const std::vector<std::vector<std::string>>& W, long K,
                              int bits = kLambdaBits);

} // namespace convcert::regularizer
