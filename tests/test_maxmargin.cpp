// The max-margin bracket: K = 1 against the hard-margin SVM (R_{1,C}(w) = 2||w||_2, solved
// independently by dual coordinate ascent), monotonicity in K, K = D against the closed form
// on the witness, multi-channel inputs, non-separable data, and tamper tests of the checker.
#include "certify/checker/checker.h"
#include "data/binary_task.h"
#include "maxmargin/bracket.h"
#include "maxmargin/kkt_polish.h"
#include "maxmargin/lower_bound.h"
#include "maxmargin/margin.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"
#include "support/blas_threads.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "tests/rational_strings.h"

#include <Eigen/Dense>

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <dlfcn.h>
#include <random>

using namespace convcert;

namespace {

data::Dataset tiny() {
    data::Dataset d;
    d.R = 1;
    d.D = 4;
    d.x = {{3, 1, 0, 2},   {2, 2, 1, -1},  {1, 3, -1, 0}, {-2, -1, 1, 1},
           {-1, -3, 0, 2}, {0, -2, -2, 1}, {8, 8, 8, 0},  {-8, -8, 8, 0}};
    d.y = {1, 1, 1, -1, -1, -1, 1, -1};
    return d;
}

double svm_norm(const data::Dataset& d) {
    const std::size_t n = d.x.size(), D = static_cast<std::size_t>(d.D);
    std::vector<double> alpha(n, 0.0), w(D, 0.0);
    for (long it = 0; it < 400000; ++it) {
        const std::size_t i = static_cast<std::size_t>(it) % n;
        double m = 0, xx = 0;
        for (std::size_t k = 0; k < D; ++k) {
            m += w[k] * static_cast<double>(d.x[i][k]);
            xx += static_cast<double>(d.x[i][k] * d.x[i][k]);
        }
        const double na = std::max(0.0, alpha[i] + (1 - d.y[i] * m) / xx);
        for (std::size_t k = 0; k < D; ++k)
            w[k] += (na - alpha[i]) * d.y[i] * static_cast<double>(d.x[i][k]);
        alpha[i] = na;
    }
    double s = 0;
    for (double a : w)
        s += a * a;
    return std::sqrt(s);
}

double as_double(const std::string& q) {
    const auto slash = q.find('/');
    if (slash == std::string::npos) return std::stod(q);
    return std::stod(q.substr(0, slash)) / std::stod(q.substr(slash + 1));
}

} // namespace

TEST_CASE("maxmargin K = 1 brackets twice the SVM norm", "[maxmargin]") {
    const data::Dataset d = tiny();
    maxmargin::MaxmarginReport rep;
    const Certificate cert = maxmargin::maxmargin_certificate(d, 1, &rep);
    const double svm = 2 * svm_norm(d);
    CHECK(rep.lower_double <= svm * (1 + 1e-9));
    CHECK(rep.upper_double >= svm * (1 - 1e-9));
    CHECK(rep.relative_gap < 1e-9); // polished: 9e-13 measured; SDPA alone gave 5.7e-9
    const auto v = checker::check_certificate(cert);
    INFO(v.reason);
    CHECK(v.valid);
    // JSON round trip keeps it valid.
    const auto back = certificate_from_json(certificate_to_json(cert));
    REQUIRE(back.certificate);
    CHECK(checker::check_certificate(*back.certificate).valid);
}

TEST_CASE("maxmargin values decrease in K; K = D matches the closed form on the witness",
          "[maxmargin]") {
    const data::Dataset d = data::data_synthetic(12, 1, 6, 3);
    double prev_lower = INFINITY;
    for (long K = 1; K <= 6; ++K) {
        maxmargin::MaxmarginReport rep;
        const Certificate cert = maxmargin::maxmargin_certificate(d, K, &rep);
        CHECK(checker::check_certificate(cert).valid);
        CHECK(rep.upper_double <= prev_lower * (1 + 1e-6)); // R_{K+1} <= R_K pointwise
        prev_lower = rep.lower_double;
        if (K == 6) {
            // (2/D) sum_d |ŵ[d]| on the witness w, computed here by a plain DFT.
            double s = 0;
            for (long f = 0; f < 6; ++f) {
                std::complex<double> a = 0;
                for (long j = 0; j < 6; ++j)
                    a += rep.W[static_cast<std::size_t>(j)] *
                         std::polar(1.0, -2 * M_PI * static_cast<double>(j * f) / 6);
                s += std::abs(a);
            }
            CHECK(rep.upper_double == Approx(2.0 / 6 * s).epsilon(1e-7));
        }
    }
}

