// The trainer on 2-D grids (MATH.md, "Two-dimensional signals"): the FFT predictor and gradients
// against direct O(D·K) sums written with the grid maps, D1 = 1 against the 1-D path, central
// finite differences, determinism, a decreasing loss, and the dataset's shape in training.
#include "certify/grid.h"
#include "train/gd.h"
#include "train/run_json.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace convcert;
using namespace convcert::train;

namespace {

struct Shape {
    long D1, D2, K1, K2, R, C;
};

// Several shapes: D1 ≠ D2, K1 ≠ K2, even and odd sides (the r2c half spectrum), R, C > 1.
const Shape kShapes[] = {{3, 4, 2, 3, 1, 1}, {4, 3, 3, 1, 2, 3}, {5, 6, 2, 4, 3, 2},
                         {2, 7, 2, 2, 1, 4}, {6, 6, 6, 6, 2, 2}, {4, 5, 1, 1, 1, 2}};

CnnParams params_random(long R, const Grid& g, long C, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> U(-1, 1);
    CnnParams p;
    p.R = R, p.D = grid_signal_size(g), p.K = grid_kernel_size(g), p.C = C;
    p.u.resize(static_cast<std::size_t>(C * R * p.K));
    p.v.resize(static_cast<std::size_t>(C * p.D));
    for (auto& a : p.u)
        a = U(gen);
    for (auto& a : p.v)
        a = U(gen);
    return p;
}

std::vector<double> vector_random(long n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> U(-1, 1);
    std::vector<double> x(static_cast<std::size_t>(n));
    for (auto& a : x)
        a = U(gen);
    return x;
}

double u_at(const CnnParams& p, long c, long r, long k) {
    return p.u[static_cast<std::size_t>((c * p.R + r) * p.K + k)];
}

double v_at(const CnnParams& p, long c, long j) {
    return p.v[static_cast<std::size_t>(c * p.D + j)];
}

// W[r][j] = sum_c sum_k u_c[r][k] v_c[j - k]: the direct sum with the grid maps.
std::vector<double> predictor_direct(const CnnParams& p, const Grid& g) {
    std::vector<double> W(static_cast<std::size_t>(p.R * p.D), 0.0);
    for (long r = 0; r < p.R; ++r)
        for (long j = 0; j < p.D; ++j)
            for (long c = 0; c < p.C; ++c)
                for (long k = 0; k < p.K; ++k)
                    W[static_cast<std::size_t>(r * p.D + j)] +=
                        u_at(p, c, r, k) * v_at(p, c, grid_unshift(g, j, k));
    return W;
}

// The same W with explicit 2-D coordinates (u * v)[j1, j2] = sum u[k1, k2] v[j1 - k1, j2 - k2]:
// a second, index-map-free evaluation.
double predictor_entry_2d(const CnnParams& p, const Grid& g, long r, long j1, long j2) {
    double s = 0;
    for (long c = 0; c < p.C; ++c)
        for (long k1 = 0; k1 < g.K1; ++k1)
            for (long k2 = 0; k2 < g.K2; ++k2) {
                const long i1 = ((j1 - k1) % g.D1 + g.D1) % g.D1;
                const long i2 = ((j2 - k2) % g.D2 + g.D2) % g.D2;
                s += u_at(p, c, r, k1 * g.K2 + k2) * v_at(p, c, i1 * g.D2 + i2);
            }
    return s;
}

// Channel c's feature map at i: sum_r (x_r ⋆ u_c[r])[i] = sum_r sum_k u_c[r][k] x_r[i + k].
double feature_direct(const CnnParams& p, const Grid& g, long c, const std::vector<double>& x,
                      long i) {
    double h = 0;
    for (long r = 0; r < p.R; ++r)
        for (long k = 0; k < p.K; ++k)
            h += u_at(p, c, r, k) * x[static_cast<std::size_t>(r * p.D + grid_shift(g, i, k))];
    return h;
}

// f(x) = sum_c <v_c, feature map c>, directly.
double forward_direct(const CnnParams& p, const Grid& g, const std::vector<double>& x) {
    double f = 0;
    for (long c = 0; c < p.C; ++c)
        for (long i = 0; i < p.D; ++i)
            f += v_at(p, c, i) * feature_direct(p, g, c, x, i);
    return f;
}

data::Dataset dataset_random(long R, long D1, long D2, long n, unsigned seed) {
    data::Dataset d;
    d.R = R;
    d.D = D1 * D2;
    d.shape = {D1, D2};
    std::mt19937 gen(seed);
    std::uniform_int_distribution<long> U(-3, 3);
    for (long i = 0; i < n; ++i) {
        std::vector<long> x(static_cast<std::size_t>(R * d.D));
        for (auto& a : x)
            a = U(gen);
        d.x.push_back(x);
        d.y.push_back(i % 2 ? 1 : -1);
    }
    return d;
}

double loss_at(CnnFft& f, const CnnParams& p, const std::vector<std::vector<double>>& xs,
               const std::vector<int>& y, GdLoss loss) {
    std::vector<double> W, G;
    f.predictor(p, W);
    return std::exp(gd_loss_and_gradient(xs, y, W, loss, false, G, nullptr));
}

} // namespace

