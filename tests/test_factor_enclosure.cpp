// Tests of lemma/factor_enclosure: every box is verified by the independent checker
// (convcert::checker::check_lemma_enclosure); centers are compared with exact answers and with a
// second route (Arb roots of q for small K); the factor convention (roots of p_c inside the unit
// disk, positive leading coefficient) is checked with Arb roots of p_center; failures throw
// FactorError with the documented messages.
#include "certify/checker/checker.h"
#include "lemma/autocorrelation.h"
#include "lemma/factor_enclosure.h"
#include "lemma/factor_error.h"
#include "lemma/spectral_newton.h"
#include "support/flint_raii.h"
#include "tests/lemma_strings.h"

#include <acb_poly.h>
#include <arb_fmpz_poly.h>
#include <catch2/catch.hpp>
#include <flint/fmpq.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_vec.h>

#include <cstdint>
#include <optional>
#include <random>
#include <sstream>

using namespace convcert;
using namespace convcert::lemma;

namespace {

std::string describe(const std::vector<std::vector<std::string>>& vectors) {
    std::ostringstream out;
    for (const auto& v : vectors) {
        out << "(";
        for (std::size_t k = 0; k < v.size(); ++k)
            out << (k ? "," : "") << v[k];
        out << ") ";
    }
    return out.str();
}

LemmaClaim make_claim(const std::vector<std::vector<std::string>>& vectors) {
    LemmaClaim claim;
    claim.K = static_cast<long>(vectors.at(0).size());
    claim.vectors = vectors;
    claim.target = lemma_target_strings(vectors);
    return claim;
}

// m random integer vectors in [-9, 9]^K (platform-independent: no std distributions).
std::vector<std::vector<std::string>> random_vectors(std::mt19937_64& rng, long K, long m) {
    std::vector<std::vector<std::string>> vectors(m, std::vector<std::string>(K));
    for (auto& v : vectors)
        for (auto& x : v)
            x = std::to_string(static_cast<long>(rng() % 19) - 9);
    return vectors;
}

// An fmpq, optionally parsed (and canonicalized) from a string that must be a rational.
struct Rational : support::Fmpq {
    Rational() = default;
    explicit Rational(const std::string& s) {
        REQUIRE(fmpq_set_str(x, s.c_str(), 10) == 0);
        fmpq_canonicalise(x);
    }
};

// cmp(a, 1) for certain, cmp = arb_lt or arb_gt (Arb 2.23 has no arb_lt_si).
bool arb_compare_one(const arb_t a, int (*cmp)(const arb_t, const arb_t)) {
    support::Arb one;
    arb_one(one.x);
    return cmp(a, one.x) != 0;
}

// a < 1 and a > 1 for certain.
bool arb_lt_one(const arb_t a) {
    return arb_compare_one(a, arb_lt);
}

bool arb_gt_one(const arb_t a) {
    return arb_compare_one(a, arb_gt);
}

std::string arb_string(const arb_t x, slong digits) {
    char* s = arb_get_str(x, digits, 0);
    std::string out(s);
    flint_free(s);
    return out;
}

// |center_k - exact_k| <= r for every k (exact rationals).
bool box_contains(const LemmaEnclosureEvidence& ev, const std::vector<std::string>& exact) {
    Rational r(ev.radius), d;
    for (std::size_t k = 0; k < exact.size(); ++k) {
        Rational x(ev.center.at(k)), c(exact[k]);
        fmpq_sub(d.x, x.x, c.x);
        fmpq_abs(d.x, d.x);
        if (fmpq_cmp(d.x, r.x) > 0) return false;
    }
    return true;
}

// The MATH.md factor of the vectors' target by a second route: the roots of q inside the unit
// disk (Arb), c = λ prod (x - z) with λ > 0 fixed by c ⋆ c = t at lag 0. Balls at about
// 200 bits; returns false when q is not squarefree (then the route does not apply).
bool factor_by_roots(const std::vector<std::string>& target, std::vector<arb_struct>& c,
                     slong prec) {
    const long K = static_cast<long>(target.size());
    const long n = lemma_effective_length(lemma_rats(target));
    fmpz* T = _fmpz_vec_init(K);
    fmpz_t L;
    fmpz_init(L);
    lemma_integer_target(T, L, lemma_rats(target));
    support::FmpzPoly q;
    lemma_palindromic_poly(q.p, T, n);
    bool ok = fmpz_poly_is_squarefree(q.p);
    if (ok && n > 1) {
        const slong deg = 2 * (n - 1);
        support::AcbVec roots(deg), inside(n - 1);
        arb_fmpz_poly_complex_roots(roots.v, q.p, 0, prec);
        slong count = 0;
        for (slong i = 0; i < deg; ++i) {
            arb_t a;
            arb_init(a);
            acb_abs(a, roots.v + i, prec);
            if (arb_lt_one(a)) {
                REQUIRE(count < n - 1);
                acb_set(inside.v + count++, roots.v + i);
            } else {
                REQUIRE(arb_gt_one(a)); // squarefree: no root on the circle
            }
            arb_clear(a);
        }
        REQUIRE(count == n - 1);
        acb_poly_t m;
        acb_poly_init(m);
        acb_poly_product_roots(m, inside.v, n - 1, prec);
        arb_t norm2, lambda, t0;
        arb_init(norm2);
        arb_init(lambda);
        arb_init(t0);
        for (long k = 0; k < n; ++k) {
            arb_set(&c[k], acb_realref(acb_poly_get_coeff_ptr(m, k)));
            arb_addmul(norm2, &c[k], &c[k], prec);
        }
        arb_set_fmpz(t0, T + 0);
        arb_div_fmpz(t0, t0, L, prec);
        arb_div_fmpz(t0, t0, L, prec);
        arb_div(lambda, t0, norm2, prec);
        arb_sqrt(lambda, lambda, prec);
        for (long k = 0; k < n; ++k)
            arb_mul(&c[k], &c[k], lambda, prec);
        arb_clear(norm2);
        arb_clear(lambda);
        arb_clear(t0);
        acb_poly_clear(m);
    } else if (ok) { // n == 1: c_0 = sqrt(t_0)
        arb_set_fmpz(&c[0], T + 0);
        arb_div_fmpz(&c[0], &c[0], L, prec);
        arb_div_fmpz(&c[0], &c[0], L, prec);
        arb_sqrt(&c[0], &c[0], prec);
    }
    for (long k = n; k < K; ++k)
        arb_zero(&c[k]);
    _fmpz_vec_clear(T, K);
    fmpz_clear(L);
    return ok;
}

// Roots of p_center (trailing zeros trimmed) all strictly inside the unit disk, and the
// leading coefficient positive. Precondition: p_center squarefree (checked).
void require_roots_inside(const LemmaEnclosureEvidence& ev) {
    const long K = static_cast<long>(ev.center.size());
    fmpz_t den;
    fmpz_init(den);
    fmpz_one(den);
    for (const auto& s : ev.center) {
        Rational x(s);
        fmpz_lcm(den, den, fmpq_denref(x.x));
    }
    support::FmpzPoly p;
    for (long k = 0; k < K; ++k) {
        Rational x(ev.center[k]);
        fmpz_t v;
        fmpz_init(v);
        fmpz_divexact(v, den, fmpq_denref(x.x));
        fmpz_mul(v, v, fmpq_numref(x.x));
        fmpz_poly_set_coeff_fmpz(p.p, k, v);
        fmpz_clear(v);
    }
    fmpz_clear(den);
    const slong deg = fmpz_poly_degree(p.p);
    REQUIRE(deg >= 0);
    REQUIRE(fmpz_sgn(fmpz_poly_lead(p.p)) > 0);
    if (deg == 0) return;
    REQUIRE(fmpz_poly_is_squarefree(p.p));
    support::AcbVec roots(deg);
    arb_fmpz_poly_complex_roots(roots.v, p.p, 0, 64);
    arb_t a;
    arb_init(a);
    for (slong i = 0; i < deg; ++i) {
        acb_abs(a, roots.v + i, 64);
        INFO("root " << i << " of p_center: |z| = " << arb_string(a, 10));
        CHECK(arb_lt_one(a));
    }
    arb_clear(a);
}

// Whether q (the palindromic polynomial of target) has a root z with ||z| - 1| < 1e-4, decided
// independently of the generator: Arb roots of the squarefree part of q.
bool q_near_unit_circle(const std::vector<std::string>& target) {
    const long K = static_cast<long>(target.size());
    const long n = lemma_effective_length(lemma_rats(target));
    if (n <= 1) return false;
    fmpz* T = _fmpz_vec_init(K);
    fmpz_t L;
    fmpz_init(L);
    lemma_integer_target(T, L, lemma_rats(target));
    support::FmpzPoly q, dq, g, sq;
    lemma_palindromic_poly(q.p, T, n);
    fmpz_poly_derivative(dq.p, q.p);
    fmpz_poly_gcd(g.p, q.p, dq.p);
    fmpz_poly_div(sq.p, q.p, g.p);
    const slong deg = fmpz_poly_degree(sq.p);
    bool near = false;
    support::AcbVec roots(deg);
    arb_fmpz_poly_complex_roots(roots.v, sq.p, 0, 128);
    arb_t a, tol;
    arb_init(a);
    arb_init(tol);
    arb_set_d(tol, 1e-4);
    for (slong i = 0; i < deg; ++i) {
        acb_abs(a, roots.v + i, 128);
        arb_sub_ui(a, a, 1, 128);
        arb_abs(a, a);
        if (!arb_gt(a, tol)) near = true;
    }
    arb_clear(a);
    arb_clear(tol);
    _fmpz_vec_clear(T, K);
    fmpz_clear(L);
    return near;
}

// Generates the box for the vectors' target and has the checker verify it. A refusal
// (FactorError) is accepted only when q has a root near the unit circle; then nullopt.
std::optional<LemmaEnclosureEvidence>
generate_and_check(const std::vector<std::vector<std::string>>& vectors, long digits = 30) {
    INFO("vectors: " << describe(vectors) << " digits " << digits);
    const LemmaClaim claim = make_claim(vectors);
    LemmaEnclosureEvidence ev;
    try {
        ev = lemma_factor_enclosure(lemma_rats(claim.target), digits);
    } catch (const FactorError& e) {
        INFO("FactorError: " << e.what());
        CHECK(q_near_unit_circle(claim.target));
        CHECK(std::string(e.what()).find("unit circle") != std::string::npos);
        return std::nullopt;
    }
    const checker::Verdict verdict = checker::check_lemma_enclosure(claim, ev);
    INFO("checker: " << verdict.reason);
    CHECK(verdict.valid);
    return ev;
}

// generate_and_check for inputs whose q has no root near the circle: the box must exist.
LemmaEnclosureEvidence
generate_and_check_certain(const std::vector<std::vector<std::string>>& vectors, long digits = 30) {
    auto ev = generate_and_check(vectors, digits);
    REQUIRE(ev.has_value());
    return *ev;
}

} // namespace

