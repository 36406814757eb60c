// The RUN.json file of `convcert train` (docs/datasets.md): options, the checkpoints (step,
// loss, ||θ||², normalized margin, predictor direction W/||W||) and the final weights.
#pragma once

#include "train/gd.h"

#include <string>

namespace convcert::train {

/// Deterministic JSON text of a run (doubles with 17 significant digits; no timings).
std::string gd_run_to_json(const GdRun& run, const std::string& dataset_name);

/// A double with 17 significant digits (round-trips exactly), as JSON text.
std::string gd_double_text(double x);

/// A JSON array of doubles written by gd_double_text.
std::string gd_vector_text(const std::vector<double>& v);

/// ", \"shape\": [D1, D2], \"kernel_shape\": [K1, K2]" for a 2-D grid, nothing in 1-D.
std::string gd_shape_text(const Grid& g);

} // namespace convcert::train
