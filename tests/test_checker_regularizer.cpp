// Tests of the regularizer-bracket checks (certify/checker/check_regularizer_bracket.cpp):
// hand-derived brackets (w = e_0, K = 1 closed forms, a D = 4, K = 2 case with R = sqrt 6),
// randomized rational networks with dual points near the PSD boundary, tampering, and bad input.
// Certificates are built directly in C++; the test side computes w, costs and <λ, w> itself.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "tests/example_certificate.h"
#include "tests/jacobi_eigen.h"
#include "tests/rational_strings.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

using namespace convcert;
using namespace convcert::checker;

namespace {

using convcert::test::ints;
using convcert::test::S; // overloaded below for rows

using Rows = std::vector<std::vector<Rat>>;

std::vector<std::vector<std::string>> S(const Rows& rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& row : rows)
        out.push_back(S(row));
    return out;
}

std::vector<Rat> unit(std::size_t n, std::size_t at) {
    std::vector<Rat> e(n);
    e[at] = 1;
    return e;
}

Rat ratio(long p, long q) {
    return Rat(Int(p), Int(q));
}

/// A C-channel network: u[c] has R rows of K, v[c] has D entries.
struct Network {
    std::size_t D = 0, K = 0, R = 0;
    std::vector<Rows> u;
    std::vector<std::vector<Rat>> v;
};

/// w[r] = sum_c u_c[r] * v_c, (u * v)[j] = sum_k u[k] v[(j - k) mod D].
Rows realize(const Network& net) {
    Rows w(net.R, std::vector<Rat>(net.D));
    for (std::size_t c = 0; c < net.u.size(); ++c)
        for (std::size_t r = 0; r < net.R; ++r)
            for (std::size_t j = 0; j < net.D; ++j)
                for (std::size_t k = 0; k < net.K; ++k)
                    w[r][j] += net.u[c][r][k] * net.v[c][(j + net.D - k) % net.D];
    return w;
}

Rat cost(const Network& net) {
    Rat s = 0;
    for (std::size_t c = 0; c < net.u.size(); ++c) {
        for (const auto& row : net.u[c])
            for (const Rat& x : row)
                s += x * x;
        for (const Rat& x : net.v[c])
            s += x * x;
    }
    return s;
}

Rat dot(const Rows& a, const Rows& b) {
    Rat s = 0;
    for (std::size_t r = 0; r < a.size(); ++r)
        for (std::size_t j = 0; j < a[r].size(); ++j)
            s += a[r][j] * b[r][j];
    return s;
}

Rows scaled(const Rows& rows, const Rat& s) {
    Rows out = rows;
    for (auto& row : out)
        for (Rat& x : row)
            x *= s;
    return out;
}

/// A certificate: claim and evidence, built from exact data.
struct Bracket {
    RegularizerClaim claim;
    RegularizerBracketEvidence ev;
    Verdict check() const { return check_regularizer_bracket(claim, ev); }
};

Bracket bracket_of(const Network& net, const Rows& lambda, const Rat& lower, const Rat& upper) {
    Bracket b;
    b.claim.D = static_cast<long>(net.D);
    b.claim.K = static_cast<long>(net.K);
    b.claim.R = static_cast<long>(net.R);
    b.claim.w = S(realize(net));
    b.claim.lower = S(lower);
    b.claim.upper = S(upper);
    b.ev.lambda = S(lambda);
    for (const auto& kernel : net.u)
        b.ev.u.push_back(S(kernel));
    for (const auto& v : net.v)
        b.ev.v.push_back(S(v));
    return b;
}

/// The tight bracket [<λ, w>, cost].
Bracket bracket_of(const Network& net, const Rows& lambda) {
    return bracket_of(net, lambda, dot(lambda, realize(net)), cost(net));
}

bool mentions(const Verdict& v, const std::string& what) {
    return !v.valid && v.reason.find(what) != std::string::npos;
}

const char* kNotPsd = "is not positive semidefinite";