TEST_CASE("enclosure: hand cases with exact answers", "[factor_enclosure]") {
    SECTION("K = 1: t = (25) gives c = (5)") {
        const auto ev = generate_and_check_certain({{"3"}, {"4"}});
        CHECK(box_contains(ev, {"5"}));
        CHECK(ev.center == std::vector<std::string>{"5"}); // the refinement lands on 5 exactly
        CHECK(ev.c_decimal.at(0).rfind("5.0000", 0) == 0);
    }
    SECTION("K = 2: t = (5, 2) gives c = (1, 2); a = (2, 1) is the other factor") {
        const auto ev = generate_and_check_certain({{"2", "1"}});
        CHECK(box_contains(ev, {"1", "2"}));
        CHECK(ev.center == std::vector<std::string>{"1", "2"});
    }
    SECTION("K = 3, rational c = (1/3, -1/2, 2) (complex roots, |z|^2 = 1/6)") {
        const auto ev = generate_and_check_certain({{"1/3", "-1/2", "2"}});
        CHECK(box_contains(ev, {"1/3", "-1/2", "2"}));
    }
    SECTION("a sum: (1, 2) and (3, 0) give t = (14, 2); c exact via the quadratic") {
        // c0 c1 = 2, c0^2 + c1^2 = 14, |c0| < |c1|: c1^2 = 7 + sqrt(45), irrational.
        const auto ev = generate_and_check_certain({{"1", "2"}, {"3", "0"}});
        std::vector<arb_struct> c(2);
        for (auto& x : c)
            arb_init(&x);
        REQUIRE(factor_by_roots(lemma_target_strings({{"1", "2"}, {"3", "0"}}), c, 256));
        arb_t c1;
        arb_init(c1);
        arb_sqrt_ui(c1, 45, 256);
        arb_add_ui(c1, c1, 7, 256);
        arb_sqrt(c1, c1, 256);
        CHECK(arb_overlaps(c1, &c[1]));
        arb_clear(c1);
        for (auto& x : c)
            arb_clear(&x);
    }
    SECTION("near the unit circle: c = (2^20 - 1, 2^20), root -1 + 2^-20 inside") {
        const auto ev = generate_and_check_certain({{"1048576", "1048575"}});
        CHECK(box_contains(ev, {"1048575", "1048576"}));
    }
}

