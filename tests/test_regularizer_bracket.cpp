// The regularizer-bracket pipeline end to end: every certificate passes the independent
// checker; the closed forms (Arb balls) and hand-derived values lie inside the bracket;
// homogeneity and monotonicity in K hold between certified brackets; tampering is rejected.
#include "certify/checker/checker.h"
#include "regularizer/bracket.h"
#include "regularizer/exact/lower_bound.h"
#include "regularizer/sdp/sdp_autocorrelation.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "tests/closed_form_arb.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace convcert;
using namespace convcert::regularizer;
using support::Arb;
using support::Fmpq;

namespace {

/// Random w with entries k/8, k in [-40, 40]: exact in double and in Q.
std::vector<double> random_w(long D, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> pick(-40, 40);
    std::vector<double> w(D);
    for (double& x : w)
        x = pick(gen) / 8.0;
    return w;
}

std::vector<std::string> to_rationals(const std::vector<double>& w) {
    std::vector<std::string> out;
    for (double x : w)
        out.push_back(support::rational_from_double(x));
    return out;
}

struct Bracket {
    Certificate cert;
    RegularizerBracket report;
};

Bracket bracket(const std::vector<double>& w, long K,
                RegularizerSolver solver = RegularizerSolver::Auto) {
    Bracket b;
    const auto W = support::fmpq_mat_from_rows({to_rationals(w)}, "w");
    b.report = regularizer_bracket(W, K, solver);
    b.cert = regularizer_bracket_certificate(b.report, W);
    const auto verdict = checker::check_certificate(b.cert);
    INFO("D = " << w.size() << ", K = " << K << ": " << verdict.reason);
    REQUIRE(verdict.valid);
    return b;
}

void set_q(fmpq_t x, const std::string& s) {
    REQUIRE(fmpq_set_str(x, s.c_str(), 10) == 0);
}

/// lower <= ref <= upper, with the ball ref certainly inside.
void require_inside(const Bracket& b, const arb_t ref) {
    support::Arb lo, hi;
    arb_set_fmpq(lo.x, b.report.lower.x, test::kArbPrec);
    arb_set_fmpq(hi.x, b.report.upper.x, test::kArbPrec);
    INFO("bracket [" << b.report.lower_double << ", " << b.report.upper_double << "]");
    CHECK(arb_le(lo.x, ref));
    CHECK(arb_le(ref, hi.x));
}

/// fa · lower(a) <= fb · upper(b), exactly.
bool lower_below_upper(long fa, const Bracket& a, long fb, const Bracket& b) {
    support::Fmpq lo, hi;
    fmpq_mul_si(lo.x, a.report.lower.x, fa);
    fmpq_mul_si(hi.x, b.report.upper.x, fb);
    return fmpq_cmp(lo.x, hi.x) <= 0;
}

Certificate tampered_copy(const Certificate& c) {
    return c;
}

} // namespace

TEST_CASE("random w: certified, checked, relative gap <= 1e-8", "[bracket]") {
    for (long D : {3, 8, 17, 32}) {
        for (long K : {1L, 2L, 3L, D / 2, D - 1, D}) {
            if (K < 1 || K > D) continue;
            const auto w = random_w(D, static_cast<unsigned>(100 * D + K));
            const auto b = bracket(w, K);
            INFO("D = " << D << ", K = " << K << ", " << regularizer_bracket_method(b.report));
            CHECK(b.report.relative_gap >= 0);
            CHECK(b.report.relative_gap <= 1e-8);
            CHECK(b.report.C0 == 1);
        }
    }
}

TEST_CASE("closed forms lie inside the bracket (Arb reference values)", "[bracket]") {
    for (long D : {5, 12, 24}) {
        const auto w = random_w(D, static_cast<unsigned>(D));
        support::Arb ref;
        test::arb_k1(ref.x, w);
        require_inside(bracket(w, 1), ref.x);
        test::arb_kd(ref.x, w);
        require_inside(bracket(w, D), ref.x);
    }
}

