// Full-batch gradient descent on a dataset (data/dataset.h) for the linear CNN of network.h,
// with the logistic or exponential loss averaged over the samples, deterministic for a seed.
// 1-D and 2-D datasets alike: the kernel is a support::KernelSpec read against the dataset's
// shape (support/grid_input.h: "K" on a 2-D dataset means K×K).
// The inputs are divided by max_i ||x_i||_2 internally (the predictor's direction and the
// normalized margin's ordering do not change; reported predictors are for the scaled inputs,
// i.e. the same direction). MATH.md §9.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "support/grid_input.h"
#include "train/network.h"

#include <string>
#include <vector>

namespace convcert::train {

enum class GdLoss { Logistic, Exponential };

/// constant: θ <- θ - lr ∇L. normalized: θ <- θ - (lr / L(θ)) ∇L = θ - lr ∇ log L (the
/// loss-normalized step that speeds up directional convergence on separable data).
enum class GdSchedule { Constant, Normalized };

struct GdOptions {
    support::KernelSpec kernel; ///< "K" (dims 1) or "K1xK2" (dims 2); default 1
    long C = 1;
    long steps = 2000;
    double lr = 4;
    double init_scale = 0.1; ///< θ entries N(0, init_scale²) (Box–Muller on std::mt19937_64)
    GdLoss loss = GdLoss::Exponential;
    GdSchedule schedule = GdSchedule::Normalized;
    unsigned long long seed = 1;
    long checkpoints =
        40; ///< about this many geometrically spaced checkpoints (plus t = 0 and the last)
};

struct GdCheckpoint {
    long step = 0;
    double loss = 0;     ///< L(θ) (may underflow to 0; log_loss stays finite)
    double log_loss = 0; ///< log L(θ)
    double norm2 = 0;    ///< ||θ||²
    double margin = 0; ///< min_i y_i f(x_i) / ||θ||² (the normalized margin; > 0 once separating)
    std::vector<double> direction; ///< W / ||W||_2, R·D (flat, row-major per channel)
};

struct GdRun {
    GdOptions options;
    long R = 1, D = 1;
    Grid grid;              ///< the dataset's shape with the kernel's (D = D1·D2, K = K1·K2)
    double input_scale = 1; ///< the inputs were multiplied by this
    std::vector<GdCheckpoint> checkpoints;
    CnnParams final_params;
    std::vector<double> final_predictor; ///< W of the final θ (scaled inputs), R·D
    double seconds = 0;
};

/// Loss value log L(θ) and its gradient with respect to W for the scaled inputs xs (n rows of
/// R·D), given W. grad_log = true returns ∇ log L (= ∇L / L) instead of ∇L. Also returns the
/// minimum margin min_i y_i <W, x_i>.
double gd_loss_and_gradient(const std::vector<std::vector<double>>& xs, const std::vector<int>& y,
                            const std::vector<double>& W, GdLoss loss, bool grad_log,
                            std::vector<double>& G, double* min_margin);

/// The full run. Preconditions: data valid, the kernel fits the dataset's shape
/// (data::data_dataset_grid), C >= 1, steps >= 0, lr > 0 (std::invalid_argument otherwise). Does
/// not require separability; margins are reported.
GdRun gd_train(const data::Dataset& data, const GdOptions& options);

/// The samples x_i / x_den as doubles scaled by 1/max_i ||x_i / x_den||_2 (the trainer's view),
/// and that factor (for the samples x / x_den; with a power-of-two x_den the scaled inputs equal
/// those of the numerators, bit for bit).
std::vector<std::vector<double>> gd_scaled_inputs(const data::Dataset& data, double* scale);

} // namespace convcert::train
