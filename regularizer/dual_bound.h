// The lower-bound pipeline for single-channel inputs: a numerical dual vector (closed form
// at K = 1 and K = D, otherwise SDPA's reduced SDP refined by Newton on r* when r* is interior),
// rounded, scaled and verified exactly by lower_bound.h. The best certified candidate wins.
#pragma once

#include "regularizer/exact/lower_bound_strings.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerDualBound {
    RegularizerLowerBoundStrings bound; ///< the certified λ and lower = <λ, w>
    std::string source;       ///< "zero", "closed-form K=1", "closed-form K=D", "newton", "sdpa",
                              ///< "sdpa+newton"
    std::vector<double> r;    ///< numerical optimal autocorrelation (empty for closed forms)
    double estimate = 0;      ///< numerical R_{K,∞}(w): f(r) or the closed form (double)
    std::string sdp_status;   ///< SDPA's phase, empty when no SDP ran
    double sdp_gap = 0;       ///< SDPA's relative duality gap
    double sdp_seconds = 0;   ///< SDPA build + solve time
    double solve_seconds = 0; ///< all numerical solving: Newton from ||w|| e_0, SDPA, polish
    double exact_seconds = 0; ///< total time of the exact verifications
};

/// How 1 < K < D is solved numerically.
enum class RegularizerSolver {
    /// Damped Newton on the reduction formula from r = ||w|| e_0 first (milliseconds; it
    /// converges in a few steps when the optimum r* is strictly positive on the circle), SDPA's
    /// reduced SDP when it does not converge (a boundary optimum).
    Auto,
    /// SDPA's reduced SDP always, then the Newton refinement from SDPA's r*.
    Sdpa,
};

/// w exact (rationals "p" / "p/q", length D), 1 <= K <= D. Throws std::invalid_argument on bad
/// input, std::runtime_error if SDPA returns no usable point.
RegularizerDualBound regularizer_dual_bound(const std::vector<std::string>& w, long K,
                                            RegularizerSolver solver = RegularizerSolver::Auto);

} // namespace convcert::regularizer
