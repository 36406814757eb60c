// Tests of the network-collapse checks (certify/checker/check_network_collapse.cpp): collapses
// derived by hand (K = 1 Pythagorean channels, K = 2 channels with a rational spectral factor,
// an already optimal input that needs a slack, R = 2 channels four to two), tampering with every
// claimed quantity (R, the rows of w and of every kernel), bad sizes, JSON round trip and
// dispatch. The test side computes w and the costs itself.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "tests/example_certificate.h"
#include "tests/rational_strings.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <random>
#include <sstream>

using namespace convcert;
using namespace convcert::checker;

namespace {

using convcert::test::ints;
using convcert::test::S;

using Vec = std::vector<Rat>;

Rat ratio(long p, long q) {
    return Rat(Int(p), Int(q));
}

/// C channels with single-channel inputs: u[c] of K, v[c] of D.
struct Net {
    std::vector<Vec> u, v;
};

/// w = sum_c u_c * v_c, (u * v)[j] = sum_k u[k] v[(j - k) mod D].
Vec realize(const Net& net, std::size_t D) {
    Vec w(D);
    for (std::size_t c = 0; c < net.u.size(); ++c)
        for (std::size_t j = 0; j < D; ++j)
            for (std::size_t k = 0; k < net.u[c].size(); ++k)
                w[j] += net.u[c][k] * net.v[c][(j + D - k) % D];
    return w;
}

Rat cost(const Net& net) {
    Rat s = 0;
    for (const auto* part : {&net.u, &net.v})
        for (const Vec& x : *part)
            for (const Rat& y : x)
                s += y * y;
    return s;
}

std::vector<std::vector<std::string>> S(const std::vector<Vec>& rows) {
    std::vector<std::vector<std::string>> out;
    for (const Vec& row : rows)
        out.push_back(S(row));
    return out;
}

Vec scaled(const Vec& v, const Rat& s) {
    Vec out = v;
    for (Rat& x : out)
        x *= s;
    return out;
}

/// One-row kernels (R = 1) in the certificate's layout.
std::vector<std::vector<std::vector<std::string>>> kernels_of(const std::vector<Vec>& u) {
    std::vector<std::vector<std::vector<std::string>>> out;
    for (const Vec& k : u)
        out.push_back({S(k)});
    return out;
}

/// The claim with w and both costs computed by the test, from the input network.
CollapseClaim claim_of(const Net& in, const Net& out, const Rat& slack = 0) {
    CollapseClaim claim;
    const std::size_t D = in.v.at(0).size();
    claim.D = static_cast<long>(D);
    claim.K = static_cast<long>(in.u.at(0).size());
    claim.R = 1;
    claim.w = {S(realize(in, D))};
    claim.input = {kernels_of(in.u), S(in.v)};
    claim.output = {kernels_of(out.u), S(out.v)};
    claim.cost_in = S(cost(in));
    claim.cost_out = S(cost(out));
    claim.slack = S(slack);
    return claim;
}

bool mentions(const Verdict& v, const std::string& what) {
    return !v.valid && v.reason.find(what) != std::string::npos;
}

// K = 1, D = 2: u = (3), (4) and v = e_0, e_1 realize w = (3, 4) at cost 27. The spectral
// factor of r = 9 + 16 is c = 5 with least-norm v = w/5 (cost 26); balanced with the rational
// scale 9/4 ≈ sqrt 5: u = (9/4), v = 4w/9, cost 81/16 + 400/81 ≈ 10.0007 (optimum 2||w|| = 10).
Net pythagoras_in() {
    return {{ints({3}), ints({4})}, {ints({1, 0}), ints({0, 1})}};
}
Net pythagoras_out() {
    return {{{ratio(9, 4)}}, {scaled(ints({3, 4}), ratio(4, 9))}};
}

// K = 2, D = 3: u = (1, 1), (1, -1) and v = e_0, e_1 give w = (1, 2, -1) at cost 6. Here
// r = (4, 0) has the rational factor c = (2, 0); least-norm v = w/2 costs 4 + 3/2; scaled to
// u = (3/2, 0), v = 2w/3 the cost is 9/4 + 8/3 = 59/12 (optimum 4 sqrt(3/2) ≈ 4.899).
Net plus_minus_in() {
    return {{ints({1, 1}), ints({1, -1})}, {ints({1, 0, 0}), ints({0, 1, 0})}};
}
Net plus_minus_out() {
    return {{{ratio(3, 2), 0}}, {scaled(ints({1, 2, -1}), ratio(2, 3))}};
}

/// C channels with R input channels: u[c] of R rows of K, v[c] of D.
struct NetR {
    std::vector<std::vector<Vec>> u;
    std::vector<Vec> v;
};

/// W[r] = sum_c u_c[r] * v_c.
std::vector<Vec> realize_r(const NetR& net, std::size_t R, std::size_t D) {
    std::vector<Vec> w(R, Vec(D));
    for (std::size_t c = 0; c < net.u.size(); ++c)
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t j = 0; j < D; ++j)
                for (std::size_t k = 0; k < net.u[c][r].size(); ++k)
                    w[r][j] += net.u[c][r][k] * net.v[c][(j + D - k) % D];
    return w;
}

