// convcert._core.maxmargin: the max-margin bracket, as `convcert maxmargin` builds it from a
// dataset text (docs/datasets.md).
#include "data/dataset.h"
#include "maxmargin/bracket.h"
#include "python/core.h"
#include "support/stopwatch.h"

#include <stdexcept>

namespace convcert::python {

PythonMaxmargin python_maxmargin(const std::string& dataset_json, long K) {
    const data::Dataset d = data::data_dataset_from_json(dataset_json);
    if (K < 1 || K > d.D)
        throw std::invalid_argument("kernel K = " + std::to_string(K) +
                                    " must be in [1, D = " + std::to_string(d.D) + "]");
    const support::Stopwatch watch;
    maxmargin::MaxmarginReport report;
    PythonMaxmargin out;
    out.certificate = certificate_to_json(maxmargin::maxmargin_certificate(d, K, &report));
    out.lower = report.lower_double;
    out.upper = report.upper_double;
    out.relative_gap = report.relative_gap;
    out.channels = report.channels;
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::python
