// Barrier refinement of the dual for R >= 1 input channels (MATH.md §7/§8): maximize <λ, W>
// subject to 4I - T(λ)T(λ)ᵀ ⪰ 0 by following the central path of
// -<λ, W> - μ log det(4I - T Tᵀ) (regularizer/numeric/barrier_path.h with λ = z), μ shrinking
// tenfold per centering until R·K·μ <= 1e-13·<λ, W> (the central point at μ is within R·K·μ of
// the optimum). Needs no primal information and no
// nondegeneracy, unlike Σ_d⁻¹-based duals; SDPA stalls near a relative gap of 1e-7 on these
// problems. The same central point gives the primal: the talk's SDP (MATH.md §6) has the dual
// slack S = [[I, -T/2], [-Tᵀ/2, I]] and the central Z = μ S⁻¹, whose kernel block is
// X = 4μ(4I - T Tᵀ)⁻¹. Untrusted: λ is only a candidate for exact/lower_bound.h, X for the
// kernels of exact/network.h.
#pragma once

#include "certify/grid.h"
#include "regularizer/numeric/closed_form.h"

namespace convcert::regularizer {

struct RegularizerDualBarrier {
    Rows lambda;           ///< R rows of D, strictly feasible in double
    double value = 0;      ///< <λ, W>
    double mu = 0;         ///< final barrier weight
    std::vector<double> X; ///< primal Gram estimate 4μ(4I - T Tᵀ)⁻¹, row-major (R·K)²
    int newton_steps = 0;
    double seconds = 0;
};

/// lambda0: a starting dual (e.g. SDPA's), scaled by 0.99·2/||T(λ0)||_op into the interior
/// (zero: start from 0). Cost per Newton step O(R²·D²·log D) for the Hessian (FFTs,
/// barrier_hessian.h), O((R·K)²·D) for (4I - T Tᵀ)⁻¹ and O((R·D)³) for the solve: D = 28×28,
/// K = 8×8, R = 1 about 0.1 s. Preconditions: W has R rows
/// of D = grid_signal_size(g), K = grid_kernel_size(g) (T(λ) of the grid g, certify/grid.h),
/// W ≠ 0; throws std::invalid_argument otherwise.
RegularizerDualBarrier regularizer_dual_barrier(const Rows& W, const Grid& g, const Rows& lambda0);

} // namespace convcert::regularizer
