// The channel-separation certificate (docs/certificates.md): a one-channel lower bound L1 (from
// one_channel_bound) and an exact network with C0 >= 2 channels realizing w, whose cost U2 is
// below L1, written as the claim "R_{K,1}(w) >= L1 > U2 >= R_{K,C0}(w)".
#pragma once

#include "certify/certificate.h"
#include "separation/one_channel_bound.h"

namespace convcert::separation {

/// The certificate for `bound` (computed for w on bound.grid) and the network (u: C0×K kernels,
/// v: C0×D) with upper_c2 = the network's exact cost rounded up to a multiple of 10^-6.
/// Preconditions: w is the signal of `bound`, the network realizes it exactly (the checker
/// verifies both). Throws std::invalid_argument when C0 < 2 or L1 <= upper_c2 (no separation:
/// always so in 1-D, where R_{K,C} does not depend on C).
Certificate channel_separation_certificate(const OneChannelBound& bound,
                                           const std::vector<support::Fmpq>& w,
                                           const support::FmpqMat& u, const support::FmpqMat& v);

} // namespace convcert::separation
