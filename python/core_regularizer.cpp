// convcert._core.regularizer: the regularizer bracket, as `convcert regularizer` builds it
// (same reader, same grid, same pipeline, same certificate bytes), 1-D and 2-D.
#include "python/core.h"
#include "regularizer/bracket.h"
#include "regularizer/input/regularizer_input.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

namespace convcert::python {

PythonBracket python_regularizer(const std::string& instance_json,
                                 const std::vector<long>& kernel) {
    const regularizer::RegularizerInstance inst =
        regularizer::regularizer_instance_from_json(instance_json, python_kernel_spec(kernel));
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
