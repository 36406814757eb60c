// The grid of a dataset for a kernel (see dataset_grid.h).
#include "data/dataset_grid.h"

namespace convcert::data {

Grid data_dataset_grid(const Dataset& d, const support::KernelSpec& k) {
    return support::grid_from_input(d.shape.empty() ? std::vector<long>{d.D} : d.shape, k);
}

} // namespace convcert::data
