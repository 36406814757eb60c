// Tests of the trusted checker kernel (certify/checker/): hand-derived exact and enclosure
// certificates, randomized families with known answers, limits, and tampering. Certificates are
// built directly in C++ (no JSON), so these tests do not depend on certify/certificate.cpp.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "tests/rational_strings.h"

#include <catch2/catch.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <random>

using namespace convcert;
using namespace convcert::checker;
using convcert::test::ints;
using convcert::test::S;

namespace {

using Float = boost::multiprecision::cpp_bin_float_100;

// ---- exact helpers (test side; independent of the kernel's code) ----

Int pow10(unsigned n) {
    return pow(Int(10), n);
}

/// The decimal spelling of v / 10^M, e.g. (-12345, 3) -> "-12.345".
std::string decimal_from_scaled(const Int& v, unsigned M) {
    std::string digits = Int(abs(v)).str();
    if (digits.size() <= M) digits = std::string(M + 1 - digits.size(), '0') + digits;
    std::string out = (v < 0 ? "-" : "") + digits.substr(0, digits.size() - M);
    if (M > 0) out += "." + digits.substr(digits.size() - M);
    return out;
}

/// p + u sqrt(d), truncated to M decimals (error below 2 10^-M).
std::string decimal_quadratic(const Rat& p, const Rat& u, long d, unsigned M) {
    const Int scale = pow10(M);
    Rat v = p * scale;
    if (u != 0 && d != 0) {
        const Int root = sqrt(Int(numerator(u) * numerator(u) * d * scale * scale));
        v += Rat(u < 0 ? Int(-root) : root, denominator(u));
    }
    return decimal_from_scaled(Int(numerator(v) / denominator(v)), M);
}

std::vector<Rat> autocorrelation(const std::vector<Rat>& c) {
    std::vector<Rat> r(c.size());
    for (std::size_t j = 0; j < c.size(); ++j)
        for (std::size_t k = 0; k + j < c.size(); ++k)
            r[j] += c[k] * c[k + j];
    return r;
}

std::vector<Rat> scaled(const std::vector<Rat>& v, const Rat& s) {
    std::vector<Rat> out;
    for (const Rat& x : v)
        out.push_back(x * s);
    return out;
}

/// The claim "sum_i a_i ⋆ a_i = c ⋆ c" with the target recomputed by the test.
LemmaClaim claim_of(const std::vector<std::vector<Rat>>& vectors) {
    LemmaClaim claim;
    claim.K = static_cast<long>(vectors.at(0).size());
    std::vector<Rat> target(vectors[0].size());
    for (const auto& a : vectors) {
        claim.vectors.push_back(S(a));
        const auto r = autocorrelation(a);
        for (std::size_t j = 0; j < r.size(); ++j)
            target[j] += r[j];
    }
    claim.target = S(target);
    return claim;
}

bool mentions(const Verdict& v, const std::string& what) {
    return !v.valid && v.reason.find(what) != std::string::npos;
}

/// Replaces the digit at `pos` of s by the next digit (mod 10).
std::string digit_changed(std::string s, std::size_t pos) {
    s[pos] = static_cast<char>('0' + (s[pos] - '0' + 1) % 10);
    return s;
}

bool is_canonical(const std::string& s) {
    try {
        return S(Rat(s)) == s;
    } catch (...) {
        return false;
    }
}

/// Every evidence string of an exact certificate, named.
std::vector<std::pair<std::string, std::string*>> evidence_strings(LemmaExactEvidence& ev) {
    std::vector<std::pair<std::string, std::string*>> out;
    for (std::size_t i = 0; i < ev.minpoly.size(); ++i)
        out.push_back({"minpoly", &ev.minpoly[i]});
    out.push_back({"interval", &ev.interval_lo});
    out.push_back({"interval", &ev.interval_hi});
    for (auto& P : ev.c)
        for (auto& p : P)
            out.push_back({"c", &p});
    for (auto& d : ev.c_decimal)
        out.push_back({"c_decimal", &d});
    return out;
}

std::vector<std::pair<std::string, std::string*>> evidence_strings(LemmaEnclosureEvidence& ev) {
    std::vector<std::pair<std::string, std::string*>> out;
    for (auto& x : ev.center)
        out.push_back({"center", &x});
    out.push_back({"radius", &ev.radius});
    for (auto& d : ev.c_decimal)
        out.push_back({"c_decimal", &d});
    return out;
}

/// Every single-digit change of every evidence string; `expect` says for the changed
/// evidence (and field name) whether it must be accepted (+1), rejected (-1), or either (0).
template <class Evidence, class Check>
void tamper_every_digit(const LemmaClaim& claim, const Evidence& base, Check check,
                        const std::function<int(const std::string&, const Evidence&)>& expect) {
    Evidence probe = base;
    const std::size_t fields = evidence_strings(probe).size();
    for (std::size_t f = 0; f < fields; ++f) {
        const std::string original = *evidence_strings(probe)[f].second;
        for (std::size_t pos = 0; pos < original.size(); ++pos) {
            if (original[pos] < '0' || original[pos] > '9') continue;
            Evidence ev = base;
            auto [name, field] = evidence_strings(ev)[f];
            *field = digit_changed(original, pos);
            const Verdict v = check(claim, ev);
            const int e = expect(name, ev);
            INFO("field " << name << " '" << original << "' -> '" << *field << "': " << v.reason);
            if (e < 0) CHECK_FALSE(v.valid);
            if (e > 0) CHECK(v.valid);
            if (!v.valid) CHECK(!v.reason.empty());
        }
    }
}

Float to_float(const Rat& x) {
    return Float(numerator(x)) / Float(denominator(x));
}

/// Expectation for a decimal d_k against the true value c_k: accept well inside, reject
/// well outside 10^-N max|d|.
int decimal_expectation(const std::vector<std::string>& decimals, const std::vector<Float>& c,
                        long digits) {
    Float s = 0;
    for (const auto& d : decimals)
        s = std::max(s, Float(abs(Float(d))));
    const Float tol = s * pow(Float(10), -digits);
    int verdict = 1;
    for (std::size_t k = 0; k < c.size(); ++k) {
        const Float err = abs(Float(decimals[k]) - c[k]);
        if (err > 1.1 * tol) return -1;
        if (err > 0.9 * tol) verdict = 0;
    }
    return verdict;
}

// ---- certificates ----

LemmaExactEvidence exact_evidence(std::vector<std::string> minpoly, const Rat& lo, const Rat& hi,
                                  const std::vector<std::vector<Rat>>& c,
                                  std::vector<std::string> decimals, long digits = 30) {
    LemmaExactEvidence ev;
    ev.minpoly = std::move(minpoly);
    ev.interval_lo = S(lo);
    ev.interval_hi = S(hi);
    for (const auto& P : c)
        ev.c.push_back(S(P));
    ev.digits = digits;
    ev.c_decimal = std::move(decimals);
    return ev;
}

/// K = 2, t = (3, 1): c = ((1 + sqrt5)/2, (sqrt5 - 1)/2), by hand: c0^2 + c1^2 = 3, c0 c1 = 1.
struct Golden {
    LemmaClaim claim = claim_of({ints({1, 1}), ints({1, 0})});
    LemmaExactEvidence ev = exact_evidence({"-5", "0", "1"}, Rat(559, 250), Rat(2237, 1000),
                                           {{Rat(1, 2), Rat(1, 2)}, {Rat(-1, 2), Rat(1, 2)}},
                                           {decimal_quadratic(Rat(1, 2), Rat(1, 2), 5, 45),
                                            decimal_quadratic(Rat(-1, 2), Rat(1, 2), 5, 45)});
};

LemmaEnclosureEvidence enclosure_evidence(const std::vector<Rat>& center, const Rat& radius,
                                          std::vector<std::string> decimals, long digits = 30) {
    LemmaEnclosureEvidence ev;
    ev.center = S(center);
    ev.radius = S(radius);
    ev.digits = digits;
    ev.c_decimal = std::move(decimals);
    return ev;
}

std::vector<std::string> decimals_of(const std::vector<Rat>& c, unsigned M = 45) {
    std::vector<std::string> out;
    for (const Rat& x : c)
        out.push_back(decimal_quadratic(x, 0, 0, M));
    return out;
}

/// A random c with |c_0| > sum_{k>0} |c_k| (so J(c) is invertible), target = c ⋆ c from
/// the vectors (3/5) c and (4/5) c, and a center perturbed by about 10^-37.
struct RandomEnclosure {
    std::vector<Rat> c, center;
    LemmaClaim claim;
    LemmaEnclosureEvidence ev;
};

RandomEnclosure random_enclosure(std::mt19937_64& rng, std::size_t K, unsigned radius_exp = 36) {
    RandomEnclosure out;
    std::uniform_int_distribution<long> digit(-9, 9), small(-999, 999), den(1, 4);
    const long q = den(rng) * 2 - 1; // odd common denominator 1, 3, 5, 7
    long sum = 0;
    out.c.assign(K, Rat(0));
    for (std::size_t k = 1; k < K; ++k) {
        const long v = digit(rng);
        out.c[k] = Rat(v, q);
        sum += std::abs(v);
    }
    out.c[0] = Rat((sum + 1 + std::abs(digit(rng))) * (digit(rng) < 0 ? -1 : 1), q);
    for (const Rat& x : out.c)
        out.center.push_back(x + Rat(Int(small(rng)), pow10(40)));
    out.claim = claim_of({scaled(out.c, Rat(3, 5)), scaled(out.c, Rat(4, 5))});
    out.ev = enclosure_evidence(out.center, Rat(Int(1), pow10(radius_exp)), decimals_of(out.c));
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

// ======================= numbers =======================

TEST_CASE("canonical rationals are parsed strictly", "[checker][rational]") {
    CHECK(rational_parse_canonical("0", "x") == 0);
    CHECK(rational_parse_canonical("-7", "x") == -7);
    CHECK(rational_parse_canonical("3/4", "x") == Rat(3, 4));
    CHECK(rational_parse_canonical("-12/35", "x") == Rat(-12, 35));
    CHECK(integer_parse_canonical("-123456789012345678901234567890", "x") ==
          Int("-123456789012345678901234567890"));
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"2/4", "not in lowest terms"}, {"0/5", "not in lowest terms"},
        {"+1", "not a canonical"},      {"-0", "not canonical"},
        {"1/1", "denominator 1"},       {"1.5", "not a canonical"},
        {"01", "not canonical"},        {"1/02", "not canonical"},
        {"", "not a canonical"},        {"1/0", "not canonical"},
        {"1/-2", "not a canonical"},    {" 1", "not a canonical"},
        {"1/", "not a canonical"},      {"/2", "not a canonical"},
        {"-", "not a canonical"},       {"0x10", "not a canonical"},
        {"1e3", "not a canonical"},     {"3/4/5", "not a canonical"}};
    for (const auto& [s, why] : bad) {
        INFO("'" << s << "'");
        try {
            rational_parse_canonical(s, "field");
            FAIL("accepted");
        } catch (const Reject& e) {
            CHECK(std::string(e.what()).find(why) != std::string::npos);
            CHECK(std::string(e.what()).rfind("field: ", 0) == 0);
        }
    }
    CHECK_THROWS_AS(integer_parse_canonical("1/2", "x"), Reject);
    CHECK_THROWS_AS(integer_parse_canonical("007", "x"), Reject);
    CHECK_THROWS_WITH(rational_parse_canonical(std::string(100001, '7'), "x"),
                      Catch::Contains("100000 digits"));
    CHECK(rational_parse_canonical(std::string(1000, '7'), "x") ==
          Rat(Int(std::string(1000, '7'))));
}

