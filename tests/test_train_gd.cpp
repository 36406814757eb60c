// The trainer: FFT predictor against the direct convolution sum, determinism, and convergence in
// direction to the ℓ2 max-margin predictor at K = 1 (computed independently by dual coordinate
// ascent). Finite differences of the gradient, 1-D and 2-D: test_train_2d.cpp.
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

TEST_CASE("training is deterministic for a seed and depends on it", "[gd]") {
    const data::Dataset d = small_data(1, 5);
    GdOptions o;
    o.kernel = support::KernelSpec{1, 2, 1};
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
            o.kernel = support::KernelSpec{1, 1, 1};
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
