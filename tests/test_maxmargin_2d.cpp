// The max-margin bracket on 2-D grids (MATH.md, "Two-dimensional signals"): the grid 1×D gives
// the 1-D bracket's bytes; small 2-D instances (square, non-square, R = 2) pass the checker;
// K = 1×1 against the hard-margin SVM and K = D1×D2 against the 2-D Fourier-ℓ1 program, both
// solved here independently by enumerating active sets; monotonicity in the kernel support;
// above R·D = 64 the upper bound's V in double (short evidence), checked against a dense
// minimum-norm solve.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "data/binary_task.h"
#include "maxmargin/bracket.h"
#include "maxmargin/kkt_polish.h"
#include "maxmargin/margin.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"
#include "maxmargin/upper_bound.h"
#include "regularizer/exact/network.h"
#include "regularizer/numeric/least_norm_double.h"
#include "regularizer/numeric/polish_kernels.h"
#include "tests/maxmargin_image_dataset.h"

#include <Eigen/Dense>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace convcert;
using tests::image_dataset;

namespace {

using checker::Rat;

const MaxmarginClaim& claim_of(const Certificate& c) {
    return std::get<MaxmarginBody>(c.body).claim;
}

/// The certificate's bracket as exact rationals, after checking that the checker accepts it.
std::pair<Rat, Rat> bracket_checked(const Certificate& c) {
    const auto v = checker::check_certificate(c);
    INFO(v.reason);
    CHECK(v.valid);
    const Rat lower(claim_of(c).lower), upper(claim_of(c).upper);
    CHECK(lower <= upper);
    return {lower, upper};
}

/// Rows a_i = y_i x_i of the margin constraints a_i·w >= 1.
Eigen::MatrixXd margin_rows(const data::Dataset& d) {
    Eigen::MatrixXd A(d.n(), d.R * d.D);
    for (long i = 0; i < d.n(); ++i)
        for (long k = 0; k < d.R * d.D; ++k)
            A(i, k) =
                d.y[static_cast<std::size_t>(i)] *
                static_cast<double>(d.x[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)]);
    return A;
}

/// The hard-margin SVM min ||w||_2 s.t. A w >= 1 by its KKT conditions: for every active set S,
/// w = A_Sᵀ α with A_S A_Sᵀ α = 1; the optimum is the S with α >= 0 and A w >= 1 (the
/// problem is strictly convex: its KKT point is unique).
double svm_norm_active_sets(const Eigen::MatrixXd& A) {
    const long n = A.rows();
    REQUIRE(n <= 16);
    for (long mask = 1; mask < (1L << n); ++mask) {
        std::vector<long> S;
        for (long i = 0; i < n; ++i)
            if (mask >> i & 1) S.push_back(i);
        Eigen::MatrixXd AS(static_cast<long>(S.size()), A.cols());
        for (std::size_t s = 0; s < S.size(); ++s)
            AS.row(static_cast<long>(s)) = A.row(S[s]);
        const Eigen::FullPivLU<Eigen::MatrixXd> lu(AS * AS.transpose());
        if (!lu.isInvertible()) continue;
        const Eigen::VectorXd alpha = lu.solve(Eigen::VectorXd::Ones(AS.rows()));
        const Eigen::VectorXd w = AS.transpose() * alpha;
        if (alpha.minCoeff() >= -1e-12 && (A * w).minCoeff() >= 1 - 1e-9) return w.norm();
    }
    FAIL("no KKT point: the data are not separable");
    return 0;
}