Rat cost_r(const NetR& net) {
    Rat s = 0;
    for (const auto& kernel : net.u)
        for (const Vec& row : kernel)
            for (const Rat& y : row)
                s += y * y;
    for (const Vec& x : net.v)
        for (const Rat& y : x)
            s += y * y;
    return s;
}

/// The claim for R input channels, W and both costs computed by the test.
CollapseClaim claim_of_r(const NetR& in, const NetR& out, const Rat& slack = 0) {
    CollapseClaim claim;
    const std::size_t R = in.u.at(0).size(), D = in.v.at(0).size();
    claim.D = static_cast<long>(D);
    claim.K = static_cast<long>(in.u[0].at(0).size());
    claim.R = static_cast<long>(R);
    claim.w = S(realize_r(in, R, D));
    for (const auto& k : in.u)
        claim.input.u.push_back(S(k));
    for (const auto& k : out.u)
        claim.output.u.push_back(S(k));
    claim.input.v = S(in.v);
    claim.output.v = S(out.v);
    claim.cost_in = S(cost_r(in));
    claim.cost_out = S(cost_r(out));
    claim.slack = S(slack);
    return claim;
}

// R = 2, K = 1, D = 2: channels e_0, e_1 with v = e_0, e_1 realize W = I; a third and a
// fourth channel (1, 1)ᵀ with v = (2, 0) and (-2, 0) cancel. Cost 6 + 10 = 16; the output
// e_0, e_1 with v = e_0, e_1 costs 4 = 2 ||I||_*, the optimum.
NetR identity_in() {
    return {{{ints({1}), ints({0})},
             {ints({0}), ints({1})},
             {ints({1}), ints({1})},
             {ints({1}), ints({1})}},
            {ints({1, 0}), ints({0, 1}), ints({2, 0}), ints({-2, 0})}};
}
NetR identity_out() {
    return {{{ints({1}), ints({0})}, {ints({0}), ints({1})}}, {ints({1, 0}), ints({0, 1})}};
}

} // namespace

// ======================= hand-derived collapses =======================

