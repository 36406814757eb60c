// Writes a channel-separation certificate from a one-channel bound and an exact network
// (channel_separation_certificate.h).
#include "separation/channel_separation_certificate.h"

#include "separation/network_least_norm.h"
#include "support/rational_convert.h"

#include <flint/fmpq_mat.h>

#include <stdexcept>

namespace convcert::separation {

namespace {

/// The smallest multiple of 10^-6 that is >= x, canonical.
std::string rational_ceil_micro(const fmpq_t x) {
    support::Fmpz scaled, million;
    fmpz_set_ui(million.x, 1000000);
    fmpz_mul(scaled.x, fmpq_numref(x), million.x);
    fmpz_cdiv_q(scaled.x, scaled.x, fmpq_denref(x));
    support::Fmpq q;
    fmpq_set_fmpz_frac(q.x, scaled.x, million.x);
    return support::fmpq_get_string(q.x);
}

ChannelSeparationEvidence evidence_of(const OneChannelBound& bound, const support::FmpqMat& u,
                                      const support::FmpqMat& v) {
    ChannelSeparationEvidence ev;
    for (const OneChannelLeaf& l : bound.leaves)
        ev.leaves.push_back(OneChannelBoundLeaf{l.face, l.lo, l.hi, l.bound});
    for (const auto& row : support::fmpq_mat_to_rows(u))
        ev.u.push_back({row});
    ev.v = support::fmpq_mat_to_rows(v);
    return ev;
}

} // namespace

Certificate channel_separation_certificate(const OneChannelBound& bound,
                                           const std::vector<support::Fmpq>& w,
                                           const support::FmpqMat& u, const support::FmpqMat& v) {
    if (fmpq_mat_nrows(u.m) < 2)
        throw std::invalid_argument("a separation needs a network of 2 or more channels");
    const support::Fmpq cost = network_cost_exact(u, v);
    ChannelSeparationClaim claim;
    claim.D = grid_signal_size(bound.grid);
    claim.K = grid_kernel_size(bound.grid);
    claim.shape = grid_shape(bound.grid);
    claim.kernel_shape = grid_kernel_shape(bound.grid);
    claim.w.emplace_back();
    for (const support::Fmpq& x : w)
        claim.w[0].push_back(support::fmpq_get_string(x.x));
    claim.lower_c1 = bound.lower;
    claim.upper_c2 = rational_ceil_micro(cost.x);
    support::Fmpq lower, upper;
    support::fmpq_set_string(lower.x, claim.lower_c1);
    support::fmpq_set_string(upper.x, claim.upper_c2);
    if (fmpq_cmp(lower.x, upper.x) <= 0)
        throw std::invalid_argument("no separation: the one-channel bound " + claim.lower_c1 +
                                    " does not exceed the network's cost " + claim.upper_c2);
    return Certificate{ChannelSeparationBody{std::move(claim), evidence_of(bound, u, v)},
                       "separation: one-channel branch and bound (" +
                           std::to_string(bound.leaves.size()) + " leaves), " +
                           std::to_string(fmpq_mat_nrows(u.m)) + "-channel least-norm network"};
}

} // namespace convcert::separation