TEST_CASE("enclosure: trailing zero lags give exact zeros", "[factor_enclosure]") {
    const auto ev = generate_and_check_certain({{"2", "1", "0", "0"}});
    CHECK(box_contains(ev, {"1", "2", "0", "0"}));
    CHECK(ev.center[2] == "0");
    CHECK(ev.center[3] == "0");
    CHECK(ev.c_decimal[3] == "0");
    const auto ev2 = generate_and_check_certain(
        {{"0", "0", "3", "-1", "5", "0"}, {"0", "1", "2", "0", "0", "0"}});
    CHECK(ev2.center[5] == "0");
    // Many trailing zeros: the full K x K Jacobian's inverse would grow like 2^(K-n) here
    // (c = (1, 2), root -1/2), but the checker tests the leading n x n system when the
    // center's tail is exactly 0, so every K certifies.
    for (long K : {12L, 30L, 80L, 700L}) {
        std::vector<std::vector<std::string>> vectors{std::vector<std::string>(K, "0")};
        vectors[0][0] = "2";
        vectors[0][1] = "1";
        INFO("K = " << K);
        const LemmaClaim claim = make_claim(vectors);
        const auto ev = lemma_factor_enclosure(lemma_rats(claim.target), 30);
        const checker::Verdict verdict = checker::check_lemma_enclosure(claim, ev);
        INFO("checker: " << verdict.reason);
        CHECK(verdict.valid);
        CHECK(ev.center[K - 1] == "0");
    }
}