TEST_CASE("decimals are read exactly", "[checker][rational]") {
    CHECK(decimal_parse("1", "d") == 1);
    CHECK(decimal_parse("-1.5", "d") == Rat(-3, 2));
    CHECK(decimal_parse("0001.250", "d") == Rat(5, 4));
    CHECK(decimal_parse("1.5e-3", "d") == Rat(3, 2000));
    CHECK(decimal_parse("-2e+10", "d") == Rat(-20000000000));
    CHECK(decimal_parse("25e-2", "d") == Rat(1, 4));
    CHECK(decimal_parse("-0.0", "d") == 0);
    for (const std::string s : {"", "-", "1.", ".5", "1e", "e5", "1.5e1.0", "+1", "1E5", "1e+",
                                "1..2", "1 ", "1/2", "0x1", "1e5e5"}) {
        INFO("'" << s << "'");
        CHECK_THROWS_WITH(decimal_parse(s, "d"), Catch::Contains("is not a decimal"));
    }
    CHECK_THROWS_WITH(decimal_parse("1e100001", "d"), Catch::Contains("exponent"));
    CHECK_THROWS_WITH(decimal_parse("1e-99999999999", "d"), Catch::Contains("exponent"));
    CHECK(decimal_parse("1e-100000", "d") == Rat(Int(1), pow10(100000)));
}

