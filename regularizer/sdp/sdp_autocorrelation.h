// The reduced SDP of MATH.md §6 for one input channel (R = 1), solved numerically with SDPA:
// one K×K block X plus one 2×2 block per frequency class {d, D-d} on |ŵ[d]|, reporting the
// autocorrelation r* of X. The bracket uses it at R = 1 and 1 < K < D when Newton from
// ||w|| e_0 does not converge or under RegularizerSolver::Sdpa (bracket_dual.cpp); at R > 1
// it uses the general form with (R+1)×(R+1) blocks (sdp_gram.h), which at R = 1 is the same
// problem with larger blocks. Untrusted: its λ is only a starting point that the exact lower
// bound rounds and verifies.
#pragma once

#include "regularizer/sdp/sdpa_run.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerSdpAutocorrelationResult {
    double primal = 0; ///< tr X + (1/D) sum_d t_d at SDPA's primal point (≈ R_{K,∞}(w))
    double dual = 0;   ///< SDPA's dual objective, = <λ, w> up to rounding
    std::vector<double> lambda; ///< the dual vector in the time domain (MATH.md §7), length D
    std::vector<double> r;      ///< optimal autocorrelation r*[j] = sum_i X[i][i+j], length K
    double value_r = 0;         ///< r[0] + (1/D) sum_d |ŵ[d]|²/σ_d(r): the primal value at r
    std::string status;         ///< SDPA phase ("pdOPT" when solved), "trivial" for w = 0
    bool optimal = false;       ///< status is pdOPT (or trivial)
    double relative_gap = 0;    ///< |primal - dual| / max(1, (|primal| + |dual|) / 2)
    int iterations = 0;
    double seconds = 0; ///< wall time of building and solving
};

/// Solves min tr X + (1/D) sum_d t_d s.t. X ⪰ 0 (K×K), [[t_d, |ŵ[d]|], [|ŵ[d]|, σ_d(X)]] ⪰ 0,
/// using the symmetry σ_d = σ_{D-d} (blocks d = 0..⌊D/2⌋, weighted by their class size).
/// The SDPA variable vector is the dual of this problem: with p_d the multiplier of
/// "Z_d[1][2] = |ŵ[d]|", λ̂[d] = -(D/m_d) p_d ŵ[d]/|ŵ[d]| and λ = IDFT(λ̂), so <λ, w> is SDPA's
/// dual value and ||T(λ)||_op <= 2 is SDPA's dual feasibility. w is scaled to unit norm for
/// the solve and the results scaled back (R is 1-homogeneous, λ is scale-invariant). The
/// problem is exactly regularizer_sdp_data_autocorrelation(w, K) (sdp_data.h), which sdpa_format.h
/// writes as a file.
/// Throws std::invalid_argument unless 1 <= K <= D = w.size() and w is finite.
RegularizerSdpAutocorrelationResult
regularizer_sdp_autocorrelation_solve(const std::vector<double>& w, long K,
                                      const RegularizerSdpOptions& options = {});

} // namespace convcert::regularizer
