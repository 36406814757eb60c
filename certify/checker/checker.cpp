// The checker's entry point: dispatches a certificate on its kind to the kind's checks.
#include "certify/checker/checker.h"

#include "certify/checker/rational.h"

namespace convcert::checker {

namespace {

// How many kind-specific parts (claim or evidence) the reader filled in. A certificate of a
// given kind must carry exactly its own parts and nothing of another kind.
int certificate_parts_count(const Certificate& cert) {
    return int(cert.exact.has_value()) + int(cert.enclosure.has_value()) +
           int(cert.regularizer_claim.has_value()) + int(cert.bracket.has_value()) +
           int(cert.collapse.has_value()) + int(cert.rank_claim.has_value()) +
           int(cert.rank_evidence.has_value()) + int(cert.maxmargin_claim.has_value()) +
           int(cert.maxmargin.has_value());
}

Verdict verdict_parts_missing(const std::string& kind) {
    return Verdict{false, kind + " certificate without its claim and evidence"};
}

} // namespace

Verdict check_certificate(const Certificate& cert) {
    const int parts = certificate_parts_count(cert);
    if (cert.kind == kKindLemmaExact) {
        if (!cert.exact || parts != 1)
            return Verdict{false, cert.kind + " certificate without " + cert.kind + " evidence"};
        return check_lemma_exact(cert.claim, *cert.exact);
    }
    if (cert.kind == kKindLemmaEnclosure) {
        if (!cert.enclosure || parts != 1)
            return Verdict{false, cert.kind + " certificate without " + cert.kind + " evidence"};
        return check_lemma_enclosure(cert.claim, *cert.enclosure);
    }
    if (cert.kind == kKindRegularizerBracket) {
        if (!cert.regularizer_claim || !cert.bracket || parts != 2)
            return verdict_parts_missing(cert.kind);
        return check_regularizer_bracket(*cert.regularizer_claim, *cert.bracket);
    }
    if (cert.kind == kKindNetworkCollapse) {
        if (!cert.collapse || parts != 1) return verdict_parts_missing(cert.kind);
        return check_network_collapse(*cert.collapse);
    }
    if (cert.kind == kKindRankBound) {
        if (!cert.rank_claim || !cert.rank_evidence || parts != 2)
            return verdict_parts_missing(cert.kind);
        return check_rank_bound(*cert.rank_claim, *cert.rank_evidence);
    }
    if (cert.kind == kKindMaxmarginBracket) {
        if (!cert.maxmargin_claim || !cert.maxmargin || parts != 2)
            return verdict_parts_missing(cert.kind);
        return check_maxmargin_bracket(*cert.maxmargin_claim, *cert.maxmargin);
    }
    return Verdict{false, "unknown certificate kind " + string_quote_short(cert.kind)};
}

} // namespace convcert::checker
