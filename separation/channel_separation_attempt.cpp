// One attempt at a channel separation (channel_separation_attempt.h).
#include "separation/channel_separation_attempt.h"

#include "separation/channel_separation_certificate.h"

#include <algorithm>
#include <stdexcept>

namespace convcert::separation {

namespace {

/// The smallest margin of the retry: L1 within 10^-5 of the best cost (docs/separation.md,
/// section 5: about 20% more leaves than the default 10^-3 on MATH.md's instance).
constexpr double kRetryMarginMin = 1e-5;

/// The margin of a second branch and bound when the first one's L1 <= U2 although the best
/// one-channel cost found is above U2: half the relative distance of the two, at least
/// kRetryMarginMin; 0 when no smaller margin than `margin` can separate.
double retry_margin(double best_cost, double u2, double margin) {
    if (!(best_cost > u2)) return 0;
    const double m = std::max(0.5 * (best_cost - u2) / best_cost, kRetryMarginMin);
    return m < margin && best_cost * (1 - m) > u2 ? m : 0;
}

/// The certificate of a.bound and a.network into a; false (a.reason set) when L1 <= U2.
bool attempt_certify(ChannelSeparationAttempt& a, const std::vector<support::Fmpq>& w) {
    try {
        a.certificate = channel_separation_certificate(a.bound, w, a.network.u, a.network.v);
        a.separated = true;
        a.reason.clear();
    } catch (const std::invalid_argument& e) {
        a.reason = e.what();
    }
    return a.separated;
}

} // namespace

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
    if (attempt_certify(a, w)) return a;
    // L1 <= U2 only by the margin: one more tree with the target just above U2. Attempts that
    // separate at the first margin keep their certificate (and its bytes).
    const double m = retry_margin(a.bound.best_cost, fmpq_get_d(a.network.cost.x), options.margin);
    if (m == 0) return a;
    OneChannelBoundOptions retry = options;
    retry.margin = m;
    try {
        a.bound = one_channel_bound(b.grid, w, retry);
    } catch (const std::runtime_error&) {
        return a; // the closer target needs more leaves: the first tree's "none" stands
    }
    attempt_certify(a, w);
    return a;
}

} // namespace convcert::separation
