// One attempt at a channel separation (channel_separation_attempt.h).
#include "separation/channel_separation_attempt.h"

#include "separation/channel_separation_certificate.h"

#include <stdexcept>

namespace convcert::separation {

ChannelSeparationAttempt channel_separation_attempt(const regularizer::RegularizerBracket& b,
                                                    const std::vector<support::Fmpq>& w,
                                                    const OneChannelBoundOptions& options) {
    ChannelSeparationAttempt a;
    if (b.C0 < 2) {
        a.one_channel = true;
        a.reason = "one channel reaches the certified lower bound of R_{K,C}(w) for every C";
        return a;
    }
    a.network = separate_network_upper(b, w);
    a.bound = one_channel_bound(b.grid, w, options);
    try {
        a.certificate = channel_separation_certificate(a.bound, w, a.network.u, a.network.v);
        a.separated = true;
    } catch (const std::invalid_argument& e) {
        a.reason = e.what();
    }
    return a;
}

} // namespace convcert::separation
