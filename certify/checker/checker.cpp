// The checker's entry point: the table of check rules, one per certificate kind.
#include "certify/checker/checker.h"

#include <variant>

namespace convcert::checker {

namespace {

// The check rule of each kind: one overload per body, so a kind without a rule is a compile
// error in check_certificate's std::visit.
Verdict check_rule(const LemmaExactBody& b) {
    return check_lemma_exact(b.claim, b.evidence);
}
Verdict check_rule(const LemmaEnclosureBody& b) {
    return check_lemma_enclosure(b.claim, b.evidence);
}
Verdict check_rule(const RegularizerBody& b) {
    return check_regularizer_bracket(b.claim, b.evidence);
}
Verdict check_rule(const CollapseBody& b) {
    return check_network_collapse(b.claim);
}
Verdict check_rule(const RankBody& b) {
    return check_rank_bound(b.claim, b.evidence);
}
Verdict check_rule(const MaxmarginBody& b) {
    return check_maxmargin_bracket(b.claim, b.evidence);
}
Verdict check_rule(const ChannelSeparationBody& b) {
    return check_channel_separation(b.claim, b.evidence);
}

} // namespace

Verdict check_certificate(const Certificate& cert) {
    return std::visit([](const auto& body) { return check_rule(body); }, cert.body);
}

} // namespace convcert::checker