/// ||T(λ)||² = the largest eigenvalue of T Tᵀ, in double (cyclic Jacobi; n <= 64).
double top_eigenvalue(const Rows& lambda, std::size_t K) {
    const std::size_t R = lambda.size(), D = lambda[0].size(), n = R * K;
    std::vector<std::vector<double>> a(n, std::vector<double>(n));
    for (std::size_t p = 0; p < n; ++p)
        for (std::size_t q = 0; q < n; ++q)
            for (std::size_t i = 0; i < D; ++i)
                a[p][q] += static_cast<double>(lambda[p / K][(i + p % K) % D]) *
                           static_cast<double>(lambda[q / K][(i + q % K) % D]);
    return convcert::test::symmetric_top_eigenvalue(a);
}

/// x rounded down to a multiple of 2^-40.
Rat rational_floor(double x) {
    return Rat(Int(static_cast<long long>(std::floor(std::ldexp(x, 40)))), Int(1) << 40);
}

Rat random_rational(std::mt19937_64& rng, long range = 9, long max_den = 4) {
    std::uniform_int_distribution<long> num(-range, range), den(1, max_den);
    return ratio(num(rng), den(rng));
}

Network random_network(std::mt19937_64& rng, std::size_t D, std::size_t K, std::size_t R,
                       std::size_t C) {
    Network net{D, K, R, {}, {}};
    for (std::size_t c = 0; c < C; ++c) {
        Rows u(R, std::vector<Rat>(K));
        for (auto& row : u)
            for (Rat& x : row)
                x = random_rational(rng);
        u[0][0] = ratio(1 + static_cast<long>(c), 2); // no channel is entirely zero
        std::vector<Rat> v(D);
        for (Rat& x : v)
            x = random_rational(rng);
        net.u.push_back(u);
        net.v.push_back(v);
    }
    return net;
}

/// The single-channel network (u, v) with R = 1.
Network network1(const std::vector<Rat>& u, const std::vector<Rat>& v) {
    return Network{v.size(), u.size(), 1, {{u}}, {v}};
}

} // namespace

// ======================= hand-derived brackets =======================

TEST_CASE("bracket: w = e_0 gives exactly 2 for every K", "[checker][bracket]") {
    for (std::size_t D : {1, 2, 3, 5, 8})
        for (std::size_t K = 1; K <= D; ++K) {
            INFO("D = " << D << ", K = " << K);
            // λ = 2 e_0: T Tᵀ = 4I, so 4I - T Tᵀ = 0 (every pivot zero); u = e_0, v = e_0.
            const Network net = network1(unit(K, 0), unit(D, 0));
            const Rows lambda = {scaled({unit(D, 0)}, 2)[0]};
            const Bracket b = bracket_of(net, lambda);
            REQUIRE(b.claim.lower == "2");
            REQUIRE(b.claim.upper == "2");
            CHECK(b.check().valid);
            // λ scaled by 1 + 10^-6 leaves the PSD cone at the first pivot.
            Bracket out = b;
            out.ev.lambda = S(scaled(lambda, 1 + ratio(1, 1000000)));
            CHECK(mentions(out.check(), "(pivot 0)"));
            Bracket low = b;
            low.claim.upper = "1999999999/1000000000";
            CHECK(mentions(low.check(), "exceeds upper"));
            Bracket high = b;
            high.claim.lower = "2000000001/1000000000";
            CHECK(mentions(high.check(), "exceeds <lambda, w>"));
            // Two input channels, w = (e_0, 0): λ = (2 e_0, 0) gives 4I - T Tᵀ = diag(0, 4I).
            Network net2{D, K, 2, {{unit(K, 0), std::vector<Rat>(K)}}, {unit(D, 0)}};
            const Rows lambda2 = {lambda[0], std::vector<Rat>(D)};
            const Bracket b2 = bracket_of(net2, lambda2);
            REQUIRE(b2.claim.lower == "2");
            REQUIRE(b2.claim.upper == "2");
            CHECK(b2.check().valid);
        }
}

