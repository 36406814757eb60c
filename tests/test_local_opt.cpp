// Unit tests of the local optimizer of `convcert reproduce` (reproduce/local_opt.h) against
// values derived independently: the closed forms K = 1 (2||w||_2) and K = D ((2/D)||ŵ||_1),
// the multi-channel K = 1 value 2||W||_* (an SVD by hand for a 2×2 case), finite differences
// of the gradient, and determinism of the seeded starts.
#include "reproduce/local_opt.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>

using namespace convcert::reproduce;

namespace {

double norm2(const std::vector<double>& w) {
    double s = 0;
    for (double x : w)
        s += x * x;
    return std::sqrt(s);
}

// (2/D) sum_d |ŵ[d]| by a direct O(D²) DFT written here.
double fourier_l1(const std::vector<double>& w) {
    const double pi = std::acos(-1.0);
    const std::size_t D = w.size();
    double s = 0;
    for (std::size_t d = 0; d < D; ++d) {
        std::complex<double> acc = 0;
        for (std::size_t j = 0; j < D; ++j)
            acc += w[j] * std::exp(std::complex<double>(0, -2 * pi * double(j * d) / double(D)));
        s += std::abs(acc);
    }
    return 2 * s / double(D);
}

} // namespace

TEST_CASE("local search reaches 2||w|| at K = 1 for every C", "[local_opt]") {
    const std::vector<double> w = {3, -1, 4, 1, -5, 9};
    for (long C : {1L, 3L}) {
        const LocalSearch s = reproduce_local_search({w}, 1, C, 3, 42);
        CHECK(s.best == Approx(2 * norm2(w)).epsilon(1e-9));
        for (double v : s.values)
            CHECK(v >= 2 * norm2(w) * (1 - 1e-12)); // no network beats the optimum
    }
}

TEST_CASE("local search reaches (2/D)||ŵ||_1 at K = D", "[local_opt]") {
    const std::vector<double> w = {2, -1, 0, 3, 1, -2, 5, 1};
    const double target = fourier_l1(w);
    for (long C : {1L, 2L}) {
        const LocalSearch s = reproduce_local_search({w}, 8, C, 4, 7);
        CHECK(s.best == Approx(target).epsilon(1e-6));
        CHECK(s.best >= target * (1 - 1e-12));
    }
    // K = D is strictly below K = 1 for this w (2||w|| > (2/D)||ŵ||_1 unless w is a spike).
    CHECK(target < 2 * norm2(w));
}

TEST_CASE("multi-channel K = 1 with C = R reaches 2||W||_*", "[local_opt]") {
    // W = [[3, 0, 0], [0, 4, 0]] has singular values 3 and 4: 2||W||_* = 14.
    const Rows W = {{3, 0, 0}, {0, 4, 0}};
    const LocalSearch s = reproduce_local_search(W, 1, 2, 4, 3);
    CHECK(s.best == Approx(14).epsilon(1e-8));
    // One channel cannot realize a rank-2 W at K = 1: Σ_d is singular, the cost infinite.
    CHECK(std::isinf(reproduce_reduced_cost(W, {{{1}, {1}}})));
}

TEST_CASE("the gradient matches finite differences", "[local_opt]") {
    const Rows W = {{1, -2, 3, 0, 1}, {2, 1, -1, 1, 0}};
    const Kernels U = reproduce_random_kernels(W, 3, 2, 11);
    Kernels g;
    const double f = reproduce_reduced_cost(W, U, &g);
    REQUIRE(std::isfinite(f));
    const double h = 1e-6;
    for (std::size_t c = 0; c < U.size(); ++c)
        for (std::size_t r = 0; r < U[c].size(); ++r)
            for (std::size_t k = 0; k < U[c][r].size(); ++k) {
                Kernels p = U, m = U;
                p[c][r][k] += h;
                m[c][r][k] -= h;
                const double fd =
                    (reproduce_reduced_cost(W, p) - reproduce_reduced_cost(W, m)) / (2 * h);
                CHECK(g[c][r][k] == Approx(fd).epsilon(1e-5).margin(1e-7));
            }
}

TEST_CASE("seeded starts are deterministic and seed-dependent", "[local_opt]") {
    const Rows W = {{1, 2, 3, 4}};
    CHECK(reproduce_random_kernels(W, 2, 2, 5) == reproduce_random_kernels(W, 2, 2, 5));
    CHECK(reproduce_random_kernels(W, 2, 2, 5) != reproduce_random_kernels(W, 2, 2, 6));
    CHECK(reproduce_seed_mix(1, 0) != reproduce_seed_mix(1, 1));
    const LocalSearch a = reproduce_local_search(W, 2, 3, 2, 9);
    const LocalSearch b = reproduce_local_search(W, 2, 3, 2, 9);
    CHECK(a.values == b.values);
    CHECK_THROWS_AS(reproduce_reduced_cost(W, {{{1, 2, 3, 4, 5}}}), std::invalid_argument);
}
