// The claim shared by both lemma kinds: "there is c in R^K with c ⋆ c = target", with target
// recomputed exactly from the vectors; plus the c_decimal agreement rule's common parts.
#include "certify/checker/claim.h"

namespace convcert::checker {

std::vector<Rat> rational_vector_parse(const std::vector<std::string>& v, std::size_t count,
                                       const std::string& what) {
    if (v.size() != count)
        reject(what + " has " + std::to_string(v.size()) + " entries, expected " +
               std::to_string(count));
    std::vector<Rat> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(rational_parse_canonical(v[i], what + "[" + std::to_string(i) + "]"));
    return out;
}

ParsedClaim claim_parse(const LemmaClaim& claim) {
    if (claim.K < 1) reject("claim: K must be >= 1");
    if (claim.K > kMaxK)
        undecided("claim: K = " + std::to_string(claim.K) + " exceeds the limit 4096");
    if (claim.vectors.empty()) reject("claim: no vectors");
    if (claim.vectors.size() > kMaxVectors)
        undecided("claim: " + std::to_string(claim.vectors.size()) +
                  " vectors exceed the limit of 4096 vectors");
    ParsedClaim out;
    out.K = static_cast<std::size_t>(claim.K);
    for (std::size_t i = 0; i < claim.vectors.size(); ++i)
        out.vectors.push_back(
            rational_vector_parse(claim.vectors[i], out.K, "vectors[" + std::to_string(i) + "]"));
    out.target = rational_vector_parse(claim.target, out.K, "target");
    return out;
}

std::vector<Int> int_autocorrelation(const std::vector<Int>& x) {
    double limbs = 1;
    for (const Int& v : x)
        limbs = std::max(limbs, int_limbs(v));
    const auto n = static_cast<double>(x.size());
    work_charge(n * (n + 1) / 2 * cost_mul_ns(limbs, limbs), "an autocorrelation (K^2/2 products)");
    std::vector<Int> r(x.size());
    for (std::size_t j = 0; j < x.size(); ++j)
        for (std::size_t k = 0; k + j < x.size(); ++k)
            r[j] += x[k] * x[k + j];
    return r;
}

void claim_check_target(const ParsedClaim& claim) {
    // One common denominator D for all vectors: sum_i a_i ⋆ a_i = (sum_i A_i ⋆ A_i) / D^2.
    std::vector<Rat> all;
    for (const auto& v : claim.vectors)
        all.insert(all.end(), v.begin(), v.end());
    const Int D = rational_vector_clear_denominators(all).den;
    std::vector<Int> sum(claim.K);
    for (const auto& v : claim.vectors) {
        std::vector<Int> a;
        for (const Rat& x : v) {
            work_charge(cost_div_ns(int_limbs(D), int_limbs(denominator(x))) +
                            cost_mul_ns(int_limbs(numerator(x)), int_limbs(D)),
                        "the vectors' common denominator");
            a.push_back(numerator(x) * (D / denominator(x)));
        }
        const std::vector<Int> r = int_autocorrelation(a);
        for (std::size_t j = 0; j < claim.K; ++j)
            sum[j] += r[j];
    }
    const Int D2 = D * D;
    for (std::size_t j = 0; j < claim.K; ++j) { // sum_j / D² == target_j, cross-multiplied
        const Rat& t = claim.target[j];
        work_charge(cost_mul_ns(int_limbs(sum[j]), int_limbs(denominator(t))) +
                        cost_mul_ns(int_limbs(numerator(t)), int_limbs(D2)),
                    "comparing target[" + std::to_string(j) + "]");
        if (sum[j] * denominator(t) == numerator(t) * D2) continue;
        const Rat recomputed(sum[j], D2);
        reject("target[" + std::to_string(j) + "] is " + rational_to_string_short(claim.target[j]) +
               " but sum of a_i*a_i gives " + rational_to_string_short(recomputed));
    }
}

std::vector<Rat> decimals_parse(const std::vector<std::string>& c_decimal, long digits,
                                std::size_t K) {
    if (digits < 30) reject("digits = " + std::to_string(digits) + " is outside [30, 10000]");
    if (digits > 10000) undecided("digits = " + std::to_string(digits) + " is outside [30, 10000]");
    if (c_decimal.size() != K)
        reject("c_decimal has " + std::to_string(c_decimal.size()) + " entries, expected " +
               std::to_string(K));
    std::vector<Rat> d;
    for (std::size_t k = 0; k < K; ++k)
        d.push_back(decimal_parse(c_decimal[k], "c_decimal[" + std::to_string(k) + "]"));
    return d;
}

Rat decimal_tolerance(const std::vector<Rat>& d, long digits) {
    Rat s = 0;
    for (const Rat& x : d)
        s = std::max(s, Rat(abs(x)));
    return s / pow(Int(10), static_cast<unsigned>(digits));
}

std::string decimal_mismatch_reason(std::size_t k, long digits) {
    const std::string ks = std::to_string(k);
    return "c_decimal[" + ks + "] differs from c_" + ks + " by more than 10^-" +
           std::to_string(digits) + " * max|d|";
}

} // namespace convcert::checker
