// Stage 1 of the regularizer bracket (bracket.h), numerics only: the dual candidates λ for any
// R >= 1, in order of preference. Closed forms at K = 1 and K = D (closed_form.h, whose
// R = 1 case is 2w/||w|| and 2ŵ/|ŵ|); otherwise at R = 1 Newton on the reduction formula first
// (polish_autocorrelation.h) and SDPA's reduced SDP refined by Newton when that fails, at R > 1
// SDPA's reduced SDP refined on the central path (dual_barrier.h). Untrusted: stage 2 verifies
// exactly.
#pragma once

#include "certify/grid.h"
#include "regularizer/bracket_source.h"
#include "regularizer/numeric/closed_form.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerDualCandidate {
    Rows lambda; ///< R rows of D
    RegularizerDualSource source = RegularizerDualSource::Zero;
    std::vector<double> r; ///< R = 1, 1 < K < D: the autocorrelation λ came from
    double estimate = 0;   ///< numerical R_{K,∞}(W) at this point
};

/// How stage 1 went, for reports (RegularizerBracket keeps it as is).
struct RegularizerDualSolve {
    RegularizerGramSource gram_source = RegularizerGramSource::Sdpa; ///< R > 1: whose Gram
    std::string sdp_status; ///< SDPA's phase, empty when no SDP ran
    double sdp_gap = 0;     ///< SDPA's relative duality gap
    int sdp_iterations = 0;
    int barrier_steps = 0; ///< central-path Newton steps (R > 1)
    double sdp_seconds = 0, barrier_seconds = 0;
    double seconds = 0; ///< all of stage 1
};

struct RegularizerDualNumeric {
    std::vector<RegularizerDualCandidate> candidates; ///< at least one; ties go to the first
    std::vector<double> gram; ///< R > 1, 1 < K < D: the optimal Gram matrix, (R·K)² row-major
    RegularizerDualSolve solve;
};

/// W: R >= 1 rows of D = grid_signal_size(g) finite doubles, not all zero. A grid with D1 > 1
/// (2-D: no autocorrelation SDP, no Fejér–Riesz) takes the R > 1 route (SDPA's Gram SDP and
/// the central path) at every R. Throws std::invalid_argument on bad shapes (from the solvers).
RegularizerDualNumeric regularizer_dual_numeric(const Rows& W, const Grid& g,
                                                RegularizerSolver solver);

} // namespace convcert::regularizer
