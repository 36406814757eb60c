// Full-batch gradient descent (see gd.h).
#include "train/gd.h"
#include "data/dataset_grid.h"

#include "support/stopwatch.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace convcert::train {

namespace {

// log ℓ(m) and log |ℓ'(m)| for the two losses, stable for large |m|.
double softplus(double z) {
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double log_loss_one(double m, GdLoss loss) {
    if (loss == GdLoss::Exponential) return -m;
    // log log(1 + e^-m)
    if (m > 30) return -m + std::log1p(-0.5 * std::exp(-m));
    return std::log(softplus(-m));
}

double log_dloss_one(double m, GdLoss loss) {
    if (loss == GdLoss::Exponential) return -m; // |ℓ'| = e^-m
    return -softplus(m);                        // |ℓ'| = 1 / (1 + e^m)
}

double log_sum_exp(const std::vector<double>& a) {
    const double mx = *std::max_element(a.begin(), a.end());
    double s = 0;
    for (double v : a)
        s += std::exp(v - mx);
    return mx + std::log(s);
}

} // namespace

std::vector<std::vector<double>> gd_scaled_inputs(const data::Dataset& data, double* scale) {
    // The samples are x / x_den: f = 1 / max_i ||x_i / x_den|| (x_den = 1: the numerators').
    const double f = data::data_input_scale(data) * static_cast<double>(data.x_den);
    if (scale) *scale = f;
    std::vector<std::vector<double>> xs;
    for (long i = 0; i < data.n(); ++i) {
        std::vector<double> r(static_cast<std::size_t>(data.R * data.D));
        for (std::size_t k = 0; k < r.size(); ++k)
            r[k] = data::data_sample_value(data, i, static_cast<long>(k)) * f;
        xs.push_back(std::move(r));
    }
    return xs;
}

double gd_loss_and_gradient(const std::vector<std::vector<double>>& xs, const std::vector<int>& y,
                            const std::vector<double>& W, GdLoss loss, bool grad_log,
                            std::vector<double>& G, double* min_margin) {
    const std::size_t n = xs.size();
    std::vector<double> m(n), ll(n), ld(n);
    double mn = INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t k = 0; k < W.size(); ++k)
            s += W[k] * xs[i][k];
        m[i] = y[i] * s;
        mn = std::min(mn, m[i]);
        ll[i] = log_loss_one(m[i], loss);
        ld[i] = log_dloss_one(m[i], loss);
    }
    if (min_margin) *min_margin = mn;
    const double logL = log_sum_exp(ll) - std::log(static_cast<double>(n));
    // dL/dW = (1/n) sum_i ℓ'(m_i) y_i x_i, ℓ' < 0; with grad_log divide by L.
    G.assign(W.size(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double coef =
            -y[i] * std::exp(ld[i] - std::log(static_cast<double>(n)) - (grad_log ? logL : 0.0));
        if (coef == 0) continue;
        for (std::size_t k = 0; k < W.size(); ++k)
            G[k] += coef * xs[i][k];
    }
    return logL;
}

