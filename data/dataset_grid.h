// The grid of a dataset for a kernel: the one place where a dataset's "shape" (or its 1-D
// length D) and a `--kernel K | K1xK2` spec become a certify/grid.h Grid (a single K on 2-D
// data means K×K, support/grid_input.h).
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "support/grid_input.h"

namespace convcert::data {

/// The grid 1×D (1-D data) or D1×D2 (d.shape) with the kernel of k. Throws
/// std::invalid_argument (support::InputError, grid_from_input) unless the kernel fits.
Grid data_dataset_grid(const Dataset& d, const support::KernelSpec& k);

} // namespace convcert::data
