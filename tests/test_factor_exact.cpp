// Tests of lemma/factor_exact: hand cases against closed forms, an exact re-verification of the
// evidence with FLINT written here (independent of the generator's own check), the trusted
// checker, a second numerical route (Arb roots of q multiplied out), determinism and refusals.
#include "lemma/factor_exact.h"

#include "certify/checker/checker.h"
#include "lemma/autocorrelation.h"
#include "lemma/factor_enclosure.h"
#include "lemma/factor_error.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "tests/lemma_strings.h"

#include <acb_poly.h>
#include <arb.h>
#include <arb_fmpz_poly.h>
#include <catch2/catch.hpp>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include <flint/fmpz_vec.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace convcert;
using namespace convcert::lemma;

namespace {

using Vectors = std::vector<std::vector<std::string>>;

std::string describe(const Vectors& vectors) {
    std::string s;
    for (const auto& v : vectors) {
        s += "(";
        for (std::size_t k = 0; k < v.size(); ++k)
            s += (k ? "," : "") + v[k];
        s += ")";
    }
    return s;
}

// Parses a canonical rational; false for a non-canonical spelling.
bool parse_canonical(fmpq_t x, const std::string& s) {
    if (fmpq_set_str(x, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(x))) return false;
    fmpq_canonicalise(x);
    return support::fmpq_get_string(x) == s;
}

// The whole lemma-exact meaning, re-derived here with FLINT: canonical strings, P_k without
// trailing zeros, m(l) m(h) < 0, every lag of c ⋆ c - target divisible by m. Returns "" or
// the first failure.
std::string exact_failure(const std::vector<std::string>& target, const LemmaExactEvidence& ev) {
    const std::size_t K = target.size();
    if (ev.c.size() != K || ev.c_decimal.size() != K) return "sizes";
    if (ev.minpoly.size() < 2) return "minpoly degree < 1";
    support::FmpzPoly m;
    for (std::size_t i = 0; i < ev.minpoly.size(); ++i) {
        fmpz_t z;
        fmpz_init(z);
        const bool ok = fmpz_set_str(z, ev.minpoly[i].c_str(), 10) == 0;
        char* back = fmpz_get_str(nullptr, 10, z);
        const bool canonical = ok && ev.minpoly[i] == back;
        flint_free(back);
        fmpz_poly_set_coeff_fmpz(m.p, static_cast<slong>(i), z);
        fmpz_clear(z);
        if (!canonical) return "minpoly[" + std::to_string(i) + "] not canonical";
    }
    if (fmpz_poly_degree(m.p) + 1 != static_cast<slong>(ev.minpoly.size()))
        return "minpoly leading coefficient is zero";
    support::Fmpq l, h, ml, mh;
    if (!parse_canonical(l.x, ev.interval_lo) || !parse_canonical(h.x, ev.interval_hi))
        return "interval not canonical";
    if (fmpq_cmp(l.x, h.x) >= 0) return "l >= h";
    fmpz_poly_evaluate_fmpq(ml.x, m.p, l.x);
    fmpz_poly_evaluate_fmpq(mh.x, m.p, h.x);
    if (fmpq_sgn(ml.x) * fmpq_sgn(mh.x) >= 0) return "no sign change of m on [l, h]";
    std::vector<support::FmpqPoly> P(K);
    support::Fmpq c;
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t i = 0; i < ev.c[k].size(); ++i) {
            if (!parse_canonical(c.x, ev.c[k][i])) return "c[" + std::to_string(k) + "] spelling";
            fmpq_poly_set_coeff_fmpq(P[k].p, static_cast<slong>(i), c.x);
        }
        if (fmpq_poly_length(P[k].p) != static_cast<slong>(ev.c[k].size()))
            return "c[" + std::to_string(k) + "] has trailing zeros";
    }
    support::FmpqPoly mq, acc, prod, rem;
    fmpq_poly_set_fmpz_poly(mq.p, m.p);
    for (std::size_t j = 0; j < K; ++j) {
        fmpq_poly_zero(acc.p);
        for (std::size_t k = 0; k + j < K; ++k) {
            fmpq_poly_mul(prod.p, P[k].p, P[k + j].p);
            fmpq_poly_add(acc.p, acc.p, prod.p);
        }
        if (!parse_canonical(c.x, target[j])) return "target spelling";
        fmpq_poly_sub_fmpq(acc.p, acc.p, c.x);
        fmpq_poly_rem(rem.p, acc.p, mq.p);
        if (!fmpq_poly_is_zero(rem.p)) return "lag " + std::to_string(j) + " not divisible by m";
    }
    return "";
}

