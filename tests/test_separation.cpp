// The one-channel lower bound (separation/) and its verifier (check_one_channel_bound): the
// issue 18 instance, the closed forms K = 1×1 and K = D1×D2, 1-D consistency, and tampering.
#include "bench/separation_fixtures.h"
#include "certify/checker/checker.h"
#include "regularizer/bracket.h"
#include "separation/channel_separation_attempt.h"
#include "separation/one_channel_terms.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <random>

using namespace convcert;
using namespace convcert::separation;
using fixtures::signal_from_ints;

namespace {

const std::vector<long> kIssueW = {2, -2, -3, 3, 2, -1, 0, 1, -3};

// |ŵ(d)|² by a complex DFT in double precision (independent of the cosine tables).
std::vector<double> dft_power_double(const Grid& g, const std::vector<long>& w) {
    const double pi = std::acos(-1.0);
    std::vector<double> out;
    for (long d1 = 0; d1 < g.D1; ++d1)
        for (long d2 = 0; d2 < g.D2; ++d2) {
            std::complex<double> s = 0;
            for (long j1 = 0; j1 < g.D1; ++j1)
                for (long j2 = 0; j2 < g.D2; ++j2)
                    s += static_cast<double>(w[static_cast<std::size_t>(j1 * g.D2 + j2)]) *
                         std::polar(1.0, -2 * pi *
                                             (static_cast<double>(j1 * d1) / g.D1 +
                                              static_cast<double>(j2 * d2) / g.D2));
            out.push_back(std::norm(s));
        }
    return out;
}

double rational_double(const std::string& s) {
    support::Fmpq q;
    support::fmpq_set_string(q.x, s);
    return fmpq_get_d(q.x);
}

const OneChannelBound& issue_bound() {
    static const OneChannelBound b =
        one_channel_bound(grid_2d(3, 3, 2, 2), signal_from_ints(kIssueW));
    return b;
}

checker::Verdict issue_check(const checker::OneChannelBoundClaim& c,
                             const checker::OneChannelBoundEvidence& e) {
    return checker::check_one_channel_bound(c, e);
}

} // namespace

TEST_CASE("separation: the terms of φ are |ŵ(d)|² of a complex DFT", "[separation]") {
    const Grid g = grid_2d(3, 3, 2, 2);
    const std::vector<OneChannelTerm> terms = one_channel_terms(g, signal_from_ints(kIssueW));
    const std::vector<double> power = dft_power_double(g, kIssueW);
    double total = 0;
    for (const OneChannelTerm& t : terms) {
        const double mult = grid_neg(g, t.d) == t.d ? 1.0 : 2.0;
        CHECK(t.c_double * 9 / mult == Approx(power[static_cast<std::size_t>(t.d)]).epsilon(1e-12));
        total += t.c_double;
    }
    // Parseval: Σ_d |ŵ(d)|² / D = ‖w‖² = 4+4+9+9+4+1+0+1+9 = 41.
    CHECK(total == Approx(41.0).epsilon(1e-12));
}

TEST_CASE("separation: the issue 18 instance is certified above the two-channel SDP value",
          "[separation]") {
    const OneChannelBound& b = issue_bound();
    INFO("L1 " << b.lower << " best " << b.best_cost << " leaves " << b.leaves.size());
    CHECK(b.lower_double > 11.233135);
    CHECK(b.lower_double <= 11.78630);
    CHECK(b.best_cost <= 11.78631);
    CHECK(b.lower_double >= b.best_cost * (1 - 2e-3)); // within 0.5% (the issue's target)
    const checker::Verdict v =
        issue_check(fixtures::one_channel_claim(b, kIssueW), fixtures::one_channel_evidence(b));
    CHECK(v.reason == "");
    CHECK(v.valid);
}

TEST_CASE("separation: every leaf bound is below φ at points of its box", "[separation]") {
    const OneChannelBound& b = issue_bound();
    const auto terms =
        one_channel_terms_double(one_channel_terms(grid_2d(3, 3, 2, 2), signal_from_ints(kIssueW)));
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> unif(0.0, 1.0);
    long violations = 0;
    for (std::size_t i = 0; i < b.leaves.size(); i += 7) {
        const OneChannelLeaf& leaf = b.leaves[i];
        std::vector<double> u;
        for (std::size_t k = 0; k < leaf.lo.size(); ++k) {
            const double lo = rational_double(leaf.lo[k]), hi = rational_double(leaf.hi[k]);
            u.push_back(lo + (hi - lo) * unif(gen));
        }
        if (regularizer::regularizer_one_channel_phi(terms, u) <
            rational_double(leaf.bound) * (1 - 1e-12))
            ++violations;
    }
    CHECK(violations == 0);
}

