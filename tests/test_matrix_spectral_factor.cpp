// Matrix spectral factors (regularizer/numeric/matrix_spectral_factor.h): seeded random networks
// factor to R channels with the same matrix autocorrelation (recomputed here by a plain loop);
// R = 1 is the scalar factor; K = 1 is the Cholesky factor; singular densities (C < R, dependent
// channels, zero leading/trailing taps, a constant null space, zeros on the circle) come back
// with the rank they need; Bauer's method agrees; bad input is refused.
#include "bench/matrix_factor_fixtures.h"
#include "regularizer/kernel_one_channel.h"
#include "regularizer/numeric/matrix_spectral_factor.h"

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using namespace convcert::regularizer;
using Coeffs = std::vector<Eigen::MatrixXd>;
using convcert::fixtures::random_kernels;

namespace {

constexpr double kTol = 1e-12;

// The test's own H_j = sum_c sum_k u_c[i][k] u_c[l][k+j] (entrywise loops, no Eigen products).
Coeffs autocorrelation_loops(const Coeffs& u) {
    const long R = u[0].rows(), K = u[0].cols();
    Coeffs H(K, Eigen::MatrixXd::Zero(R, R));
    for (const auto& c : u)
        for (long j = 0; j < K; ++j)
            for (long i = 0; i < R; ++i)
                for (long l = 0; l < R; ++l)
                    for (long k = 0; k + j < K; ++k)
                        H[j](i, l) += c(i, k) * c(l, k + j);
    return H;
}

// The factor's channels as kernels: u'_c[:, k] = P_k[:, c].
Coeffs channels_of(const MatrixSpectralFactor& f) {
    const long R = f.P[0].rows(), K = static_cast<long>(f.P.size());
    Coeffs u(f.rank, Eigen::MatrixXd(R, K));
    for (long c = 0; c < f.rank; ++c)
        for (long k = 0; k < K; ++k)
            u[c].col(k) = f.P[k].col(c);
    return u;
}

// max_j ||autocorrelation(factor)_j - H_j||_max / max_j ||H_j||_max, by autocorrelation_loops.
double relative_error(const MatrixSpectralFactor& f, const Coeffs& H) {
    const Coeffs F = autocorrelation_loops(channels_of(f));
    double num = 0, den = 0;
    for (std::size_t j = 0; j < H.size(); ++j) {
        num = std::max(num, (F[j] - H[j]).cwiseAbs().maxCoeff());
        den = std::max(den, H[j].cwiseAbs().maxCoeff());
    }
    return num / den;
}

} // namespace

TEST_CASE("matrix autocorrelation: the definition, by hand on one small case") {
    Eigen::MatrixXd u(2, 2);
    u << 1, 2, 3, 4; // u[:,0] = (1,3), u[:,1] = (2,4)
    const Coeffs H = regularizer_matrix_autocorrelation({u});
    Eigen::MatrixXd H0(2, 2), H1(2, 2);
    H0 << 1 + 4, 3 + 8, 3 + 8, 9 + 16;
    H1 << 1 * 2, 1 * 4, 3 * 2, 3 * 4; // u[:,0] u[:,1]ᵀ
    CHECK(H[0] == H0);
    CHECK(H[1] == H1);
    CHECK_THROWS_AS(regularizer_matrix_autocorrelation({}), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_matrix_autocorrelation({u, Eigen::MatrixXd::Ones(2, 3)}),
                    std::invalid_argument);
}

TEST_CASE("matrix spectral factor: random networks collapse to R channels with the same H") {
    unsigned long seed = 1000;
    for (long R : {1, 2, 3, 4})
        for (long K : {1, 2, 3, 4, 8, 16})
            for (long C = R; C <= 4 * R; ++C) {
                ++seed;
                INFO("seed " << seed << " R " << R << " K " << K << " C " << C);
                const Coeffs H = autocorrelation_loops(random_kernels(seed, R, K, C));
                const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
                REQUIRE(f.rank == R);
                CHECK(f.converged);
                CHECK(f.fallback == MatrixFactorFallback::None);
                CHECK(f.dense_iterations == 0); // Wilson's FFT steps alone suffice here
                CHECK(relative_error(f, H) <= 1e-10);
                // The normalization: P_{K-1} lower triangular with a non-negative diagonal.
                const Eigen::MatrixXd& last = f.P[K - 1];
                CHECK(last.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().isZero(0));
                CHECK(last.diagonal().minCoeff() >= 0);
            }
}