/// min (1/2) ||H w||_1 s.t. A w >= 1 on the 2×2 grid, H the 2-D DFT of Z_2 × Z_2 (real:
/// H[d][j] = (-1)^(j1 d1 + j2 d2)), i.e. (2/D) sum_d |ŵ(d)| with D = 4: the LP in (w, t) with
/// t >= ±Hw, solved by enumerating its vertices (8 active constraints of 8 + n). The feasible
/// set is pointed (t >= |Hw| and H invertible), so a vertex is optimal.
double fourier_l1_2x2_vertices(const Eigen::MatrixXd& A) {
    const long n = A.rows(), m = 8 + n;
    REQUIRE(A.cols() == 4);
    Eigen::Matrix4d H;
    for (long d = 0; d < 4; ++d)
        for (long j = 0; j < 4; ++j)
            H(d, j) = ((j / 2) * (d / 2) + (j % 2) * (d % 2)) % 2 == 0 ? 1 : -1;
    // Constraints G (w; t) >= h.
    Eigen::MatrixXd G = Eigen::MatrixXd::Zero(m, 8);
    Eigen::VectorXd h = Eigen::VectorXd::Zero(m);
    G.block(0, 0, 4, 4) = -H;
    G.block(0, 4, 4, 4).setIdentity();
    G.block(4, 0, 4, 4) = H;
    G.block(4, 4, 4, 4).setIdentity();
    G.block(8, 0, n, 4) = A;
    h.tail(n).setOnes();
    double best = INFINITY;
    for (long mask = 0; mask < (1L << m); ++mask) {
        if (__builtin_popcountl(static_cast<unsigned long>(mask)) != 8) continue;
        Eigen::MatrixXd GS(8, 8);
        Eigen::VectorXd hS(8);
        for (long i = 0, r = 0; i < m; ++i)
            if (mask >> i & 1) {
                GS.row(r) = G.row(i);
                hS(r++) = h(i);
            }
        const Eigen::FullPivLU<Eigen::MatrixXd> lu(GS);
        if (!lu.isInvertible()) continue;
        const Eigen::VectorXd z = lu.solve(hS);
        if ((G * z - h).minCoeff() < -1e-9) continue;
        best = std::min(best, 0.5 * z.tail(4).sum());
    }
    return best;
}

} // namespace

TEST_CASE("maxmargin on the grid 1xD gives the 1-D bracket's bytes", "[maxmargin]") {
    for (long R : {1, 2}) {
        data::Dataset flat = data::data_synthetic(10, R, 6, 3);
        data::Dataset row = flat;
        row.shape = {1, 6};
        for (long K : {1, 3, 6}) {
            INFO("R = " << R << ", K = " << K);
            const Certificate a = maxmargin::maxmargin_certificate(flat, K, nullptr);
            const Certificate b =
                maxmargin::maxmargin_certificate(row, grid_2d(1, 6, 1, K), nullptr);
            bracket_checked(a);
            bracket_checked(b);
            CHECK(claim_of(a).shape.empty());
            CHECK(claim_of(b).shape == std::vector<long>{1, 6});
            CHECK(claim_of(b).kernel_shape == std::vector<long>{1, K});
            CHECK(claim_of(a).lower == claim_of(b).lower);
            CHECK(claim_of(a).upper == claim_of(b).upper);
            const auto& ea = std::get<MaxmarginBody>(a.body).evidence;
            const auto& eb = std::get<MaxmarginBody>(b.body).evidence;
            CHECK(ea.alpha == eb.alpha);
            CHECK(ea.w == eb.w);
            CHECK(ea.u == eb.u);
            CHECK(ea.v == eb.v);
        }
    }
}

TEST_CASE("maxmargin certificates on small 2-D grids pass the checker", "[maxmargin]") {
    struct Case {
        long D1, D2, K1, K2, R;
    };
    // The last two lie above kMaxmarginExactLeastNormMaxSize (V in double, network_upper.h).
    for (const Case c :
         {Case{4, 4, 2, 2, 1}, Case{3, 5, 2, 3, 1}, Case{4, 4, 2, 2, 2}, Case{3, 3, 2, 2, 1},
          Case{2, 3, 2, 3, 1}, Case{9, 9, 3, 3, 1}, Case{6, 6, 2, 2, 2}}) {
        INFO(c.D1 << "x" << c.D2 << ", K = " << c.K1 << "x" << c.K2 << ", R = " << c.R);
        const data::Dataset d = image_dataset(c.D1, c.D2, c.R, 10, 17);
        maxmargin::MaxmarginReport rep;
        const Certificate cert =
            maxmargin::maxmargin_certificate(d, grid_2d(c.D1, c.D2, c.K1, c.K2), &rep);
        const auto [lower, upper] = bracket_checked(cert);
        CHECK(lower > 0);
        CHECK(rep.relative_gap < 1e-6);
        CHECK(claim_of(cert).shape == std::vector<long>{c.D1, c.D2});
        CHECK(claim_of(cert).kernel_shape == std::vector<long>{c.K1, c.K2});
        CHECK(claim_of(cert).K == c.K1 * c.K2);
        // The JSON round trip keeps shape and validity.
        const auto back = certificate_from_json(certificate_to_json(cert));
        REQUIRE(back.certificate);
        CHECK(checker::check_certificate(*back.certificate).valid);
        CHECK(claim_of(*back.certificate).kernel_shape == claim_of(cert).kernel_shape);
    }
}

