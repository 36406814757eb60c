// The max-margin SDP of MATH.md §9 by our own dual barrier instead of SDPA: its dual
//   max sum_i α_i  s.t.  α >= 0,  4I - T(λ)T(λ)ᵀ ⪰ 0,  λ = sum_i α_i y_i x_i
// (one LMI of size R·K with n variables) on the central path of
// regularizer/numeric/barrier_path.h, in the scaled data x̃ = σx (σ = 1/max_i ||x_i||, as
// sdp_maxmargin.h). The central point gives the talk's primal (MATH.md §6) for x̃:
//   Z̃ = μ [[4P, 2Q], [2Qᵀ, I + TᵀQ]],  P = (4I - T Tᵀ)⁻¹, Q = P T,
// with margins y_i <W̃, x̃_i> = 1 + μ/a_i (a the multipliers for x̃) and tr Z̃ - sum a_i =
// μ(R·K + D + n). Z̃'s rounding error grows like 1e-16/μ (its kernel block inverts the nearly
// singular 4I - T Tᵀ), so the primal reported is the central Z̃ divided by its smallest margin
// (every margin >= 1) at the μ where that value tr Z̃/min margin is smallest; the dual is the
// last point's. Results are for the unscaled x exactly as maxmargin_sdp_solve reports SDPA's:
// W = σW̃, alpha = σa, gram = σZ̃. Cost per Newton step: O(R²D² log D) FFTs for the LMI's
// Hessian, O(R²D²n) to reduce it to the n×n Hessian in α, O((R·K)²D) for P and Q. With one
// input channel and K = 1 or K = D the LMI is a set of norm constraints (barrier_spectral.h):
// there a Newton step costs O(D·n²), each centering's primal value comes from the spectrum, and
// Z̃ is formed once, at the best point, from the spectrum (no inversion of 4I - T Tᵀ).
// Untrusted numerics; maxmargin/bracket.h certifies the value.
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "maxmargin/sdp_maxmargin.h"

namespace convcert::maxmargin {

struct MaxmarginBarrierOptions {
    /// Stop on the central path once μ(R·K + D + n) <= relative_gap · sum a_i, i.e. primal and
    /// dual agree to this relative gap (up to the centering error).
    double relative_gap = 1e-10;
    /// The result is `optimal` when primal - dual <= optimal_gap · primal (issue 13's target
    /// for the certified bracket is 1e-6).
    double optimal_gap = 1e-6;
};

/// The central-path solve. The result's phase is "barrier", `optimal` as in the options.
/// Preconditions: d valid (data_dataset_validate), g a grid of d's size
/// (grid_signal_size(g) = d.D, 1 <= K1 <= D1, 1 <= K2 <= D2), some sample nonzero;
/// throws std::invalid_argument otherwise, std::runtime_error when no central point separates
/// the data (non-separable data: the dual is unbounded).
MaxmarginSdpResult maxmargin_dual_barrier(const data::Dataset& d, const Grid& g,
                                          const MaxmarginBarrierOptions& options = {});

} // namespace convcert::maxmargin