// The checker's c_decimal enclosure (docs/certificates.md, with R rounded up to a power of two
// as the checker does) is already narrow at [l, h]: (h - l)/2 Σ i|p_i| R^(i-1) <= 10^-(N+2)
// max|d|, so no bisection is needed.
bool interval_is_tight(const LemmaExactEvidence& ev) {
    support::Fmpq l, h, R, w, lip, term, tol, dmax, d;
    parse_canonical(l.x, ev.interval_lo);
    parse_canonical(h.x, ev.interval_hi);
    fmpq_abs(R.x, l.x);
    fmpq_abs(w.x, h.x);
    if (fmpq_cmp(w.x, R.x) > 0) fmpq_set(R.x, w.x);
    slong e = 0;
    for (support::Fmpq p2;; ++e) { // R <= 2^e
        fmpq_one(p2.x);
        fmpq_mul_2exp(p2.x, p2.x, static_cast<ulong>(e));
        if (fmpq_cmp(R.x, p2.x) <= 0) break;
    }
    fmpq_one(R.x);
    fmpq_mul_2exp(R.x, R.x, static_cast<ulong>(e));
    fmpq_sub(w.x, h.x, l.x);
    fmpq_div_2exp(w.x, w.x, 1);
    fmpq_zero(dmax.x);
    for (const auto& s : ev.c_decimal) {
        support::Arb b;
        arb_set_str(b.x, s.c_str(), 512);
        arf_get_fmpq(d.x, arb_midref(b.x));
        fmpq_abs(d.x, d.x);
        if (fmpq_cmp(d.x, dmax.x) > 0) fmpq_set(dmax.x, d.x);
    }
    fmpz_t ten;
    fmpz_init_set_ui(ten, 10);
    fmpz_pow_ui(ten, ten, static_cast<ulong>(ev.digits + 2));
    fmpq_div_fmpz(tol.x, dmax.x, ten);
    fmpz_clear(ten);
    for (const auto& Pk : ev.c) {
        fmpq_zero(lip.x);
        for (std::size_t i = 1; i < Pk.size(); ++i) {
            parse_canonical(term.x, Pk[i]);
            fmpq_abs(term.x, term.x);
            fmpq_mul_si(term.x, term.x, static_cast<slong>(i));
            for (std::size_t t = 1; t < i; ++t)
                fmpq_mul(term.x, term.x, R.x);
            fmpq_add(lip.x, lip.x, term.x);
        }
        fmpq_mul(lip.x, lip.x, w.x);
        if (fmpq_cmp(lip.x, tol.x) > 0) return false;
    }
    return true;
}

// |d_k - expected_k| <= 10^-digits max|expected| for every k.
bool decimals_match(const LemmaExactEvidence& ev, const std::vector<arb_struct*>& expected) {
    support::Arb d, diff, scale, tol, v;
    arb_zero(scale.x);
    for (auto* e : expected) {
        arb_abs(v.x, e);
        arb_max(scale.x, scale.x, v.x, 512);
    }
    arb_set_ui(tol.x, 10);
    arb_pow_ui(tol.x, tol.x, static_cast<ulong>(ev.digits), 512);
    arb_div(tol.x, scale.x, tol.x, 512);
    for (std::size_t k = 0; k < expected.size(); ++k) {
        arb_set_str(d.x, ev.c_decimal[k].c_str(), 4 * ev.digits + 64);
        arb_sub(diff.x, d.x, expected[k], 4 * ev.digits + 64);
        arb_abs(diff.x, diff.x);
        if (!arb_le(diff.x, tol.x)) return false;
    }
    return true;
}