namespace {

// Throws std::invalid_argument unless the options fit the dataset.
void gd_options_validate(const data::Dataset& data, const GdOptions& o) {
    data::data_dataset_validate(data);
    if (o.C < 1) throw std::invalid_argument("train: need C >= 1");
    if (o.steps < 0) throw std::invalid_argument("train: need steps >= 0");
    if (!(o.lr > 0) || !std::isfinite(o.lr)) throw std::invalid_argument("train: need lr > 0");
}

// u, v i.i.d. N(0, init_scale^2) from the seed (Box–Muller on a 64-bit Mersenne twister).
CnnParams gd_params_init(const data::Dataset& data, const Grid& g, const GdOptions& o) {
    CnnParams p;
    p.R = data.R;
    p.D = data.D;
    p.K = grid_kernel_size(g);
    p.C = o.C;
    p.u.resize(static_cast<std::size_t>(o.C * data.R * p.K));
    p.v.resize(static_cast<std::size_t>(o.C * data.D));
    std::mt19937_64 gen(o.seed);
    auto uniform01 = [&] { return (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53; };
    auto normal = [&] {
        return std::sqrt(-2.0 * std::log(uniform01())) * std::cos(2.0 * M_PI * uniform01());
    };
    for (auto& a : p.u)
        a = o.init_scale * normal();
    for (auto& a : p.v)
        a = o.init_scale * normal();
    return p;
}

// Geometric checkpoint steps: 0, then about `checkpoints` steps up to and including `steps`.
std::vector<long> gd_checkpoint_steps(const GdOptions& o) {
    std::vector<long> marks{0};
    if (o.steps > 0) {
        const double ratio = std::pow(static_cast<double>(o.steps),
                                      1.0 / static_cast<double>(std::max(1L, o.checkpoints)));
        double t = 1;
        while (t < static_cast<double>(o.steps)) {
            const long s = static_cast<long>(std::llround(t));
            if (s > marks.back()) marks.push_back(s);
            t *= ratio;
        }
        if (marks.back() != o.steps) marks.push_back(o.steps);
    }
    return marks;
}

// The checkpoint at step t: loss, ||θ||², normalized margin and the direction W/||W||.
GdCheckpoint gd_checkpoint_make(long t, double logL, double min_margin, const CnnParams& p,
                                const std::vector<double>& W) {
    GdCheckpoint c;
    c.step = t;
    c.log_loss = logL;
    c.loss = std::exp(logL);
    c.norm2 = p.norm2();
    c.margin = c.norm2 > 0 ? min_margin / c.norm2 : 0;
    double wn = 0;
    for (double a : W)
        wn += a * a;
    wn = std::sqrt(wn);
    c.direction.resize(W.size());
    for (std::size_t k = 0; k < W.size(); ++k)
        c.direction[k] = wn > 0 ? W[k] / wn : 0;
    return c;
}

// θ -= η ∇; normalized: η = lr / max(1, ||θ||²) on ∇ log L, the step that keeps the angular
// change and the growth of ||θ|| bounded (f is 2-homogeneous in θ).
void gd_step_apply(CnnParams& p, const std::vector<double>& du, const std::vector<double>& dv,
                   const GdOptions& o) {
    const bool normalized = o.schedule == GdSchedule::Normalized;
    const double eta = normalized ? o.lr / std::max(1.0, p.norm2()) : o.lr;
    for (std::size_t k = 0; k < p.u.size(); ++k)
        p.u[k] -= eta * du[k];
    for (std::size_t k = 0; k < p.v.size(); ++k)
        p.v[k] -= eta * dv[k];
}

} // namespace

GdRun gd_train(const data::Dataset& data, const GdOptions& o) {
    const support::Stopwatch clock;
    gd_options_validate(data, o);
    GdRun run;
    run.options = o;
    run.R = data.R;
    run.D = data.D;
    run.grid = data::data_dataset_grid(data, o.kernel);
    const auto xs = gd_scaled_inputs(data, &run.input_scale);
    CnnParams p = gd_params_init(data, run.grid, o);
    const std::vector<long> marks = gd_checkpoint_steps(o);
    CnnFft fft(data.R, run.grid, o.C);
    std::vector<double> W, G, du, dv;
    std::size_t next = 0;
    const bool normalized = o.schedule == GdSchedule::Normalized;
    for (long t = 0;; ++t) {
        fft.predictor(p, W);
        double mn = 0;
        const double logL = gd_loss_and_gradient(xs, data.y, W, o.loss, normalized, G, &mn);
        if (next < marks.size() && marks[next] == t) {
            run.checkpoints.push_back(gd_checkpoint_make(t, logL, mn, p, W));
            ++next;
        }
        if (t == o.steps) break;
        fft.backward(p, G, du, dv);
        gd_step_apply(p, du, dv, o);
    }
    run.final_params = p;
    run.final_predictor = W;
    run.seconds = clock.seconds();
    return run;
}

} // namespace convcert::train
