// The paper's training recipe (Jagadeesan, Razenshteyn, Gunasekar, COLT 2022; the authors' code
// as described in shared/data/paper-mnist/README.md, "Training recipe"), on the network of
// train/network.h with the unscaled samples x / x_den:
//   - loss mean_i exp(-y_i f(x_i)) on minibatches of 32 in file order (the last one smaller
//     when 32 does not divide n), torch.optim.SGD with momentum 0.3 (train/sgd_momentum.h);
//   - epochs numbered from 1; the learning rate of epoch e is recipe_paper_learning_rate(e), and
//     a new optimizer (momentum buffer at zero) starts whenever it changes;
//   - after every epoch e with e % 100 == 0 the full-batch mean loss is evaluated and training
//     stops once it is <= 1e-6; at most max_epochs epochs (100000 by default);
//   - initialization: PyTorch's default for Conv2d/Conv1d and Linear, U(-b, b) with
//     b = 1/sqrt(fan_in) (kaiming_uniform with a = sqrt(5)), fan_in = R·K1·K2 for the kernels and
//     C·D for the second layer, times 0.001; drawn from std::mt19937_64(seed), not PyTorch's RNG:
//     first every u entry in the flat order u[(c·R + r)·K + k] (= Conv2d.weight (C, R, K1, K2)
//     flattened), then every v entry v[c·D + j] (= Linear.weight (1, C·D)), each as
//     0.001·b·(2t - 1) with t = (draw >> 11)·2^-53.
// Our f(x) = sum_c <v_c, x ⋆ u_c> equals PyTorch's Conv2d(R, C, (K1, K2), bias=False) applied to
// F.pad(x, (0, K2 - 1, 0, K1 - 1), mode="circular") (the authors' model), flattened, then
// Linear(C·D, 1, bias=False), with the weights copied as above (tests/python/test_recipe_torch.py).
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "support/grid_input.h"
#include "train/network.h"

#include <vector>

namespace convcert::train {

inline constexpr long kRecipePaperBatch = 32;
inline constexpr double kRecipePaperMomentum = 0.3;
inline constexpr double kRecipePaperInitScale = 0.001;
inline constexpr double kRecipePaperStopLoss = 1e-6;
inline constexpr long kRecipePaperCheckEvery = 100;
inline constexpr long kRecipePaperMaxEpochs = 100000;

struct RecipeOptions {
    support::KernelSpec kernel; ///< "K" or "K1xK2", read against the dataset's shape
    long C = 1;
    unsigned long long seed = 1;
    long max_epochs = kRecipePaperMaxEpochs;
};

/// One full-batch loss evaluation (every kRecipePaperCheckEvery epochs).
struct RecipeCheck {
    long epoch = 0;
    double loss = 0;
};

struct RecipeRun {
    RecipeOptions options;
    long R = 1, D = 1;
    Grid grid;
    long epochs = 0;      ///< epochs run
    bool stopped = false; ///< the stopping rule (loss <= 1e-6 at a check) ended the run
    std::vector<RecipeCheck> checks;
    double final_loss = 0; ///< mean_i exp(-y_i f(x_i)) of the final network
    double min_margin = 0; ///< min_i y_i f(x_i) of the final network
    CnnParams initial_params, final_params;
    std::vector<double> final_predictor; ///< W, R·D
    double seconds = 0;
};

/// The learning rate of epoch e (numbered from 1): 0.001 up to epoch 500, then 0.01 / 0.05 /
/// 0.1 / 0.5 / 1 / 2 / 4 / 10 / 20 after epoch 500 / 1000 / 1200 / 1500 / 2000 / 3000 / 4000 /
/// 4500 / 5000. Precondition: e >= 1 (std::invalid_argument otherwise).
double recipe_paper_learning_rate(long e);

/// True when epoch e starts a new optimizer: e = 1 or the rate differs from epoch e - 1's.
/// Precondition: e >= 1.
bool recipe_paper_rate_changes(long e);

/// The initial network (see the top of this file). Precondition: R, C >= 1, the grid valid.
CnnParams recipe_paper_init(long R, const Grid& g, long C, unsigned long long seed);

/// Mean exponential loss (1/|B|) sum_{i in B} exp(-y_i <W, x_i>) over the samples i in
/// [begin, end), and its gradient G with respect to W (R·D). Preconditions: begin < end <=
/// xs.size() == y.size(), every row of W's size.
double recipe_exp_loss_gradient(const std::vector<std::vector<double>>& xs,
                                const std::vector<int>& y, long begin, long end,
                                const std::vector<double>& W, std::vector<double>& G);

/// The samples as doubles, x[i][k] / x_den (data_sample_value).
std::vector<std::vector<double>> recipe_samples(const data::Dataset& d);

/// The run. Preconditions: d valid, the kernel fits its shape, C >= 1, max_epochs >= 0
/// (std::invalid_argument otherwise).
RecipeRun recipe_paper_train(const data::Dataset& d, const RecipeOptions& o);

} // namespace convcert::train