TEST_CASE("enclosure: trailing zeros with a tiny c_0 keep r < |c_0|", "[factor_enclosure]") {
    // c = (1e-40, 1, 0): the digits alone would allow r ~ 1e-31 > |c_0|, and then the box would
    // also hold the second solution (0, 1, 1e-40); the checker requires |center_0| > r.
    const std::string e40 = "1/1" + std::string(40, '0');
    const auto ev = generate_and_check_certain({{e40, "1", "0"}});
    CHECK(box_contains(ev, {e40, "1", "0"}));
    Rational r(ev.radius), c0(e40);
    fmpq_mul_2exp(r.x, r.x, 2);
    CHECK(fmpq_cmp(r.x, c0.x) <= 0);
}

TEST_CASE("enclosure: random integer vectors, K = 1..64, m = 1..4, checked", "[factor_enclosure]") {
    std::mt19937_64 rng(20240611);
    long refused = 0;
    for (long K = 1; K <= 64; ++K)
        for (long m = 1; m <= 4; ++m) {
            INFO("K = " << K << " m = " << m);
            if (!generate_and_check(random_vectors(rng, K, m))) ++refused;
        }
    WARN("refused (q with a root near the unit circle): " << refused << " of 256");
    CHECK(refused < 26);
}

TEST_CASE("enclosure: higher digits and rational inputs", "[factor_enclosure]") {
    std::mt19937_64 rng(77);
    for (long digits : {30L, 100L, 1000L}) {
        auto vectors = random_vectors(rng, 8, 2);
        vectors[1][3] = "7/3";
        vectors[0][0] = "-1/1000000007";
        const auto ev = generate_and_check_certain(vectors, digits);
        CHECK(ev.digits == digits);
        CHECK(ev.c_decimal.size() == 8);
    }
    // The two-level refinement with a poorly conditioned J (cond about 2^21).
    const auto near = generate_and_check_certain({{"1048576", "1048575"}}, 2000);
    CHECK(box_contains(near, {"1048575", "1048576"}));
    // Scales far outside double range of the target itself do not matter.
    std::vector<std::vector<std::string>> tiny{
        {"1/" + std::string(400, '9'), "3/" + std::string(400, '7')}};
    generate_and_check_certain(tiny);
    std::vector<std::vector<std::string>> huge{
        {std::string(500, '8'), "-" + std::string(499, '5')}};
    generate_and_check_certain(huge);
    // A lag that underflows in double: c_0 c_1 = 10^-400.
    const auto ev = generate_and_check_certain({{"1", "1/1" + std::string(400, '0')}});
    CHECK(box_contains(ev, {"1/1" + std::string(400, '0'), "1"}));
}