TEST_CASE("2-D FFT predictor equals the direct sum of 2-D circular convolutions", "[gd2d]") {
    unsigned seed = 10;
    for (const Shape& s : kShapes) {
        const Grid g = grid_2d(s.D1, s.D2, s.K1, s.K2);
        INFO("D " << s.D1 << "x" << s.D2 << " K " << s.K1 << "x" << s.K2 << " R " << s.R << " C "
                  << s.C);
        const CnnParams p = params_random(s.R, g, s.C, ++seed);
        CnnFft f(s.R, g, s.C);
        std::vector<double> W;
        f.predictor(p, W);
        const std::vector<double> direct = predictor_direct(p, g);
        REQUIRE(W.size() == direct.size());
        for (long r = 0; r < s.R; ++r)
            for (long j1 = 0; j1 < s.D1; ++j1)
                for (long j2 = 0; j2 < s.D2; ++j2) {
                    const auto at = static_cast<std::size_t>(r * p.D + j1 * s.D2 + j2);
                    CHECK(W[at] == Approx(direct[at]).margin(1e-12));
                    CHECK(W[at] == Approx(predictor_entry_2d(p, g, r, j1, j2)).margin(1e-12));
                }
        // f(x) = <W, x> against the network's own definition, on a random x.
        const std::vector<double> x = vector_random(s.R * p.D, seed + 100);
        double wx = 0;
        for (std::size_t k = 0; k < x.size(); ++k)
            wx += W[k] * x[k];
        CHECK(wx == Approx(forward_direct(p, g, x)).margin(1e-10));
    }
}

TEST_CASE("2-D backward equals the direct correlation sums", "[gd2d]") {
    unsigned seed = 40;
    for (const Shape& s : kShapes) {
        const Grid g = grid_2d(s.D1, s.D2, s.K1, s.K2);
        INFO("D " << s.D1 << "x" << s.D2 << " K " << s.K1 << "x" << s.K2);
        const CnnParams p = params_random(s.R, g, s.C, ++seed);
        const std::vector<double> G = vector_random(s.R * p.D, seed + 7);
        CnnFft f(s.R, g, s.C);
        std::vector<double> du, dv;
        f.backward(p, G, du, dv);
        for (long c = 0; c < s.C; ++c) {
            for (long r = 0; r < s.R; ++r)
                for (long k = 0; k < p.K; ++k) {
                    double e = 0;
                    for (long j = 0; j < p.D; ++j)
                        e += v_at(p, c, j) *
                             G[static_cast<std::size_t>(r * p.D + grid_shift(g, j, k))];
                    CHECK(du[static_cast<std::size_t>((c * s.R + r) * p.K + k)] ==
                          Approx(e).margin(1e-11));
                }
            // dv_c is channel c's feature map of G.
            for (long j = 0; j < p.D; ++j)
                CHECK(dv[static_cast<std::size_t>(c * p.D + j)] ==
                      Approx(feature_direct(p, g, c, G, j)).margin(1e-11));
        }
    }
}

TEST_CASE("a 2-D grid with D1 = 1 gives the 1-D path's numbers", "[gd2d]") {
    const long R = 2, D = 9, K = 4, C = 3;
    const CnnParams p = params_random(R, grid_1d(D, K), C, 3);
    CnnFft one(R, D, K, C), two(R, grid_2d(1, D, 1, K), C);
    std::vector<double> W1, W2, du1, dv1, du2, dv2;
    one.predictor(p, W1);
    two.predictor(p, W2);
    CHECK(W1 == W2);
    const std::vector<double> G = vector_random(R * D, 4);
    one.backward(p, G, du1, dv1);
    two.backward(p, G, du2, dv2);
    CHECK(du1 == du2);
    CHECK(dv1 == dv2);
    // And the 1-D path against its own direct sum (j - k mod D).
    for (long j = 0; j < D; ++j) {
        double s = 0;
        for (long c = 0; c < C; ++c)
            for (long k = 0; k < K; ++k)
                s += u_at(p, c, 0, k) * v_at(p, c, ((j - k) % D + D) % D);
        CHECK(W1[static_cast<std::size_t>(j)] == Approx(s).margin(1e-12));
    }
}

