// Tests of lemma/autocorrelation: targets against hand values and against a second route
// (the coefficients of p_a(x) · x^(K-1) p_a(1/x) computed by FLINT polynomial products).
#include "lemma/autocorrelation.h"
#include "support/rational_convert.h"
#include "tests/lemma_strings.h"

#include <catch2/catch.hpp>
#include <flint/fmpq_poly.h>
#include <flint/fmpz_vec.h>

#include <random>

using namespace convcert::lemma;
namespace support = convcert::support;

namespace {

std::string random_rational(std::mt19937_64& rng) {
    std::uniform_int_distribution<int> num(-20, 20), den(1, 6);
    fmpq_t x;
    fmpq_init(x);
    fmpq_set_si(x, num(rng), static_cast<unsigned long>(den(rng)));
    std::string s = support::fmpq_get_string(x);
    fmpq_clear(x);
    return s;
}

} // namespace

TEST_CASE("lemma_target: hand-computed lags", "[autocorrelation]") {
    // a = (1, 2, -3): a⋆a = (14, -4, -3); b = (1/2, 0, 4): b⋆b = (65/4, 0, 2).
    REQUIRE(lemma_target_strings({{"1", "2", "-3"}}) == std::vector<std::string>{"14", "-4", "-3"});
    REQUIRE(lemma_target_strings({{"1", "2", "-3"}, {"1/2", "0", "4"}}) ==
            std::vector<std::string>{"121/4", "-4", "-1"});
    REQUIRE(lemma_target_strings({{"3"}, {"4"}}) == std::vector<std::string>{"25"});
    REQUIRE(lemma_effective_length(lemma_rats({"121/4", "-4", "-1"})) == 3);
    REQUIRE(lemma_effective_length(lemma_rats({"2", "0", "0"})) == 1);
    REQUIRE(lemma_effective_length(lemma_rats({"0", "0"})) == 0);
}

TEST_CASE("lemma_target agrees with polynomial products", "[autocorrelation]") {
    std::mt19937_64 rng(20261201);
    for (int iter = 0; iter < 200; ++iter) {
        const long K = 1 + iter % 12;
        const int m = 1 + iter % 4;
        std::vector<std::vector<std::string>> vectors(m);
        fmpq_poly_t sum, p, rev, prod;
        fmpq_poly_init(sum);
        fmpq_poly_init(p);
        fmpq_poly_init(rev);
        fmpq_poly_init(prod);
        for (auto& v : vectors) {
            fmpq_poly_zero(p);
            fmpq_poly_zero(rev);
            for (long k = 0; k < K; ++k) {
                v.push_back(random_rational(rng));
                fmpq_t x;
                fmpq_init(x);
                fmpq_set_str(x, v.back().c_str(), 10);
                fmpq_poly_set_coeff_fmpq(p, k, x);
                fmpq_poly_set_coeff_fmpq(rev, K - 1 - k, x);
                fmpq_clear(x);
            }
            fmpq_poly_mul(prod, p, rev);
            fmpq_poly_add(sum, sum, prod);
        }
        const auto target = lemma_target_strings(vectors);
        INFO("K = " << K << ", m = " << m << ", a_0[0] = " << vectors[0][0]);
        REQUIRE(static_cast<long>(target.size()) == K);
        for (long j = 0; j < K; ++j) {
            fmpq_t c;
            fmpq_init(c);
            fmpq_poly_get_coeff_fmpq(c, sum, K - 1 + j); // lag j sits at x^(K-1+j)
            CHECK(target[j] == support::fmpq_get_string(c));
            fmpq_clear(c);
        }
        // Integer scaling: L^2 t is integral, and L is the lcm of the denominators.
        fmpz* T = _fmpz_vec_init(K);
        fmpz_t L;
        fmpz_init(L);
        lemma_integer_target(T, L, lemma_rats(target));
        for (long j = 0; j < K; ++j) {
            fmpq_t t, back;
            fmpq_init(t);
            fmpq_init(back);
            fmpq_set_str(t, target[j].c_str(), 10);
            fmpq_set_fmpz_frac(back, T + j, L);
            fmpq_div_fmpz(back, back, L);
            CHECK(fmpq_equal(back, t));
            CHECK(fmpz_divisible(L, fmpq_denref(t)));
            fmpq_clear(t);
            fmpq_clear(back);
        }
        // The palindromic polynomial is the scaled sum of products, mirrored around x^(K-1).
        const long len = lemma_effective_length(lemma_rats(target));
        if (len > 0) {
            fmpz_poly_t q;
            fmpz_poly_init(q);
            lemma_palindromic_poly(q, T, len);
            REQUIRE(fmpz_poly_degree(q) == 2 * (len - 1));
            for (long i = 0; i <= 2 * (len - 1); ++i) {
                fmpz_t expect;
                fmpz_init(expect);
                fmpz_poly_get_coeff_fmpz(expect, q, i);
                CHECK(fmpz_equal(expect, T + (i >= len - 1 ? i - (len - 1) : len - 1 - i)));
                CHECK(fmpz_equal(expect, q->coeffs + 2 * (len - 1) - i)); // palindromic
                fmpz_clear(expect);
            }
            fmpz_poly_clear(q);
        }
        fmpz_clear(L);
        _fmpz_vec_clear(T, K);
        fmpq_poly_clear(sum);
        fmpq_poly_clear(p);
        fmpq_poly_clear(rev);
        fmpq_poly_clear(prod);
    }
}