TEST_CASE("bracket: K = 1, w = (3, 4) gives 2||w|| = 10", "[checker][bracket]") {
    // λ = 2w/||w|| = (6/5, 8/5): T is 1×2 with ||T||² = 4, so 4 - T Tᵀ = 0, <λ, w> = 10.
    // u = (t), v = w/t costs t² + 25/t² >= 10, equality at t² = 5; t = 559/250 ≈ sqrt 5.
    const Rat t = ratio(559, 250);
    const Network net = network1({t}, {3 / t, 4 / t});
    const Rows lambda = {{ratio(6, 5), ratio(8, 5)}};
    const Bracket b = bracket_of(net, lambda);
    REQUIRE(b.claim.lower == "10");
    const Rat upper = cost(net);
    CHECK(upper > 10);
    CHECK(upper - 10 < ratio(1, 100000));
    CHECK(b.check().valid);
    Bracket out = b;
    out.ev.lambda = S(scaled(lambda, 1 + ratio(1, 1000000)));
    CHECK(mentions(out.check(), kNotPsd));
    // A λ on the sphere but with K = 2: 4I - T Tᵀ = [[0, -96/25], [-96/25, 0]], a zero pivot
    // with a nonzero row.
    const Network net2 = network1({t, 0}, {3 / t, 4 / t});
    Bracket k2 = bracket_of(net2, lambda);
    CHECK(mentions(k2.check(), "(pivot 0)"));
}

TEST_CASE("bracket: D = 4, K = 2, w = (1, 1, 0, 0) gives sqrt 6", "[checker][bracket]") {
    // Dual: λ = a (1, 1, -1/3, -1/3) has ||T||² = 8a²/3, so a <= sqrt(3/2) and <λ, w> = 2a.
    // Primal: u = (s, s), v = (3, 1, -1, 1) / (4s) realizes w at cost 2s² + 3/(4s²), which is
    // 2 sqrt(3/2) = sqrt 6 at s⁴ = 3/8. Both bounds are rounded to rationals.
    const Rat a = ratio(1224744871, 1000000000); // a² < 3/2 by 7e-10
    REQUIRE(a * a < ratio(3, 2));
    const Rat s = ratio(782542, 1000000); // ≈ (3/8)^(1/4)
    const Network net = network1({s, s}, {3 / (4 * s), 1 / (4 * s), -1 / (4 * s), 1 / (4 * s)});
    REQUIRE(realize(net)[0] == ints({1, 1, 0, 0}));
    const Rows lambda = {{a, a, -a / 3, -a / 3}};
    const Bracket b = bracket_of(net, lambda);
    const Rat lower = dot(lambda, realize(net)), upper = cost(net);
    CHECK((upper - lower) / lower < ratio(1, 1000000000));
    CHECK(b.check().valid);
    Bracket out = b;
    out.ev.lambda = S(scaled(lambda, 1 + ratio(1, 1000000)));
    CHECK(mentions(out.check(), "(pivot 1)"));
}

TEST_CASE("bracket: v over an unreduced shared denominator reads as the same vector",
          "[checker][bracket]") {
    // sqrt 6 example's v = (3, 1, -1, 1) / (4s) with s = 782542/10^6, written as p/q over
    // q = 4·782542·6 (not in lowest terms; how the generator writes least-norm vectors).
    const Rat s = ratio(782542, 1000000);
    const Network net = network1({s, s}, {3 / (4 * s), 1 / (4 * s), -1 / (4 * s), 1 / (4 * s)});
    const Rows lambda = {{ratio(1224744871, 1000000000), ratio(1224744871, 1000000000),
                          ratio(-1224744871, 3000000000), ratio(-1224744871, 3000000000)}};
    Bracket b = bracket_of(net, lambda);
    const std::string q = "/" + std::to_string(4 * 782542 * 6);
    b.ev.v[0] = {std::to_string(3 * 1000000 * 6) + q, std::to_string(1000000 * 6) + q,
                 std::to_string(-1000000 * 6) + q, std::to_string(1000000 * 6) + q};
    const auto verdict = b.check();
    INFO(verdict.reason);
    CHECK(verdict.valid);
    Bracket out = b; // the same spelling, one numerator off by one
    out.ev.v[0][2] = std::to_string(-1000000 * 6 + 1) + q;
    CHECK(mentions(out.check(), "does not realize w: sum_c u_c * v_c at [2]"));
    out = b; // mixed denominators are read over their lcm
    out.ev.v[0][1] = "1000000/" + std::to_string(4 * 782542);
    CHECK(out.check().valid);
}

