// convcert._core.maxmargin: the max-margin bracket, as `convcert maxmargin` builds it from a
// dataset text (docs/datasets.md), on the dataset's grid.
#include "data/dataset.h"
#include "data/dataset_grid.h"
#include "maxmargin/denominator.h"
#include "python/core.h"
#include "support/stopwatch.h"

#include <stdexcept>

namespace convcert::python {

namespace {

/// The dataset's grid for `kernel` (an int on 2-D data means K×K, as the CLI); throws
/// std::invalid_argument for a kernel outside the signal.
Grid maxmargin_grid(const data::Dataset& d, const std::vector<long>& kernel) {
    return data::data_dataset_grid(d, python_kernel_spec(kernel));
}

} // namespace

PythonMaxmargin python_maxmargin(const std::string& dataset_json, const std::vector<long>& kernel) {
    const data::Dataset d = data::data_dataset_from_json(dataset_json);
    const Grid g = maxmargin_grid(d, kernel);
    const support::Stopwatch watch;
    maxmargin::MaxmarginReport report;
    PythonMaxmargin out;
    out.certificate =
        certificate_to_json(maxmargin::maxmargin_certificate_denominated(d, g, &report));
    out.lower = report.lower_double;
    out.upper = report.upper_double;
    out.relative_gap = report.relative_gap;
    out.channels = report.channels;
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::python