TEST_CASE("matrix spectral factor: R = 1 is the scalar spectral factor up to sign") {
    for (long K : {1, 2, 3, 4, 8, 16})
        for (long C : {1, 2, 4}) {
            const unsigned long seed = 77 + 10 * K + C;
            INFO("seed " << seed << " K " << K << " C " << C);
            const Coeffs H = autocorrelation_loops(random_kernels(seed, 1, K, C));
            std::vector<double> r(K);
            for (long j = 0; j < K; ++j)
                r[j] = H[j](0, 0);
            const std::vector<double> c = regularizer_spectral_factor_double(r);
            const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
            REQUIRE(f.rank == 1);
            const double sign = (c[K - 1] >= 0) == (f.P[K - 1](0, 0) >= 0) ? 1.0 : -1.0;
            for (long k = 0; k < K; ++k)
                CHECK(std::abs(f.P[k](0, 0) - sign * c[k]) <= 1e-9 * std::sqrt(r[0]));
        }
}

TEST_CASE("matrix spectral factor: K = 1 is the Cholesky factor of H_0") {
    for (long R : {1, 2, 3, 4}) {
        INFO("R " << R);
        const Coeffs H = autocorrelation_loops(random_kernels(5 + R, R, 1, 2 * R));
        const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
        REQUIRE(f.rank == R);
        const Eigen::MatrixXd L = H[0].llt().matrixL();
        CHECK((f.P[0] - L).cwiseAbs().maxCoeff() <= 1e-12 * L.cwiseAbs().maxCoeff());
    }
}

TEST_CASE("matrix spectral factor: fewer channels than rows give rank C") {
    unsigned long seed = 2000;
    for (long R : {2, 3, 4})
        for (long K : {1, 2, 3, 4, 8})
            for (long C = 1; C < R; ++C) {
                ++seed;
                INFO("seed " << seed << " R " << R << " K " << K << " C " << C);
                const Coeffs H = autocorrelation_loops(random_kernels(seed, R, K, C));
                const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
                CHECK(f.rank == C);
                CHECK(f.converged);
                CHECK(relative_error(f, H) <= 1e-10);
                CHECK(f.fallback == (K == 1 ? MatrixFactorFallback::NullSpace
                                            : MatrixFactorFallback::Regularized));
            }
}

TEST_CASE("matrix spectral factor: a channel that is a combination of others") {
    unsigned long seed = 3000;
    for (long R : {2, 3, 4})
        for (long K : {2, 3, 8})
            for (long C : {R, R + 1}) {
                ++seed;
                INFO("seed " << seed << " R " << R << " K " << K << " C " << C);
                Coeffs u = random_kernels(seed, R, K, C);
                u[C - 1] =
                    C > 2 ? Eigen::MatrixXd(0.5 * u[0] - 2.0 * u[1]) : Eigen::MatrixXd(0.5 * u[0]);
                const Coeffs H = autocorrelation_loops(u);
                const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
                CHECK(f.rank == std::min(R, C - 1));
                CHECK(f.converged);
                CHECK(relative_error(f, H) <= 1e-10);
            }
}

TEST_CASE("matrix spectral factor: zero leading or trailing kernel columns") {
    unsigned long seed = 4000;
    for (long R : {2, 3})
        for (long K : {3, 4, 8})
            for (int which = 0; which < 3; ++which) {
                ++seed;
                INFO("seed " << seed << " R " << R << " K " << K << " zero taps " << which);
                Coeffs u = random_kernels(seed, R, K, 2 * R);
                for (auto& m : u) {
                    if (which != 1) m.col(0).setZero();
                    if (which != 0) m.col(K - 1).setZero();
                }
                const Coeffs H = autocorrelation_loops(u);
                const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
                CHECK(f.rank == R);
                CHECK(f.converged);
                CHECK(relative_error(f, H) <= 1e-10);
            }
}

