// The hard-margin SVM min ||w||_2 s.t. <a_i, w> >= 1 (a_i = y_i x_i) by dual coordinate ascent,
// a method independent of convcert's SDP stages: the max-margin value at K = 1 is 2·||w_svm||_2
// (MATH.md, closed forms). Used by the independent-check test and bench of issue 14.
#pragma once

#include <vector>

namespace convcert::peers {

struct PeersSvmResult {
    double lower = 0, upper = 0; ///< a bracket of 2·min ||w||_2 (the K = 1 max-margin value)
    long sweeps = 0;
    bool converged = false; ///< upper / lower - 1 <= the requested relative gap
};

/// Dual coordinate ascent on max sum α - ||sum α_i a_i||²/2, α >= 0: in each sweep (samples in
/// order) α_i <- max(0, α_i + (1 - <a_i, w>) / ||a_i||²), w = sum α_i a_i. Bracket: the dual
/// value gives ||w*||² >= 2·(sum α - ||w||²/2); w / min_i <a_i, w> is feasible, so ||w*|| <=
/// ||w|| / min_i <a_i, w>. Stops when upper / lower - 1 <= relative_gap or after max_sweeps.
/// Preconditions: rows a nonempty, of equal length, each nonzero (std::invalid_argument).
/// Data that are not separable never converge (the bracket stays wide or lower stays 0).
PeersSvmResult peers_svm_dual_ascent(const std::vector<std::vector<double>>& a, double relative_gap,
                                     long max_sweeps);

} // namespace convcert::peers