// Factors, then checks everything this file can check; returns the evidence.
LemmaExactEvidence factor_and_check(const Vectors& vectors, long digits = 30) {
    INFO("input " << describe(vectors) << ", digits " << digits);
    const std::vector<std::string> target = lemma_target_strings(vectors);
    LemmaExactEvidence ev = lemma_factor_exact(lemma_rats(target), digits);
    REQUIRE(ev.digits == digits);
    REQUIRE(exact_failure(target, ev) == "");
    CHECK(interval_is_tight(ev));
    LemmaClaim claim;
    claim.K = static_cast<long>(target.size());
    claim.vectors = vectors;
    claim.target = target;
    const checker::Verdict verdict = checker::check_lemma_exact(claim, ev);
    INFO("checker: " << verdict.reason);
    CHECK(verdict.valid);
    return ev;
}

// The expected c as Arb balls from exact rationals and square roots written by hand.
struct Expected {
    std::vector<support::Arb> balls;
    explicit Expected(std::size_t K) : balls(K) {}
    std::vector<arb_struct*> ptrs() {
        std::vector<arb_struct*> out;
        for (auto& b : balls)
            out.push_back(b.x);
        return out;
    }
};

// c_k = r_k sqrt(s) with rationals r_k.
void expect_sqrt_multiple(Expected& e, const std::vector<std::string>& r, unsigned long s) {
    support::Arb root;
    arb_sqrt_ui(root.x, s, 1024);
    support::Fmpq q;
    for (std::size_t k = 0; k < r.size(); ++k) {
        parse_canonical(q.x, r[k]);
        arb_set_fmpq(e.balls[k].x, q.x, 1024);
        arb_mul(e.balls[k].x, e.balls[k].x, root.x, 1024);
    }
}

} // namespace

TEST_CASE("exact: the zero target", "[factor_exact]") {
    const auto ev = factor_and_check({{"0", "0", "0"}});
    CHECK(ev.minpoly == std::vector<std::string>{"0", "1"});
    CHECK(ev.interval_lo == "-1");
    CHECK(ev.interval_hi == "1");
    CHECK(ev.c == std::vector<std::vector<std::string>>(3));
    CHECK(ev.c_decimal == std::vector<std::string>(3, "0"));
}

TEST_CASE("exact: rational answers have a linear minpoly and constant P_k", "[factor_exact]") {
    struct Case {
        Vectors input;
        std::vector<std::vector<std::string>> c;
    };
    const std::vector<Case> cases = {
        {{{"3"}, {"4"}}, {{"5"}}},                  // Pythagorean, K = 1
        {{{"3", "0"}, {"4", "0"}}, {{"5"}, {}}},    // trailing zero lag
        {{{"1", "1"}}, {{"1"}, {"1"}}},             // q = (x + 1)^2, root on the circle
        {{{"1", "0", "1"}}, {{"1"}, {}, {"1"}}},    // roots ±i, each twice in q
        {{{"1", "1", "1"}}, {{"1"}, {"1"}, {"1"}}}, // cube roots of unity
        {{{"1", "2", "1"}}, {{"1"}, {"2"}, {"1"}}}, // -1 four times in q
        {{{"1", "3", "2"}}, {{"1"}, {"3"}, {"2"}}}, // -1 on the circle, -1/2 inside
        {{{"4", "4", "1"}}, {{"1"}, {"4"}, {"4"}}}, // (x+2)^2 flips to 4(x+1/2)^2
        {{{"0", "1", "2"}}, {{"1"}, {"2"}, {}}},    // leading zero: smaller target
        {{{"0", "0", "3"}}, {{"3"}, {}, {}}},       // c = (3, 0, 0)
        {{{"1", "1"}, {"1", "-1"}}, {{"2"}, {}}},   // target (4, 0)
        {{{"1/2", "1/3"}}, {{"1/3"}, {"1/2"}}},     // rational input, flipped
        {{{"1", "-1", "1", "-1", "1"}}, {{"1"}, {"-1"}, {"1"}, {"-1"}, {"1"}}}, // 10th roots
        {{{"1", "0", "0", "1"}, {"1", "0", "0", "-1"}}, {{"2"}, {}, {}, {}}},   // (4, 0, 0, 0)
        {{{"1", "1", "1", "1"}}, {{"1"}, {"1"}, {"1"}, {"1"}}},                 // (x + 1)(x^2 + 1)
    };
    for (const auto& cs : cases) {
        INFO("input " << describe(cs.input));
        const auto ev = factor_and_check(cs.input);
        CHECK(ev.minpoly.size() == 2);
        CHECK(ev.c == cs.c);
    }
}

