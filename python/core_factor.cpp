// convcert._core.factor: the Lemma's certificate, as `convcert factor` builds it.
#include "lemma/factor.h"
#include "lemma/instance.h"
#include "python/core.h"

namespace convcert::python {

std::string python_factor(const std::string& instance_json, const std::string& method,
                          long digits) {
    lemma::FactorOptions options;
    options.method = lemma::factor_method_from_string(method);
    options.digits = digits;
    const lemma::LemmaInstance instance = lemma::lemma_instance_from_json(instance_json);
    return certificate_to_json(lemma::lemma_factor_certificate(instance, options));
}

} // namespace convcert::python