TEST_CASE("separation: the verifier rejects tampered evidence", "[separation]") {
    const OneChannelBound& b = issue_bound();
    const checker::OneChannelBoundClaim claim = fixtures::one_channel_claim(b, kIssueW);
    const checker::OneChannelBoundEvidence ev = fixtures::one_channel_evidence(b);
    const std::size_t mid = ev.leaves.size() / 2;
    SECTION("a leaf removed leaves a hole") {
        checker::OneChannelBoundEvidence e = ev;
        e.leaves.erase(e.leaves.begin() + static_cast<long>(mid));
        const checker::Verdict v = issue_check(claim, e);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find("leaf " + std::to_string(mid)) != std::string::npos);
    }
    SECTION("a leaf's bound raised above its recomputed value") {
        checker::OneChannelBoundEvidence e = ev;
        support::Fmpq q, eps;
        support::fmpq_set_string(q.x, e.leaves[mid].bound);
        fmpq_set_si(eps.x, 1, 1 << 20);
        fmpq_add(q.x, q.x, eps.x);
        e.leaves[mid].bound = support::fmpq_get_string(q.x);
        const checker::Verdict v = issue_check(claim, e);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find("leaf " + std::to_string(mid) + ": bound") != std::string::npos);
        CHECK(v.reason.find("exceeds the recomputed") != std::string::npos);
    }
    SECTION("L1 raised above the best one-channel cost found") {
        checker::OneChannelBoundClaim c = claim;
        c.lower = "11787/1000"; // > 11.78630, the cost of a one-channel network
        const checker::Verdict v = issue_check(c, ev);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find("is below (lower/2)^2") != std::string::npos);
    }
    SECTION("a box endpoint moved") {
        checker::OneChannelBoundEvidence e = ev;
        const std::size_t k = e.leaves[mid].face == 0 ? 1 : 0;
        support::Fmpq q, eps;
        support::fmpq_set_string(q.x, e.leaves[mid].hi[k]);
        fmpq_set_si(eps.x, 1, 1000);
        fmpq_sub(q.x, q.x, eps.x);
        e.leaves[mid].hi[k] = support::fmpq_get_string(q.x);
        const checker::Verdict v = issue_check(claim, e);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find("leaf " + std::to_string(mid) + " is not the next box") !=
              std::string::npos);
    }
    SECTION("a leaf moved to another face") {
        checker::OneChannelBoundEvidence e = ev;
        e.leaves.push_back(e.leaves.front());
        const checker::Verdict v = issue_check(claim, e);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find("beyond the last box") != std::string::npos);
    }
}

TEST_CASE("separation: K = 1x1 gives 2‖w‖₂", "[separation]") {
    const std::vector<long> w = {1, -2, 0, 3, 1, 1};
    const OneChannelBound b = one_channel_bound(grid_2d(2, 3, 1, 1), signal_from_ints(w));
    const double two_norm = 2 * std::sqrt(16.0);
    CHECK(b.lower_double <= two_norm);
    CHECK(b.lower_double >= two_norm * (1 - 2e-3));
    CHECK(b.leaves.size() == 1);
    CHECK(b.best_phi == "16");
    CHECK(checker::check_one_channel_bound(fixtures::one_channel_claim(b, w),
                                           fixtures::one_channel_evidence(b))
              .valid);
}

TEST_CASE("separation: K = D1xD2 stays below the 2-D Fourier-ℓ1 closed form", "[separation]") {
    for (unsigned long seed = 1; seed <= 3; ++seed) {
        const Grid g = grid_2d(2, 2, 2, 2);
        const std::vector<long> w = fixtures::random_int_signal(seed, 4);
        const OneChannelBound b = one_channel_bound(g, signal_from_ints(w));
        double l1 = 0;
        for (double p : dft_power_double(g, w))
            l1 += std::sqrt(p);
        const double closed = 2 * l1 / 4;
        INFO("seed " << seed << " L1 " << b.lower_double << " closed form " << closed);
        CHECK(b.lower_double <= closed * (1 + 1e-12));
        CHECK(b.lower_double >= closed * (1 - 2e-3));
        CHECK(checker::check_one_channel_bound(fixtures::one_channel_claim(b, w),
                                               fixtures::one_channel_evidence(b))
                  .valid);
    }
}

TEST_CASE("separation: shapes with irrational DFT cosines are refused", "[separation]") {
    const std::vector<long> w(12, 1);
    CHECK_THROWS_WITH(one_channel_bound(grid_2d(4, 3, 2, 2), signal_from_ints(w)),
                      Catch::Contains("lcm(D1, D2) = 12"));
    checker::OneChannelBoundClaim c{4, 3, 2, 2, std::vector<std::string>(12, "1"), "1"};
    checker::OneChannelBoundEvidence e;
    e.leaves.push_back({0, {"1", "-1", "-1", "-1"}, {"1", "1", "1", "1"}, "1"});
    const checker::Verdict v = checker::check_one_channel_bound(c, e);
    CHECK_FALSE(v.valid);
    CHECK(v.reason.find("lcm(D1, D2) = 12") != std::string::npos);
}

