// Test helpers around regularizer_lower_bound and regularizer_dual_feasible (see
// lower_bound_strings.h).
#include "tests/lower_bound_strings.h"

#include "support/rational_convert.h"

#include <stdexcept>

namespace convcert::regularizer {

namespace {

RegularizerLowerBoundRowsStrings lower_bound_to_strings(const RegularizerLowerBound& b) {
    RegularizerLowerBoundRowsStrings out;
    out.lambda = support::fmpq_mat_to_rows(b.lambda);
    out.scale = support::fmpq_get_string(b.scale.x);
    out.lower = support::fmpq_get_string(b.lower.x);
    out.lower_double = b.lower_double;
    out.attempts = b.attempts;
    out.seconds = b.seconds;
    return out;
}

RegularizerLowerBoundStrings single_row(RegularizerLowerBoundRowsStrings m) {
    RegularizerLowerBoundStrings out;
    out.lambda = std::move(m.lambda[0]);
    out.scale = std::move(m.scale);
    out.lower = std::move(m.lower);
    out.lower_double = m.lower_double;
    out.attempts = m.attempts;
    out.seconds = m.seconds;
    return out;
}

} // namespace

RegularizerLowerBoundStrings regularizer_lower_bound(const std::vector<double>& lambda,
                                                     const std::vector<std::string>& w, long K) {
    if (w.empty()) throw std::invalid_argument("regularizer_lower_bound: need D >= 1");
    return single_row(regularizer_lower_bound_rows({lambda}, {w}, K));
}

RegularizerLowerBoundStrings regularizer_lower_bound(const std::vector<double>& lambda,
                                                     const std::vector<double>& w, long K) {
    if (w.empty()) throw std::invalid_argument("regularizer_lower_bound: need D >= 1");
    const auto b = regularizer_lower_bound({lambda}, support::fmpq_mat_from_doubles({w}), K);
    return single_row(lower_bound_to_strings(b));
}

RegularizerLowerBoundRowsStrings
regularizer_lower_bound_rows(const std::vector<std::vector<double>>& lambda,
                             const std::vector<std::vector<std::string>>& W, long K, int bits) {
    const auto b = regularizer_lower_bound(lambda, support::fmpq_mat_from_rows(W, "W"), K, bits);
    return lower_bound_to_strings(b);
}

bool regularizer_dual_feasible_strings(const std::vector<std::vector<std::string>>& lambda,
                                       long K) {
    return regularizer_dual_feasible(support::fmpq_mat_from_rows(lambda, "λ"), K);
}

bool regularizer_dual_feasible_strings(const std::vector<std::string>& lambda, long K) {
    return regularizer_dual_feasible_strings(std::vector<std::vector<std::string>>{lambda}, K);
}

} // namespace convcert::regularizer
