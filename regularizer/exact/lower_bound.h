// Exact lower bound on R_{K,C}(w) from a numerical dual vector (MATH.md §7): round λ to a
// dyadic grid, scale it by a short dyadic s so that 4I - T(sλ)T(sλ)ᵀ ⪰ 0 holds exactly
// (verified by fraction-free elimination), and evaluate <sλ, w> over Q.
#pragma once

#include <flint/fmpq.h>

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerLowerBound {
    std::vector<std::string> lambda; ///< s·λ_q, canonical rationals, exactly dual feasible
    std::string scale;               ///< s (any sign of s - 1: λ may be strictly feasible)
    std::string lower;               ///< <s·λ_q, w>, exact
    double lower_double = 0;         ///< lower rounded to double
    int attempts = 0;                ///< exact PSD tests run (1 unless s had to shrink)
    double seconds = 0;              ///< wall time of rounding, scaling and verification
};

/// Bits of the rounding grid relative to max |λ|: λ_q = round(λ·2^E)/2^E with max |λ|·2^E in
/// [2^(bits-1), 2^bits).
inline constexpr int kLambdaBits = 44;

/// λ (double, length D), w (rationals "p" or "p/q", length D), 1 <= K <= D. λ = 0 gives
/// lower = 0 with s = 1. Throws std::invalid_argument on bad input, std::runtime_error if no
/// scale passes the exact test (not expected: every s below 2/||T(λ_q)||_op passes).
RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<std::string>& w, long K);

/// The same with w given as doubles, each read as the exact rational it represents.
RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<double>& w, long K);

} // namespace convcert::regularizer
