// Tests of support/: the exact value types and the conversions at the generator's edges.
// Randomized round trips against independent computations (FLINT's own string parser, exact
// binary expansions of doubles), and the value semantics of Fmpq and FmpqMat.
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace support = convcert::support;

namespace {

std::string random_rational_string(std::mt19937_64& rng) {
    std::uniform_int_distribution<long> num(-1000000, 1000000), den(1, 999);
    const long q = den(rng);
    return std::to_string(num(rng)) + (q == 1 ? "" : "/" + std::to_string(q));
}

} // namespace

TEST_CASE("support: rows -> FmpqMat -> rows is canonicalization", "[support]") {
    std::mt19937_64 rng(12);
    for (int iter = 0; iter < 200; ++iter) {
        const long R = 1 + iter % 4, D = 1 + iter % 7;
        std::vector<std::vector<std::string>> rows(R, std::vector<std::string>(D));
        for (auto& row : rows)
            for (auto& s : row)
                s = random_rational_string(rng);
        const support::FmpqMat m = support::fmpq_mat_from_rows(rows, "w");
        REQUIRE(m.rows() == R);
        REQUIRE(m.cols() == D);
        const auto back = support::fmpq_mat_to_rows(m);
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j) {
                // independent route: FLINT's parser, canonicalised, printed
                fmpq_t q;
                fmpq_init(q);
                REQUIRE(fmpq_set_str(q, rows[r][j].c_str(), 10) == 0);
                fmpq_canonicalise(q);
                INFO("entry " << rows[r][j]);
                CHECK(back[r][j] == support::fmpq_get_string(q));
                CHECK(fmpq_equal(q, m.at(r, j)));
                fmpq_clear(q);
            }
    }
}

TEST_CASE("support: bad rows are refused with the caller's name", "[support]") {
    CHECK_THROWS_WITH(support::fmpq_mat_from_rows({}, "W"), Catch::Contains("W"));
    CHECK_THROWS_WITH(support::fmpq_mat_from_rows({{"1", "2"}, {"3"}}, "W"),
                      Catch::Contains("unequal"));
    CHECK_THROWS_WITH(support::fmpq_mat_from_rows({{"1", "x"}}, "W"),
                      Catch::Contains("not a rational"));
    CHECK_THROWS_WITH(support::fmpq_mat_from_rows({{"1/0"}}, "W"),
                      Catch::Contains("not a rational"));
    CHECK_THROWS(support::fmpq_mat_from_doubles({{1.0, NAN}}));
    CHECK_THROWS(support::fmpq_mat_from_doubles({{1.0}, {1.0, 2.0}}));
}

TEST_CASE("support: fmpq_set_string reads exactly -?digits(/digits)?", "[support]") {
    // Accepted, with the value computed by hand: lowest terms are not required.
    const std::vector<std::pair<std::string, std::pair<long, long>>> good = {
        {"0", {0, 1}},   {"-0", {0, 1}},      {"7", {7, 1}},  {"-007/010", {-7, 10}},
        {"6/4", {3, 2}}, {"-12/36", {-1, 3}}, {"0/5", {0, 1}}};
    for (const auto& [text, value] : good) {
        INFO("'" << text << "'");
        support::Fmpq x, expect;
        fmpq_set_si(expect.x, value.first, static_cast<ulong>(value.second));
        REQUIRE(support::fmpq_set_string(x.x, text));
        CHECK(fmpq_equal(x.x, expect.x));
        CHECK(fmpz_sgn(fmpq_denref(x.x)) > 0); // canonical
    }
    support::Fmpq big;
    REQUIRE(support::fmpq_set_string(big.x, "123456789012345678901234567890/3"));
    CHECK(support::fmpq_get_string(big.x) == "41152263004115226300411522630");
    // Refused: text that FLINT's fmpq_set_str (GMP) would read, and malformed spellings.
    for (const char* bad : {"", "-", "/", "1/", "/2", "1/0", "-3/00", " 1", "1 ", "1 2", "+1",
                            "1/-2", "--1", "0x10", "1.5", "1e3", "1/2/3", "a", "1)) . Axiom"}) {
        INFO("'" << bad << "'");
        support::Fmpq x;
        CHECK_FALSE(support::fmpq_set_string(x.x, bad));
    }
}

TEST_CASE("support: doubles are read as the exact dyadic rationals they are", "[support]") {
    std::mt19937_64 rng(5);
    std::normal_distribution<double> g(0.0, 1.0);
    for (int iter = 0; iter < 500; ++iter) {
        const double x = std::ldexp(g(rng), static_cast<int>(iter % 200) - 100);
        const support::FmpqMat m = support::fmpq_mat_from_doubles({{x}});
        // independent check: the denominator is a power of two and num = x·den exactly
        const fmpq* q = m.at(0, 0);
        INFO("x = " << x);
        const bool power_of_two =
            fmpz_is_one(fmpq_denref(q)) || static_cast<slong>(fmpz_val2(fmpq_denref(q))) ==
                                               static_cast<slong>(fmpz_bits(fmpq_denref(q))) - 1;
        CHECK(power_of_two);
        const long e = static_cast<long>(fmpz_bits(fmpq_denref(q))) - 1;
        CHECK(std::ldexp(x, static_cast<int>(e)) == fmpz_get_d(fmpq_numref(q)));
        CHECK(support::fmpq_mat_to_doubles(m)[0][0] == x);
        CHECK(support::rational_to_double(support::rational_from_double(x)) == x);
    }
}

TEST_CASE("support: Fmpq and FmpqMat are values (copies are independent, moves keep data)",
          "[support]") {
    support::FmpqMat a(2, 3);
    fmpq_set_si(a.at(1, 2), -7, 3);
    support::FmpqMat b = a; // copy
    fmpq_set_si(b.at(1, 2), 5, 1);
    CHECK(support::fmpq_get_string(a.at(1, 2)) == "-7/3");
    support::FmpqMat c = std::move(b);
    CHECK(c.rows() == 2);
    CHECK(support::fmpq_get_string(c.at(1, 2)) == "5");
    a = c;
    CHECK(support::fmpq_get_string(a.at(1, 2)) == "5");
    std::vector<support::Fmpq> v(3);
    fmpq_set_si(v[1].x, 4, 9);
    std::vector<support::Fmpq> w = v;
    fmpq_set_si(v[1].x, 1, 1);
    CHECK(support::fmpq_get_string(w[1].x) == "4/9");
    support::Fmpq moved = std::move(w[1]);
    CHECK(support::fmpq_get_string(moved.x) == "4/9");
}