TEST_CASE("collapse: hand-derived collapses are accepted", "[checker][collapse]") {
    {
        const CollapseClaim claim = claim_of(pythagoras_in(), pythagoras_out());
        REQUIRE(claim.w[0] == std::vector<std::string>{"3", "4"});
        REQUIRE(claim.cost_in == "27");
        REQUIRE(claim.cost_out == S(ratio(81, 16) + ratio(400, 81)));
        const Verdict v = check_network_collapse(claim);
        INFO(v.reason);
        CHECK(v.valid);
        // The unbalanced collapse c = 5, v = w/5 (cost 26) is accepted too.
        const Net unbalanced{{ints({5})}, {{ratio(3, 5), ratio(4, 5)}}};
        CHECK(check_network_collapse(claim_of(pythagoras_in(), unbalanced)).valid);
    }
    {
        const CollapseClaim claim = claim_of(plus_minus_in(), plus_minus_out());
        REQUIRE(claim.w[0] == std::vector<std::string>{"1", "2", "-1"});
        REQUIRE(claim.cost_in == "6");
        REQUIRE(claim.cost_out == "59/12");
        CHECK(check_network_collapse(claim).valid);
    }
    // A one-channel input collapses to itself with slack 0.
    const Net one{{ints({1, 2})}, {ints({1, 0, 3, -1})}};
    const CollapseClaim self = claim_of(one, one);
    REQUIRE(self.cost_in == self.cost_out);
    CHECK(check_network_collapse(self).valid);
}

TEST_CASE("collapse: an optimal input needs the slack", "[checker][collapse]") {
    // D = K = 2, u = e_0, e_1, v = e_0, e_1: w = (2, 0) at cost 4 = (2/D) sum_d |ŵ[d]|, the
    // optimum (MATH.md §5). A one-channel network reaches 4 only with |û[d]|² = 2, i.e. an
    // irrational kernel, so a rational output needs slack > 0.
    const Net in{{ints({1, 0}), ints({0, 1})}, {ints({1, 0}), ints({0, 1})}};
    const Net out{{{ratio(7, 5), 0}}, {{ratio(10, 7), 0}}}; // cost 49/25 + 100/49 = 4 + 1/1225
    CollapseClaim claim = claim_of(in, out, ratio(1, 1225));
    REQUIRE(claim.w[0] == std::vector<std::string>{"2", "0"});
    REQUIRE(claim.cost_in == "4");
    REQUIRE(claim.cost_out == "4901/1225");
    CHECK(check_network_collapse(claim).valid);
    claim.slack = "1/1226";
    CHECK(mentions(check_network_collapse(claim),
                   "cost_out = 4901/1225 exceeds cost_in + slack = 4905/1226"));
    claim.slack = "0";
    CHECK(mentions(check_network_collapse(claim), "exceeds cost_in + slack = 4"));
    claim.slack = "1";
    CHECK(check_network_collapse(claim).valid);
    claim.slack = "-1/1225";
    CHECK(mentions(check_network_collapse(claim), "slack = -1/1225 is negative"));
}

// ======================= tampering =======================

TEST_CASE("collapse: tampering is rejected with the failed check named", "[checker][collapse]") {
    const CollapseClaim good = claim_of(plus_minus_in(), plus_minus_out());
    REQUIRE(check_network_collapse(good).valid);
    auto with = [&](const std::function<void(CollapseClaim&)>& change) {
        CollapseClaim c = good;
        change(c);
        return check_network_collapse(c);
    };
    // Realization.
    CHECK(mentions(with([](CollapseClaim& c) { c.output.v[0][1] = "1"; }),
                   "the output network does not realize w: sum_c u_c * v_c at [1] is 3/2 but w[1] "
                   "is 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.u[0][0][1] = "1/1000"; }),
                   "the output network does not realize w"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.v[1][2] = "1"; }),
                   "the input network does not realize w: sum_c u_c * v_c at [0] is 0 but w[0] "
                   "is 1"));
    CHECK(mentions(with([](CollapseClaim& c) { c.w[0][2] = "1"; }),
                   "the input network does not realize w: sum_c u_c * v_c at [2] is -1"));
    // Both networks changed consistently still realize one w, but not the claimed one.
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.input.v[0] = {"2", "0", "0"};
                       c.output.v[0] = {"4/3", "4/3", "-2/3"};
                   }),
                   "the input network does not realize w"));
    // Costs.
    CHECK(mentions(with([](CollapseClaim& c) { c.cost_out = "4"; }),
                   "cost_out is 4 but the output network costs 59/12"));
    CHECK(mentions(with([](CollapseClaim& c) { c.cost_in = "7"; }),
                   "cost_in is 7 but the input network costs 6"));
    // cost_out > cost_in + slack: a worse one-channel output (u = e_0, v = w, cost 7).
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.output = {{{{"1", "0"}}}, {{"1", "2", "-1"}}};
                       c.cost_out = "7";
                   }),
                   "cost_out = 7 exceeds cost_in + slack = 6"));
    CHECK(with([](CollapseClaim& c) {
              c.output = {{{{"1", "0"}}}, {{"1", "2", "-1"}}};
              c.cost_out = "7";
              c.slack = "1";
          }).valid);
    // The output must have one channel (R = 1), even when two channels would realize w.
    CHECK(mentions(with([](CollapseClaim& c) { c.output = c.input; }),
                   "output: 2 kernels u and 2 vectors v, expected 1 to R = 1 channels"));
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.output = {{}, {}};
                   }),
                   "output: no channels (u is empty)"));
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.output.v.push_back({"0", "0", "0"});
                   }),
                   "output: 1 kernels u and 2 vectors v"));
}

