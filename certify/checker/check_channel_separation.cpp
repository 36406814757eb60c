// channel-separation (docs/certificates.md): R_{K,1}(w) >= lower_c1 > upper_c2 >= R_{K,C0}(w).
// The lower half is the one-channel bound (check_one_channel_bound: leaves covering every face
// of the cube ‖u‖_∞ = 1, each bound recomputed from w); the upper half is a rational network
// with C0 >= 2 channels realizing w exactly, whose cost is at most upper_c2. The cheap checks
// (sizes, the strict inequality, the network) run before the leaves.
#include "certify/checker/check_one_channel_bound.h"
#include "certify/checker/checker.h"
#include "certify/checker/network.h"

namespace convcert::checker {

namespace {

/// 2 cos(2π m / L) is rational for every m exactly when L is in {1, 2, 3, 4, 6}.
void check_rational_cosines(const Grid& g) {
    const long L = grid_phase_modulus(g);
    if (L != 1 && L != 2 && L != 3 && L != 4 && L != 6)
        reject("claim: lcm(D1, D2) = " + std::to_string(L) +
               " gives irrational DFT cosines (supported: 1, 2, 3, 4, 6)");
}

/// The one-channel claim of the separation claim (w as its single row of strings).
OneChannelBoundClaim one_channel_claim_of(const Grid& g, const ChannelSeparationClaim& claim) {
    return OneChannelBoundClaim{g.D1, g.D2, g.K1, g.K2, claim.w[0], claim.lower_c1};
}

/// The network's part: C0 >= 2 channels, realizes w, cost <= upper_c2.
void check_upper(const Grid& g, const RatRows& w, const Rat& upper,
                 const ChannelSeparationEvidence& ev) {
    const ExactNetwork net = network_parse(ev.u, ev.v, g, 1, "network", "");
    if (net.u.size() < 2)
        reject("network: " + std::to_string(net.u.size()) +
               " channel(s); a separation needs C0 >= 2");
    network_check_realizes(net, w, "the network");
    const Rat cost = network_cost(net);
    if (cost > upper)
        reject("the network's cost " + rational_to_string_short(cost) +
               " exceeds upper_c2 = " + rational_to_string_short(upper));
}

} // namespace

Verdict check_channel_separation(const ChannelSeparationClaim& claim,
                                 const ChannelSeparationEvidence& evidence) {
    return verdict_run([&] {
        const Grid g = network_grid(claim.D, claim.K, claim.R, claim.shape, claim.kernel_shape);
        if (claim.R != 1) reject("claim: R = " + std::to_string(claim.R) + ", must be 1");
        check_rational_cosines(g);
        const RatRows w = rows_parse(claim.w, 1, static_cast<std::size_t>(claim.D), "w");
        const Rat lower = rational_parse_canonical(claim.lower_c1, "lower_c1");
        const Rat upper = rational_parse_canonical(claim.upper_c2, "upper_c2");
        if (lower <= upper)
            reject("lower_c1 = " + rational_to_string_short(lower) +
                   " does not exceed upper_c2 = " + rational_to_string_short(upper));
        check_upper(g, w, upper, evidence);
        one_channel_bound_check_leaves(one_channel_claim_of(g, claim), evidence.leaves);
    });
}

} // namespace convcert::checker
