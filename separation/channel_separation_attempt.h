// One attempt at a channel separation (issue 18), the library call behind `convcert separate`
// and `convcert reproduce`'s 2-D claims: from the regularizer bracket of w, U2 (the network of
// separate_network.h), L1 (one_channel_bound.h) and, when L1 > U2, the channel-separation
// certificate. Untrusted: the checker re-verifies the certificate.
#pragma once

#include "certify/certificate.h"
#include "regularizer/bracket.h"
#include "separation/one_channel_bound.h"
#include "separation/separate_network.h"

#include <string>
#include <vector>

namespace convcert::separation {

struct ChannelSeparationAttempt {
    /// The bracket's network has one channel: it reaches the certified lower bound of R_{K,C}(w)
    /// for every C within the bracket's gap, so nothing is to be separated (always so in 1-D and
    /// at K = D); no network and no branch and bound are computed.
    bool one_channel = false;
    bool separated = false; ///< L1 > U2: certificate holds the channel-separation certificate
    SeparateNetwork network;
    OneChannelBound bound;
    Certificate certificate;
    std::string reason; ///< why not separated (the certificate writer's message), else ""
};

/// The attempt for w (D = grid_signal_size(b.grid) exact values, w ≠ 0) from b, its bracket at
/// R = 1. When the bound at options.margin gives L1 <= U2 although the best one-channel cost is
/// above U2, the branch and bound runs once more with the margin halfway to U2 (at least 10^-5;
/// a retry that passes max_leaves leaves the first result); `bound` is the last tree's.
/// Preconditions: a grid with lcm(D1, D2) in {1, 2, 3, 4, 6} when b.C0 >= 2 (with b.C0 = 1 the
/// attempt stops at once, one_channel set, whatever the grid). Throws std::invalid_argument on a
/// refused shape, std::runtime_error when the network or the branch and bound fails
/// (options.max_leaves).
ChannelSeparationAttempt channel_separation_attempt(const regularizer::RegularizerBracket& b,
                                                    const std::vector<support::Fmpq>& w,
                                                    const OneChannelBoundOptions& options = {});

} // namespace convcert::separation