TEST_CASE("bracket: R = 2, K = 1 gives 2 ||W||_* (nuclear norm)", "[checker][bracket]") {
    // With K = 1, T(λ) is the 2×D matrix λ itself and the network is W = sum_c u_c v_cᵀ.
    SECTION("W = diag(4, 9): ||W||_* = 13, λ = 2 I, two channels") {
        const Network net{2, 1, 2, {{{2}, {0}}, {{0}, {3}}}, {ints({2, 0}), ints({0, 3})}};
        REQUIRE(realize(net) == Rows{ints({4, 0}), ints({0, 9})});
        const Bracket b = bracket_of(net, {ints({2, 0}), ints({0, 2})});
        REQUIRE(b.claim.lower == "26");
        REQUIRE(b.claim.upper == "26");
        CHECK(b.check().valid);
        Bracket out = b;
        out.ev.lambda = {{"2000001/1000000", "0"}, {"0", "2"}};
        CHECK(mentions(out.check(), "(pivot 0)"));
        Bracket one = b; // one channel cannot realize a rank-2 W with K = 1
        one.ev.u.pop_back();
        one.ev.v.pop_back();
        CHECK(mentions(one.check(), "does not realize w: sum_c u_c * v_c at [1][1] is 0"));
    }
    SECTION("W = a aᵀ, a = (3, 4): rank 1, ||W||_* = 25, λ = 2 W / 25, one channel") {
        const Network net{2, 1, 2, {{{3}, {4}}}, {ints({3, 4})}};
        const Rows W = realize(net);
        const Rows lambda = scaled(W, ratio(2, 25));
        const Bracket b = bracket_of(net, lambda);
        REQUIRE(b.claim.lower == "50");
        REQUIRE(b.claim.upper == "50");
        CHECK(b.check().valid); // 4I - λλᵀ has eigenvalues 4 and 0: the last pivot is zero
        Bracket out = b;
        out.ev.lambda = S(scaled(lambda, 1 + ratio(1, 1000000)));
        CHECK(mentions(out.check(), "(pivot 1)"));
    }
}

TEST_CASE("bracket: a zero pivot between positive ones", "[checker][bracket]") {
    // R = 4, K = 1, D = 4: T is the 4×4 matrix of rows λ_r. λ_1 = λ_0 = (1, 1, 0, 0) makes the
    // Schur pivot of row 1 zero with a zero row; rows 2 and 3 are orthogonal to λ_0 and coupled
    // to each other, so the elimination after the skipped row divides by the pivot of row 0.
    const Network net{4, 1, 4, {{{1}, {0}, {0}, {0}}}, {unit(4, 0)}};
    const Rows lambda = {ints({1, 1, 0, 0}),
                         ints({1, 1, 0, 0}),
                         {ratio(1, 2), ratio(-1, 2), 0, 0},
                         {ratio(1, 2), ratio(-1, 2), ratio(1, 2), 0}};
    const Bracket b = bracket_of(net, lambda);
    REQUIRE(b.claim.lower == "1");
    CHECK(b.check().valid);
    Bracket out = b;
    out.ev.lambda = S(scaled(lambda, 1 + ratio(1, 1000000)));
    CHECK(mentions(out.check(), "(pivot 1)"));
    // λ_3 = (9/8, -9/8, 9/8, 0): the Schur pivot of row 3 is 13/64 - (9/8)²/(7/2) < 0.
    Rows big = lambda;
    big[3] = {ratio(9, 8), ratio(-9, 8), ratio(9, 8), 0};
    CHECK(mentions(bracket_of(net, big).check(), "(pivot 3)"));
    big[3] = {ratio(21, 20), ratio(-21, 20), ratio(21, 20), 0}; // pivot 151/400 > 0
    CHECK(bracket_of(net, big).check().valid);
}

// ======================= randomized =======================

