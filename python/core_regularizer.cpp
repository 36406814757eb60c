// convcert._core.regularizer: the regularizer bracket, as `convcert regularizer` builds it
// (same reader, same pipeline, same certificate bytes).
#include "python/core.h"
#include "regularizer/bracket.h"
#include "regularizer/input/regularizer_input.h"
#include "support/grid_input.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

namespace convcert::python {

PythonBracket python_regularizer(const std::string& instance_json, long K) {
    const regularizer::RegularizerInstance inst =
        regularizer::regularizer_instance_from_json(instance_json, support::KernelSpec{1, K, 1});
    const support::FmpqMat W = support::fmpq_mat_from_rows(inst.w, "w");
    const support::Stopwatch watch;
    const regularizer::RegularizerBracket b = regularizer::regularizer_bracket(W, inst.grid);
    PythonBracket out;
    out.certificate = certificate_to_json(regularizer::regularizer_bracket_certificate(b, W));
    out.lower = b.lower_double;
    out.upper = b.upper_double;
    out.relative_gap = b.relative_gap;
    out.estimate = b.estimate;
    out.C0 = b.C0;
    out.method = regularizer::regularizer_bracket_method(b);
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::python