TEST_CASE("exact: K = 1 gives sqrt(a^2 + b^2)", "[factor_exact]") {
    for (const auto& [a, b] : std::vector<std::pair<int, int>>{{1, 1}, {2, 3}, {-5, 7}, {1, 0}}) {
        const unsigned long s = static_cast<unsigned long>(a * a + b * b);
        const auto ev = factor_and_check({{std::to_string(a)}, {std::to_string(b)}});
        Expected e(1);
        expect_sqrt_multiple(e, {"1"}, s);
        INFO("a = " << a << ", b = " << b);
        CHECK(decimals_match(ev, e.ptrs()));
        const long r = std::lround(std::sqrt(static_cast<double>(s)));
        if (static_cast<unsigned long>(r * r) == s) {
            CHECK(ev.minpoly == std::vector<std::string>{std::to_string(-r), "1"});
        } else {
            CHECK(ev.minpoly == std::vector<std::string>{"-" + std::to_string(s), "0", "1"});
            CHECK(ev.c == std::vector<std::vector<std::string>>{{"0", "1"}});
        }
    }
}

TEST_CASE("exact: a = b gives sqrt(2) times the flipped-inside factor of a", "[factor_exact]") {
    Expected e(2);
    expect_sqrt_multiple(e, {"1", "2"}, 2);
    // p_a = 1 + 2x has its root -1/2 inside: c = sqrt2 (1, 2).
    CHECK(decimals_match(factor_and_check({{"1", "2"}, {"1", "2"}}), e.ptrs()));
    // p_a = 2 + x has its root -2 outside: the factor is the reflected sqrt2 (1, 2).
    CHECK(decimals_match(factor_and_check({{"2", "1"}, {"2", "1"}}), e.ptrs()));
    // (1, 2, 3) and (3, 2, 1) have the same autocorrelation... of the reflected vector: the
    // sum is twice one of them: sqrt2 times the one with roots inside (3, 2, 1 reflected).
    Expected e3(3);
    expect_sqrt_multiple(e3, {"1", "2", "3"}, 2);
    CHECK(decimals_match(factor_and_check({{"1", "2", "3"}, {"3", "2", "1"}}), e3.ptrs()));
    // With a trailing zero: a = b = (1, 1, 0) gives sqrt2 (1, 1, 0).
    Expected e4(3);
    expect_sqrt_multiple(e4, {"1", "1", "0"}, 2);
    const auto ev = factor_and_check({{"1", "1", "0"}, {"1", "1", "0"}});
    CHECK(decimals_match(ev, e4.ptrs()));
    CHECK(ev.c[2].empty());
    CHECK(ev.c_decimal[2] == "0");
}

TEST_CASE("exact: K = 2 closed form c1 ± c0 = sqrt(t0 ± 2 t1)", "[factor_exact]") {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int> U(-9, 9);
    for (int iter = 0; iter < 20; ++iter) {
        Vectors v(2, std::vector<std::string>(2));
        for (auto& x : v)
            for (auto& y : x)
                y = std::to_string(U(rng));
        const auto t = lemma_target_strings(v);
        if (lemma_effective_length(lemma_rats(t)) < 2) continue;
        const auto ev = factor_and_check(v);
        // c1 > |c0| (root -c0/c1 in the closed disk, c1 > 0); c0 c1 = t1, c0^2 + c1^2 = t0.
        support::Arb t0, t1, s, dlt;
        Expected e(2);
        arb_set_str(t0.x, t[0].c_str(), 1024);
        arb_set_str(t1.x, t[1].c_str(), 1024);
        arb_mul_2exp_si(dlt.x, t1.x, 1);
        arb_add(s.x, t0.x, dlt.x, 1024);
        arb_sqrt(s.x, s.x, 1024);
        arb_sub(dlt.x, t0.x, dlt.x, 1024);
        arb_sqrt(dlt.x, dlt.x, 1024);
        arb_sub(e.balls[0].x, s.x, dlt.x, 1024);
        arb_add(e.balls[1].x, s.x, dlt.x, 1024);
        arb_mul_2exp_si(e.balls[0].x, e.balls[0].x, -1);
        arb_mul_2exp_si(e.balls[1].x, e.balls[1].x, -1);
        INFO("input " << describe(v));
        CHECK(decimals_match(ev, e.ptrs()));
    }
}