TEST_CASE("small exact helpers", "[checker][rational]") {
    CHECK(int_floor_div(7, 2) == 3);
    CHECK(int_floor_div(-7, 2) == -4);
    CHECK(int_floor_div(-8, 2) == -4);
    CHECK(rational_ceil_log2(Rat(1)) == 0);
    CHECK(rational_ceil_log2(Rat(5)) == 3);
    CHECK(rational_ceil_log2(Rat(4)) == 2);
    CHECK(rational_ceil_log2(Rat(1, 3)) == -1);
    CHECK(rational_ceil_log2(Rat(1, 4)) == -2);
    CHECK(rational_mul_2exp(Rat(3, 5), -3) == Rat(3, 40));
    CHECK(rational_to_decimal_string(Rat(1, 3), 4) == "0.3333");
    const IntVector v = rational_vector_clear_denominators({Rat(1, 6), Rat(-3, 4), Rat(2)});
    CHECK(v.den == 12);
    CHECK(v.num == std::vector<Int>{2, -9, 24});
}

// ======================= lemma-exact =======================

TEST_CASE("exact: hand-derived certificates are accepted", "[checker][exact]") {
    SECTION("K=1, 3^2 + 4^2 = 5^2, linear minpoly") {
        const auto claim = claim_of({ints({3}), ints({4})});
        CHECK(claim.target == std::vector<std::string>{"25"});
        const auto ev = exact_evidence({"-5", "1"}, 4, 6, {{Rat(5)}}, {"5"});
        const Verdict v = check_lemma_exact(claim, ev);
        CHECK(v.valid);
        CHECK(v.reason.empty());
        CHECK(check_lemma_exact(claim, exact_evidence({"-5", "1"}, 4, 6, {{-5}}, {"-5"})).valid);
        // With P_0 = y, c = α = 5, not -5.
        CHECK(
            mentions(check_lemma_exact(claim, exact_evidence({"-5", "1"}, 4, 6, {{0, 1}}, {"-5"})),
                     "c_decimal[0] differs from c_0"));
        // α = -5 with P_0 = -y.
        CHECK(check_lemma_exact(claim, exact_evidence({"5", "1"}, -6, -4, {{0, -1}}, {"5"})).valid);
    }
    SECTION("K=1, 1^2 + 1^2 = sqrt(2)^2") {
        const auto claim = claim_of({ints({1}), ints({1})});
        const std::string sqrt2 = "1.4142135623730950488016887242096980785696"; // 40 digits
        CHECK(sqrt2 == decimal_quadratic(0, 1, 2, 40));
        auto ev = exact_evidence({"-2", "0", "1"}, 1, 2, {{Rat(0), Rat(1)}}, {sqrt2}, 39);
        CHECK(check_lemma_exact(claim, ev).valid);
        ev.digits = 30;
        CHECK(check_lemma_exact(claim, ev).valid);
        ev.c_decimal = {"1.414213562373095048801688724210"}; // error 3.0e-31 <= 1.41e-30
        CHECK(check_lemma_exact(claim, ev).valid);
        ev.c_decimal = {"1.41421356237309504880168872421"}; // 29 decimals, error 3.0e-31
        CHECK(check_lemma_exact(claim, ev).valid);
        ev.c_decimal = {"1.4142135623730950488016887243"}; // error 9.0e-29 > 1.41e-30
        CHECK(mentions(check_lemma_exact(claim, ev), "c_decimal[0] differs from c_0"));
        ev.c_decimal = {"-" + sqrt2}; // -sqrt2 is a root, but not in [1, 2]
        CHECK(mentions(check_lemma_exact(claim, ev), "c_decimal[0]"));
        ev.interval_lo = "-2";
        ev.interval_hi = "-1";
        CHECK(check_lemma_exact(claim, ev).valid); // α = -sqrt2, c = α
    }
    SECTION("K=2, a=(1,0), b=(0,1): t=(2,0), c=(sqrt2, 0)") {
        const auto claim = claim_of({ints({1, 0}), ints({0, 1})});
        CHECK(claim.target == std::vector<std::string>{"2", "0"});
        const auto ev = exact_evidence({"-2", "0", "1"}, Rat(7, 5), Rat(3, 2), {{0, 1}, {}},
                                       {decimal_quadratic(0, 1, 2, 45), "0"});
        CHECK(check_lemma_exact(claim, ev).valid);
    }
    SECTION("K=2, a=(1,1), b=(1,-1): t=(4,0), c=(2,0)") {
        const auto claim = claim_of({ints({1, 1}), ints({1, -1})});
        CHECK(claim.target == std::vector<std::string>{"4", "0"});
        CHECK(check_lemma_exact(claim, exact_evidence({"-1", "1"}, 0, 2, {{2}, {}}, {"2", "0"}))
                  .valid);
        CHECK(check_lemma_exact(claim, exact_evidence({"-1", "1"}, 0, 2, {{0, 2}, {}}, {"2", "0"}))
                  .valid); // P_0 = 2y at α = 1
    }
    SECTION("K=2, t=(3,1): golden-ratio c in Q(sqrt5)") {
        Golden g;
        CHECK(g.claim.target == std::vector<std::string>{"3", "1"});
        CHECK(check_lemma_exact(g.claim, g.ev).valid);
        g.ev.digits = 44;
        CHECK(check_lemma_exact(g.claim, g.ev).valid);
        g.ev.digits = 46; // 45 digits given
        CHECK(mentions(check_lemma_exact(g.claim, g.ev), "c_decimal[0]"));
    }
    SECTION("all-zero c") {
        const auto claim = claim_of({ints({0, 0})});
        CHECK(check_lemma_exact(claim, exact_evidence({"0", "1"}, -1, 1, {{}, {}}, {"0", "0e5"}))
                  .valid);
        // P_1 = y is zero at α = 0 (the root of y), so c = 0 and d = 0 agree.
        CHECK(check_lemma_exact(claim, exact_evidence({"0", "1"}, -1, 1, {{}, {0, 1}}, {"0", "0"}))
                  .valid);
        // P_1 = y^2 - 2 is not zero mod y.
        CHECK(mentions(check_lemma_exact(
                           claim, exact_evidence({"0", "1"}, -1, 1, {{}, {-2, 0, 1}}, {"0", "0"})),
                       "lag 0 of c*c - target"));
    }
}

