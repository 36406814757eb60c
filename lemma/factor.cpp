// Method dispatch for the Lemma generator (see factor.h).
#include "lemma/factor.h"

#include "lemma/autocorrelation.h"
#include "lemma/factor_enclosure.h"
#include "lemma/factor_error.h"
#include "lemma/factor_exact.h"
#include "support/input_json.h"

namespace convcert::lemma {

FactorMethod factor_method_from_string(const std::string& name) {
    if (name == "exact") return FactorMethod::Exact;
    if (name == "enclosure") return FactorMethod::Enclosure;
    if (name == "auto") return FactorMethod::Auto;
    throw support::InputError("unknown method '" + name + "' (expected exact, enclosure or auto)");
}

namespace {

Certificate certificate_exact(LemmaClaim claim, long digits, long max_degree) {
    LemmaExactEvidence evidence = lemma_factor_exact(claim.target, digits, max_degree);
    return Certificate{LemmaExactBody{std::move(claim), std::move(evidence)}, "exact"};
}

Certificate certificate_enclosure(LemmaClaim claim, long digits) {
    LemmaEnclosureEvidence evidence = lemma_factor_enclosure(claim.target, digits);
    return Certificate{LemmaEnclosureBody{std::move(claim), std::move(evidence)}, "enclosure"};
}

} // namespace

Certificate lemma_factor_certificate(const LemmaInstance& instance, const FactorOptions& options) {
    if (options.digits < 30 || options.digits > 10000)
        throw support::InputError("--digits must be between 30 and 10000");
    LemmaClaim claim;
    claim.K = instance.K;
    claim.vectors = instance.vectors;
    claim.target = lemma_target(instance.vectors);
    switch (options.method) {
    case FactorMethod::Exact:
        return certificate_exact(std::move(claim), options.digits, kExactMaxSolutions);
    case FactorMethod::Enclosure:
        return certificate_enclosure(std::move(claim), options.digits);
    case FactorMethod::Auto:
        break;
    }
    const long length = lemma_effective_length(claim.target);
    if (length <= kAutoExactMaxLength)
        return certificate_exact(std::move(claim), options.digits, kExactMaxSolutions);
    try {
        return certificate_enclosure(claim, options.digits);
    } catch (const FactorError& enclosure_failure) {
        try {
            return certificate_exact(std::move(claim), options.digits, kExactMaxSolutions);
        } catch (const FactorError& exact_failure) {
            throw FactorError(std::string(enclosure_failure.what()) +
                              "; exact fallback: " + exact_failure.what());
        }
    }
}

} // namespace convcert::lemma
