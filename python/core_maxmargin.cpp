// convcert._core.maxmargin: the max-margin bracket, as `convcert maxmargin` builds it from a
// dataset text (docs/datasets.md), on the dataset's grid.
#include "data/dataset.h"
#include "maxmargin/bracket.h"
#include "python/core.h"
#include "support/stopwatch.h"

#include <stdexcept>

namespace convcert::python {

namespace {

/// The dataset's grid for `kernel`; throws std::invalid_argument for a kernel outside the
/// signal and, until maxmargin takes a Grid, for a 2-D dataset.
Grid maxmargin_grid(const data::Dataset& d, const std::vector<long>& kernel) {
    const Grid g = support::grid_from_input(d.shape.empty() ? std::vector<long>{d.D} : d.shape,
                                            python_kernel_spec(kernel));
    if (g.dims == 2)
        throw std::invalid_argument("maxmargin: 2-D datasets (images) are not supported by "
                                    "maxmargin yet; flatten the samples to 1-D signals");
    return g;
}

} // namespace

PythonMaxmargin python_maxmargin(const std::string& dataset_json, const std::vector<long>& kernel) {
    const data::Dataset d = data::data_dataset_from_json(dataset_json);
    const Grid g = maxmargin_grid(d, kernel);
    const support::Stopwatch watch;
    maxmargin::MaxmarginReport report;
    PythonMaxmargin out;
    out.certificate =
        certificate_to_json(maxmargin::maxmargin_certificate(d, grid_kernel_size(g), &report));
    out.lower = report.lower_double;
    out.upper = report.upper_double;
    out.relative_gap = report.relative_gap;
    out.channels = report.channels;
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::python