TEST_CASE("exact: a root at a bisection midpoint is used exactly", "[checker][exact]") {
    // m = (2y - 3)(y^2 - 2) = 2y^3 - 3y^2 - 4y + 6 has roots 3/2, ±sqrt2; P = 12y^2 - 51/2 is
    // 3/2 at y = 3/2 and -3/2 at y = ±sqrt2, so P^2 - 9/4 ≡ 0 mod m. The interval (1.42, 1.58)
    // holds only the root 3/2, which is its midpoint.
    const auto claim = claim_of({{Rat(3, 2)}});
    auto ev = exact_evidence({"6", "-4", "-3", "2"}, Rat(71, 50), Rat(79, 50),
                             {{Rat(-51, 2), 0, 12}}, {"1.5"});
    CHECK(check_lemma_exact(claim, ev).valid);
    ev.c_decimal = {"-1.5"};
    CHECK(mentions(check_lemma_exact(claim, ev), "c_decimal[0] differs"));
    ev.c_decimal = {"1.5000000000000000000000000000001"}; // off by 1e-31 < 1.5e-30
    CHECK(check_lemma_exact(claim, ev).valid);
    // Around sqrt2 instead: c = -3/2.
    ev.interval_lo = "1";
    ev.interval_hi = "29/20";
    ev.c_decimal = {"-1.5"};
    CHECK(check_lemma_exact(claim, ev).valid);
}

TEST_CASE("exact: each failed check is named", "[checker][exact]") {
    const Golden g;
    auto reject_reason = [&](const std::function<void(LemmaClaim&, LemmaExactEvidence&)>& edit) {
        LemmaClaim claim = g.claim;
        LemmaExactEvidence ev = g.ev;
        edit(claim, ev);
        const Verdict v = check_lemma_exact(claim, ev);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find('\n') == std::string::npos);
        return v.reason;
    };
    using Catch::Contains;
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target[1] = "2"; }),
               Contains("target[1] is 2 but sum of a_i*a_i gives 1"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target[0] = "5/2"; }),
               Contains("target[0] is 5/2 but sum of a_i*a_i gives 3"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.vectors[1][1] = "1"; }),
               Contains("target[0] is 3 but sum of a_i*a_i gives 4"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target.pop_back(); }),
               Contains("target has 1 entries, expected 2"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.vectors[0].pop_back(); }),
               Contains("vectors[0] has 1 entries, expected 2"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.vectors.clear(); }), Contains("no vectors"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.K = 0; }), Contains("K must be >= 1"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.K = 3; }),
               Contains("vectors[0] has 2 entries, expected 3"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target[0] = "6/2"; }),
               Contains("target[0]: rational '6/2' is not in lowest terms"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.vectors[1][0] = "+1"; }),
               Contains("vectors[1][0]: rational '+1' is not a canonical rational"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.minpoly[1] = "-0"; }),
               Contains("minpoly[1]: integer '-0' is not canonical"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.minpoly[0] = "-5/1"; }),
               Contains("minpoly[0]: '-5/1' is not a canonical integer"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.minpoly[2] = "0"; }),
               Contains("minpoly: leading coefficient is zero"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.minpoly = {"3"}; }),
               Contains("minpoly has degree < 1"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.minpoly = {}; }),
               Contains("minpoly has degree < 1"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { std::swap(e.interval_lo, e.interval_hi); }),
               Contains("interval ends out of order"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.interval_hi = e.interval_lo; }),
               Contains("interval ends out of order"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.interval_hi = "3";
                   e.interval_lo = "5/2";
               }),
               Contains("interval: m(l)*m(h) is not negative"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.interval_lo = "-3";
                   e.interval_hi = "3";
               }),
               Contains("interval: m(l)*m(h) is not negative"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.interval_lo = "1/1"; }),
               Contains("interval[0]: rational '1/1' has denominator 1"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.interval_hi = "2.237"; }),
               Contains("interval[1]: rational '2.237' is not a canonical rational"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.minpoly = {"-6", "0", "1"};
                   e.interval_lo = "2";
                   e.interval_hi = "3";
               }),
               Contains("lag 0 of c*c - target is not divisible by minpoly"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c[1][0] = "1/2"; }),
               Contains("lag 0 of c*c - target is not divisible by minpoly"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c[1].pop_back(); }),
               Contains("lag 0 of c*c - target is not divisible by minpoly"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { std::swap(e.c[0], e.c[1]); }),
               Contains("c_decimal[0] differs from c_0 by more than 10^-30 * max|d|"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c.pop_back(); }),
               Contains("c has 1 polynomials, expected 2"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c[0][1] = "2/4"; }),
               Contains("c[0][1]: rational '2/4' is not in lowest terms"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c_decimal.pop_back(); }),
               Contains("c_decimal has 1 entries, expected 2"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c_decimal[1] = "0.6180339887/1"; }),
               Contains("c_decimal[1]: '0.6180339887/1' is not a decimal"));
    CHECK_THAT(
        reject_reason([](auto&, auto& e) { e.c_decimal[1] = "0.618033988749894848204586834"; }),
        Contains("c_decimal[1] differs from c_1 by more than 10^-30 * max|d|"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.c_decimal = {"0", "0"};
               }),
               Contains("c_decimal is all zero but c_0 is not zero"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 29; }),
               Contains("digits = 29 is outside [30, 10000]"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 10001; }),
               Contains("digits = 10001 is outside [30, 10000]"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 50; }),
               Contains("c_decimal[0] differs from c_0 by more than 10^-50 * max|d|"));
    // 10^-10000 from [2.236, 2.237] needs about 33000 halvings.
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 10000; }),
               Contains("interval too wide to reach 10^-10000 * max|d| within 2000 halvings"));
    // The order of the checks: structure before target before minpoly before lags.
    CHECK_THAT(reject_reason([](auto& c, auto& e) {
                   c.target[1] = "2";
                   e.digits = 3;
               }),
               Contains("digits = 3"));
    CHECK_THAT(reject_reason([](auto& c, auto& e) {
                   c.target[1] = "2";
                   e.minpoly[2] = "0";
               }),
               Contains("target[1]"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.minpoly[2] = "0";
                   std::swap(e.c[0], e.c[1]);
               }),
               Contains("leading coefficient"));
}