TEST_CASE("maxmargin 2-D above R*D = 64: kernels complete to a network with short V entries",
          "[maxmargin]") {
    // Before, V was the exact least-norm V of the dense R·D system: its denominator has about
    // D·(2·bits) bits (hundreds of digits an entry at D = 81, 7000+ at the paper's D = 784, and
    // tens of seconds per solve there). Now: the least-norm V in double, rounded, and the
    // network's own predictor certified; its cost is still the least-norm cost F(U) of W.
    const Grid g = grid_2d(9, 9, 3, 3);
    REQUIRE(81 > maxmargin::kMaxmarginExactLeastNormMaxSize);
    const data::Dataset d = image_dataset(9, 9, 1, 12, 23);
    const auto sdp = maxmargin::maxmargin_sdp_solve(d, g);
    const auto kernels = maxmargin::maxmargin_gram_kernels(sdp.gram, 1, 9, 2);
    const auto m = maxmargin::maxmargin_network_from_kernels(d, g, kernels, sdp.W);
    // Margin feasible and realized, exactly.
    support::Fmpq margin;
    maxmargin::maxmargin_min_margin_exact(margin.x, d, m.w);
    CHECK(fmpq_cmp_ui(margin.x, 1) >= 0);
    CHECK(regularizer::regularizer_network_realizes(
        m.net.u, regularizer::regularizer_network_v_values(m.net), m.w, g));
    // The cost: F(U) of W at margin 1 (the least-norm cost, computed by the polish's formula).
    const double scale = 1.0 / maxmargin::maxmargin_min_margin(d, sdp.W);
    regularizer::Rows W(1, std::vector<double>(81));
    for (long j = 0; j < 81; ++j)
        W[0][j] = scale * sdp.W[static_cast<std::size_t>(j)];
    const double F = regularizer::regularizer_polish_kernels_value(W, g, kernels);
    CHECK(std::abs(m.net.cost_double - F) < 1e-9 * F);
    std::size_t longest = 0;
    for (const auto& row : regularizer::regularizer_rows_over_denominator(m.net.v, m.net.v_den))
        for (const auto& x : row)
            longest = std::max(longest, x.size());
    CHECK(longest < 80);
}

