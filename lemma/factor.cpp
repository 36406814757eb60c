// Method dispatch for the Lemma generator (see factor.h).
#include "lemma/factor.h"

#include "lemma/autocorrelation.h"
#include "lemma/factor_enclosure.h"
#include "lemma/factor_error.h"
#include "lemma/factor_exact.h"
#include "support/input_json.h"
#include "support/rational_convert.h"

#include <stdexcept>

namespace convcert::lemma {

FactorMethod factor_method_from_string(const std::string& name) {
    if (name == "exact") return FactorMethod::Exact;
    if (name == "enclosure") return FactorMethod::Enclosure;
    if (name == "auto") return FactorMethod::Auto;
    throw support::InputError("unknown method '" + name + "' (expected exact, enclosure or auto)");
}

namespace {

using Target = std::vector<support::Fmpq>;

// The claim's strings (the certificate's edge): the vectors and the target, canonical.
LemmaClaim lemma_claim(const LemmaInstance& instance, const Target& target) {
    LemmaClaim claim;
    claim.K = instance.K;
    claim.vectors = support::fmpq_mat_to_rows(instance.vectors);
    for (const support::Fmpq& t : target)
        claim.target.push_back(support::fmpq_get_string(t.x));
    return claim;
}

Certificate certificate_exact(LemmaClaim claim, const Target& target, long digits,
                              long max_degree) {
    LemmaExactEvidence evidence = lemma_factor_exact(target, digits, max_degree);
    return Certificate{LemmaExactBody{std::move(claim), std::move(evidence)}, "exact"};
}

Certificate certificate_enclosure(LemmaClaim claim, const Target& target, long digits) {
    LemmaEnclosureEvidence evidence = lemma_factor_enclosure(target, digits);
    return Certificate{LemmaEnclosureBody{std::move(claim), std::move(evidence)}, "enclosure"};
}

// Auto: exact for a short effective length, else enclosure with exact as the fallback.
Certificate certificate_auto(LemmaClaim claim, const Target& target, long digits) {
    if (lemma_effective_length(target) <= kAutoExactMaxLength)
        return certificate_exact(std::move(claim), target, digits, kExactMaxSolutions);
    try {
        return certificate_enclosure(claim, target, digits);
    } catch (const FactorError& enclosure_failure) {
        try {
            return certificate_exact(std::move(claim), target, digits, kExactMaxSolutions);
        } catch (const FactorError& exact_failure) {
            throw FactorError(std::string(enclosure_failure.what()) +
                              "; exact fallback: " + exact_failure.what());
        }
    }
}

} // namespace

Certificate lemma_factor_certificate(const LemmaInstance& instance, const FactorOptions& options) {
    if (options.digits < 30 || options.digits > 10000)
        throw support::InputError("--digits must be between 30 and 10000");
    if (instance.vectors.rows() < 1 || instance.vectors.cols() != instance.K)
        throw std::invalid_argument("lemma_factor_certificate: vectors must be m x K, m >= 1");
    const Target target = lemma_target(instance.vectors);
    LemmaClaim claim = lemma_claim(instance, target);
    switch (options.method) {
    case FactorMethod::Exact:
        return certificate_exact(std::move(claim), target, options.digits, kExactMaxSolutions);
    case FactorMethod::Enclosure:
        return certificate_enclosure(std::move(claim), target, options.digits);
    case FactorMethod::Auto:
        break;
    }
    return certificate_auto(std::move(claim), target, options.digits);
}

} // namespace convcert::lemma
