// The RUN.json of `convcert train --recipe paper` (docs/datasets.md, "The paper's recipe"): the
// recipe's constants, the epochs, the loss checks, the final loss, minimum margin and R̂ in the
// paper's units and ours, the initial and the final network and the predictor W.
#pragma once

#include "train/recipe_paper.h"

#include <string>

namespace convcert::train {

/// ||θ||² / min_i y_i f(x_i), the cost at unit margin in our units (the network is
/// 2-homogeneous); +infinity when the minimum margin is <= 0 (written as null).
double recipe_r_hat_ours(const RecipeRun& run);

/// Deterministic JSON text of the run (doubles with 17 significant digits; no timings).
std::string recipe_run_to_json(const RecipeRun& run, const std::string& dataset_name);

} // namespace convcert::train