TEST_CASE("maxmargin with R = 2 input channels", "[maxmargin]") {
    const data::Dataset d = data::data_synthetic(10, 2, 4, 5);
    maxmargin::MaxmarginReport rep;
    const Certificate cert = maxmargin::maxmargin_certificate(d, 2, &rep);
    const auto v = checker::check_certificate(cert);
    INFO(v.reason);
    CHECK(v.valid);
    // Polished: 9e-13 under every BLAS tried; SDPA alone gave 1.2e-8 (OpenBLAS Haswell kernels),
    // 6.7e-5 (SkylakeX kernels, 2 threads) and 1.1e-3 (reference BLAS).
    CHECK(rep.relative_gap < 1e-9);
}

TEST_CASE("the KKT polish reaches the SVM value at K = 1 from SDPA's point", "[maxmargin]") {
    // At K = 1 the optimum is 2||w||_2 of the hard-margin SVM (computed independently by dual
    // coordinate ascent); SDPA's own values are about 1e-8 away.
    const data::Dataset d = tiny();
    const auto sdp = maxmargin::maxmargin_sdp_solve(d, 1);
    const auto kkt = maxmargin::maxmargin_kkt_polish(d, 1, sdp.gram, sdp.alpha);
    const double svm = 2 * svm_norm(d);
    CHECK(kkt.residual < 1e-12 * svm);
    CHECK(kkt.cost == Approx(svm).epsilon(1e-11));
    double sum = 0;
    for (double a : kkt.alpha)
        sum += a;
    CHECK(sum == Approx(svm).epsilon(1e-11)); // strong duality at the refined point
    CHECK(maxmargin::maxmargin_min_margin(d, kkt.W) == Approx(1).epsilon(1e-12));
}

TEST_CASE("the KKT polish rejects bad sizes and a degenerate start", "[maxmargin]") {
    const data::Dataset d = tiny();
    const std::vector<double> alpha(8, 1.0); // N = R·K + D = 5: Z has 25 entries
    CHECK_THROWS_AS(maxmargin::maxmargin_kkt_polish(d, 1, std::vector<double>(24, 0.0), alpha),
                    std::invalid_argument);
    CHECK_THROWS_AS(maxmargin::maxmargin_kkt_polish(d, 1, std::vector<double>(25, 0.0), alpha),
                    std::runtime_error); // Z = 0
}

TEST_CASE("the KKT polish refuses too many unknowns before any eigendecomposition", "[maxmargin]") {
    // N = R·K + D = 1 + 1500: one channel and |S| = 2 already exceed 1500 unknowns. Z = 0 would
    // be refused as degenerate after the eigendecomposition; the size is refused first.
    data::Dataset d;
    d.R = 1;
    d.D = 1500;
    d.x = {std::vector<long>(1500, 1), std::vector<long>(1500, -1)};
    d.y = {1, -1};
    const long N = 1 + d.D;
    REQUIRE(N > maxmargin::kMaxmarginKktMaxUnknowns);
    CHECK_THROWS_WITH(
        maxmargin::maxmargin_kkt_polish(
            d, 1, std::vector<double>(static_cast<std::size_t>(N * N), 0.0), {1.0, 1.0}),
        "maxmargin_kkt_polish: too many unknowns");
}

TEST_CASE("BLAS runs on one thread once SDPA has solved", "[maxmargin]") {
    // regularizer_sdpa_run sets it before each solve; OpenBLAS reports it, the reference BLAS
    // has no threads (and no such symbol).
    using GetThreads = int (*)();
    using SetThreads = void (*)(int);
    void* get = dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    void* set = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
    if (set != nullptr) reinterpret_cast<SetThreads>(set)(2); // as OPENBLAS_NUM_THREADS=2 would
    (void)maxmargin::maxmargin_certificate(tiny(), 2, nullptr);
    if (get != nullptr) CHECK(reinterpret_cast<GetThreads>(get)() == 1);
    CHECK(support::blas_threads_set_one() == (get != nullptr));
}

