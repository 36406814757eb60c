// The independent checker kernel: re-verifies a certificate from scratch in exact arithmetic
// (Boost.Multiprecision and the C++ standard library only) and names the first failed check.
#pragma once

#include "certify/certificate.h"

#include <string>

namespace convcert::checker {

/// valid: the claim holds. Not valid and not undecided: INVALID, `reason` names the first failed
/// check. undecided: the certificate lies beyond a documented resource limit (size, degree,
/// bits, memory), so the checker declined to decide it; `reason` names the limit. An undecided
/// certificate is never reported as invalid, nor as valid.
struct Verdict {
    bool valid = false;
    std::string reason; // empty when valid; otherwise one line
    bool undecided = false;
};

Verdict check_certificate(const Certificate& cert);

/// The two lemma kinds, callable on their own (check_certificate dispatches on the body).
Verdict check_lemma_exact(const LemmaClaim& claim, const LemmaExactEvidence& evidence);
Verdict check_lemma_enclosure(const LemmaClaim& claim, const LemmaEnclosureEvidence& evidence);

/// regularizer-bracket: lower <= <λ, w>, 4I - T(λ)T(λ)ᵀ ⪰ 0, the network realizes w exactly,
/// its cost <= upper, and lower <= upper.
Verdict check_regularizer_bracket(const RegularizerClaim& claim,
                                  const RegularizerBracketEvidence& evidence);

/// network-collapse: the input network and the one-channel output network both realize w
/// exactly, cost_in and cost_out are their exact costs, and cost_out <= cost_in + slack.
Verdict check_network_collapse(const CollapseClaim& claim);

/// rank-bound: the stated rank×rank minor of W is invertible (exact elimination over Q), so
/// rank W >= rank and, at K = 1, no network with fewer than rank channels realizes W.
Verdict check_rank_bound(const RankClaim& claim, const RankEvidence& evidence);
/// maxmargin-bracket: alpha >= 0, lower <= sum alpha, w meets every margin y_i <w, x_i> >= 1,
/// and the regularizer-bracket checks on (w, λ = sum_i alpha_i y_i x_i, network, lower, upper).
Verdict check_maxmargin_bracket(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence);

/// channel-separation: the grid is valid with R = 1 and lcm(D1, D2) in {1, 2, 3, 4, 6},
/// lower_c1 > upper_c2, the network (C0 >= 2 channels) realizes w exactly with cost <= upper_c2,
/// and the leaves prove R_{K,1}(w) >= lower_c1 (check_one_channel_bound.h).
Verdict check_channel_separation(const ChannelSeparationClaim& claim,
                                 const ChannelSeparationEvidence& evidence);

} // namespace convcert::checker