TEST_CASE("bracket: random rational networks and dual points near the boundary",
          "[checker][bracket][random]") {
    std::mt19937_64 rng(20240603);
    int boundary_cases = 0;
    for (int trial = 0; trial < 120; ++trial) {
        const std::size_t R = 1 + trial % 2;
        const std::size_t D = std::uniform_int_distribution<std::size_t>(1, 16)(rng);
        const std::size_t K = std::uniform_int_distribution<std::size_t>(1, D)(rng);
        const std::size_t C = std::uniform_int_distribution<std::size_t>(1, 4)(rng);
        INFO("trial " << trial << ": R = " << R << ", D = " << D << ", K = " << K << ", C = " << C);
        const Network net = random_network(rng, D, K, R, C);
        const Rows w = realize(net);
        const Rat upper = cost(net);

        // λ = 0, lower = 0: the trivial bracket [0, cost].
        const Bracket zero = bracket_of(net, Rows(R, std::vector<Rat>(D)), 0, upper);
        REQUIRE(zero.check().valid);

        // A random direction μ scaled to just inside (accepted) and just outside (rejected).
        Rows mu(R, std::vector<Rat>(D));
        for (auto& row : mu)
            for (Rat& x : row)
                x = random_rational(rng);
        mu[0][0] = 1;
        const double boundary = 2 / std::sqrt(top_eigenvalue(mu, K));
        const Rows inside = scaled(mu, rational_floor(boundary * (1 - 1e-6)));
        const Bracket b = bracket_of(net, inside);
        CHECK(b.check().valid);
        const Rows outside = scaled(mu, rational_floor(boundary * 1.01));
        const Bracket out = bracket_of(net, outside);
        const Verdict v_out = out.check();
        INFO(v_out.reason);
        CHECK(mentions(v_out, kNotPsd));
        ++boundary_cases;

        // Tampering: one entry of v, a lowered upper, a raised lower.
        Bracket v_changed = b;
        const std::size_t c = trial % C, i = trial % D;
        v_changed.ev.v[c][i] = S(net.v[c][i] + 1);
        CHECK(mentions(v_changed.check(), "does not realize w"));
        Bracket low = b;
        low.claim.upper = S(upper - ratio(1, 1000000000));
        CHECK(mentions(low.check(), "exceeds upper"));
        Bracket high = b;
        high.claim.lower = S(dot(inside, w) + ratio(1, 1000000000));
        CHECK(mentions(high.check(), "exceeds <lambda, w>"));
    }
    CHECK(boundary_cases == 120);
}

// ======================= bad input =======================

TEST_CASE("bracket: each failed check is named", "[checker][bracket]") {
    const Rat t = ratio(559, 250);
    const Bracket good = bracket_of(network1({t}, {3 / t, 4 / t}), {{ratio(6, 5), ratio(8, 5)}});
    REQUIRE(good.check().valid);
    auto with = [&](const std::function<void(Bracket&)>& change) {
        Bracket b = good;
        change(b);
        return b.check();
    };
    CHECK(mentions(with([](Bracket& b) { b.claim.D = 0; }), "D = 0 is outside [1, 4096]"));
    CHECK(mentions(with([](Bracket& b) { b.claim.D = 4097; }), "D = 4097 is outside"));
    CHECK(mentions(with([](Bracket& b) { b.claim.K = 3; }), "K = 3 is outside [1, D]"));
    CHECK(mentions(with([](Bracket& b) { b.claim.K = 0; }), "K = 0 is outside"));
    CHECK(mentions(with([](Bracket& b) { b.claim.R = 0; }), "R = 0 is outside [1, 64]"));
    CHECK(mentions(with([](Bracket& b) { b.claim.R = 65; }), "R = 65 is outside"));
    CHECK(mentions(with([](Bracket& b) { b.claim.R = 2; }), "w has 1 rows, expected R = 2"));
    CHECK(
        mentions(with([](Bracket& b) { b.claim.w[0].pop_back(); }), "w has 1 entries, expected 2"));
    CHECK(mentions(with([](Bracket& b) { b.ev.lambda[0].push_back("0"); }),
                   "lambda has 3 entries, expected 2"));
    CHECK(mentions(with([](Bracket& b) { b.ev.u[0][0].push_back("0"); }),
                   "u[0] has 2 entries, expected 1"));
    CHECK(
        mentions(with([](Bracket& b) { b.ev.v[0].pop_back(); }), "v[0] has 1 entries, expected 2"));
    CHECK(mentions(with([](Bracket& b) {
                       b.ev.v.push_back({"0", "0"});
                   }),
                   "1 kernels u but 2 vectors v"));
    CHECK(mentions(with([](Bracket& b) {
                       b.ev.u.clear();
                       b.ev.v.clear();
                   }),
                   "no channels"));
    CHECK(mentions(with([](Bracket& b) {
                       b.claim.D = 4096;
                       b.claim.K = 2049;
                       b.claim.R = 2;
                   }),
                   "R*K = 4098 exceeds the limit 4096"));
    CHECK(mentions(with([](Bracket& b) {
                       b.ev.u.assign(4097, b.ev.u[0]);
                       b.ev.v.assign(4097, b.ev.v[0]);
                   }),
                   "4097 channels exceed the limit of 4096 channels"));
    for (const std::string bad : {"4/2", "01", "-0", "1/1", " 1", "1.5", "", "+1", "1/0"}) {
        INFO("'" << bad << "'");
        CHECK(mentions(with([&](Bracket& b) { b.claim.lower = bad; }), "lower: "));
        CHECK(mentions(with([&](Bracket& b) { b.claim.upper = bad; }), "upper: "));
        CHECK(mentions(with([&](Bracket& b) { b.claim.w[0][1] = bad; }), "w[1]: "));
        CHECK(mentions(with([&](Bracket& b) { b.ev.lambda[0][0] = bad; }), "lambda[0]: "));
        CHECK(mentions(with([&](Bracket& b) { b.ev.u[0][0][0] = bad; }), "u[0][0]: "));
        if (bad != "4/2") // v may be written over an unreduced shared denominator
            CHECK(mentions(with([&](Bracket& b) { b.ev.v[0][1] = bad; }), "v[0][1]: "));
    }
    // Multi-channel names carry the row: lambda[1][0], u[0][1][0].
    const Network net2{2, 1, 2, {{{3}, {4}}}, {ints({3, 4})}};
    const Bracket good2 = bracket_of(net2, scaled(realize(net2), ratio(2, 25)));
    Bracket b2 = good2;
    b2.ev.lambda[1][0] = "2/4";
    CHECK(mentions(b2.check(), "lambda[1][0]: "));
    b2 = good2;
    b2.ev.u[0][1][0] = "-0";
    CHECK(mentions(b2.check(), "u[0][1][0]: "));
    b2 = good2;
    b2.ev.u[0].pop_back();
    CHECK(mentions(b2.check(), "u[0] has 1 rows, expected R = 2"));
    b2 = good2;
    b2.ev.v[0][1] = "5";
    CHECK(mentions(b2.check(), "at [0][1] is 15 but w[0][1] is 12"));
    // The order of the checks: lower before PSD before realization before cost.
    Bracket order = good;
    order.claim.lower = "15";
    order.ev.lambda = {{"2", "2"}};
    order.ev.v[0][0] = "0";
    CHECK(mentions(order.check(), "exceeds <lambda, w>"));
    order.claim.lower = "10";
    CHECK(mentions(order.check(), kNotPsd));
    order.ev.lambda = good.ev.lambda;
    CHECK(mentions(order.check(), "does not realize w: sum_c u_c * v_c at [0]"));
}

