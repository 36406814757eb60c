// The paper's training recipe (see recipe_paper.h).
#include "train/recipe_paper.h"
#include "data/dataset_grid.h"

#include "support/stopwatch.h"
#include "train/gd.h"
#include "train/sgd_momentum.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace convcert::train {

namespace {

// Epochs after which the rate rises, and the rate from the next epoch on.
const long kRateEpochs[] = {500, 1000, 1200, 1500, 2000, 3000, 4000, 4500, 5000};
const double kRates[] = {0.01, 0.05, 0.1, 0.5, 1, 2, 4, 10, 20};

// min_i y_i <W, x_i>.
double recipe_min_margin(const std::vector<std::vector<double>>& xs, const std::vector<int>& y,
                         const std::vector<double>& W) {
    double mn = INFINITY;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        double s = 0;
        for (std::size_t k = 0; k < W.size(); ++k)
            s += W[k] * xs[i][k];
        mn = std::min(mn, y[i] * s);
    }
    return mn;
}

// Throws std::invalid_argument unless the options fit the dataset.
void recipe_options_validate(const data::Dataset& d, const RecipeOptions& o) {
    data::data_dataset_validate(d);
    if (o.C < 1) throw std::invalid_argument("train: need C >= 1");
    if (o.max_epochs < 0) throw std::invalid_argument("train: need max_epochs >= 0");
}

// One epoch: the minibatches of kRecipePaperBatch samples in file order, one SGD step each.
void recipe_epoch_run(const std::vector<std::vector<double>>& xs, const std::vector<int>& y,
                      CnnFft& fft, CnnParams& p, SgdMomentum (&opt)[2], double lr) {
    const long n = static_cast<long>(xs.size());
    std::vector<double> W, G, du, dv;
    for (long b = 0; b < n; b += kRecipePaperBatch) {
        fft.predictor(p, W);
        recipe_exp_loss_gradient(xs, y, b, std::min(n, b + kRecipePaperBatch), W, G);
        fft.backward(p, G, du, dv);
        sgd_momentum_step(opt[0], p.u, du, lr);
        sgd_momentum_step(opt[1], p.v, dv, lr);
    }
}

} // namespace

double recipe_paper_learning_rate(long e) {
    if (e < 1) throw std::invalid_argument("recipe_paper_learning_rate: epochs start at 1");
    double lr = 0.001;
    for (std::size_t i = 0; i < std::size(kRateEpochs); ++i)
        if (e > kRateEpochs[i]) lr = kRates[i];
    return lr;
}

bool recipe_paper_rate_changes(long e) {
    return e == 1 || recipe_paper_learning_rate(e) != recipe_paper_learning_rate(e - 1);
}

CnnParams recipe_paper_init(long R, const Grid& g, long C, unsigned long long seed) {
    CnnParams p;
    p.R = R;
    p.D = grid_signal_size(g);
    p.K = grid_kernel_size(g);
    p.C = C;
    p.u.resize(static_cast<std::size_t>(C * R * p.K));
    p.v.resize(static_cast<std::size_t>(C * p.D));
    std::mt19937_64 gen(seed);
    auto draw = [&](double bound) {
        const double t = static_cast<double>(gen() >> 11) * 0x1.0p-53;
        return kRecipePaperInitScale * bound * (2 * t - 1);
    };
    const double bu = 1 / std::sqrt(static_cast<double>(R * p.K));
    const double bv = 1 / std::sqrt(static_cast<double>(C * p.D));
    for (auto& a : p.u)
        a = draw(bu);
    for (auto& a : p.v)
        a = draw(bv);
    return p;
}

double recipe_exp_loss_gradient(const std::vector<std::vector<double>>& xs,
                                const std::vector<int>& y, long begin, long end,
                                const std::vector<double>& W, std::vector<double>& G) {
    const double b = static_cast<double>(end - begin);
    G.assign(W.size(), 0.0);
    double loss = 0;
    for (long i = begin; i < end; ++i) {
        const auto& x = xs[static_cast<std::size_t>(i)];
        double s = 0;
        for (std::size_t k = 0; k < W.size(); ++k)
            s += W[k] * x[k];
        const double e = std::exp(-y[static_cast<std::size_t>(i)] * s);
        loss += e;
        const double coef = -y[static_cast<std::size_t>(i)] * e / b;
        for (std::size_t k = 0; k < W.size(); ++k)
            G[k] += coef * x[k];
    }
    return loss / b;
}

std::vector<std::vector<double>> recipe_samples(const data::Dataset& d) {
    std::vector<std::vector<double>> xs(static_cast<std::size_t>(d.n()));
    for (long i = 0; i < d.n(); ++i) {
        auto& row = xs[static_cast<std::size_t>(i)];
        row.resize(static_cast<std::size_t>(d.R * d.D));
        for (long k = 0; k < d.R * d.D; ++k)
            row[static_cast<std::size_t>(k)] = data::data_sample_value(d, i, k);
    }
    return xs;
}

RecipeRun recipe_paper_train(const data::Dataset& d, const RecipeOptions& o) {
    const support::Stopwatch clock;
    recipe_options_validate(d, o);
    RecipeRun run;
    run.options = o;
    run.R = d.R;
    run.D = d.D;
    run.grid = data::data_dataset_grid(d, o.kernel);
    const auto xs = recipe_samples(d);
    CnnParams p = recipe_paper_init(d.R, run.grid, o.C, o.seed);
    run.initial_params = p;
    CnnFft fft(d.R, run.grid, o.C);
    SgdMomentum opt[2] = {{kRecipePaperMomentum, {}}, {kRecipePaperMomentum, {}}};
    std::vector<double> W, G;
    const long n = d.n();
    for (long e = 1; e <= o.max_epochs && !run.stopped; ++e) {
        if (recipe_paper_rate_changes(e))
            for (auto& s : opt)
                sgd_momentum_reset(s);
        recipe_epoch_run(xs, d.y, fft, p, opt, recipe_paper_learning_rate(e));
        run.epochs = e;
        if (e % kRecipePaperCheckEvery == 0) {
            fft.predictor(p, W);
            run.checks.push_back({e, recipe_exp_loss_gradient(xs, d.y, 0, n, W, G)});
            run.stopped = run.checks.back().loss <= kRecipePaperStopLoss;
        }
    }
    fft.predictor(p, W);
    run.final_loss = recipe_exp_loss_gradient(xs, d.y, 0, n, W, G);
    run.min_margin = recipe_min_margin(xs, d.y, W);
    run.final_params = p;
    run.final_predictor = W;
    run.seconds = clock.seconds();
    return run;
}

} // namespace convcert::train
