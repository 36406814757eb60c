// RUN.json writer (see run_json.h).
#include "train/run_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace convcert::train {

std::string gd_double_text(double x) {
    if (!std::isfinite(x)) return "null";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

std::string gd_vector_text(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? "," : "") + gd_double_text(v[i]);
    return s + "]";
}

std::string gd_shape_text(const Grid& g) {
    if (g.dims != 2) return "";
    return ", \"shape\": [" + std::to_string(g.D1) + ", " + std::to_string(g.D2) +
           "], \"kernel_shape\": [" + std::to_string(g.K1) + ", " + std::to_string(g.K2) + "]";
}

std::string gd_run_to_json(const GdRun& run, const std::string& dataset_name) {
    const GdOptions& o = run.options;
    std::ostringstream s;
    s << "{\"format\": \"convcert-gd-run\", \"dataset\": " << nlohmann::json(dataset_name).dump()
      << ",\n\"R\": " << run.R << ", \"D\": " << run.D << ", \"K\": " << grid_kernel_size(run.grid)
      << gd_shape_text(run.grid) << ", \"C\": " << o.C << ", \"steps\": " << o.steps
      << ", \"lr\": " << gd_double_text(o.lr)
      << ", \"init_scale\": " << gd_double_text(o.init_scale) << ", \"loss\": \""
      << (o.loss == GdLoss::Logistic ? "logistic" : "exp") << "\", \"schedule\": \""
      << (o.schedule == GdSchedule::Normalized ? "normalized" : "constant")
      << "\", \"seed\": " << o.seed << ", \"input_scale\": " << gd_double_text(run.input_scale)
      << ",\n\"checkpoints\": [\n";
    for (std::size_t i = 0; i < run.checkpoints.size(); ++i) {
        const GdCheckpoint& c = run.checkpoints[i];
        s << "{\"step\": " << c.step << ", \"loss\": " << gd_double_text(c.loss)
          << ", \"log_loss\": " << gd_double_text(c.log_loss)
          << ", \"norm2\": " << gd_double_text(c.norm2)
          << ", \"margin\": " << gd_double_text(c.margin)
          << ", \"direction\": " << gd_vector_text(c.direction) << "}"
          << (i + 1 < run.checkpoints.size() ? ",\n" : "\n");
    }
    s << "],\n\"final\": {\"u\": " << gd_vector_text(run.final_params.u)
      << ",\n\"v\": " << gd_vector_text(run.final_params.v)
      << ",\n\"W\": " << gd_vector_text(run.final_predictor) << "}}\n";
    return s.str();
}

} // namespace convcert::train