TEST_CASE("bracket: dispatch and the shipped example", "[checker][bracket]") {
    const Network net{2, 1, 2, {{{3}, {4}}}, {ints({3, 4})}};
    const Bracket b = bracket_of(net, scaled(realize(net), ratio(2, 25)));
    // (A certificate holds one kind's body, so "a bracket without its parts" cannot be built;
    // the reader's refusal of another kind's fields: test_certificate_json.cpp.)
    const Certificate cert{RegularizerBody{b.claim, b.ev}, {}};
    CHECK(certificate_kind(cert) == CertificateKind::RegularizerBracket);
    CHECK(check_certificate(cert).valid);

    const Certificate example = tests::example_certificate("examples/regularizer-bracket.json");
    const Verdict v = check_certificate(example);
    INFO(v.reason);
    CHECK(v.valid);
}

TEST_CASE("bracket: D = 1024, K = 16 and K = 64 timing", "[checker][bracket][timing]") {
    std::mt19937_64 rng(1024);
    for (std::size_t K : {16, 64}) {
        const std::size_t D = 1024;
        Network net = random_network(rng, D, K, 1, 1);
        // λ with 2^-40 denominators and |λ_i| < 2 / sqrt(K D), so ||T||² <= ||T||_F² < 4.
        Rows lambda(1, std::vector<Rat>(D));
        for (Rat& x : lambda[0])
            x = rational_floor((rng() % 2 ? 1 : -1) * (1 + (rng() % 1000) / 1000.0) /
                               std::sqrt(static_cast<double>(K * D)));
        const Bracket b = bracket_of(net, lambda, dot(lambda, realize(net)), cost(net));
        const auto t0 = std::chrono::steady_clock::now();
        const Verdict v = b.check();
        WARN("regularizer-bracket D = 1024, K = "
             << K << " checked in "
             << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
             << " s");
        CHECK(v.valid);
    }
}
