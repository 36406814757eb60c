// Regularizer generator: the reduced SDP (SDPA), the closed forms at K = 1 and K = D, and the
// exact lower bound. Reference values are computed independently with Arb balls.
#include "regularizer/bracket.h"
#include "regularizer/exact/dual_feasible.h"
#include "regularizer/exact/psd_exact.h"
#include "regularizer/numeric/closed_form.h"
#include "regularizer/numeric/polish_autocorrelation.h"
#include "regularizer/sdp/sdp_autocorrelation.h"
#include "support/flint_raii.h"
#include "tests/lower_bound_strings.h"

#include "support/rational_convert.h"
#include "tests/closed_form_arb.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace convcert::regularizer;
namespace support = convcert::support;
using convcert::support::Acb;
using convcert::support::Arb;
using convcert::support::Fmpq;
using convcert::test::arb_k1;
using convcert::test::arb_kd;

namespace {

constexpr slong kPrec = 256;

/// The dual side of the regularizer bracket (regularizer_bracket), as these tests read it.
struct DualBound {
    struct {
        std::vector<std::string> lambda;
        std::string lower;
        double lower_double = 0;
    } bound;
    std::string source;
    double estimate = 0;
};

DualBound regularizer_dual_bound(const std::vector<std::string>& w, long K,
                                 RegularizerSolver solver = RegularizerSolver::Auto) {
    const auto b = regularizer_bracket(support::fmpq_mat_from_rows({w}, "w"), K, solver);
    DualBound out;
    out.bound.lambda = support::fmpq_mat_to_rows(b.lambda)[0];
    out.bound.lower = support::fmpq_get_string(b.lower.x);
    out.bound.lower_double = b.lower_double;
    out.source = regularizer_dual_source_name(b.dual_source);
    out.estimate = b.estimate;
    return out;
}

std::vector<double> random_w(long D, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> w(D);
    for (double& x : w)
        x = normal(gen);
    return w;
}

void set_q(fmpq_t x, const std::string& s) {
    REQUIRE(fmpq_set_str(x, s.c_str(), 10) == 0);
}

void set_q(fmpq_t x, double d) {
    set_q(x, support::rational_from_double(d));
}

/// lower < ref as balls (certain), and |lower - ref| <= tol · ref.
void require_below_and_close(const RegularizerLowerBoundStrings& lb, const arb_t ref, double tol) {
    support::Fmpq q;
    set_q(q.x, lb.lower);
    support::Arb lower, diff;
    arb_set_fmpq(lower.x, q.x, kPrec);
    CHECK(arb_lt(lower.x, ref));
    arb_sub(diff.x, ref, lower.x, kPrec);
    const double rel =
        arf_get_d(arb_midref(diff.x), ARF_RND_NEAR) / arf_get_d(arb_midref(ref), ARF_RND_NEAR);
    CHECK(rel >= 0);
    CHECK(rel <= tol);
}

/// The rational string s·(1 + 1e-6).
std::string inflate(const std::string& s) {
    support::Fmpq x, f;
    set_q(x.x, s);
    fmpq_set_si(f.x, 1000001, 1000000);
    fmpq_mul(x.x, x.x, f.x);
    return convcert::support::fmpq_get_string(x.x);
}

std::vector<std::string> exact(const std::vector<double>& w) {
    std::vector<std::string> out;
    for (double x : w)
        out.push_back(support::rational_from_double(x));
    return out;
}

bool psd_of(const std::vector<std::vector<long>>& rows) {
    const slong n = static_cast<slong>(rows.size());
    support::FmpzMat M(n, n);
    for (slong i = 0; i < n; ++i)
        for (slong j = 0; j < n; ++j)
            fmpz_set_si(fmpz_mat_entry(M.m, i, j), rows[i][j]);
    return regularizer_psd_integer(M.m);
}

} // namespace