TEST_CASE("maxmargin is deterministic within one process", "[maxmargin]") {
    const data::Dataset d = data::data_synthetic(10, 2, 4, 5);
    const Certificate a = maxmargin::maxmargin_certificate(d, 2, nullptr);
    const Certificate b = maxmargin::maxmargin_certificate(d, 2, nullptr);
    CHECK(certificate_to_json(a) == certificate_to_json(b));
}

TEST_CASE("maxmargin rejects non-separable data", "[maxmargin]") {
    data::Dataset d;
    d.R = 1;
    d.D = 3;
    d.x = {{1, 2, 3}, {1, 2, 3}, {0, 1, 0}};
    d.y = {1, -1, 1};
    CHECK_THROWS_AS(maxmargin::maxmargin_certificate(d, 2, nullptr), std::runtime_error);
}

TEST_CASE("maxmargin-bracket tamper tests", "[maxmargin]") {
    const Certificate good = maxmargin::maxmargin_certificate(tiny(), 2, nullptr);
    REQUIRE(checker::check_certificate(good).valid);
    auto expect_invalid = [](Certificate c, const std::string& needle) {
        const auto v = checker::check_certificate(c);
        INFO("expected a failure mentioning: " << needle << "; got: " << v.reason);
        CHECK(!v.valid);
        CHECK(v.reason.find(needle) != std::string::npos);
    };
    {
        Certificate c = good; // lower raised above sum α
        std::get<MaxmarginBody>(c.body).claim.lower = std::to_string(
            static_cast<long>(as_double(std::get<MaxmarginBody>(c.body).claim.lower)) + 1);
        expect_invalid(c, "exceeds sum_i alpha_i");
    }
    {
        Certificate c = good; // upper lowered below the network's cost
        std::get<MaxmarginBody>(c.body).claim.upper = std::get<MaxmarginBody>(c.body).claim.lower;
        expect_invalid(c, "cost");
    }
    {
        Certificate c = good; // a negative multiplier
        std::get<MaxmarginBody>(c.body).evidence.alpha[0] = "-1";
        expect_invalid(c, "negative");
    }
    {
        Certificate c = good; // a huge multiplier: λ leaves the dual feasible set
        std::get<MaxmarginBody>(c.body).evidence.alpha[0] = "1000000";
        expect_invalid(c, "positive semidefinite");
    }
    {
        Certificate c = good; // w halved exactly: every margin drops to about 1/2
        for (auto& row : std::get<MaxmarginBody>(c.body).evidence.w)
            for (auto& e : row)
                e = test::S(checker::Rat(e) / 2);
        expect_invalid(c, "margin");
    }
    {
        Certificate c = good; // a label flipped
        std::get<MaxmarginBody>(c.body).claim.y[0] =
            std::get<MaxmarginBody>(c.body).claim.y[0] == "1" ? "-1" : "1";
        expect_invalid(c, "margin");
    }
    {
        Certificate c = good; // a sample changed: margin or duality breaks
        std::get<MaxmarginBody>(c.body).claim.x[0][0] = "-100";
        CHECK(!checker::check_certificate(c).valid);
    }
    {
        Certificate c = good; // network no longer realizes w
        std::get<MaxmarginBody>(c.body).evidence.v[0][0] =
            std::get<MaxmarginBody>(c.body).evidence.v[0][0] == "0" ? "1" : "0";
        expect_invalid(c, "does not realize");
    }
    {
        Certificate c = good;
        std::get<MaxmarginBody>(c.body).evidence.alpha.pop_back();
        expect_invalid(c, "one entry per sample");
    }
    {
        Certificate c = good;
        std::get<MaxmarginBody>(c.body).claim.y[1] = "2";
        expect_invalid(c, "is not");
    }
}

