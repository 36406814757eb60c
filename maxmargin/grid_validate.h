// The one precondition every max-margin stage shares: a valid dataset and a grid (certify/grid.h)
// that fits it. A 1-D grid 1×D reads any dataset as flat signals of length D; a 2-D grid must
// carry the dataset's own shape when the dataset has one.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"

#include <string>

namespace convcert::maxmargin {

/// Throws std::invalid_argument ("<who>: ...") unless d is valid (data_dataset_validate),
/// 1 <= K1 <= D1, 1 <= K2 <= D2, D1·D2 = d.D, and, for a 2-D grid on a dataset with a shape,
/// {D1, D2} = d.shape.
void maxmargin_grid_validate(const data::Dataset& d, const Grid& g, const std::string& who);

} // namespace convcert::maxmargin
