// Runs the SDPA callable library on plain SDP data (sdp_data.h): the one place that talks to
// SDPA, shared by the reduced solve (sdp_autocorrelation.h) and the full-form benchmark peer
// (sdp_full.h). Untrusted numerics.
#pragma once

#include "regularizer/sdp/sdp_data.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerSdpOptions {
    double epsilon = 1e-10;   ///< SDPA epsilonStar and epsilonDash (relative gap / feasibility)
    int max_iterations = 200; ///< SDPA maxIteration
    int threads = 1;          ///< SDPA worker threads (0: SDPA's default)
};

/// What SDPA returns, in its own convention (sdp_data.h): no rescaling by data.scale.
struct RegularizerSdpaRaw {
    double primal_objective = 0;        ///< SDPA's (P) value c·x
    double dual_objective = 0;          ///< SDPA's (D) value F_0•Y
    std::vector<double> x;              ///< the (P) vector, x[k-1] = x_k
    std::vector<std::vector<double>> y; ///< the (D) blocks of Y, dense column-major, one per block
    std::string phase;                  ///< SDPA's phase string ("pdOPT" when solved)
    bool optimal = false;               ///< phase is pdOPT
    int iterations = 0;
};

/// R_{K,∞} values in the problem's own units (sdp_data.h: R = -scale · the optimal value):
/// primal = -scale · (D) objective, dual = -scale · (P) objective, and their relative gap
/// |primal - dual| / max(1, (|primal| + |dual|) / 2).
struct RegularizerSdpValues {
    double primal = 0, dual = 0, relative_gap = 0;
};
RegularizerSdpValues regularizer_sdpa_values(const RegularizerSdpaRaw& raw, double scale);

/// The common tail of the reduced solves (sdp_autocorrelation.h, sdp_gram.h): SDPA's phase,
/// optimality and iteration count, and the values of regularizer_sdpa_values(raw, scale), into
/// a result with the fields status, optimal, iterations, primal, dual and relative_gap.
template <class Result>
void regularizer_sdpa_report(const RegularizerSdpaRaw& raw, double scale, Result& out) {
    const RegularizerSdpValues values = regularizer_sdpa_values(raw, scale);
    out.status = raw.phase;
    out.optimal = raw.optimal;
    out.iterations = raw.iterations;
    out.primal = values.primal;
    out.dual = values.dual;
    out.relative_gap = values.relative_gap;
}

/// Loads data into SDPA (block l of data is SDPA block l+1, all SDP blocks) and solves it, with
/// SDPA's console output suppressed. Preconditions: data as built by sdp_data.h (entries in the
/// upper triangle of their blocks, 1 <= matrix index <= m or 0, blocks and sizes consistent;
/// std::invalid_argument otherwise). SDPA's failures are reported through the phase.
RegularizerSdpaRaw regularizer_sdpa_run(const RegularizerSdpData& data,
                                        const RegularizerSdpOptions& options = {});

} // namespace convcert::regularizer