TEST_CASE("the least-norm V in double is the minimum-norm solution of the convolution system",
          "[maxmargin]") {
    // Independently: the dense (R·D)×(C0·D) matrix of V -> (sum_c u_c[r] * v_c)_r, built from
    // the convolution's definition, and its minimum-norm least-squares solution.
    std::mt19937 rng(5);
    std::normal_distribution<double> normal;
    struct Case {
        long D1, D2, K1, K2, R, C0;
    };
    for (const Case c : {Case{3, 4, 2, 2, 1, 1}, Case{3, 4, 2, 3, 1, 3}, Case{4, 3, 2, 2, 2, 3},
                         Case{4, 4, 2, 2, 2, 2}}) {
        INFO(c.D1 << "x" << c.D2 << ", K = " << c.K1 << "x" << c.K2 << ", R = " << c.R
                  << ", C0 = " << c.C0);
        const Grid g = grid_2d(c.D1, c.D2, c.K1, c.K2);
        const long D = c.D1 * c.D2, K = c.K1 * c.K2;
        regularizer::Rows W(c.R, std::vector<double>(D));
        for (auto& row : W)
            for (double& x : row)
                x = normal(rng);
        regularizer::Kernels u(c.C0, regularizer::Rows(c.R, std::vector<double>(K)));
        for (auto& k : u)
            for (auto& row : k)
                for (double& x : row)
                    x = normal(rng);
        Eigen::MatrixXd A = Eigen::MatrixXd::Zero(c.R * D, c.C0 * D);
        Eigen::VectorXd b(c.R * D);
        for (long r = 0; r < c.R; ++r)
            for (long j = 0; j < D; ++j) {
                b(r * D + j) = W[r][j];
                for (long ch = 0; ch < c.C0; ++ch)
                    for (long k1 = 0; k1 < c.K1; ++k1)
                        for (long k2 = 0; k2 < c.K2; ++k2) {
                            // (u * v)[j] = sum_k u[k] v[j - k] on Z_D1 × Z_D2
                            const long i1 = ((j / c.D2 - k1) % c.D1 + c.D1) % c.D1;
                            const long i2 = ((j % c.D2 - k2) % c.D2 + c.D2) % c.D2;
                            A(r * D + j, ch * D + i1 * c.D2 + i2) += u[ch][r][k1 * c.K2 + k2];
                        }
            }
        const Eigen::VectorXd x = A.completeOrthogonalDecomposition().solve(b);
        const regularizer::Rows V = regularizer::regularizer_least_norm_double(W, g, u);
        REQUIRE(static_cast<long>(V.size()) == c.C0);
        double err = 0;
        for (long ch = 0; ch < c.C0; ++ch)
            for (long i = 0; i < D; ++i)
                err = std::max(err, std::abs(V[ch][i] - x(ch * D + i)));
        CHECK(err < 1e-9 * (1 + x.cwiseAbs().maxCoeff()));
        CHECK((A * x - b).norm() < 1e-9 * b.norm()); // these U reach every W
    }
}

TEST_CASE("maxmargin 2-D: K = 1x1 brackets twice the hard-margin SVM norm", "[maxmargin]") {
    for (auto [D1, D2] : {std::pair<long, long>{3, 4}, {2, 2}, {4, 4}}) {
        INFO(D1 << "x" << D2);
        const data::Dataset d = image_dataset(D1, D2, 1, 8, 5);
        maxmargin::MaxmarginReport rep;
        (void)bracket_checked(maxmargin::maxmargin_certificate(d, grid_2d(D1, D2, 1, 1), &rep));
        const double svm = 2 * svm_norm_active_sets(margin_rows(d));
        CHECK(rep.lower_double - 1e-6 <= svm);
        CHECK(svm <= rep.upper_double + 1e-6);
        CHECK(rep.upper_double == Approx(svm).epsilon(1e-6));
    }
}

TEST_CASE("maxmargin 2-D: K = D1xD2 brackets the 2-D Fourier-l1 program", "[maxmargin]") {
    for (unsigned seed : {3u, 8u, 21u}) {
        INFO("seed " << seed);
        const data::Dataset d = image_dataset(2, 2, 1, 5, seed);
        maxmargin::MaxmarginReport rep;
        (void)bracket_checked(maxmargin::maxmargin_certificate(d, grid_2d(2, 2, 2, 2), &rep));
        const double l1 = fourier_l1_2x2_vertices(margin_rows(d));
        CHECK(rep.lower_double - 1e-6 <= l1);
        CHECK(l1 <= rep.upper_double + 1e-6);
        CHECK(rep.upper_double == Approx(l1).epsilon(1e-6));
    }
}

