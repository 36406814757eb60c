// The shared dataset-and-grid precondition (see grid_validate.h).
#include "maxmargin/grid_validate.h"

#include <stdexcept>

namespace convcert::maxmargin {

void maxmargin_grid_validate(const data::Dataset& d, const Grid& g, const std::string& who) {
    data::data_dataset_validate(d);
    if (g.K1 < 1 || g.K1 > g.D1 || g.K2 < 1 || g.K2 > g.D2)
        throw std::invalid_argument(who + ": need 1 <= K <= D");
    if (grid_signal_size(g) != d.D)
        throw std::invalid_argument(who + ": the grid does not have the dataset's D");
    if (g.dims == 2 && !d.shape.empty() && grid_shape(g) != d.shape)
        throw std::invalid_argument(who + ": the grid does not have the dataset's shape");
}

} // namespace convcert::maxmargin