TEST_CASE("hand cases: e_0, all-ones, zero", "[bracket]") {
    const long D = 6;
    std::vector<double> e0(D, 0.0), ones(D, 1.0), zero(D, 0.0);
    e0[0] = 1;
    support::Arb two;
    arb_set_si(two.x, 2);
    for (long K = 1; K <= D; ++K)
        require_inside(bracket(e0, K), two.x); // R = 2 for every K: u = e_0, v = e_0
    support::Arb two_sqrt_d;
    arb_sqrt_ui(two_sqrt_d.x, D, test::kArbPrec);
    arb_mul_2exp_si(two_sqrt_d.x, two_sqrt_d.x, 1);
    require_inside(bracket(ones, 1), two_sqrt_d.x); // 2 sqrt(D) at K = 1
    require_inside(bracket(ones, D), two.x);        // 2 at K = D (ŵ = D e_0)
    for (long K : {1L, 3L, D}) {
        const auto b = bracket(zero, K);
        CHECK(std::get<RegularizerBody>(b.cert.body).claim.lower == "0");
        CHECK(std::get<RegularizerBody>(b.cert.body).claim.upper == "0");
    }
}

TEST_CASE("homogeneity and monotonicity in K between certified brackets", "[bracket]") {
    const long D = 16;
    const auto w = random_w(D, 7);
    std::vector<double> w3(D), wm2(D);
    for (long i = 0; i < D; ++i) {
        w3[i] = 3 * w[i];
        wm2[i] = -2 * w[i];
    }
    std::vector<Bracket> by_k;
    for (long K = 1; K <= D; K += 3) {
        const auto b = bracket(w, K), b3 = bracket(w3, K), bm2 = bracket(wm2, K);
        INFO("K = " << K);
        // R(3w) = 3 R(w) and R(-2w) = 2 R(w): the certified brackets must be consistent.
        CHECK(lower_below_upper(1, b3, 3, b));
        CHECK(lower_below_upper(3, b, 1, b3));
        CHECK(lower_below_upper(1, bm2, 2, b));
        CHECK(lower_below_upper(2, b, 1, bm2));
        CHECK(std::abs(b3.report.upper_double / b.report.upper_double - 3) <= 3e-8);
        by_k.push_back(b);
    }
    // R_K is non-increasing in K: l(K') <= R_{K'} <= R_K <= u(K) for K < K'.
    for (std::size_t i = 0; i < by_k.size(); ++i)
        for (std::size_t j = i + 1; j < by_k.size(); ++j)
            CHECK(lower_below_upper(1, by_k[j], 1, by_k[i]));
}

TEST_CASE("the same input gives byte-identical certificates", "[bracket]") {
    const auto w = random_w(20, 3);
    for (long K : {1, 5, 20}) {
        const auto a = certificate_to_json(bracket(w, K).cert);
        const auto b = certificate_to_json(bracket(w, K).cert);
        CHECK(a == b);
    }
}