TEST_CASE("maxmargin 2-D: a larger kernel support never certifies above a smaller one",
          "[maxmargin]") {
    // K ⊂ K' gives R_K' <= R_K pointwise, so lower(K') <= R_K' <= R_K <= upper(K) exactly.
    const data::Dataset d = image_dataset(4, 4, 1, 10, 29);
    const std::vector<std::pair<long, long>> chain = {{1, 1}, {1, 2}, {2, 2},
                                                      {2, 3}, {3, 3}, {4, 4}};
    std::vector<std::pair<Rat, Rat>> b;
    for (auto [K1, K2] : chain)
        b.push_back(
            bracket_checked(maxmargin::maxmargin_certificate(d, grid_2d(4, 4, K1, K2), nullptr)));
    for (std::size_t i = 0; i + 1 < b.size(); ++i) {
        INFO(chain[i].first << "x" << chain[i].second << " inside " << chain[i + 1].first << "x"
                            << chain[i + 1].second);
        CHECK(b[i + 1].first <= b[i].second);
    }
}

TEST_CASE("maxmargin 2-D: a one-channel stationary point is not taken for the optimum",
          "[maxmargin]") {
    // 3×4 data, K = 3×4: the KKT polish from Z's top eigenvector converges (||F|| ≈ 1e-12) to a
    // one-channel point whose ||T(λ)||_op exceeds 2, not the optimum; taking it, as the 1-D rule
    // "first converged" did, left a relative gap of 2.5e-8 (its α and network are worse).
    data::Dataset d;
    d.R = 1;
    d.D = 12;
    d.shape = {3, 4};
    d.x = {{1, 0, 2, 0, 0, 1, 0, 3, 1, 0, 0, 2}, {0, 2, 0, 1, 3, 0, 1, 0, 0, 2, 1, 0},
           {2, 0, 1, 0, 0, 3, 0, 1, 2, 0, 0, 1}, {0, 1, 0, 3, 1, 0, 2, 0, 0, 1, 2, 0},
           {1, 1, 1, 0, 0, 2, 0, 1, 1, 0, 0, 1}, {0, 1, 0, 2, 1, 0, 1, 0, 0, 1, 1, 0}};
    d.y = {1, -1, 1, -1, 1, -1};
    const Grid g = grid_2d(3, 4, 3, 4);
    const auto sdp = maxmargin::maxmargin_sdp_solve(d, g);
    const auto one = maxmargin::maxmargin_kkt_polish(d, g, sdp.gram, sdp.alpha, 1);
    CHECK(one.residual < 1e-10);
    CHECK(one.dual_norm > 2.01);
    maxmargin::MaxmarginReport rep;
    (void)bracket_checked(maxmargin::maxmargin_certificate(d, g, &rep));
    CHECK(rep.relative_gap < 1e-10);
}

TEST_CASE("maxmargin's upper bound skips a polished point whose W does not separate",
          "[maxmargin]") {
    // A polish that did not converge can leave a W that does not separate the data (14×14
    // MNIST, K = 14×14): its top-channel candidate threw std::invalid_argument out of
    // maxmargin_upper_bound, failing the whole certificate, instead of being skipped.
    const data::Dataset d = image_dataset(3, 3, 1, 8, 11);
    const Grid g = grid_2d(3, 3, 2, 2);
    const auto sdp = maxmargin::maxmargin_sdp_solve(d, g);
    auto kkt = maxmargin::maxmargin_kkt_polish(d, g, sdp.gram, sdp.alpha, 2);
    REQUIRE(kkt.channels == 2);
    for (double& w : kkt.W)
        w = -w;
    const auto best = maxmargin::maxmargin_upper_bound(d, g, sdp, kkt, 0.0);
    CHECK(best.m.net.cost_double >= sdp.primal * (1 - 1e-6));
}

TEST_CASE("maxmargin 2-D refuses a grid that does not fit the dataset", "[maxmargin]") {
    const data::Dataset d = image_dataset(3, 4, 1, 6, 2);
    for (const Grid& g : {grid_2d(3, 4, 4, 1), grid_2d(3, 4, 0, 2), grid_2d(4, 3, 2, 2),
                          grid_2d(2, 6, 2, 2), grid_1d(11, 2)}) {
        INFO(g.D1 << "x" << g.D2 << " K " << g.K1 << "x" << g.K2);
        CHECK_THROWS_AS(maxmargin::maxmargin_certificate(d, g, nullptr), std::invalid_argument);
    }
}
