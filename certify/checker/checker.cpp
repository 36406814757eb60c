// The checker's entry point: dispatches a certificate on its kind to the kind's checks.
#include "certify/checker/checker.h"

#include "certify/checker/rational.h"

namespace convcert::checker {

Verdict check_certificate(const Certificate& cert) {
    if (cert.kind == kKindLemmaExact) {
        if (!cert.exact || cert.enclosure)
            return Verdict{false, "lemma-exact certificate without lemma-exact evidence"};
        return check_lemma_exact(cert.claim, *cert.exact);
    }
    if (cert.kind == kKindLemmaEnclosure) {
        if (!cert.enclosure || cert.exact)
            return Verdict{false, "lemma-enclosure certificate without lemma-enclosure evidence"};
        return check_lemma_enclosure(cert.claim, *cert.enclosure);
    }
    if (cert.kind == kKindRegularizerBracket) {
        if (!cert.regularizer_claim || !cert.bracket || cert.exact || cert.enclosure ||
            cert.collapse)
            return Verdict{false, "regularizer-bracket certificate without its claim and evidence"};
        return check_regularizer_bracket(*cert.regularizer_claim, *cert.bracket);
    }
    if (cert.kind == kKindNetworkCollapse) {
        if (!cert.collapse || cert.regularizer_claim || cert.bracket || cert.exact ||
            cert.enclosure)
            return Verdict{false, "network-collapse certificate without its claim"};
        return check_network_collapse(*cert.collapse);
    }
    if (cert.kind == kKindMaxmarginBracket) {
        if (!cert.maxmargin_claim || !cert.maxmargin || cert.regularizer_claim || cert.bracket ||
            cert.collapse || cert.exact || cert.enclosure)
            return Verdict{false, "maxmargin-bracket certificate without its claim and evidence"};
        return check_maxmargin_bracket(*cert.maxmargin_claim, *cert.maxmargin);
    }
    return Verdict{false, "unknown certificate kind " + string_quote_short(cert.kind)};
}

} // namespace convcert::checker
