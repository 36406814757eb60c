// The trainer: FFT predictor against the direct convolution sum, gradient against finite
// differences, determinism, and convergence in direction to the ℓ2 max-margin predictor at K = 1
// (computed independently by dual coordinate ascent).
#include "train/gd.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace convcert;
using namespace convcert::train;

namespace {

CnnParams random_params(long R, long D, long K, long C, unsigned seed) {
    std::mt19937 g(seed);
    std::uniform_real_distribution<double> U(-1, 1);
    CnnParams p;
    p.R = R, p.D = D, p.K = K, p.C = C;
    p.u.resize(static_cast<std::size_t>(C * R * K));
    p.v.resize(static_cast<std::size_t>(C * D));
    for (auto& a : p.u)
        a = U(g);
    for (auto& a : p.v)
        a = U(g);
    return p;
}

data::Dataset small_data(long R, long D) {
    data::Dataset d;
    d.R = R;
    d.D = D;
    std::mt19937 g(5);
    std::uniform_int_distribution<long> U(-3, 3);
    for (int i = 0; i < 6; ++i) {
        std::vector<long> x(static_cast<std::size_t>(R * D));
        for (auto& a : x)
            a = U(g);
        d.x.push_back(x);
        d.y.push_back(i % 2 ? 1 : -1);
    }
    return d;
}

double loss_of(const CnnParams& p, const std::vector<std::vector<double>>& xs,
               const std::vector<int>& y, GdLoss loss) {
    CnnFft f(p.R, p.D, p.K, p.C);
    std::vector<double> W, G;
    return std::exp(gd_loss_and_gradient(
        xs, y,
        W =
            [&] {
                std::vector<double> w;
                f.predictor(p, w);
                return w;
            }(),
        loss, false, G, nullptr));
}

} // namespace

TEST_CASE("FFT predictor equals the direct sum of circular convolutions", "[gd]") {
    const long R = 2, D = 7, K = 3, C = 3;
    const CnnParams p = random_params(R, D, K, C, 1);
    CnnFft f(R, D, K, C);
    std::vector<double> W;
    f.predictor(p, W);
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j) {
            double s = 0;
            for (long c = 0; c < C; ++c)
                for (long k = 0; k < K; ++k)
                    s += p.u[static_cast<std::size_t>((c * R + r) * K + k)] *
                         p.v[static_cast<std::size_t>(c * D + ((j - k) % D + D) % D)];
            CHECK(W[static_cast<std::size_t>(r * D + j)] == Approx(s).margin(1e-12));
        }
}

TEST_CASE("gradient matches central finite differences", "[gd]") {
    for (GdLoss loss : {GdLoss::Logistic, GdLoss::Exponential}) {
        const long R = 2, D = 6, K = 3, C = 2;
        const data::Dataset d = small_data(R, D);
        double scale = 0;
        const auto xs = gd_scaled_inputs(d, &scale);
        CnnParams p = random_params(R, D, K, C, 3);
        CnnFft f(R, D, K, C);
        std::vector<double> W, G, du, dv;
        f.predictor(p, W);
        gd_loss_and_gradient(xs, d.y, W, loss, false, G, nullptr);
        f.backward(p, G, du, dv);
        const double h = 1e-6;
        for (std::size_t k = 0; k < p.u.size() + p.v.size(); ++k) {
            double& a = k < p.u.size() ? p.u[k] : p.v[k - p.u.size()];
            const double a0 = a;
            a = a0 + h;
            const double lp = loss_of(p, xs, d.y, loss);
            a = a0 - h;
            const double lm = loss_of(p, xs, d.y, loss);
            a = a0;
            const double fd = (lp - lm) / (2 * h);
            const double an = k < p.u.size() ? du[k] : dv[k - p.u.size()];
            CHECK(an == Approx(fd).margin(1e-7).epsilon(1e-5));
        }
    }
}

TEST_CASE("training is deterministic for a seed and depends on it", "[gd]") {
    const data::Dataset d = small_data(1, 5);
    GdOptions o;
    o.K = 2;
    o.C = 2;
    o.steps = 50;
    const GdRun a = gd_train(d, o), b = gd_train(d, o);
    CHECK(a.final_predictor == b.final_predictor);
    o.seed = 2;
    const GdRun c = gd_train(d, o);
    CHECK(a.final_predictor != c.final_predictor);
}

TEST_CASE("K = 1: the trained direction approaches the l2 max-margin direction", "[gd]") {
    // R_{1,C}(w) = 2||w||_2, so the max-margin problem is the hard-margin SVM without bias.
    data::Dataset d;
    d.R = 1;
    d.D = 4;
    // The far points (8, 8, 8, 0) and (-8, -8, 8, 0) pull the early gradient away from the SVM.
    d.x = {{3, 1, 0, 2},   {2, 2, 1, -1},  {1, 3, -1, 0}, {-2, -1, 1, 1},
           {-1, -3, 0, 2}, {0, -2, -2, 1}, {8, 8, 8, 0},  {-8, -8, 8, 0}};
    d.y = {1, 1, 1, -1, -1, -1, 1, -1};
    // Dual coordinate ascent on max sum α - ½||sum α_i y_i x_i||², α >= 0.
    std::vector<double> alpha(8, 0.0), w(4, 0.0);
    for (int it = 0; it < 200000; ++it) {
        const std::size_t i = static_cast<std::size_t>(it % 8);
        double m = 0, xx = 0;
        for (int k = 0; k < 4; ++k) {
            m += w[k] * static_cast<double>(d.x[i][k]);
            xx += static_cast<double>(d.x[i][k] * d.x[i][k]);
        }
        m *= d.y[i];
        const double na = std::max(0.0, alpha[i] + (1 - m) / xx);
        for (int k = 0; k < 4; ++k)
            w[k] += (na - alpha[i]) * d.y[i] * static_cast<double>(d.x[i][k]);
        alpha[i] = na;
    }
    double wn = 0, mn = INFINITY;
    for (double a : w)
        wn += a * a;
    for (std::size_t i = 0; i < 8; ++i) {
        double m = 0;
        for (int k = 0; k < 4; ++k)
            m += w[k] * static_cast<double>(d.x[i][k]);
        mn = std::min(mn, d.y[i] * m);
    }
    REQUIRE(mn == Approx(1).epsilon(1e-9)); // the SVM solution is tight
    wn = std::sqrt(wn);
    for (GdLoss loss : {GdLoss::Exponential, GdLoss::Logistic})
        for (long C : {1L, 3L}) {
            GdOptions o;
            o.K = 1;
            o.C = C;
            o.steps = 20000;
            o.loss = loss;
            const GdRun run = gd_train(d, o);
            const auto& dir = run.checkpoints.back().direction;
            double cos = 0;
            for (int k = 0; k < 4; ++k)
                cos += dir[static_cast<std::size_t>(k)] * w[k] / wn;
            const auto& first = run.checkpoints[1].direction;
            double cos0 = 0;
            for (int k = 0; k < 4; ++k)
                cos0 += first[static_cast<std::size_t>(k)] * w[k] / wn;
            INFO("C = " << C << " cos(t=1) = " << cos0 << " cos(final) = " << cos);
            CHECK(1 - cos < 1e-4);
            CHECK(1 - cos < 0.01 * (1 - cos0));
            CHECK(run.checkpoints.back().margin > 0);
        }
}