TEST_CASE("separation: in 1-D the lower bound lies in the regularizer's bracket (the Lemma)",
          "[separation]") {
    // One channel reaches R_{K,∞} in 1-D, so lower <= R_{K,1} = R_{K,∞} <= upper, and L1 is
    // within the margin of R_{K,1} >= the bracket's lower end.
    for (unsigned long seed = 1; seed <= 3; ++seed) {
        const std::vector<long> w = fixtures::random_int_signal(seed, 6);
        const OneChannelBound b = one_channel_bound(grid_1d(6, 3), signal_from_ints(w));
        support::FmpqMat W(1, 6);
        for (long j = 0; j < 6; ++j)
            fmpq_set_si(fmpq_mat_entry(W.m, 0, j), w[static_cast<std::size_t>(j)], 1);
        const regularizer::RegularizerBracket r = regularizer::regularizer_bracket(W, 3);
        INFO("seed " << seed << " L1 " << b.lower_double << " bracket [" << r.lower_double << ", "
                     << r.upper_double << "]");
        CHECK(b.lower_double <= r.upper_double);
        CHECK(b.lower_double >= r.lower_double * (1 - 2e-3));
        CHECK(checker::check_one_channel_bound(fixtures::one_channel_claim(b, w),
                                               fixtures::one_channel_evidence(b))
                  .valid);
    }
}

TEST_CASE("separation: a 1-D signal gives the same evidence as the grid 1xD", "[separation]") {
    const std::vector<long> w = {2, -1, 0, 3, 1, -2};
    const OneChannelBound a = one_channel_bound(grid_1d(6, 2), signal_from_ints(w));
    const OneChannelBound b = one_channel_bound(grid_2d(1, 6, 1, 2), signal_from_ints(w));
    CHECK(a.lower == b.lower);
    CHECK(a.best_phi == b.best_phi);
    REQUIRE(a.leaves.size() == b.leaves.size());
    for (std::size_t i = 0; i < a.leaves.size(); ++i) {
        CHECK(a.leaves[i].lo == b.leaves[i].lo);
        CHECK(a.leaves[i].hi == b.leaves[i].hi);
        CHECK(a.leaves[i].bound == b.leaves[i].bound);
    }
}

TEST_CASE("separation: the verifier declines kernels beyond its limit", "[separation]") {
    checker::OneChannelBoundClaim c{6, 6, 5, 5, std::vector<std::string>(36, "1"), "1"};
    checker::OneChannelBoundEvidence e;
    e.leaves.push_back(
        {0, std::vector<std::string>(25, "1"), std::vector<std::string>(25, "1"), "1"});
    const checker::Verdict v = checker::check_one_channel_bound(c, e);
    CHECK_FALSE(v.valid);
    CHECK(v.undecided);
    CHECK(v.reason.find("K1·K2 = 25") != std::string::npos);
}

TEST_CASE("separation: an attempt short of U2 only by the margin retries closer to U2",
          "[separation]") {
    // Regression (bench_separation, 4x4 with 2x2 kernels, seed 5): the best one-channel cost
    // 17.356445 is above U2 = 17.353578 (two channels), but L1 at the margin 10^-3 was 17.339088,
    // so the attempt said "none". The retry's margin lies halfway between the two.
    const Grid g = grid_2d(4, 4, 2, 2);
    const std::vector<long> wi = fixtures::random_int_signal(5, 16);
    std::vector<std::string> row;
    for (long x : wi)
        row.push_back(std::to_string(x));
    const regularizer::RegularizerBracket b =
        regularizer::regularizer_bracket(support::fmpq_mat_from_rows({row}, "w"), g);
    REQUIRE(b.C0 == 2);
    const ChannelSeparationAttempt at = channel_separation_attempt(b, signal_from_ints(wi));
    INFO("L1 " << at.bound.lower << " best " << at.bound.best_cost << " U2 "
               << fmpq_get_d(at.network.cost.x) << " " << at.reason);
    REQUIRE(at.separated);
    CHECK(at.bound.lower_double > fmpq_get_d(at.network.cost.x));
    CHECK(at.bound.lower_double < at.bound.best_cost * (1 - 1e-5));
    const checker::Verdict v = checker::check_certificate(at.certificate);
    CHECK(v.reason == "");
    CHECK(v.valid);
}