namespace {

/// ||T(λ)||_op for λ = sum_i α_i y_i x_i (R rows of D), T stacking T(λ_r), in long double.
long double lambda_norm(const data::Dataset& d, long K, const support::FmpqMat& alpha) {
    using MatL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
    std::vector<long double> lam(static_cast<std::size_t>(d.R * d.D), 0.0L);
    for (long i = 0; i < d.n(); ++i)
        for (long k = 0; k < d.R * d.D; ++k)
            lam[static_cast<std::size_t>(k)] +=
                static_cast<long double>(fmpq_get_d(alpha.at(0, i))) *
                d.y[static_cast<std::size_t>(i)] *
                d.x[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
    MatL T(d.R * K, d.D);
    for (long r = 0; r < d.R; ++r)
        for (long k = 0; k < K; ++k)
            for (long j = 0; j < d.D; ++j)
                T(r * K + k, j) = lam[static_cast<std::size_t>(r * d.D + (j + k) % d.D)];
    return Eigen::JacobiSVD<MatL>(T).singularValues()(0);
}

/// Every margin of the exact predictor w, exactly.
bool margins_at_least_one(const data::Dataset& d, const support::FmpqMat& w) {
    support::Fmpq m;
    maxmargin::maxmargin_min_margin_exact(m.x, d, w);
    return fmpq_cmp_ui(m.x, 1) >= 0;
}

} // namespace

TEST_CASE("maxmargin lower bound: any α, λ just inside ||T||_op <= 2", "[maxmargin][exact]") {
    std::mt19937 gen(3);
    std::uniform_real_distribution<double> unit(-0.2, 1.0);
    for (auto [R, D, K] : {std::tuple<long, long, long>{1, 6, 2}, {2, 4, 3}, {3, 5, 5}}) {
        const data::Dataset d = data::data_synthetic(10, R, D, 9);
        std::vector<double> alpha(static_cast<std::size_t>(d.n()));
        for (double& a : alpha)
            a = unit(gen); // some negative: clipped to 0
        const auto lb = maxmargin::maxmargin_lower_bound(alpha, d, K);
        INFO("R = " << R << ", D = " << D << ", K = " << K);
        const long double norm = lambda_norm(d, K, lb.alpha);
        CHECK(norm <= 2.0L * (1 + 1e-15L));
        CHECK(norm >= 2.0L * (1 - 1e-9L));
        support::Fmpq sum;
        for (long i = 0; i < d.n(); ++i) {
            CHECK(fmpq_sgn(lb.alpha.at(0, i)) >= 0);
            if (alpha[static_cast<std::size_t>(i)] <= 0) CHECK(fmpq_is_zero(lb.alpha.at(0, i)));
            fmpq_add(sum.x, sum.x, lb.alpha.at(0, i));
        }
        CHECK(fmpq_equal(sum.x, lb.lower.x));
    }
    const data::Dataset d = tiny();
    const auto zero = maxmargin::maxmargin_lower_bound(std::vector<double>(8, 0.0), d, 2);
    CHECK(fmpq_is_zero(zero.lower.x));
    CHECK_THROWS_AS(maxmargin::maxmargin_lower_bound(std::vector<double>(7, 1.0), d, 2),
                    std::invalid_argument);
}

TEST_CASE("maxmargin scale: c·w has every margin >= 1 exactly, and c is tight",
          "[maxmargin][exact]") {
    const data::Dataset d = tiny();
    std::mt19937 gen(5);
    std::normal_distribution<double> normal(0.0, 1.0);
    int separating = 0;
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<double> W(4);
        for (double& x : W)
            x = normal(gen);
        support::FmpqMat w = support::fmpq_mat_from_doubles({W});
        support::Fmpq m, c, cm;
        maxmargin::maxmargin_min_margin_exact(m.x, d, w);
        if (fmpq_sgn(m.x) <= 0) {
            CHECK_THROWS_AS(maxmargin::maxmargin_scale_exact(d, w), std::invalid_argument);
            continue;
        }
        ++separating;
        support::fmpq_set_double(c.x, maxmargin::maxmargin_scale_exact(d, w));
        fmpq_mat_scalar_mul_fmpq(w.m, w.m, c.x);
        CHECK(margins_at_least_one(d, w));
        fmpq_mul(cm.x, c.x, m.x);
        CHECK(fmpq_get_d(cm.x) <= 1 + 1e-14);
        const auto scaled = maxmargin::maxmargin_scale_to_margin(d, W);
        CHECK(margins_at_least_one(d, support::fmpq_mat_from_doubles({scaled})));
    }
    CHECK(separating > 5);
}

