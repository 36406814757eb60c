// The 2-D question (MATH.md, "Two-dimensional signals"): for a 2-D bracket at R = 1, does one
// channel reach the SDP lower bound? The Lemma fails in 2-D, so the certified network may need
// C0 > 1 channels; this runs the one-channel local search (one_channel_search.h) from the top
// eigen-kernel of the SDP's Gram matrix and from seeded random kernels, and reports the best
// one-channel cost found against the certified lower bound. Numerical evidence for the report
// only (not in the certificate): "not reached" is not a proof that C = 1 stays above.
#pragma once

#include "certify/grid.h"

#include <vector>

namespace convcert::regularizer {

struct RegularizerOneChannel {
    bool tried = false;   ///< false unless R = 1, a 2-D grid and 1 < K < D
    double value = 0;     ///< least one-channel cost 2 sqrt(φ(u)) found (+inf if none finite)
    double gap = 0;       ///< (value - lower)/value
    bool reached = false; ///< gap <= tolerance
    int starts = 0;
};

/// K·D above which the bracket runs at most two starts (one evaluation of φ costs about
/// K·(K·D) operations): 28×28 with 8×8 kernels (50176) runs all of them, 8 in about 3 s of CPU;
/// 28×28 with 16×16 kernels (200704) two.
inline constexpr long kOneChannelLargeWork = 65536;

/// The number of starts the bracket runs for a kernel of K entries on D: `starts`, at most 2
/// when K·D > kOneChannelLargeWork. Precondition: K, D >= 1.
int regularizer_one_channel_starts(long K, long D, int starts);

/// w: one row of D = grid_signal_size(g) doubles, not zero; gram: the SDP's optimal Gram matrix
/// (K², row-major; empty: random starts only); lower > 0 the certified lower bound. Runs
/// `starts` >= 1 local searches (the Gram start first, then seeded random kernels;
/// deterministic) and calls the result reached when its relative gap over `lower` is at most
/// `tolerance`.
RegularizerOneChannel regularizer_one_channel_report(const std::vector<double>& w, const Grid& g,
                                                     const std::vector<double>& gram, double lower,
                                                     double tolerance, int starts = 8);

} // namespace convcert::regularizer