TEST_CASE("exact: every single-digit change of the evidence is caught or harmless",
          "[checker][exact][tamper]") {
    const Golden g;
    const Float sqrt5 = sqrt(Float(5));
    const std::vector<Float> c = {(1 + sqrt5) / 2, (sqrt5 - 1) / 2};
    tamper_every_digit<LemmaExactEvidence>(
        g.claim, g.ev, check_lemma_exact,
        [&](const std::string& name, const LemmaExactEvidence& ev) {
            if (name == "interval") { // harmless iff still a canonical interval around sqrt5 only
                if (!is_canonical(ev.interval_lo) || !is_canonical(ev.interval_hi)) return -1;
                const Float l = to_float(Rat(ev.interval_lo)), h = to_float(Rat(ev.interval_hi));
                return (l < sqrt5 && sqrt5 < h && -sqrt5 < l) ? 1 : -1;
            }
            if (name == "c_decimal") return decimal_expectation(ev.c_decimal, c, ev.digits);
            return -1; // minpoly and c: any change breaks the identity or the spelling
        });
}

TEST_CASE("exact: random rational c with a linear minpoly", "[checker][exact][random]") {
    std::mt19937_64 rng(20240601);
    std::uniform_int_distribution<long> num(-50, 50), den(1, 12), root(-20, 20);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t K = 1 + trial % 24;
        std::vector<Rat> c(K);
        for (auto& x : c)
            x = Rat(num(rng), den(rng));
        const long alpha = root(rng);
        std::vector<std::vector<Rat>> P;
        for (const Rat& x : c)
            P.push_back(x == 0 ? std::vector<Rat>{} : std::vector<Rat>{x});
        const auto claim = claim_of({scaled(c, Rat(3, 5)), scaled(c, Rat(4, 5))});
        auto ev =
            exact_evidence({std::to_string(-alpha), "1"}, alpha - 1, alpha + 1, P, decimals_of(c));
        CAPTURE(trial, K, claim.target, ev.c, ev.c_decimal);
        CHECK(check_lemma_exact(claim, ev).valid);
        // The same values written as polynomials in α: P_k(y) = c_k + (y - α)^2.
        for (std::size_t k = 0; k < K; ++k)
            ev.c[k] = S({c[k] + alpha * alpha, Rat(-2 * alpha), Rat(1)});
        CHECK(check_lemma_exact(claim, ev).valid);
        // A wrong target breaks it.
        auto wrong = claim;
        wrong.target[K - 1] = S(Rat(wrong.target[K - 1]) + 1);
        CHECK(mentions(check_lemma_exact(wrong, ev), "target[" + std::to_string(K - 1) + "]"));
    }
}

TEST_CASE("exact: random c = u sqrt(d) in quadratic fields", "[checker][exact][random]") {
    // d = sum of squares of the vector multipliers, so sum_i (s_i u) ⋆ (s_i u) = d (u ⋆ u).
    const std::vector<std::pair<long, std::vector<long>>> fields = {
        {2, {1, 1}}, {3, {1, 1, 1}}, {5, {1, 2}}, {6, {1, 1, 2}}, {7, {1, 1, 1, 2}}, {13, {2, 3}}};
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<long> num(-30, 30), den(1, 9);
    for (int trial = 0; trial < 36; ++trial) {
        const auto& [d, multipliers] = fields[trial % fields.size()];
        const std::size_t K = 1 + (trial * 7) % 32;
        std::vector<Rat> u(K);
        for (auto& x : u)
            x = Rat(num(rng), den(rng));
        std::vector<std::vector<Rat>> vectors, P;
        for (long s : multipliers)
            vectors.push_back(scaled(u, Rat(s)));
        std::vector<std::string> decimals;
        for (const Rat& x : u) {
            P.push_back(x == 0 ? std::vector<Rat>{} : std::vector<Rat>{0, x});
            decimals.push_back(decimal_quadratic(0, x, d, 45));
        }
        const long floor_root = static_cast<long>(std::sqrt(static_cast<double>(d)));
        const auto claim = claim_of(vectors);
        auto ev =
            exact_evidence({std::to_string(-d), "0", "1"}, floor_root, floor_root + 1, P, decimals);
        CAPTURE(trial, d, K, claim.target, ev.c, ev.c_decimal);
        CHECK(check_lemma_exact(claim, ev).valid);
        // Non-monic minpoly 4y^2 - d with root sqrt(d)/2: c_k = u_k sqrt(d) = 2 u_k α.
        auto ev2 = ev;
        ev2.minpoly = {std::to_string(-d), "0", "4"};
        ev2.interval_lo = S(Rat(floor_root, 2));
        ev2.interval_hi = S(Rat(floor_root + 1, 2));
        for (std::size_t k = 0; k < K; ++k)
            ev2.c[k] = u[k] == 0 ? std::vector<std::string>{} : S({0, 2 * u[k]});
        CHECK(check_lemma_exact(claim, ev2).valid);
        // Negating one nonzero component's decimal is caught.
        for (std::size_t k = 0; k < K; ++k)
            if (u[k] != 0) {
                auto bad = ev;
                bad.c_decimal[k] = decimal_quadratic(0, -u[k], d, 45);
                CHECK(mentions(check_lemma_exact(claim, bad),
                               "c_decimal[" + std::to_string(k) + "]"));
                break;
            }
    }
}

namespace {

/// c_k = u_k sqrt(d) written in Q(α), α the positive root of m(z) = g(z)^2 - d for an
/// increasing g with g(0) = 0 (so g(α) = sqrt(d)): P_k = u_k g. deg m = 2G, non-monic.
struct Substituted {
    LemmaClaim claim;
    LemmaExactEvidence ev;
};

Substituted substituted_field(std::mt19937_64& rng, std::size_t K, std::size_t G,
                              unsigned coefficient_digits, long digits = 30) {
    const long d = 2;
    std::uniform_int_distribution<long> num(-30, 30), den(1, 9), lead(2, 9), digit(0, 9);
    std::vector<Rat> g(G + 1, Rat(0));
    const Int scale = pow10(coefficient_digits);
    for (std::size_t i = 1; i <= G; ++i) {
        Int big = lead(rng); // in [2 scale, 10 scale): g_i in [2, 10)
        for (unsigned k = 0; k < coefficient_digits; ++k)
            big = big * 10 + digit(rng);
        g[i] = Rat(big, scale);
    }
    // m = den^2 (g^2 - d) with integer coefficients, den = lcm of g's denominators.
    Int gden = 1;
    for (const Rat& x : g)
        gden = lcm(gden, denominator(x));
    std::vector<Int> gi;
    for (const Rat& x : g)
        gi.push_back(numerator(x) * (gden / denominator(x)));
    std::vector<Int> m(2 * G + 1, Int(0));
    for (std::size_t i = 0; i <= G; ++i)
        for (std::size_t j = 0; j <= G; ++j)
            m[i + j] += gi[i] * gi[j];
    m[0] -= d * gden * gden;
    std::vector<Rat> u(K);
    for (auto& x : u)
        x = Rat(num(rng), den(rng));
    Substituted out;
    out.claim = claim_of({u, u}); // 2 (u ⋆ u) = (u sqrt2) ⋆ (u sqrt2)
    for (const Int& x : m)
        out.ev.minpoly.push_back(x.str());
    out.ev.interval_lo = "0";
    out.ev.interval_hi = "2"; // m(0) = -2 den^2 < 0, g(2) >= 2 > sqrt2
    for (const Rat& x : u) {
        out.ev.c.push_back(x == 0 ? std::vector<std::string>{} : S(scaled(g, x)));
        out.ev.c_decimal.push_back(decimal_quadratic(0, x, d, static_cast<unsigned>(digits) + 15));
    }
    out.ev.digits = digits;
    return out;
}

} // namespace

