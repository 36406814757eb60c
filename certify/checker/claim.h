// Checks shared by both lemma kinds (docs/certificates.md, "The claim" and "Limits"): sizes,
// the recomputed target = sum_i a_i ⋆ a_i, the digits field and the c_decimal tolerance.
#pragma once

#include "certify/certificate.h"
#include "certify/checker/rational.h"

#include <string>
#include <vector>

namespace convcert::checker {

inline constexpr long kMaxK = 4096;
inline constexpr std::size_t kMaxVectors = 4096;
inline constexpr std::size_t kMaxMinpolyDegree = 4096;

struct ParsedClaim {
    std::size_t K = 0;
    std::vector<std::vector<Rat>> vectors;
    std::vector<Rat> target;
};

/// Sizes and limits of the claim, every entry a canonical rational. Does not check the target.
ParsedClaim claim_parse(const LemmaClaim& claim);

/// Rejects unless target[j] == sum_i (a_i ⋆ a_i)[j] for every lag j.
void claim_check_target(const ParsedClaim& claim);

/// Parses `count` canonical rationals named what[0], what[1], ...
std::vector<Rat> rational_vector_parse(const std::vector<std::string>& v, std::size_t count,
                                       const std::string& what);

/// Checks 30 <= digits <= 10000 and parses K decimals of c_decimal.
std::vector<Rat> decimals_parse(const std::vector<std::string>& c_decimal, long digits,
                                std::size_t K);

/// 10^-digits * max_k |d_k|: the allowed distance between d_k and c_k.
Rat decimal_tolerance(const std::vector<Rat>& d, long digits);

/// The message for |d_k - c_k| > tolerance.
std::string decimal_mismatch_reason(std::size_t k, long digits);

/// (x ⋆ x)[j] = sum_k x_k x_{k+j}, j = 0..size-1, over the integers.
std::vector<Int> int_autocorrelation(const std::vector<Int>& x);

} // namespace convcert::checker
