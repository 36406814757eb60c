// Exact lower bound on R_{K,C}(W) from a numerical dual point λ (MATH.md §7-§8), for any
// number R >= 1 of input channels: round λ to one dyadic grid, scale it by a short dyadic s
// until 4I_{RK} - T(sλ)T(sλ)ᵀ ⪰ 0 holds exactly (dual_scale.h), and evaluate <sλ, W> over Q.
// The PSD test (psd_exact.h) is the checker's floating-point Cholesky above 32 rows, O((R·K)³)
// doubles, and exact elimination only when that cannot decide (up to 32 rows, or a nearly
// singular matrix): the elimination alone took 103 s at R·K = 196 and is out of reach at 512.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::regularizer {

struct RegularizerLowerBound {
    support::FmpqMat lambda; ///< s·λ_q, R rows of D, exactly dual feasible
    support::Fmpq scale;     ///< s (any sign of s - 1: λ may be strictly feasible)
    support::Fmpq lower;     ///< <s·λ_q, W>, exact
    double lower_double = 0; ///< lower rounded to double
    int attempts = 0;        ///< exact PSD tests run (1 unless s had to shrink; 0 for λ = 0)
    double seconds = 0;      ///< wall time of rounding, scaling and verification
};

/// Bits of the rounding grid relative to max |λ|: λ_q = round(λ·2^E)/2^E with max |λ|·2^E in
/// [2^(bits-1), 2^bits) (the loss is about 2^-bits·sqrt(R·K) relative, far below 1e-9, and
/// fewer bits keep the elimination's integers short).
inline constexpr int kLambdaBits = 44;

/// lambda: R rows of D finite doubles; W: R×D exact, D = grid_signal_size(g) (T(λ) of the grid
/// g, certify/grid.h). λ = 0 gives lower = 0 with
/// s = 1. Throws std::invalid_argument on bad shapes or non-finite λ, std::runtime_error if no
/// scale passes the exact test (not expected: every s below 2/||T(λ_q)||_op passes).
RegularizerLowerBound regularizer_lower_bound(const std::vector<std::vector<double>>& lambda,
                                              const support::FmpqMat& W, const Grid& g,
                                              int bits = kLambdaBits);

/// The 1-D form: the grid 1×D with kernel 1×K, D = W's columns.
inline RegularizerLowerBound regularizer_lower_bound(const std::vector<std::vector<double>>& lambda,
                                                     const support::FmpqMat& W, long K,
                                                     int bits = kLambdaBits) {
    return regularizer_lower_bound(lambda, W, grid_1d(W.cols(), K), bits);
}

} // namespace convcert::regularizer