TEST_CASE("exact: random fields Q(α) of higher degree by substitution",
          "[checker][exact][random]") {
    std::mt19937_64 rng(99);
    for (int trial = 0; trial < 12; ++trial) {
        const std::size_t K = 1 + trial % 5, G = 1 + trial % 6;
        const Substituted s = substituted_field(rng, K, G, 3 + trial, 30 + 5 * trial);
        CAPTURE(trial, K, G, s.ev.minpoly, s.ev.c, s.ev.c_decimal);
        CHECK(check_lemma_exact(s.claim, s.ev).valid);
        auto bad = s.ev; // perturb the constant of m: the identity no longer holds
        bad.minpoly[0] = S(Rat(bad.minpoly[0]) - 1);
        CHECK(mentions(check_lemma_exact(s.claim, bad), "not divisible by minpoly"));
        bad = s.ev; // the highest coefficient of one P_k
        bad.c[0].back() = bad.c[0].empty() ? "1" : S(Rat(bad.c[0].back()) * 2);
        CHECK(mentions(check_lemma_exact(s.claim, bad), "not divisible by minpoly"));
    }
}

// ======================= lemma-enclosure =======================

TEST_CASE("enclosure: hand-derived certificates", "[checker][enclosure]") {
    // K=2, t=(5,2): c=(2,1) (c0^2 + c1^2 = 5, c0 c1 = 2); J(c) = [[4,2],[1,2]], det 6.
    const auto claim = claim_of({ints({2, 1})});
    CHECK(claim.target == std::vector<std::string>{"5", "2"});
    const Rat tiny(Int(1), pow10(40));
    SECTION("exact center") {
        CHECK(
            check_lemma_enclosure(claim, enclosure_evidence(ints({2, 1}), tiny, {"2", "1"})).valid);
        CHECK(
            check_lemma_enclosure(claim, enclosure_evidence(ints({1, 2}), tiny, {"1", "2"})).valid);
        CHECK(check_lemma_enclosure(claim, enclosure_evidence(ints({-2, -1}), tiny, {"-2", "-1"}))
                  .valid);
        // With the full tolerance: r = 2 10^-30 = 10^-30 max|d| is the largest allowed.
        CHECK(check_lemma_enclosure(
                  claim, enclosure_evidence(ints({2, 1}), Rat(Int(2), pow10(30)), {"2", "1"}))
                  .valid);
        CHECK(mentions(
            check_lemma_enclosure(
                claim, enclosure_evidence(ints({2, 1}), Rat(Int(3), pow10(30)), {"2", "1"})),
            "c_decimal[0] differs from c_0 by more than 10^-30 * max|d|"));
    }
    SECTION("perturbed centers") {
        const std::vector<Rat> center = {2 + tiny, 1 - tiny};
        CHECK(
            check_lemma_enclosure(claim, enclosure_evidence(center, 10 * tiny, {"2", "1"})).valid);
        CHECK(check_lemma_enclosure(claim, enclosure_evidence(center, 2 * tiny, {"2", "1"})).valid);
        // r = tiny / 2 cannot hold c (|c - center| = tiny): beta > r.
        CHECK(
            mentions(check_lemma_enclosure(claim, enclosure_evidence(center, tiny / 2, {"2", "1"})),
                     "contraction test failed: beta = "));
        // Center off by 10^-20 with r = 10^-19 passes the contraction test, not the decimals.
        const Rat e20(Int(1), pow10(20));
        const std::vector<Rat> far = {2 + e20, 1 - e20};
        CHECK(mentions(check_lemma_enclosure(claim, enclosure_evidence(far, 10 * e20, {"2", "1"})),
                       "c_decimal[0] differs"));
        CHECK(mentions(check_lemma_enclosure(claim, enclosure_evidence(far, e20 / 10, {"2", "1"})),
                       "beta"));
    }
    SECTION("K=1: sqrt2 between rational bounds") {
        const auto c1 = claim_of({ints({1}), ints({1})});
        const Rat x(Int("14142135623730950488016887242097"), pow10(31));
        CHECK(check_lemma_enclosure(c1, enclosure_evidence({x}, Rat(Int(1), pow10(31)),
                                                           {decimal_quadratic(0, 1, 2, 40)}))
                  .valid);
        CHECK(mentions(
            check_lemma_enclosure(c1, enclosure_evidence({x}, Rat(Int(1), pow10(33)),
                                                         {decimal_quadratic(0, 1, 2, 40)})),
            "beta"));
    }
    SECTION("rational, non-dyadic center") {
        // c = (1/3, 1/7): t = (1/9 + 1/49, 1/21).
        const auto c3 = claim_of({{Rat(1, 3), Rat(1, 7)}});
        CHECK(check_lemma_enclosure(c3, enclosure_evidence({Rat(1, 3), Rat(1, 7)}, tiny,
                                                           decimals_of({Rat(1, 3), Rat(1, 7)})))
                  .valid);
    }
}

TEST_CASE("enclosure: a singular Jacobian (double root) is rejected", "[checker][enclosure]") {
    // t = (2, 1) = (1,1) ⋆ (1,1): p_c = 1 + x has its root on the unit circle, J(c) is singular
    // and c is not an isolated simple zero; no box certificate exists.
    const auto claim = claim_of({ints({1, 1})});
    const Rat tiny(Int(1), pow10(40));
    CHECK(mentions(check_lemma_enclosure(claim, enclosure_evidence(ints({1, 1}), tiny, {"1", "1"})),
                   "J(center) is numerically singular"));
    const Verdict v = check_lemma_enclosure(
        claim, enclosure_evidence({1 + tiny, 1 - tiny}, 10 * tiny, {"1", "1"}));
    CHECK_FALSE(v.valid);
    CHECK_THAT(v.reason, Catch::Contains("contraction test failed"));
}