TEST_CASE("collapse: sizes, limits and spellings", "[checker][collapse]") {
    const CollapseClaim good = claim_of(plus_minus_in(), plus_minus_out());
    auto with = [&](const std::function<void(CollapseClaim&)>& change) {
        CollapseClaim c = good;
        change(c);
        return check_network_collapse(c);
    };
    CHECK(mentions(with([](CollapseClaim& c) { c.D = 0; }), "D = 0 is outside [1, 4096]"));
    CHECK(mentions(with([](CollapseClaim& c) { c.D = 4097; }), "D = 4097 is outside"));
    CHECK(mentions(with([](CollapseClaim& c) { c.K = 4; }), "K = 4 is outside [1, D]"));
    CHECK(mentions(with([](CollapseClaim& c) { c.K = 0; }), "K = 0 is outside"));
    CHECK(mentions(with([](CollapseClaim& c) { c.R = 2; }), "w has 1 rows, expected R = 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.R = 0; }), "R = 0 is outside [1, 64]"));
    CHECK(mentions(with([](CollapseClaim& c) { c.R = 65; }), "R = 65 is outside [1, 64]"));
    CHECK(
        mentions(with([](CollapseClaim& c) { c.w[0].pop_back(); }), "w has 2 entries, expected 3"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.u[0][0].push_back("0"); }),
                   "output.u[0] has 3 entries, expected 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.v[0].pop_back(); }),
                   "output.v[0] has 2 entries, expected 3"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.u[1][0].pop_back(); }),
                   "input.u[1] has 1 entries, expected 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.v[1].push_back("0"); }),
                   "input.v[1] has 4 entries, expected 3"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.v.pop_back(); }),
                   "input: 2 kernels u but 1 vectors v"));
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.input = {{}, {}};
                   }),
                   "input: no channels (u is empty)"));
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.input.u.assign(4097, c.input.u[0]);
                       c.input.v.assign(4097, c.input.v[0]);
                   }),
                   "input: 4097 channels exceed the limit of 4096 channels"));
    for (const std::string bad : {"4/2", "01", "-0", "1/1", " 1", "1.5", "", "+1", "1/0"}) {
        INFO("'" << bad << "'");
        CHECK(mentions(with([&](CollapseClaim& c) { c.w[0][0] = bad; }), "w[0]: "));
        CHECK(
            mentions(with([&](CollapseClaim& c) { c.input.u[1][0][0] = bad; }), "input.u[1][0]: "));
        if (bad != "4/2") // v may be written over an unreduced shared denominator
            CHECK(mentions(with([&](CollapseClaim& c) { c.input.v[0][2] = bad; }),
                           "input.v[0][2]: "));
        CHECK(mentions(with([&](CollapseClaim& c) { c.output.u[0][0][1] = bad; }),
                       "output.u[0][1]: "));
        if (bad != "4/2")
            CHECK(mentions(with([&](CollapseClaim& c) { c.output.v[0][0] = bad; }),
                           "output.v[0][0]: "));
        CHECK(mentions(with([&](CollapseClaim& c) { c.cost_in = bad; }), "cost_in: "));
        CHECK(mentions(with([&](CollapseClaim& c) { c.cost_out = bad; }), "cost_out: "));
        CHECK(mentions(with([&](CollapseClaim& c) { c.slack = bad; }), "slack: "));
    }
}

