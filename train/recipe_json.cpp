// RUN.json of the paper's recipe (see recipe_json.h).
#include "train/recipe_json.h"

#include "train/run_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace convcert::train {

namespace {

// The options and constants of the recipe, one JSON line.
std::string recipe_options_text(const RecipeRun& run) {
    const RecipeOptions& o = run.options;
    std::ostringstream s;
    s << "\"R\": " << run.R << ", \"D\": " << run.D << ", \"K\": " << grid_kernel_size(run.grid)
      << gd_shape_text(run.grid) << ", \"C\": " << o.C << ", \"seed\": " << o.seed
      << ", \"max_epochs\": " << o.max_epochs << ", \"batch\": " << kRecipePaperBatch
      << ", \"momentum\": " << gd_double_text(kRecipePaperMomentum)
      << ", \"init_scale\": " << gd_double_text(kRecipePaperInitScale)
      << ", \"stop_loss\": " << gd_double_text(kRecipePaperStopLoss)
      << ", \"check_every\": " << kRecipePaperCheckEvery;
    return s.str();
}

std::string recipe_checks_text(const RecipeRun& run) {
    std::string s = "[";
    for (std::size_t i = 0; i < run.checks.size(); ++i)
        s += std::string(i ? ", " : "") + "{\"epoch\": " + std::to_string(run.checks[i].epoch) +
             ", \"loss\": " + gd_double_text(run.checks[i].loss) + "}";
    return s + "]";
}

} // namespace

double recipe_r_hat_ours(const RecipeRun& run) {
    return run.min_margin > 0 ? run.final_params.norm2() / run.min_margin : INFINITY;
}

std::string recipe_run_to_json(const RecipeRun& run, const std::string& dataset_name) {
    const double r_hat = recipe_r_hat_ours(run);
    std::ostringstream s;
    s << "{\"format\": \"convcert-recipe-run\", \"recipe\": \"paper\", \"dataset\": "
      << nlohmann::json(dataset_name).dump() << ",\n"
      << recipe_options_text(run) << ",\n\"epochs\": " << run.epochs
      << ", \"stopped\": " << (run.stopped ? "true" : "false")
      << ", \"final_loss\": " << gd_double_text(run.final_loss)
      << ", \"min_margin\": " << gd_double_text(run.min_margin)
      << ", \"norm2\": " << gd_double_text(run.final_params.norm2())
      << ",\n\"R_hat_paper\": " << gd_double_text(r_hat * std::sqrt(static_cast<double>(run.D)))
      << ", \"R_hat_ours\": " << gd_double_text(r_hat)
      << ",\n\"checks\": " << recipe_checks_text(run)
      << ",\n\"initial\": {\"u\": " << gd_vector_text(run.initial_params.u)
      << ",\n\"v\": " << gd_vector_text(run.initial_params.v) << "}"
      << ",\n\"final\": {\"u\": " << gd_vector_text(run.final_params.u)
      << ",\n\"v\": " << gd_vector_text(run.final_params.v)
      << ",\n\"W\": " << gd_vector_text(run.final_predictor) << "}}\n";
    return s.str();
}

} // namespace convcert::train
