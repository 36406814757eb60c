// Test helper: the exact lower bound (regularizer/exact/lower_bound.h) and the exact dual
// feasibility test (regularizer/exact/dual_feasible.h) with string inputs and outputs, so that
// the tests can state their instances and compare results as rationals "p" / "p/q" (the fields
// of certificates). Thin conversions; the generator itself never uses strings here.
#pragma once

#include "regularizer/exact/dual_feasible.h"
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
struct RegularizerLowerBoundRowsStrings {
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
RegularizerLowerBoundRowsStrings
regularizer_lower_bound_rows(const std::vector<std::vector<double>>& lambda,
                             const std::vector<std::vector<std::string>>& W, long K,
                             int bits = kLambdaBits);

/// regularizer_dual_feasible for R rows of rationals "p" / "p/q". Throws std::invalid_argument
/// on unequal rows or entries that are not rationals.
bool regularizer_dual_feasible_strings(const std::vector<std::vector<std::string>>& lambda, long K);

/// The same for one row (R = 1).
bool regularizer_dual_feasible_strings(const std::vector<std::string>& lambda, long K);

} // namespace convcert::regularizer
