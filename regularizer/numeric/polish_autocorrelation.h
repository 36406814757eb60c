// Newton refinement of the optimal autocorrelation r* for one input channel (R = 1) on the
// reduction formula (MATH.md §3.1) f(r) = r[0] + (1/D) sum_d |ŵ[d]|² / σ_d(r), and the dual
// vector it implies through §7, λ̂[d] = 2ŵ[d]/σ_d(r). The bracket uses it at R = 1 and
// 1 < K < D (bracket_dual.cpp): from ||w|| e_0 first under RegularizerSolver::Auto, from SDPA's
// r* (sdp_autocorrelation.h) otherwise; at R > 1 it refines the kernels instead
// (polish_kernels.h). Untrusted: λ is only a candidate for the exact lower bound, and r is
// only a candidate for the upper bound (its spectral factor exists only where σ >= 0 on the
// whole circle, which the upper-bound step must certify).
#pragma once

#include <vector>

namespace convcert::regularizer {

struct RegularizerPolishAutocorrelation {
    std::vector<double> r;      ///< refined autocorrelation, length K
    std::vector<double> lambda; ///< IDFT(2ŵ/σ(r)), 0 where ŵ[d] = 0, length D
    double value = 0;           ///< f(r)
    double min_sigma = 0;       ///< min_d σ_d(r) over the D frequencies (> 0)
    int iterations = 0;         ///< Newton steps taken
    bool interior = false;      ///< min σ(r0) on the fine grid > 1e-3 r0[0]; else r = r0, no steps
    bool converged = false;     ///< stopped at the rounding floor (decrement stops shrinking)
};

/// Damped Newton on f from r0 (e.g. SDPA's r*), keeping σ(r) > 0 on a 16D-point grid of the
/// circle (a numerical stand-in for "r is an autocorrelation"). f is convex there; when
/// σ* > 0 on the whole circle, r* is its unconstrained minimizer and Newton converges
/// quadratically. When σ(r0) comes within 1e-3 r0[0] of 0 on that grid (σ* touches 0 between
/// frequencies: a boundary optimum, where unconstrained Newton leaves the cone) r0 is kept.
/// Precondition: σ(r0) > 0 on that grid, 1 <= K = r0.size() <= D = w.size(). Throws
/// std::invalid_argument otherwise.
RegularizerPolishAutocorrelation regularizer_polish_autocorrelation(const std::vector<double>& w,
                                                                    const std::vector<double>& r0,
                                                                    int max_iterations = 50);

} // namespace convcert::regularizer