TEST_CASE("enclosure: agrees with the factor from the roots of q (second route)",
          "[factor_enclosure]") {
    std::mt19937_64 rng(31337);
    const slong prec = 256;
    for (int iter = 0; iter < 40; ++iter) {
        const long K = 1 + iter % 6, m = 1 + iter % 3;
        const auto vectors = random_vectors(rng, K, m);
        INFO("vectors: " << describe(vectors));
        const auto target = lemma_target_strings(vectors);
        if (lemma_effective_length(lemma_rats(target)) == 0) continue;
        const auto box_ev = generate_and_check(vectors);
        if (!box_ev) continue;
        const LemmaEnclosureEvidence& ev = *box_ev;
        std::vector<arb_struct> c(static_cast<std::size_t>(K));
        for (auto& x : c)
            arb_init(&x);
        if (factor_by_roots(target, c, prec)) {
            Rational r(ev.radius);
            arb_t box, rad;
            arb_init(box);
            arb_init(rad);
            arb_set_fmpq(rad, r.x, prec);
            for (long k = 0; k < K; ++k) {
                Rational x(ev.center[k]);
                arb_set_fmpq(box, x.x, prec);
                arb_add_error(box, rad);
                INFO("k = " << k << ": roots route " << arb_string(&c[k], 40) << ", box "
                            << arb_string(box, 40));
                CHECK(arb_rel_accuracy_bits(&c[k]) > 120);
                CHECK(arb_overlaps(box, &c[k]));
            }
            arb_clear(box);
            arb_clear(rad);
        }
        for (auto& x : c)
            arb_clear(&x);
    }
}

TEST_CASE("enclosure: the factor convention (roots inside the disk, lead > 0)",
          "[factor_enclosure]") {
    std::mt19937_64 rng(4242);
    for (long K : {2L, 3L, 5L, 8L, 16L, 32L}) {
        for (long m = 1; m <= 2; ++m) {
            auto vectors = random_vectors(rng, K, m);
            vectors[0][K - 1] = "5"; // keep the full length
            INFO("vectors: " << describe(vectors));
            if (const auto ev = generate_and_check(vectors)) require_roots_inside(*ev);
        }
    }
    // The double-precision stage alone, in the same orientation: t = (5, 2) -> (1, 2).
    long iterations = 0;
    const std::vector<double> c = lemma_newton_double({5.0, 2.0}, &iterations);
    REQUIRE(c.size() == 2);
    CHECK(c[0] == Approx(1.0).epsilon(1e-14));
    CHECK(c[1] == Approx(2.0).epsilon(1e-14));
    CHECK(iterations < 20);
}

TEST_CASE("enclosure: deterministic output", "[factor_enclosure]") {
    std::mt19937_64 rng(99);
    const auto vectors = random_vectors(rng, 48, 3);
    const auto target = lemma_target_strings(vectors);
    const auto a = lemma_factor_enclosure(lemma_rats(target), 40);
    const auto b = lemma_factor_enclosure(lemma_rats(target), 40);
    CHECK(a.center == b.center);
    CHECK(a.radius == b.radius);
    CHECK(a.c_decimal == b.c_decimal);
    CHECK(a.digits == b.digits);
}

TEST_CASE("enclosure: refusals", "[factor_enclosure]") {
    const auto message = [](const std::vector<std::string>& target) -> std::string {
        try {
            lemma_factor_enclosure(lemma_rats(target), 30);
        } catch (const FactorError& e) {
            return e.what();
        }
        return "no exception";
    };
    // a = (1, 1): q = (x + 1)^2, double root on the unit circle.
    CHECK_THAT(message(lemma_target_strings({{"1", "1"}})), Catch::Contains("unit circle") &&
                                                                Catch::Contains("singular") &&
                                                                Catch::Contains("exact method"));
    // a = (1, 0, 1): roots ±i; a sum with a double root at -1: (1, 2, 1) and (0, 0, 0).
    CHECK_THAT(message(lemma_target_strings({{"1", "0", "1"}})), Catch::Contains("unit circle"));
    CHECK_THAT(message(lemma_target_strings({{"1", "2", "1"}, {"0", "0", "0"}})),
               Catch::Contains("unit circle"));
    CHECK_THAT(message(lemma_target_strings({{"1", "-1"}, {"2", "-2"}})),
               Catch::Contains("unit circle"));
    CHECK_THAT(message({"0", "0", "0"}), Catch::Contains("zero target"));
    // Not an autocorrelation at all: no real factor exists.
    CHECK(message({"1", "5"}) != "no exception");
    CHECK(message({"-4"}) != "no exception");
}