TEST_CASE("exact: agrees with Arb's roots of q multiplied out (K = 2, 3)", "[factor_exact]") {
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> U(-9, 9);
    int compared = 0;
    for (int iter = 0; iter < 30; ++iter) {
        const int K = 2 + iter % 2;
        Vectors v(1 + iter % 3, std::vector<std::string>(K));
        for (auto& x : v)
            for (auto& y : x)
                y = std::to_string(U(rng));
        const auto t = lemma_target_strings(v);
        if (lemma_effective_length(lemma_rats(t)) != K) continue;
        // q from the integer target; skip non-squarefree q (Arb's isolation needs it).
        fmpz* T = _fmpz_vec_init(K);
        fmpz_t L;
        fmpz_init(L);
        lemma_integer_target(T, L, lemma_rats(t));
        support::FmpzPoly q, g, dq;
        lemma_palindromic_poly(q.p, T, K);
        fmpz_poly_derivative(dq.p, q.p);
        fmpz_poly_gcd(g.p, q.p, dq.p);
        const bool squarefree = fmpz_poly_degree(g.p) == 0;
        if (squarefree) {
            const slong deg = 2 * (K - 1);
            acb_ptr roots = _acb_vec_init(deg);
            acb_ptr inside = _acb_vec_init(deg);
            arb_fmpz_poly_complex_roots(roots, q.p, 0, 256);
            slong ni = 0;
            support::Arb a;
            for (slong i = 0; i < deg; ++i) {
                acb_abs(a.x, roots + i, 256);
                arb_sub_ui(a.x, a.x, 1, 256);
                if (arb_is_negative(a.x)) acb_set(inside + ni++, roots + i);
            }
            acb_poly_t f;
            acb_poly_init(f);
            acb_poly_product_roots(f, inside, ni, 256);
            // c = γ f with γ^2 = T[n] / f(0), γ > 0, divided by L.
            acb_t gamma;
            acb_init(gamma);
            acb_set_fmpz(gamma, T + K - 1);
            acb_div(gamma, gamma, acb_poly_get_coeff_ptr(f, 0), 256);
            acb_sqrt(gamma, gamma, 256);
            acb_div_fmpz(gamma, gamma, L, 256);
            Expected e(K);
            for (int k = 0; k < K; ++k) {
                acb_t ck;
                acb_init(ck);
                acb_mul(ck, gamma, acb_poly_get_coeff_ptr(f, k), 256);
                arb_set(e.balls[k].x, acb_realref(ck));
                acb_clear(ck);
            }
            const auto ev = factor_and_check(v);
            INFO("input " << describe(v) << ", roots inside: " << ni);
            CHECK(ni == K - 1);
            CHECK(decimals_match(ev, e.ptrs()));
            ++compared;
            acb_clear(gamma);
            acb_poly_clear(f);
            _acb_vec_clear(roots, deg);
            _acb_vec_clear(inside, deg);
        }
        fmpz_clear(L);
        _fmpz_vec_clear(T, K);
    }
    CHECK(compared >= 20);
}