// ======================= randomized =======================

TEST_CASE("collapse: random inputs, the trivial collapse u = e_0 and one tampered entry",
          "[checker][collapse][random]") {
    // u = e_0, v = w realizes any w at cost 1 + ||w||²; the claim holds with
    // slack = max(0, that - cost_in), and fails for a smaller slack.
    std::mt19937_64 rng(777);
    std::uniform_int_distribution<long> num(-9, 9), den(1, 4);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t D = 1 + rng() % 12, K = 1 + rng() % D, C = 1 + rng() % 6;
        INFO("trial " << trial << ": D = " << D << ", K = " << K << ", C = " << C);
        Net in;
        for (std::size_t c = 0; c < C; ++c) {
            Vec u(K), v(D);
            for (Rat& x : u)
                x = ratio(num(rng), den(rng));
            for (Rat& x : v)
                x = ratio(num(rng), den(rng));
            in.u.push_back(u);
            in.v.push_back(v);
        }
        Vec e0(K);
        e0[0] = 1;
        const Net out{{e0}, {realize(in, D)}};
        const Rat excess = cost(out) - cost(in);
        const Rat slack = excess > 0 ? excess : Rat(0);
        CollapseClaim claim = claim_of(in, out, slack);
        const Verdict v = check_network_collapse(claim);
        INFO(v.reason);
        CHECK(v.valid);
        if (excess > 0) {
            claim.slack = S(excess - ratio(1, 1000000));
            CHECK(mentions(check_network_collapse(claim), "exceeds cost_in + slack"));
            claim.slack = S(slack);
        }
        const std::size_t j = trial % D;
        claim.output.v[0][j] = S(out.v[0][j] + ratio(1, 7));
        CHECK(mentions(check_network_collapse(claim), "the output network does not realize w"));
    }
}

// ======================= R > 1 input channels =======================

TEST_CASE("collapse: R = 2, four channels to two, and its tampering",
          "[checker][collapse][multi]") {
    const CollapseClaim good = claim_of_r(identity_in(), identity_out());
    REQUIRE(good.w == std::vector<std::vector<std::string>>{{"1", "0"}, {"0", "1"}});
    REQUIRE(good.cost_in == "16");
    REQUIRE(good.cost_out == "4");
    const Verdict v = check_network_collapse(good);
    INFO(v.reason);
    CHECK(v.valid);
    auto with = [&](const std::function<void(CollapseClaim&)>& change) {
        CollapseClaim c = good;
        change(c);
        return check_network_collapse(c);
    };
    CHECK(mentions(with([](CollapseClaim& c) { c.R = 1; }), "w has 2 rows, expected R = 1"));
    CHECK(mentions(with([](CollapseClaim& c) { c.R = 3; }), "w has 2 rows, expected R = 3"));
    CHECK(mentions(with([](CollapseClaim& c) { c.w[1][1] = "2"; }),
                   "the input network does not realize w: sum_c u_c * v_c at [1][1] is 1 but "
                   "w[1][1] is 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.w.pop_back(); }), "w has 1 rows"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.u[2][1][0] = "2"; }),
                   "the input network does not realize w"));
    CHECK(mentions(with([](CollapseClaim& c) { c.input.u[2].pop_back(); }),
                   "input.u[2] has 1 rows, expected R = 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.u[1][0][0] = "1/2"; }),
                   "the output network does not realize w: sum_c u_c * v_c at [0][1]"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.u[1].push_back({"0"}); }),
                   "output.u[1] has 3 rows, expected R = 2"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.u[0][1].push_back("0"); }),
                   "output.u[0][1] has 2 entries, expected 1"));
    CHECK(mentions(with([](CollapseClaim& c) { c.output.v[1][0] = "1"; }),
                   "the output network does not realize w"));
    CHECK(
        mentions(with([](CollapseClaim& c) { c.output.u[1][1][0] = "x"; }), "output.u[1][1][0]: "));
    CHECK(mentions(with([](CollapseClaim& c) { c.cost_out = "5"; }),
                   "cost_out is 5 but the output network costs 4"));
    // At most R channels: the input's four channels realize W but are not a collapse.
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.output = c.input;
                       c.cost_out = c.cost_in;
                   }),
                   "output: 4 kernels u and 4 vectors v, expected 1 to R = 2 channels"));
    // One channel cannot realize W = I at K = 1 (rank 2): any single channel fails.
    CHECK(mentions(with([](CollapseClaim& c) {
                       c.output.u.pop_back();
                       c.output.v.pop_back();
                   }),
                   "the output network does not realize w"));
    CHECK(mentions(with([](CollapseClaim& c) { c.K = 2; }), "input.u[0][0] has 1 entries"));
}