TEST_CASE("maxmargin networks from a KKT point and from Gram kernels realize a margin-feasible w",
          "[maxmargin][exact]") {
    for (long R : {1L, 2L}) {
        const data::Dataset d = data::data_synthetic(10, R, 4, 5);
        const long K = 2;
        const auto sdp = maxmargin::maxmargin_sdp_solve(d, K);
        const auto kkt = maxmargin::maxmargin_kkt_polish(d, K, sdp.gram, sdp.alpha);
        INFO("R = " << R);
        const auto a = maxmargin::maxmargin_network_from_kkt(d, K, kkt.u, kkt.v);
        const auto b = maxmargin::maxmargin_network_from_kernels(
            d, K, maxmargin::maxmargin_gram_kernels(sdp.gram, R, K, R + 1), sdp.W);
        for (const auto* m : {&a, &b}) {
            CHECK(margins_at_least_one(d, m->w));
            const support::FmpqMat v = regularizer::regularizer_network_v_values(m->net);
            CHECK(
                fmpq_mat_equal(regularizer::regularizer_network_predictor(m->net.u, v).m, m->w.m));
            support::Fmpq cost;
            for (const auto& k : m->net.u)
                for (long i = 0; i < R * K; ++i)
                    fmpq_addmul(cost.x, k.at(i / K, i % K), k.at(i / K, i % K));
            for (long i = 0; i < v.rows() * 4; ++i)
                fmpq_addmul(cost.x, v.at(i / 4, i % 4), v.at(i / 4, i % 4));
            CHECK(fmpq_equal(cost.x, m->net.cost.x));
            // Within SDPA's accuracy of the optimum (its own primal value).
            CHECK(m->net.cost_double == Approx(sdp.primal).epsilon(1e-5));
        }
        CHECK(static_cast<long>(b.net.u.size()) == R + 1);
        // Lift channels: R more kernels δ·e_(r,0).
        const auto lifted = maxmargin::maxmargin_gram_kernels(sdp.gram, R, K, R + 1, 1e-5);
        REQUIRE(static_cast<long>(lifted.size()) == 2 * R + 1);
        for (long r = 0; r < R; ++r)
            for (long rr = 0; rr < R; ++rr)
                for (long k = 0; k < K; ++k)
                    CHECK(lifted[static_cast<std::size_t>(R + 1 + r)][rr][k] ==
                          (rr == r && k == 0 ? 1e-5 : 0.0));
        CHECK(a.net.cost_double ==
              Approx(kkt.cost / maxmargin::maxmargin_min_margin(d, kkt.W)).epsilon(1e-12));
    }
}

TEST_CASE("maxmargin at K = D with R > 1 (boundary optima) needs no second regularizer bracket",
          "[maxmargin]") {
    // The optimal Σ_d is singular at some frequencies here; without lift channels or the
    // closed-form Fourier kernels the SDP's own kernels gave gaps of 3e-2 (seed 1) and 7e-2
    // (R = 3, seed 3). The regularizer bracket of the old pipeline reached 1.5e-8 and 3.6e-9.
    for (auto [R, seed] : {std::pair<long, unsigned>{2, 1}, {3, 3}}) {
        const data::Dataset d = data::data_synthetic(12, R, 8, seed);
        maxmargin::MaxmarginReport rep;
        const Certificate cert = maxmargin::maxmargin_certificate(d, 8, &rep);
        INFO("R = " << R << ": " << cert.generator_method);
        CHECK(checker::check_certificate(cert).valid);
        CHECK(rep.relative_gap < 1e-7);
        CHECK(cert.generator_method.find("regularizer bracket") == std::string::npos);
    }
}