TEST_CASE("enclosure: each failed check is named", "[checker][enclosure]") {
    const auto base_claim = claim_of({ints({2, 1})});
    const auto base_ev = enclosure_evidence(ints({2, 1}), Rat(Int(1), pow10(40)), {"2", "1"});
    CHECK(check_lemma_enclosure(base_claim, base_ev).valid);
    auto reject_reason =
        [&](const std::function<void(LemmaClaim&, LemmaEnclosureEvidence&)>& edit) {
            LemmaClaim claim = base_claim;
            LemmaEnclosureEvidence ev = base_ev;
            edit(claim, ev);
            const Verdict v = check_lemma_enclosure(claim, ev);
            CHECK_FALSE(v.valid);
            CHECK(v.reason.find('\n') == std::string::npos);
            return v.reason;
        };
    using Catch::Contains;
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target[1] = "3"; }),
               Contains("target[1] is 3 but sum of a_i*a_i gives 2"));
    CHECK_THAT(reject_reason([](auto& c, auto&) { c.target[0] = "5/1"; }),
               Contains("target[0]: rational '5/1' has denominator 1"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "0"; }),
               Contains("radius must be > 0"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "-1/2"; }),
               Contains("radius must be > 0"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "1/2"; }),
               Contains("contraction test failed: rho = "));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "1/2"; }), Contains(" >= 1"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "1/10"; }), // contracts
               Contains("c_decimal[0] differs"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.radius = "1e-40"; }),
               Contains("radius: rational '1e-40' is not a canonical rational"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.center[1] = "3"; }),
               Contains("contraction test failed: beta = "));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.center[1] = "01"; }),
               Contains("center[1]: rational '01' is not canonical"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.center.pop_back(); }),
               Contains("center has 1 entries, expected 2"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.center = {"0", "0"};
               }),
               Contains("J(center) is zero"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c_decimal.pop_back(); }),
               Contains("c_decimal has 1 entries, expected 2"));
    CHECK_THAT(
        reject_reason([](auto&, auto& e) { e.c_decimal[1] = "1.00000000000000000000000000001"; }),
        Contains("c_decimal[1] differs from c_1 by more than 10^-30 * max|d|"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.c_decimal = {"0", "0"};
               }),
               Contains("c_decimal[0] differs"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.c_decimal[0] = "2.0.0"; }),
               Contains("c_decimal[0]: '2.0.0' is not a decimal"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 0; }),
               Contains("digits = 0 is outside [30, 10000]"));
    CHECK_THAT(reject_reason([](auto&, auto& e) { e.digits = 41; }),
               Contains("c_decimal[0] differs from c_0 by more than 10^-41 * max|d|"));
    // order: target before radius before rho before beta before decimals
    CHECK_THAT(reject_reason([](auto& c, auto& e) {
                   c.target[1] = "3";
                   e.radius = "0";
               }),
               Contains("target[1]"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.radius = "0";
                   e.center[1] = "3";
               }),
               Contains("radius must be > 0"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.radius = "1/2";
                   e.center[1] = "3";
               }),
               Contains("rho"));
    CHECK_THAT(reject_reason([](auto&, auto& e) {
                   e.center[1] = "3";
                   e.c_decimal[0] = "7";
               }),
               Contains("beta"));
}

TEST_CASE("enclosure: every single-digit change of the evidence is caught or harmless",
          "[checker][enclosure][tamper]") {
    SECTION("exact integer center, r = 10^-30") {
        const auto claim = claim_of({ints({2, 1})});
        const auto ev = enclosure_evidence(ints({2, 1}), Rat(Int(1), pow10(30)), {"2", "1"});
        REQUIRE(check_lemma_enclosure(claim, ev).valid);
        tamper_every_digit<LemmaEnclosureEvidence>(
            claim, ev, check_lemma_enclosure,
            [](const std::string& name, const LemmaEnclosureEvidence& e) {
                if (name != "radius") return -1; // center and decimals are off by >= 1
                if (!is_canonical(e.radius)) return -1;
                const Rat r(e.radius); // 10^-30 max|d| = 2 10^-30 is the largest allowed
                return (r > 0 && r <= Rat(Int(2), pow10(30))) ? 1 : -1;
            });
    }
    SECTION("random rational center, K = 5") {
        std::mt19937_64 rng(5);
        const RandomEnclosure re = random_enclosure(rng, 5);
        REQUIRE(check_lemma_enclosure(re.claim, re.ev).valid);
        const Rat r(re.ev.radius);
        std::vector<Float> c;
        for (const Rat& x : re.c)
            c.push_back(to_float(x));
        tamper_every_digit<LemmaEnclosureEvidence>(
            re.claim, re.ev, check_lemma_enclosure,
            [&](const std::string& name, const LemmaEnclosureEvidence& e) {
                if (name == "c_decimal") return decimal_expectation(e.c_decimal, c, e.digits);
                if (!is_canonical(e.center[0]) || !is_canonical(e.radius)) return -1;
                for (const auto& x : e.center)
                    if (!is_canonical(x)) return -1;
                if (name == "radius") return 0; // may or may not still contract
                Rat dist = 0;                   // the known solution must stay in the box
                for (std::size_t k = 0; k < c.size(); ++k)
                    dist = std::max(dist, Rat(abs(Rat(e.center[k]) - re.c[k])));
                return dist > r ? -1 : (dist * 10 < r ? 1 : 0);
            });
    }
}

TEST_CASE("enclosure: random c, perturbed centers are accepted", "[checker][enclosure][random]") {
    std::mt19937_64 rng(12345);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t K = trial < 40 ? 1 + trial : 1 + (trial * 37) % 128;
        const RandomEnclosure re = random_enclosure(rng, K);
        INFO("K = " << K << ", c = " << Catch::Detail::stringify(S(re.c)));
        CAPTURE(re.ev.center);
        const Verdict v = check_lemma_enclosure(re.claim, re.ev);
        INFO(v.reason);
        CHECK(v.valid);
        // A box that misses c: shift the center by 3r in component K/2.
        auto off = re.ev;
        off.center[K / 2] = S(Rat(off.center[K / 2]) + 3 * Rat(off.radius));
        const Verdict w = check_lemma_enclosure(re.claim, off);
        CHECK(mentions(w, "contraction test failed"));
    }
    SECTION("K = 128 with a larger radius 10^-31") {
        std::mt19937_64 rng2(3);
        const RandomEnclosure re = random_enclosure(rng2, 128, 31);
        CHECK(check_lemma_enclosure(re.claim, re.ev).valid);
    }
}