TEST_CASE("exact: agrees with the enclosure generator on generic inputs", "[factor_exact]") {
    std::mt19937_64 rng(13);
    std::uniform_int_distribution<int> U(-9, 9);
    int compared = 0;
    for (int iter = 0; iter < 8; ++iter) {
        const int K = 2 + iter % 4;
        Vectors v(2, std::vector<std::string>(K));
        for (auto& x : v)
            for (auto& y : x)
                y = std::to_string(U(rng));
        const auto t = lemma_target_strings(v);
        LemmaEnclosureEvidence enc;
        try {
            enc = lemma_factor_enclosure(lemma_rats(t), 30);
        } catch (const FactorError&) {
            continue; // near-circle roots: the enclosure route may refuse, the exact one not
        }
        const auto ev = factor_and_check(v);
        Expected e(K);
        for (int k = 0; k < K; ++k)
            arb_set_str(e.balls[k].x, enc.c_decimal[k].c_str(), 1024);
        INFO("input " << describe(v));
        // Both claim 30 digits relative to max|c|; compare at 28.
        LemmaExactEvidence loose = ev;
        loose.digits = 28;
        CHECK(decimals_match(loose, e.ptrs()));
        ++compared;
    }
    CHECK(compared >= 4);
}

TEST_CASE("exact: random integer vectors, K = 1..5, m = 1..3, checked exactly", "[factor_exact]") {
    std::mt19937_64 rng(20240601);
    for (int iter = 0; iter < 300; ++iter) {
        const int K = 1 + iter % 5, m = 1 + (iter / 5) % 3;
        const int range = iter % 2 ? 9 : 2; // small entries hit circle and repeated roots
        std::uniform_int_distribution<int> U(-range, range);
        Vectors v(m, std::vector<std::string>(K));
        for (auto& x : v)
            for (auto& y : x)
                y = std::to_string(U(rng));
        const auto ev = factor_and_check(v);
        INFO("input " << describe(v));
        // the factor convention: c_{Keff-1} > 0
        const long len = lemma_effective_length(lemma_rats(lemma_target_strings(v)));
        if (len > 0) CHECK(ev.c_decimal[len - 1][0] != '-');
        for (long k = len; k < K; ++k)
            CHECK(ev.c[k].empty());
        CHECK(ev.minpoly.size() - 1 <= (std::size_t(1) << K));
    }
}

TEST_CASE("exact: the minimal polynomial is monic and irreducible", "[factor_exact]") {
    for (const Vectors& v : {Vectors{{"-2", "9", "4", "8"}, {"-9", "-7", "-4", "9"}},
                             Vectors{{"1", "0", "1"}, {"0", "1", "0"}}, Vectors{{"1"}, {"1"}}}) {
        const auto ev = factor_and_check(v);
        INFO("input " << describe(v));
        support::FmpzPoly m;
        fmpz_t z;
        fmpz_init(z);
        for (std::size_t i = 0; i < ev.minpoly.size(); ++i) {
            fmpz_set_str(z, ev.minpoly[i].c_str(), 10);
            fmpz_poly_set_coeff_fmpz(m.p, static_cast<slong>(i), z);
        }
        fmpz_clear(z);
        CHECK(fmpz_is_one(fmpz_poly_lead(m.p)));
        fmpz_poly_factor_t fac;
        fmpz_poly_factor_init(fac);
        fmpz_poly_factor(fac, m.p);
        CHECK(fac->num == 1);
        CHECK(fac->exp[0] == 1);
        fmpz_poly_factor_clear(fac);
    }
}

TEST_CASE("exact: K = 6 and K = 7 random vectors in [-9, 9]", "[factor_exact]") {
    std::mt19937_64 rng(99);
    std::uniform_int_distribution<int> U(-9, 9);
    for (int K : {6, 7}) {
        Vectors v(2, std::vector<std::string>(K));
        for (auto& x : v)
            for (auto& y : x)
                y = std::to_string(U(rng));
        const auto ev = factor_and_check(v);
        INFO("input " << describe(v));
        CHECK(ev.minpoly.size() - 1 <= (std::size_t(1) << K));
    }
}

TEST_CASE("exact: more digits", "[factor_exact]") {
    const auto ev = factor_and_check({{"1"}, {"1"}}, 200);
    Expected e(1);
    expect_sqrt_multiple(e, {"1"}, 2);
    CHECK(decimals_match(ev, e.ptrs()));
    CHECK(ev.c_decimal[0].size() >= 205);
    factor_and_check({{"1", "2", "3", "4"}, {"5", "-6", "7", "8"}}, 500);
}

