// The reduced SDP of MATH.md §6/§8 for any number R >= 1 of input channels, solved
// numerically with SDPA: one (R·K)×(R·K) block X (the Gram matrix of the stacked kernels) plus
// one Hermitian (R+1)×(R+1) block per frequency class {d, D-d}, passed as its real
// 2(R+1)×2(R+1) embedding. The bracket uses it at R > 1 and 1 < K < D (bracket_dual.cpp, then
// refined by dual_barrier.h); at R = 1 it uses the smaller 2×2-block form on the
// autocorrelation (sdp_autocorrelation.h). Untrusted: λ and X are only starting points for the
// exact lower and upper bounds.
#pragma once

#include "certify/grid.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_run.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerSdpGramResult {
    double primal = 0; ///< tr X + (1/D) sum_d t_d at SDPA's primal point (≈ R_{K,∞}(W))
    double dual = 0;   ///< SDPA's dual objective
    std::vector<std::vector<double>> lambda; ///< time-domain dual (MATH.md §7/§8), R rows of D
    double lambda_dot_w = 0;                 ///< <λ, W> recomputed from lambda (≈ dual)
    std::vector<double> X;   ///< optimal Gram matrix, row-major (R·K)², index (r, k) -> r·K + k
    double value_x = 0;      ///< tr X + (1/D) sum_d Ŵ_dᴴ Σ_d(X)⁻¹ Ŵ_d (t_d made tight)
    std::string status;      ///< SDPA phase ("pdOPT" when solved), "trivial" for W = 0
    bool optimal = false;    ///< status is pdOPT (or trivial)
    double relative_gap = 0; ///< |primal - dual| / max(1, (|primal| + |dual|) / 2)
    int iterations = 0;
    long constraints = 0; ///< SDPA's m: about (D/2)(R² + 2R)
    double seconds = 0;   ///< wall time of building and solving
};

/// Solves min tr X + (1/D) sum_d t_d s.t. X ⪰ 0 and [[t_d, Ŵ_dᴴ], [Ŵ_d, Σ_d(X)]] ⪰ 0 with
/// Ŵ_d = Ŵ[:, d] and Σ_d(X)[r][r'] = sum_{k,k'} X[(r,k),(r',k')] exp(-2πi(k-k')d/D), over
/// the classes d = 0..⌊D/2⌋ (d and D-d give conjugate blocks). With x the multipliers of
/// "Re/Im M_d[1+r][0] = Re/Im Ŵ_r[d]", λ̂_r[d] = -(D/m_d)(x_re + i x_im) and λ_r = IDFT(λ̂_r).
/// W is scaled to unit Frobenius norm for the solve and the results scaled back.
/// Cost: m ≈ (D/2)(R² + 2R) constraints, each Σ constraint touching K² entries of X; SDPA's
/// Schur complement is m×m dense, so time grows like D³R⁶ (R = 3, D = 256, K = 16: 5-8 s).
/// On a 2-D grid (certify/grid.h) the same with d = (d1, d2), the classes {d, -d} (one block
/// each, real where d = -d), the phases of grid_phase and the kernel offsets of grid_offset.
/// Preconditions: W has R >= 1 rows of D = grid_signal_size(g) finite entries, 1 <= K1 <= D1,
/// 1 <= K2 <= D2. Throws std::invalid_argument otherwise.
RegularizerSdpGramResult regularizer_sdp_gram_solve(const std::vector<std::vector<double>>& W,
                                                    const Grid& g,
                                                    const RegularizerSdpOptions& options = {});

/// The problem regularizer_sdp_gram_solve hands to SDPA (sdp_data.h), for the SDPA-format
/// writer (sdpa_format.h): W scaled to unit Frobenius norm (by 1 when W = 0), data.scale = ||W||_F.
/// Same preconditions, std::invalid_argument otherwise.
RegularizerSdpData regularizer_sdp_data_gram(const std::vector<std::vector<double>>& W,
                                             const Grid& g);

/// tr X + (1/D) sum_d Ŵ_dᴴ Σ_d(X)⁻¹ Ŵ_d in double (+inf if some Σ_d is not positive definite
/// on Ŵ_d), X row-major (R·K)². The reduced objective with tight t_d.
double regularizer_reduced_value_gram(const std::vector<std::vector<double>>& W, const Grid& g,
                                      const std::vector<double>& X);

/// The 1-D grid 1×D with kernel 1×K of W's rows (D = 0 when W has no rows: then rejected).
inline Grid regularizer_gram_grid_1d(const std::vector<std::vector<double>>& W, long K) {
    return grid_1d(W.empty() ? 0 : static_cast<long>(W[0].size()), K);
}

/// The 1-D forms (regularizer_gram_grid_1d).
inline RegularizerSdpGramResult
regularizer_sdp_gram_solve(const std::vector<std::vector<double>>& W, long K,
                           const RegularizerSdpOptions& options = {}) {
    return regularizer_sdp_gram_solve(W, regularizer_gram_grid_1d(W, K), options);
}
inline RegularizerSdpData regularizer_sdp_data_gram(const std::vector<std::vector<double>>& W,
                                                    long K) {
    return regularizer_sdp_data_gram(W, regularizer_gram_grid_1d(W, K));
}

} // namespace convcert::regularizer
