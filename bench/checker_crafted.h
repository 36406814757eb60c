// Crafted certificates at and beyond the checker's work limits (docs/certificates.md,
// "Limits"): the hostile files of issue 11 and the slowest cases the limits still admit. Shared
// by tests/test_checker_limits.cpp (quick refusals) and bench/bench_checker_limits.cpp (timings).
#pragma once

#include "certify/certificate.h"
#include "certify/checker/rational.h"

#include <random>
#include <string>
#include <vector>

namespace convcert::crafted {

using checker::Int;
using checker::Rat;

inline std::string str(const Rat& x) {
    std::string s = numerator(x).str();
    if (denominator(x) != 1) s += "/" + denominator(x).str();
    return s;
}

/// The first `count` odd primes (trial division; count is at most a few thousand).
inline std::vector<long> odd_primes(std::size_t count) {
    std::vector<long> out;
    for (long p = 3; out.size() < count; p += 2) {
        bool prime = true;
        for (long q : out) {
            if (q * q > p) break;
            if (p % q == 0) prime = false;
        }
        if (prime) out.push_back(p);
    }
    return out;
}

/// lemma-exact, K = 1, 1² = c²: minpoly y^n - 1, c_0 = P_0(α) with P_0 = y^(n/2) (`bisect`, n
/// even: P_0² = y^n ≡ 1, and the c_decimal check bisects [l, h] to about n/2 + 3.3 `digits`
/// bits) or P_0 = 1. Interval: 1 ∓ 10^-d when d > 0
/// (ends of about 2d digits), else [1/3, 2] (no midpoint is the root 1). Valid for every n >= 1.
inline Certificate lemma_exact_power(std::size_t n, unsigned d, bool bisect, long digits = 30) {
    LemmaExactBody body;
    body.claim.K = 1;
    body.claim.vectors = {{"1"}};
    body.claim.target = {"1"};
    LemmaExactEvidence ev;
    ev.minpoly.assign(n + 1, "0");
    ev.minpoly[0] = "-1";
    ev.minpoly[n] = "1";
    if (d > 0) {
        const Int scale = pow(Int(10), d);
        ev.interval_lo = str(Rat(scale - 1, scale));
        ev.interval_hi = str(Rat(scale + 1, scale));
    } else {
        ev.interval_lo = "1/3";
        ev.interval_hi = "2";
    }
    ev.c = {{"1"}};
    if (bisect && n % 2 == 0) {
        ev.c[0].assign(n / 2 + 1, "0");
        ev.c[0][n / 2] = "1";
    }
    ev.digits = digits;
    ev.c_decimal = {"1"};
    body.evidence = ev;
    return Certificate{body, {}};
}

/// lemma-exact, K = 1, minpoly y² - 2, c = sqrt 2 written as P_0 of `length` coefficients
/// (P_0 = y padded with zeros; beyond the limit deg P_0 <= 2 deg m once length > 5: the
/// million-coefficient file of issue 11).
inline Certificate lemma_exact_long_c(std::size_t length) {
    std::vector<std::string> P0(length, "0");
    P0.at(1) = "1";
    LemmaExactBody body;
    body.claim = LemmaClaim{1, {{"1"}, {"1"}}, {"2"}};
    body.evidence = LemmaExactEvidence{
        {"-2", "0", "1"}, "1", "2", {P0}, 30, {"1.41421356237309504880168872420969807857"}};
    return Certificate{body, {}};
}

/// lemma-enclosure, one vector a_k = 1/p_k (K distinct odd primes) and target t_j = 1/p_j:
/// the common denominator of the vectors is the product of K primes. (The claim is false; the
/// checker must find out or decline without hours of arithmetic.)
inline Certificate lemma_distinct_primes(std::size_t K) {
    LemmaEnclosureBody body;
    body.claim.K = static_cast<long>(K);
    const std::vector<long> p = odd_primes(K);
    std::vector<std::string> a, t, center, decimals;
    for (std::size_t k = 0; k < K; ++k) {
        a.push_back("1/" + std::to_string(p[k]));
        t.push_back(k == 0 ? "1" : "1/" + std::to_string(p[k]));
        center.push_back(k == 0 ? "1" : "0");
        decimals.push_back(k == 0 ? "1" : "0");
    }
    body.claim.vectors = {a};
    body.claim.target = t;
    body.evidence =
        LemmaEnclosureEvidence{center, "1/1000000000000000000000000000000000000000", 30, decimals};
    return Certificate{body, {}};
}

/// lemma-enclosure with c = (K, ±1, ..., ±1) (|c_0| > sum of the others, so J(c) is well
/// conditioned), target c ⋆ c from the one vector c, exact center, radius 10^-40. Valid.
inline Certificate lemma_enclosure_dominant(std::size_t K, unsigned seed = 1) {
    std::mt19937_64 rng(seed);
    std::vector<long> c(K);
    c[0] = static_cast<long>(K);
    for (std::size_t k = 1; k < K; ++k)
        c[k] = (rng() & 1) ? 1 : -1;
    LemmaEnclosureBody body;
    body.claim.K = static_cast<long>(K);
    std::vector<std::string> cs, t;
    for (std::size_t k = 0; k < K; ++k)
        cs.push_back(std::to_string(c[k]));
    for (std::size_t j = 0; j < K; ++j) {
        long s = 0;
        for (std::size_t k = 0; k + j < K; ++k)
            s += c[k] * c[k + j];
        t.push_back(std::to_string(s));
    }
    body.claim.vectors = {cs};
    body.claim.target = t;
    body.evidence =
        LemmaEnclosureEvidence{cs, "1/10000000000000000000000000000000000000000", 30, cs};
    return Certificate{body, {}};
}

/// regularizer-bracket, R = 1: a dense λ_i = n_i / 2^bits with |n_i| < 2^bits / D (so
/// ||T(λ)||_op <= ||λ||_1 < 1 and the PSD test runs to the end), random integer w in [-9, 9],
/// the one-channel network u = e_0, v = w, lower = -10^6, upper = its cost. Valid.
inline Certificate regularizer_dense(std::size_t D, std::size_t K, unsigned bits,
                                     unsigned seed = 1) {
    std::mt19937_64 rng(seed);
    const Int den = Int(1) << bits;
    const Int bound = den / D;
    RegularizerClaim claim;
    claim.D = static_cast<long>(D);
    claim.K = static_cast<long>(K);
    claim.R = 1;
    RegularizerBracketEvidence ev;
    std::vector<std::string> w, lambda;
    long cost = 1;
    for (std::size_t i = 0; i < D; ++i) {
        const long wi = static_cast<long>(rng() % 19) - 9;
        w.push_back(std::to_string(wi));
        cost += wi * wi;
        Int n = 0;
        for (unsigned b = 0; b < bits; b += 32)
            n = (n << 32) + (rng() & 0xffffffffu);
        n %= bound;
        lambda.push_back(str(Rat((rng() & 1) ? Int(-n) : n, den)));
    }
    std::vector<std::string> u(K, "0");
    u[0] = "1";
    claim.w = {w};
    claim.lower = "-1000000";
    claim.upper = std::to_string(cost);
    ev.lambda = {lambda};
    ev.u = {{u}};
    ev.v = {w};
    return Certificate{RegularizerBody{claim, ev}, {}};
}

/// rank-bound, K = 1, an r×r W of random `bits`-bit integers of random sign (dense; invertible
/// with overwhelming probability), rows and columns 0..r-1.
inline Certificate rank_dense(std::size_t r, unsigned bits, unsigned seed = 1) {
    std::mt19937_64 rng(seed);
    RankClaim claim;
    claim.D = static_cast<long>(r);
    claim.K = 1;
    claim.R = static_cast<long>(r);
    claim.rank = static_cast<long>(r);
    RankEvidence ev;
    for (std::size_t i = 0; i < r; ++i) {
        std::vector<std::string> row;
        for (std::size_t j = 0; j < r; ++j) {
            Int x = 0;
            for (unsigned b = 0; b < bits; b += 32)
                x = (x << 32) + (rng() & 0xffffffffu);
            row.push_back(((rng() & 1) && x != 0 ? "-" : "") + x.str());
        }
        claim.w.push_back(row);
        ev.rows.push_back(static_cast<long>(i));
        ev.columns.push_back(static_cast<long>(i));
    }
    return Certificate{RankBody{claim, ev}, {}};
}

} // namespace convcert::crafted