namespace {

// Central finite differences of the mean loss against backward(), every parameter, both losses.
void gradient_fd_check(const data::Dataset& d, const Grid& g, long C) {
    for (GdLoss loss : {GdLoss::Logistic, GdLoss::Exponential}) {
        double scale = 0;
        const auto xs = gd_scaled_inputs(d, &scale);
        CnnParams p = params_random(d.R, g, C, 3);
        CnnFft f(d.R, g, C);
        std::vector<double> W, G, du, dv;
        f.predictor(p, W);
        gd_loss_and_gradient(xs, d.y, W, loss, false, G, nullptr);
        f.backward(p, G, du, dv);
        const double h = 1e-6;
        for (std::size_t k = 0; k < p.u.size() + p.v.size(); ++k) {
            double& a = k < p.u.size() ? p.u[k] : p.v[k - p.u.size()];
            const double a0 = a;
            a = a0 + h;
            const double lp = loss_at(f, p, xs, d.y, loss);
            a = a0 - h;
            const double lm = loss_at(f, p, xs, d.y, loss);
            a = a0;
            const double an = k < p.u.size() ? du[k] : dv[k - p.u.size()];
            CHECK(an == Approx((lp - lm) / (2 * h)).margin(1e-7).epsilon(1e-5));
        }
    }
}

} // namespace

TEST_CASE("gradient matches central finite differences, 2-D and 1-D", "[gd2d]") {
    gradient_fd_check(dataset_random(2, 3, 4, 6, 5), grid_2d(3, 4, 2, 3), 2);
    gradient_fd_check(dataset_random(1, 5, 2, 6, 6), grid_2d(5, 2, 3, 2), 3);
    data::Dataset flat = dataset_random(2, 1, 6, 6, 5);
    flat.shape.clear();
    gradient_fd_check(flat, grid_1d(6, 3), 2);
}

TEST_CASE("2-D training: the loss decreases, W = sum_c u_c * v_c, deterministic bytes", "[gd2d]") {
    const data::Dataset d = dataset_random(2, 4, 5, 10, 8);
    GdOptions o;
    o.kernel = support::KernelSpec{3, 2, 2};
    o.C = 2;
    o.steps = 200;
    const GdRun run = gd_train(d, o);
    CHECK(run.grid.D1 == 4);
    CHECK(run.grid.K1 == 3);
    CHECK(run.grid.K2 == 2);
    REQUIRE(run.checkpoints.size() >= 2);
    CHECK(run.checkpoints.back().log_loss < run.checkpoints.front().log_loss - 0.5);
    for (std::size_t i = 1; i < run.checkpoints.size(); ++i)
        CHECK(run.checkpoints[i].log_loss <= run.checkpoints[i - 1].log_loss + 1e-12);
    const std::vector<double> direct = predictor_direct(run.final_params, run.grid);
    REQUIRE(direct.size() == run.final_predictor.size());
    for (std::size_t k = 0; k < direct.size(); ++k)
        CHECK(run.final_predictor[k] == Approx(direct[k]).margin(1e-9));
    const std::string text = gd_run_to_json(run, "t");
    CHECK(text == gd_run_to_json(gd_train(d, o), "t"));
    CHECK(text.find("\"D\": 20, \"K\": 6, \"shape\": [4, 5], \"kernel_shape\": [3, 2]") !=
          std::string::npos);
    // The same data flattened to 1-D: no shape fields, the 1-D RUN.json as before.
    data::Dataset flat = d;
    flat.shape.clear();
    o.kernel = support::KernelSpec{1, 6, 1};
    const std::string one = gd_run_to_json(gd_train(flat, o), "t");
    CHECK(one.find("\"D\": 20, \"K\": 6, \"C\": 2,") != std::string::npos);
    CHECK(one.find("shape") == std::string::npos);
}

TEST_CASE("2-D training: a single K means KxK; kernels larger than the grid are refused",
          "[gd2d]") {
    const data::Dataset d = dataset_random(1, 3, 5, 6, 2);
    GdOptions o;
    o.kernel = support::KernelSpec{1, 3, 1};
    o.steps = 2;
    CHECK(gd_train(d, o).final_params.K == 9);
    o.kernel = support::KernelSpec{1, 4, 1}; // 4x4 on 3x5
    CHECK_THROWS_AS(gd_train(d, o), std::invalid_argument);
    o.kernel = support::KernelSpec{2, 6, 2}; // K2 = 6 > D2 = 5
    CHECK_THROWS_AS(gd_train(d, o), std::invalid_argument);
}