TEST_CASE("matrix spectral factor: all kernel columns in a subspace (constant null space)") {
    unsigned long seed = 5000;
    for (long R : {2, 3, 4})
        for (long K : {2, 4, 8}) {
            ++seed;
            INFO("seed " << seed << " R " << R << " K " << K);
            // u_c = B v_c with B R×(R-1): every column in the range of B.
            const Eigen::MatrixXd B = random_kernels(seed, R, R - 1, 1)[0];
            Coeffs u = random_kernels(seed + 1, R - 1, K, 2 * R);
            for (auto& m : u)
                m = B * m;
            const Coeffs H = autocorrelation_loops(u);
            const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
            CHECK(f.rank == R - 1);
            CHECK(f.fallback == MatrixFactorFallback::NullSpace);
            CHECK(f.converged);
            CHECK(relative_error(f, H) <= 1e-10);
        }
}

TEST_CASE("matrix spectral factor: H(z) singular at isolated points of the circle") {
    // Two channels with det U(z) = (1 - z)(2 + z) b: H(1) is singular.
    Eigen::MatrixXd u1(2, 3), u2(2, 3);
    u1 << 1, -1, 0, 0.5, 0.25, -1;
    u2 << 0, 0, 0, 2, 1, 0;
    const Coeffs H = autocorrelation_loops({u1, u2});
    const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, 1e-10);
    INFO("residual " << f.residual << " iterations " << f.iterations << " dense "
                     << f.dense_iterations << " grid " << f.grid);
    CHECK(f.rank == 2);
    CHECK(f.converged);
    CHECK(relative_error(f, H) <= 1e-10);
    CHECK(f.dense_iterations <= 100); // the caps: 100 dense steps, 100 FFT steps per grid
    CHECK(f.iterations <= 600);
}

TEST_CASE("matrix spectral factor: Bauer's block Cholesky agrees with Newton") {
    unsigned long seed = 6000;
    for (long R : {1, 2, 3})
        for (long K : {1, 2, 4, 8}) {
            ++seed;
            INFO("seed " << seed << " R " << R << " K " << K);
            const Coeffs H = autocorrelation_loops(random_kernels(seed, R, K, 3 * R));
            const MatrixSpectralFactor n = regularizer_matrix_spectral_factor(H, kTol);
            const MatrixSpectralFactor b =
                regularizer_matrix_spectral_factor_bauer(H, 1e-14, 100000);
            REQUIRE(b.rank == R);
            CHECK(relative_error(b, H) <= 1e-9);
            double diff = 0, scale = 0;
            for (long k = 0; k < K; ++k) {
                diff = std::max(diff, (n.P[k] - b.P[k]).cwiseAbs().maxCoeff());
                scale = std::max(scale, n.P[k].cwiseAbs().maxCoeff());
            }
            CHECK(diff <= 1e-7 * scale);
        }
}

TEST_CASE("matrix spectral factor: H = 0 and bad input") {
    const MatrixSpectralFactor z =
        regularizer_matrix_spectral_factor(Coeffs(3, Eigen::MatrixXd::Zero(2, 2)), kTol);
    CHECK(z.rank == 0);
    CHECK(z.converged);
    REQUIRE(z.P.size() == 3);
    CHECK(z.P[0].rows() == 2);
    CHECK_THROWS_AS(regularizer_matrix_spectral_factor({}, kTol), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_matrix_spectral_factor({Eigen::MatrixXd::Identity(2, 3)}, kTol),
                    std::invalid_argument);
    Eigen::MatrixXd nonsym(2, 2);
    nonsym << 2, 1, 0, 2;
    CHECK_THROWS_AS(regularizer_matrix_spectral_factor({nonsym}, kTol), std::invalid_argument);
    Eigen::MatrixXd nan = Eigen::MatrixXd::Identity(2, 2);
    nan(0, 1) = std::nan("");
    CHECK_THROWS_AS(regularizer_matrix_spectral_factor({nan}, kTol), std::invalid_argument);
    CHECK_THROWS_AS(
        regularizer_matrix_spectral_factor_bauer({-Eigen::MatrixXd::Identity(2, 2)}, kTol, 10),
        std::invalid_argument);
}

TEST_CASE("matrix spectral factor: H not PSD on the circle ends unconverged, iterations capped") {
    // H(z) = I + 2 I (z + 1/z) is -3 I at z = -1: no factor exists.
    const Coeffs H = {Eigen::MatrixXd::Identity(2, 2), 2.0 * Eigen::MatrixXd::Identity(2, 2)};
    const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, kTol);
    INFO("residual " << f.residual << " iterations " << f.iterations << " rank " << f.rank);
    CHECK_FALSE(f.converged);
    CHECK(f.residual > 1e-3);
    CHECK(f.iterations <= 800);
}