TEST_CASE("exact PSD test handles zero pivots", "[regularizer]") {
    CHECK(psd_of({{0, 0}, {0, 1}}));
    CHECK_FALSE(psd_of({{0, 1}, {1, 5}}));
    CHECK(psd_of({{1, 1}, {1, 1}}));
    CHECK_FALSE(psd_of({{1, 2}, {2, 1}}));
    CHECK(psd_of({{4, 2, 2}, {2, 1, 1}, {2, 1, 1}}));
    CHECK_FALSE(psd_of({{4, 2, 2}, {2, 1, 1}, {2, 1, 0}}));
    CHECK_FALSE(psd_of({{1, 0, 0}, {0, 0, 0}, {0, 0, -1}}));
    CHECK(psd_of({{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
}

TEST_CASE("K = 1 closed form: lower bound within 1e-9 below 2||w||_2", "[regularizer]") {
    for (long D : {1L, 5L, 16L, 33L}) {
        for (unsigned seed = 1; seed <= 3; ++seed) {
            const auto w = random_w(D, seed);
            const auto lb = regularizer_lower_bound(regularizer_lambda_k1({w})[0], w, 1);
            CHECK(regularizer_dual_feasible_strings(lb.lambda, 1));
            support::Arb ref;
            arb_k1(ref.x, w);
            require_below_and_close(lb, ref.x, 1e-9);
            // Exactly: 0 <= lower and lower² <= 4 ||w||².
            support::Fmpq lower, sq, norm, t;
            set_q(lower.x, lb.lower);
            CHECK(fmpq_sgn(lower.x) >= 0);
            fmpq_mul(sq.x, lower.x, lower.x);
            for (double x : w) {
                set_q(t.x, x);
                fmpq_addmul(norm.x, t.x, t.x);
            }
            fmpq_mul_2exp(norm.x, norm.x, 2);
            CHECK(fmpq_cmp(sq.x, norm.x) <= 0);
        }
    }
}

TEST_CASE("K = D closed form: lower bound within 1e-9 below (2/D) sum |ŵ|", "[regularizer]") {
    for (long D : {1L, 2L, 7L, 16L, 32L}) {
        for (unsigned seed = 1; seed <= 3; ++seed) {
            const auto w = random_w(D, 100 + seed);
            const auto lb = regularizer_lower_bound(regularizer_lambda_kd({w})[0], w, D);
            CHECK(regularizer_dual_feasible_strings(lb.lambda, D));
            support::Arb ref;
            arb_kd(ref.x, w);
            require_below_and_close(lb, ref.x, 1e-9);
        }
    }
}

TEST_CASE("hand cases: e_0 gives 2 for every K, 0 gives 0", "[regularizer]") {
    const long D = 8;
    std::vector<double> e0(D, 0.0);
    e0[0] = 1.0;
    support::Fmpq two, lower;
    fmpq_set_si(two.x, 2, 1);
    for (long K = 1; K <= D; ++K) {
        std::vector<double> lambda = K == 1   ? regularizer_lambda_k1({e0})[0]
                                     : K == D ? regularizer_lambda_kd({e0})[0]
                                              : regularizer_sdp_autocorrelation_solve(e0, K).lambda;
        const auto lb = regularizer_lower_bound(lambda, e0, K);
        set_q(lower.x, lb.lower);
        CHECK(fmpq_cmp(lower.x, two.x) <= 0);
        CHECK(lb.lower_double == Approx(2.0).epsilon(1e-6));
        const auto best = regularizer_dual_bound(exact(e0), K);
        set_q(lower.x, best.bound.lower);
        CHECK(fmpq_cmp(lower.x, two.x) <= 0);
        CHECK(best.bound.lower_double == Approx(2.0).epsilon(1e-10));
    }
    const std::vector<double> zero(D, 0.0);
    for (long K : {1L, 3L, D}) {
        const auto sdp = regularizer_sdp_autocorrelation_solve(zero, K);
        CHECK(sdp.status == "trivial");
        const auto lb = regularizer_lower_bound(sdp.lambda, zero, K);
        CHECK(lb.lower == "0");
        CHECK(regularizer_lower_bound(regularizer_lambda_kd({zero})[0], zero, K).lower == "0");
    }
}

TEST_CASE("reduced SDP: SDPA's dual vector is λ, the exact lower bound is below its primal",
          "[regularizer]") {
    for (long D : {16L, 32L}) {
        for (long K : {2L, 3L, 5L, 8L}) {
            for (unsigned seed = 1; seed <= 2; ++seed) {
                const auto w = random_w(D, 1000 * D + 10 * K + seed);
                const auto sdp = regularizer_sdp_autocorrelation_solve(w, K);
                INFO("D = " << D << ", K = " << K << ", status " << sdp.status);
                // SDPA 7.3.16 stops near mu ~ 1e-8 on this problem ("Strange behavior: primal
                // < dual"), in phase pdFEAS with a relative gap of 1e-7..5e-7.
                REQUIRE((sdp.status.rfind("pdOPT", 0) == 0 || sdp.status.rfind("pdFEAS", 0) == 0));
                CHECK(sdp.relative_gap <= 1e-6);
                CHECK(sdp.dual <= sdp.primal);
                // The dual vector is the time-domain λ: <λ, w> is SDPA's dual value.
                double dot = 0;
                for (long i = 0; i < D; ++i)
                    dot += sdp.lambda[i] * w[i];
                CHECK(dot == Approx(sdp.dual).epsilon(1e-10));
                const auto lb = regularizer_lower_bound(sdp.lambda, w, K);
                CHECK(lb.attempts == 1);
                support::Fmpq lower, primal;
                set_q(lower.x, lb.lower);
                set_q(primal.x, sdp.primal);
                CHECK(fmpq_cmp(lower.x, primal.x) <= 0);
                CHECK(lb.lower_double == Approx(sdp.value_r).epsilon(1e-6));
                // Tampering: λ scaled by 1 + 1e-6 is no longer dual feasible.
                std::vector<std::string> bad;
                for (const auto& s : lb.lambda)
                    bad.push_back(inflate(s));
                CHECK(regularizer_dual_feasible_strings(lb.lambda, K));
                CHECK_FALSE(regularizer_dual_feasible_strings(bad, K));
            }
        }
    }
}

TEST_CASE("pipeline: Newton-refined λ closes the gap to 1e-10", "[regularizer]") {
    for (long D : {16L, 32L, 64L}) {
        for (long K : {2L, 4L, 7L}) {
            const auto w = random_w(D, 77 * D + K);
            const auto dual = regularizer_dual_bound(exact(w), K, RegularizerSolver::Sdpa);
            INFO("D = " << D << ", K = " << K << ", source " << dual.source);
            CHECK(dual.source == "sdpa+newton");
            // Newton alone from ||w|| e_0 reaches the same optimum.
            const auto fast = regularizer_dual_bound(exact(w), K);
            CHECK(fast.source == "newton");
            CHECK(std::abs(fast.estimate - dual.estimate) <= 1e-12 * dual.estimate);
            CHECK(regularizer_dual_feasible_strings(fast.bound.lambda, K));
            CHECK(fast.estimate - fast.bound.lower_double <= 1e-10 * fast.estimate);
            CHECK(regularizer_dual_feasible_strings(dual.bound.lambda, K));
            // estimate = f(r) at the refined r, a numerical upper value.
            CHECK(dual.bound.lower_double <= dual.estimate);
            CHECK(dual.estimate - dual.bound.lower_double <= 1e-10 * dual.estimate);
        }
    }
    // A boundary optimum (σ* touches 0 between the D frequencies): no Newton refinement, and
    // the certified bound stays below SDPA's primal value.
    {
        const auto w = random_w(128, 1);
        const auto dual = regularizer_dual_bound(exact(w), 64);
        CHECK((dual.source == "sdpa" || dual.source == "sdpa+kkt")); // the KKT system may refine
        const auto sdp = regularizer_sdp_autocorrelation_solve(w, 64);
        support::Fmpq lower, primal;
        set_q(lower.x, dual.bound.lower);
        set_q(primal.x, sdp.primal);
        CHECK(fmpq_cmp(lower.x, primal.x) < 0);
        CHECK(dual.estimate - dual.bound.lower_double <= 1e-6 * dual.estimate);
    }
    // Closed forms and zero go through the same pipeline.
    const auto w = random_w(12, 5);
    CHECK(regularizer_dual_bound(exact(w), 1).source == "closed-form K=1");
    CHECK(regularizer_dual_bound(exact(w), 12).source == "closed-form K=D");
    const auto z = regularizer_dual_bound(std::vector<std::string>(6, "0"), 3);
    CHECK(z.source == "zero");
    CHECK(z.bound.lower == "0");
    // Rational input is read exactly: w = (1/3, -2/7, 5) at K = 1 gives 2||w||_2 from below.
    const auto q = regularizer_dual_bound({"1/3", "-2/7", "5"}, 1);
    support::Fmpq lower, bound;
    set_q(lower.x, q.bound.lower);
    fmpq_mul(lower.x, lower.x, lower.x);
    fmpq_set_si(bound.x, 4L * (49 + 36 + 11025), 441); // 4 (1/9 + 4/49 + 25)
    CHECK(fmpq_cmp(lower.x, bound.x) < 0);
    CHECK(q.bound.lower_double == Approx(2.0 * std::sqrt(1.0 / 9 + 4.0 / 49 + 25)).epsilon(1e-12));
}

TEST_CASE("reduced SDP agrees with the closed forms, is monotone in K and homogeneous",
          "[regularizer]") {
    const long D = 16;
    const auto w = random_w(D, 7);
    std::vector<double> values;
    for (long K = 1; K <= D; ++K) {
        const auto sdp = regularizer_sdp_autocorrelation_solve(w, K);
        const auto polished = regularizer_polish_autocorrelation(w, sdp.r);
        CHECK(polished.value == Approx(sdp.value_r).epsilon(1e-6));
        values.push_back(polished.value);
    }
    CHECK(values.front() == Approx(regularizer_value_k1({w})).epsilon(1e-10));
    CHECK(values.back() == Approx(regularizer_value_kd({w})).epsilon(1e-10));
    for (std::size_t i = 1; i < values.size(); ++i)
        CHECK(values[i] <= values[i - 1] * (1 + 1e-10));
    std::vector<double> w3(w);
    for (double& x : w3)
        x *= -3.0;
    CHECK(regularizer_polish_autocorrelation(w3, regularizer_sdp_autocorrelation_solve(w3, 4).r)
              .value == Approx(3.0 * regularizer_polish_autocorrelation(
                                         w, regularizer_sdp_autocorrelation_solve(w, 4).r)
                                         .value)
                            .epsilon(1e-10));
}

TEST_CASE("bad input is rejected", "[regularizer]") {
    CHECK_THROWS_AS(regularizer_sdp_autocorrelation_solve({1.0, 2.0}, 3), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_sdp_autocorrelation_solve({}, 1), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_sdp_autocorrelation_solve({1.0, NAN}, 1), std::invalid_argument);
    CHECK_THROWS_AS(
        regularizer_lower_bound(std::vector<double>{1.0}, std::vector<double>{1.0, 2.0}, 1),
        std::invalid_argument);
    CHECK_THROWS_AS(regularizer_dual_feasible_strings(std::vector<std::string>{"1", "x"}, 1),
                    std::invalid_argument);
}