TEST_CASE("collapse: random R, the trivial collapse u_r = e_r e_0 and one tampered entry",
          "[checker][collapse][multi][random]") {
    std::mt19937_64 rng(1717);
    std::uniform_int_distribution<long> num(-9, 9), den(1, 4);
    for (int trial = 0; trial < 45; ++trial) {
        const std::size_t R = 1 + trial % 3, D = 1 + rng() % 8, K = 1 + rng() % D,
                          C = R + rng() % (2 * R + 1);
        INFO("trial " << trial << ": R = " << R << ", D = " << D << ", K = " << K << ", C = " << C);
        NetR in;
        for (std::size_t c = 0; c < C; ++c) {
            in.u.emplace_back(R, Vec(K));
            for (Vec& row : in.u.back())
                for (Rat& x : row)
                    x = ratio(num(rng), den(rng));
            Vec v(D);
            for (Rat& x : v)
                x = ratio(num(rng), den(rng));
            in.v.push_back(v);
        }
        NetR out{{}, realize_r(in, R, D)};
        for (std::size_t r = 0; r < R; ++r) {
            out.u.emplace_back(R, Vec(K));
            out.u.back()[r][0] = 1;
        }
        const Rat excess = cost_r(out) - cost_r(in);
        CollapseClaim claim = claim_of_r(in, out, excess > 0 ? excess : Rat(0));
        const Verdict v = check_network_collapse(claim);
        INFO(v.reason);
        CHECK(v.valid);
        const std::size_t r = trial % R, j = trial % D;
        claim.output.v[r][j] = S(out.v[r][j] + ratio(1, 7));
        CHECK(mentions(check_network_collapse(claim), "the output network does not realize w"));
    }
}

// ======================= model and dispatch =======================