TEST_CASE("tampered brackets are rejected with the failing check named", "[bracket]") {
    const long D = 12, K = 4;
    const auto good = bracket(random_w(D, 11), K).cert;
    auto reason = [](const Certificate& c) {
        const auto v = checker::check_certificate(c);
        CHECK_FALSE(v.valid);
        return v.reason;
    };
    { // λ scaled by 1 + 1e-6 leaves the dual cone
        auto c = tampered_copy(good);
        for (auto& x : std::get<RegularizerBody>(c.body).evidence.lambda[0]) {
            support::Fmpq q, s;
            set_q(q.x, x);
            fmpq_set_si(s.x, 1000001, 1000000);
            fmpq_mul(q.x, q.x, s.x);
            x = support::fmpq_get_string(q.x);
        }
        CHECK(reason(c).find("not positive semidefinite") != std::string::npos);
    }
    { // one changed entry of v
        auto c = tampered_copy(good);
        support::Fmpq q, eps;
        set_q(q.x, std::get<RegularizerBody>(c.body).evidence.v[0][5]);
        fmpq_set_si(eps.x, 1, 1000000000);
        fmpq_add(q.x, q.x, eps.x);
        std::get<RegularizerBody>(c.body).evidence.v[0][5] = support::fmpq_get_string(q.x);
        CHECK(reason(c).find("does not realize w") != std::string::npos);
    }
    { // a lowered upper
        auto c = tampered_copy(good);
        support::Fmpq q, f;
        set_q(q.x, std::get<RegularizerBody>(c.body).claim.upper);
        fmpq_set_si(f.x, 999999999, 1000000000);
        fmpq_mul(q.x, q.x, f.x);
        std::get<RegularizerBody>(c.body).claim.upper = support::fmpq_get_string(q.x);
        CHECK(reason(c).find("exceeds upper") != std::string::npos);
    }
    { // a raised lower
        auto c = tampered_copy(good);
        support::Fmpq q, f;
        set_q(q.x, std::get<RegularizerBody>(c.body).claim.lower);
        fmpq_set_si(f.x, 1000000001, 1000000000);
        fmpq_mul(q.x, q.x, f.x);
        std::get<RegularizerBody>(c.body).claim.lower = support::fmpq_get_string(q.x);
        CHECK(reason(c).find("exceeds <lambda, w>") != std::string::npos);
    }
}

TEST_CASE("R = 1, 1 < K < D: the bracket contains SDPA's value, both solvers agree", "[bracket]") {
    for (long D : {8L, 16L, 33L}) {
        for (long K : {2L, 3L, D / 2}) {
            const auto w = random_w(D, static_cast<unsigned>(31 * D + K));
            const auto sdp = regularizer_sdp_autocorrelation_solve(w, K);
            const auto fast = bracket(w, K), slow = bracket(w, K, RegularizerSolver::Sdpa);
            INFO("D = " << D << ", K = " << K << ": " << regularizer_bracket_method(fast.report)
                        << " | " << regularizer_bracket_method(slow.report));
            // SDPA's primal and dual values bracket R_{K,∞} = R_{K,1} up to its 1e-6 gap.
            CHECK(fast.report.lower_double <= sdp.primal * (1 + 1e-6));
            CHECK(fast.report.upper_double >= sdp.dual * (1 - 1e-6));
            CHECK(lower_below_upper(1, fast, 1, slow));
            CHECK(lower_below_upper(1, slow, 1, fast));
            CHECK(slow.report.dual_source != RegularizerDualSource::Newton);
            CHECK((slow.report.kernel_source == RegularizerKernelSource::SpectralFactor ||
                   slow.report.kernel_source == RegularizerKernelSource::SpectralFactorKkt));
            CHECK(slow.report.relative_gap <= 1e-8);
        }
    }
}

TEST_CASE("source names keep the words of the reports", "[bracket]") {
    CHECK(std::string(regularizer_dual_source_name(RegularizerDualSource::SdpaNewton)) ==
          "sdpa+newton");
    CHECK(std::string(regularizer_dual_source_name(RegularizerDualSource::ClosedFormKD)) ==
          "closed-form K=D");
    using K = RegularizerKernelSource;
    CHECK(regularizer_kernel_source_name(K::ClosedFormK1, 1, RegularizerGramSource::Sdpa) ==
          "closed-form K=1");
    CHECK(regularizer_kernel_source_name(K::ClosedFormK1, 2, RegularizerGramSource::Sdpa) == "svd");
    CHECK(regularizer_kernel_source_name(K::GramFewPolish, 3, RegularizerGramSource::Barrier) ==
          "barrier+few+polish");
    CHECK(regularizer_kernel_source_name(K::SpectralFactorKkt, 1, RegularizerGramSource::Sdpa) ==
          "spectral factor+kkt");
}
