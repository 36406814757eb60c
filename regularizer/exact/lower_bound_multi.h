// Exact lower bound on R_{K,C}(W) for R input channels from a numerical dual λ ∈ R^{R×D}
// (MATH.md §7/§8): round λ to one dyadic grid, scale it by a short dyadic s so that
// 4I_{RK} - T Tᵀ ⪰ 0 holds exactly (T stacks the blocks T(λ_r); fraction-free elimination),
// and evaluate <sλ, W> over Q. The elimination is cubic in R·K with entries growing to about
// R·K·(2·bits + log D) bits: R·K = 48 takes about 0.15 s, R·K = 128 and 192 (K = D = 64)
// 7-40 s on a loaded machine; R·K = 512 (K = D = 256, R = 2) and beyond is out of reach.
#pragma once

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerLowerBoundMulti {
    std::vector<std::vector<std::string>> lambda; ///< s·λ_q, R rows of D, exactly dual feasible
    std::string scale;                            ///< s
    std::string lower;                            ///< <s·λ_q, W>, exact
    double lower_double = 0;                      ///< lower rounded to double
    int attempts = 0;                             ///< exact PSD tests run
    double seconds = 0;                           ///< wall time
};

/// Bits of the rounding grid of λ relative to max |λ| (the loss is about 2^-bits·sqrt(R·K)
/// relative, far below 1e-9, and fewer bits keep the elimination's integers short).
inline constexpr int kLambdaBitsMulti = 44;

/// λ (double, R rows of D), W (rationals "p" / "p/q", R rows of D), 1 <= K <= D. λ = 0 gives
/// lower = 0 with s = 1. Throws std::invalid_argument on bad shapes or entries,
/// std::runtime_error if no scale passes the exact test.
RegularizerLowerBoundMulti
regularizer_lower_bound_multi(const std::vector<std::vector<double>>& lambda,
                              const std::vector<std::vector<std::string>>& W, long K,
                              int bits = kLambdaBitsMulti);

} // namespace convcert::regularizer