TEST_CASE("collapse: JSON round trip and dispatch", "[checker][collapse][json]") {
    const Certificate cert{CollapseBody{claim_of(plus_minus_in(), plus_minus_out())}, "hand"};
    CHECK(certificate_kind(cert) == CertificateKind::NetworkCollapse);
    CHECK(check_certificate(cert).valid);
    const std::string text = certificate_to_json(cert);
    REQUIRE(text == certificate_to_json(cert));
    // Field order: claim D, K, R, w, input {u, v}, output {u, v}, cost_in, cost_out, slack.
    const char* order[] = {
        "\"D\"",        "\"K\"",       "\"R\"",        "\"w\"",     "\"input\"",
        "\"output\"",   "\"cost_in\"", "\"cost_out\"", "\"slack\"", "\"evidence\": {}",
        "\"generator\""};
    for (std::size_t i = 0; i + 1 < std::size(order); ++i) {
        INFO(order[i] << " before " << order[i + 1]);
        CHECK(text.find(order[i]) < text.find(order[i + 1]));
    }
    const CertificateReadResult read = certificate_from_json(text);
    INFO(read.error);
    REQUIRE(read.certificate);
    REQUIRE(std::holds_alternative<CollapseBody>(read.certificate->body));
    CHECK(std::get<CollapseBody>(read.certificate->body).claim.input.u ==
          std::get<CollapseBody>(cert.body).claim.input.u);
    CHECK(std::get<CollapseBody>(read.certificate->body).claim.output.v ==
          std::get<CollapseBody>(cert.body).claim.output.v);
    CHECK(certificate_to_json(*read.certificate) == text);
    CHECK(check_certificate(*read.certificate).valid);

    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = text;
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        return s.replace(at, from.size(), to);
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {replaced("\"evidence\": {}", "\"evidence\": {\"x\": 1}"),
         "network-collapse evidence must be the empty object {}"},
        {replaced("\"slack\"", "\"slop\""), "claim has no field 'slack'"},
        {replaced("\"output\"", "\"outlet\""), "claim has no field 'output'"},
        {replaced("\"cost_in\": \"6\"", "\"cost_in\": 6"), "claim.cost_in is not a string"},
        {replaced("\"u\": [", "\"u\": [3, "), "claim.input.u[0] is not an array"},
    };
    for (const auto& [bad, expected] : cases) {
        const auto r = certificate_from_json(bad);
        INFO(bad);
        REQUIRE_FALSE(r.certificate);
        CHECK_THAT(r.error, Catch::Contains(expected));
    }
    // A collapse claim does not pass as another kind, nor another kind's fields as a collapse:
    // the reader refuses both (every pair of kinds: test_certificate_json.cpp).
    const auto as_bracket =
        certificate_from_json(replaced("\"network-collapse\"", "\"regularizer-bracket\""));
    CHECK_FALSE(as_bracket.certificate);
    CHECK(as_bracket.error == "claim has no field 'lower'");
    const auto with_bracket = certificate_from_json(
        replaced("\"evidence\": {}", "\"evidence\": {\"lambda\": [], \"network\": {}}"));
    CHECK_FALSE(with_bracket.certificate);
    CHECK_THAT(with_bracket.error,
               Catch::Contains("network-collapse evidence must be the empty object {}"));
}

TEST_CASE("collapse: the shipped example", "[checker][collapse]") {
    const Certificate example = tests::example_certificate("examples/network-collapse.json");
    const Verdict v = check_certificate(example);
    INFO(v.reason);
    CHECK(v.valid);
    const CollapseClaim& claim = std::get<CollapseBody>(example.body).claim;
    CHECK(claim.input.u.size() == 3);
    CHECK(claim.slack == "0");
    CHECK(Rat(claim.cost_out) < Rat(claim.cost_in));
    // A tiny change of one entry of the output network is caught.
    Certificate bad = example;
    std::string& x = std::get<CollapseBody>(bad.body).claim.output.v[0][2];
    x = S(Rat(x) + ratio(1, 1000000000));
    CHECK(mentions(check_certificate(bad), "the output network does not realize w"));
}

TEST_CASE("collapse: the shipped R = 2 example", "[checker][collapse][multi]") {
    const Certificate example = tests::example_certificate("examples/network-collapse-r2.json");
    const Verdict v = check_certificate(example);
    INFO(v.reason);
    CHECK(v.valid);
    const CollapseClaim& claim = std::get<CollapseBody>(example.body).claim;
    CHECK(claim.R == 2);
    CHECK(claim.input.u.size() == 4);
    CHECK(claim.output.u.size() == 2);
    CHECK(claim.cost_in == "133/2");
    CHECK(claim.slack == "0");
    CHECK(Rat(claim.cost_out) < Rat(claim.cost_in));
    // A tiny change of one entry of the second row of an output kernel is caught.
    Certificate bad = example;
    std::string& x = std::get<CollapseBody>(bad.body).claim.output.u[1][1][2];
    x = S(Rat(x) + ratio(1, 1000000000));
    CHECK(mentions(check_certificate(bad), "the output network does not realize w"));
}
