// convcert._core.collapse: the collapse, as `convcert collapse` builds it, with the same
// re-check by the checker kernel before the certificate is handed out.
#include "certify/checker/checker.h"
#include "python/core.h"
#include "regularizer/collapse.h"
#include "regularizer/input/network_input.h"

#include <stdexcept>

namespace convcert::python {

PythonCollapse python_collapse(const std::string& network_json) {
    const regularizer::NetworkInstance net = regularizer::network_instance_from_json(network_json);
    const regularizer::CollapseResult r = regularizer::regularizer_collapse(net);
    const checker::Verdict verdict = checker::check_certificate(r.certificate);
    if (!verdict.valid)
        throw std::runtime_error("internal error: the collapse certificate fails the checker: " +
                                 verdict.reason);
    PythonCollapse out;
    out.certificate = certificate_to_json(r.certificate);
    out.channels = r.channels;
    out.channels_out = r.channels_out;
    out.bits = r.bits;
    out.cost_in = r.cost_in;
    out.cost_out = r.cost_out;
    out.slack = r.slack;
    out.seconds = r.seconds;
    out.source = r.source;
    return out;
}

} // namespace convcert::python