TEST_CASE("exact: deterministic output", "[factor_exact]") {
    for (const Vectors& v : {Vectors{{"-2", "9", "4", "8", "-9"}, {"-7", "-4", "9", "-7", "-5"}},
                             Vectors{{"1", "0", "1", "0"}, {"0", "2", "0", "1"}}}) {
        const auto t = lemma_target_strings(v);
        const auto a = lemma_factor_exact(lemma_rats(t), 40),
                   b = lemma_factor_exact(lemma_rats(t), 40);
        INFO("input " << describe(v));
        CHECK(a.minpoly == b.minpoly);
        CHECK(a.interval_lo == b.interval_lo);
        CHECK(a.interval_hi == b.interval_hi);
        CHECK(a.c == b.c);
        CHECK(a.c_decimal == b.c_decimal);
    }
}

TEST_CASE("exact: this file's verifier rejects tampered evidence", "[factor_exact]") {
    const Vectors v{{"1", "2", "-3"}, {"4", "0", "5"}};
    const auto t = lemma_target_strings(v);
    const auto ev = lemma_factor_exact(lemma_rats(t), 30);
    REQUIRE(exact_failure(t, ev) == "");
    REQUIRE(ev.minpoly.size() > 2);
    auto bad = ev;
    bad.minpoly[0] = bad.minpoly[0] == "1" ? "2" : "1";
    CHECK(exact_failure(t, bad) != "");
    bad = ev;
    bad.c[1].back() = bad.c[1].back() == "1" ? "2" : "1";
    CHECK(exact_failure(t, bad) != "");
    bad = ev;
    bad.c[2].push_back("0");
    CHECK(exact_failure(t, bad) != "");
    bad = ev;
    std::swap(bad.interval_lo, bad.interval_hi);
    CHECK(exact_failure(t, bad) != "");
    auto wrong = t;
    wrong[0] = "1000";
    CHECK(exact_failure(wrong, ev) != "");
    bad = ev;
    bad.interval_lo = "-1000000";
    CHECK_FALSE(interval_is_tight(bad));
}

TEST_CASE("exact: refusals", "[factor_exact]") {
    // Not autocorrelations: q has a simple unit-circle root, or no positive factor.
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({"1", "5"}), 30), FactorError);
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({"-1"}), 30), FactorError);
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({"-2", "0", "1"}), 30), FactorError);
    // Too many conjugates: a generic K = 4 target has 16 solutions.
    const auto t = lemma_target_strings({{"-2", "9", "4", "8"}, {"-9", "-7", "-4", "9"}});
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats(t), 30, 8), FactorError);
    CHECK_NOTHROW(lemma_factor_exact(lemma_rats(t), 30, 16));
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({"1"}), 29), std::invalid_argument);
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({}), 30), std::invalid_argument);
    CHECK_THROWS_AS(lemma_factor_exact(lemma_rats({"x"}), 30), std::invalid_argument);
}

// Not run by default (hidden tag): `test_lemma "[.factor_exact_bench]"` prints time, degree
// and evidence size for two random vectors in [-9, 9]^K, K = 2..8.
TEST_CASE("exact: benchmark K = 2..8", "[.factor_exact_bench]") {
    std::mt19937_64 rng(2024);
    std::uniform_int_distribution<int> U(-9, 9);
    for (int K = 2; K <= 8; ++K)
        for (int rep = 0; rep < 3; ++rep) {
            Vectors v(2, std::vector<std::string>(K));
            for (auto& x : v)
                for (auto& y : x)
                    y = std::to_string(U(rng));
            const auto t = lemma_target_strings(v);
            const auto t0 = std::chrono::steady_clock::now();
            const auto ev = lemma_factor_exact(lemma_rats(t), 30);
            const double sec =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::size_t chars = ev.interval_lo.size() + ev.interval_hi.size();
            for (const auto& s : ev.minpoly)
                chars += s.size();
            for (const auto& p : ev.c)
                for (const auto& s : p)
                    chars += s.size();
            std::printf("K=%d degree=%zu time=%.3fs evidence-chars=%zu\n", K, ev.minpoly.size() - 1,
                        sec, chars);
        }
}