TEST_CASE("enclosure: K = 256 timing", "[checker][enclosure][timing]") {
    std::mt19937_64 rng(256);
    const RandomEnclosure re = random_enclosure(rng, 256);
    const auto t0 = std::chrono::steady_clock::now();
    const Verdict v = check_lemma_enclosure(re.claim, re.ev);
    WARN("lemma-enclosure K = 256 checked in " << seconds_since(t0) << " s");
    CHECK(v.valid);
}

// ======================= dispatch and limits =======================

TEST_CASE("check_certificate dispatches on kind", "[checker]") {
    const Golden g;
    // (A certificate holds one kind's body: a kind without its evidence, or an unknown kind,
    // cannot be built; the reader refuses both in a file, test_certificate_json.cpp.)
    const Certificate cert{LemmaExactBody{g.claim, g.ev}, {}};
    CHECK(check_certificate(cert).valid);

    const LemmaClaim claim = claim_of({ints({2, 1})});
    const Certificate enc{
        LemmaEnclosureBody{claim,
                           enclosure_evidence(ints({2, 1}), Rat(Int(1), pow10(40)), {"2", "1"})},
        {}};
    CHECK(check_certificate(enc).valid);
    const Certificate exact{LemmaExactBody{claim, g.ev}, {}};
    CHECK(mentions(check_certificate(exact), "lag 0")); // the golden evidence, another claim
}

TEST_CASE("limits are enforced", "[checker][limits]") {
    LemmaClaim claim;
    claim.K = 4097;
    LemmaEnclosureEvidence ev;
    CHECK(mentions(check_lemma_enclosure(claim, ev), "K = 4097 exceeds the limit 4096"));
    claim.K = 1;
    claim.vectors.assign(4097, {"1"});
    claim.target = {"4097"};
    CHECK(mentions(check_lemma_enclosure(claim, ev), "exceed the limit of 4096 vectors"));
    claim.vectors.assign(4096, {"1"});
    claim.target = {"4096"};
    ev = enclosure_evidence({64}, Rat(Int(1), pow10(40)), {"64"});
    CHECK(check_lemma_enclosure(claim, ev).valid);

    const auto k1 = claim_of({ints({1}), ints({1})});
    LemmaExactEvidence big = exact_evidence({}, 1, 2, {{0, 1}}, {decimal_quadratic(0, 1, 2, 40)});
    big.minpoly.assign(4098, "1");
    CHECK(mentions(check_lemma_exact(k1, big), "minpoly: degree exceeds the limit 4096"));
    big.minpoly = {"-2", "0", "1"};
    big.interval_hi = "2" + std::string(100000, '0');
    CHECK(
        mentions(check_lemma_exact(k1, big), "interval[1]: rational exceeds the limit of 100000"));
    big.interval_hi = "2";
    big.c_decimal[0] = "1.4" + std::string(100000, '1');
    CHECK(mentions(check_lemma_exact(k1, big), "c_decimal[0]: decimal exceeds the limit"));
    big.c_decimal[0] = "1e1000000";
    CHECK(mentions(check_lemma_exact(k1, big), "c_decimal[0]: decimal exponent exceeds"));
}

// ======================= benchmarks (hidden: run with "[.bench]") =======================

TEST_CASE("bench: lemma-enclosure K = 64, 256, 1024", "[.bench]") {
    for (std::size_t K : {64, 256, 1024}) {
        std::mt19937_64 rng(K);
        const RandomEnclosure re = random_enclosure(rng, K);
        const auto t0 = std::chrono::steady_clock::now();
        const Verdict v = check_lemma_enclosure(re.claim, re.ev);
        WARN("lemma-enclosure K = " << K << ": " << seconds_since(t0) << " s, " << v.reason);
        CHECK(v.valid);
    }
}

TEST_CASE("bench: lemma-exact degree 64, 1000-digit coefficients, K = 8", "[.bench]") {
    std::mt19937_64 rng(64);
    const Substituted s = substituted_field(rng, 8, 32, 1000);
    const auto t0 = std::chrono::steady_clock::now();
    const Verdict v = check_lemma_exact(s.claim, s.ev);
    WARN("lemma-exact deg m = 64, K = 8, 1000 digits: " << seconds_since(t0) << " s " << v.reason);
    CHECK(v.valid);
    // P_k + w_k m with w_k of degree 30 (coefficients ~1/10^2000): same c, deg P_k = 94, and
    // 2000-digit coefficients after clearing denominators.
    auto heavy = s;
    std::uniform_int_distribution<long> small(-9, 9);
    for (auto& P : heavy.ev.c) {
        std::vector<Rat> Pk;
        for (const auto& x : P)
            Pk.push_back(Rat(x));
        Pk.resize(95);
        for (std::size_t i = 0; i <= 30; ++i) {
            const Rat w(Int(small(rng)), pow10(2000));
            for (std::size_t t = 0; t < heavy.ev.minpoly.size(); ++t)
                Pk[i + t] += w * Rat(heavy.ev.minpoly[t]);
        }
        P = S(Pk);
    }
    const auto t2 = std::chrono::steady_clock::now();
    const Verdict h = check_lemma_exact(heavy.claim, heavy.ev);
    WARN("same with deg P_k = 94: " << seconds_since(t2) << " s " << h.reason);
    CHECK(h.valid);
    std::mt19937_64 rng2(64); // same field, 500 digits: about 1750 halvings of [0, 2]
    const Substituted wide = substituted_field(rng2, 8, 32, 1000, 500);
    const auto t1 = std::chrono::steady_clock::now();
    const Verdict w = check_lemma_exact(wide.claim, wide.ev);
    WARN("same with digits = 500: " << seconds_since(t1) << " s " << w.reason);
    CHECK(w.valid);
}

TEST_CASE("bench: lemma-enclosure K = 2048", "[.bench-large]") {
    std::mt19937_64 rng(2048);
    const RandomEnclosure re = random_enclosure(rng, 2048);
    const auto t0 = std::chrono::steady_clock::now();
    const Verdict v = check_lemma_enclosure(re.claim, re.ev);
    WARN("lemma-enclosure K = 2048: " << seconds_since(t0) << " s, " << v.reason);
    CHECK(v.valid);
}
