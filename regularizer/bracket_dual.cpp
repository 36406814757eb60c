// Stage 1 of the regularizer bracket: numerical dual candidates (see bracket_dual.h).
#include "regularizer/bracket_dual.h"

#include "regularizer/numeric/dual_barrier.h"
#include "regularizer/numeric/polish_autocorrelation.h"
#include "regularizer/sdp/sdp_autocorrelation.h"
#include "regularizer/sdp/sdp_gram.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Newton steps allowed from ||w|| e_0 before SDPA takes over (interior optima: 5 to 8).
constexpr int kNewtonFirstIterations = 40;

/// K = 1 and K = D (K1×K2 = D1×D2) for any R.
bool dual_closed_form(const Rows& W, const Grid& g, RegularizerDualNumeric& out) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    if (K == 1)
        out.candidates.push_back({regularizer_lambda_k1(W),
                                  RegularizerDualSource::ClosedFormK1,
                                  {},
                                  regularizer_value_k1(W)});
    else if (K == D)
        out.candidates.push_back({regularizer_lambda_kd(W, g),
                                  RegularizerDualSource::ClosedFormKD,
                                  {},
                                  regularizer_value_kd(W, g)});
    return K == 1 || K == D;
}

/// R = 1, Auto: Newton from the K = 1 optimum r = ||w|| e_0 (strictly inside the cone).
bool dual_newton_first(const std::vector<double>& w, long K, RegularizerDualNumeric& out) {
    double norm2 = 0;
    for (double x : w)
        norm2 += x * x;
    std::vector<double> r0(K, 0.0);
    r0[0] = std::sqrt(norm2);
    try {
        auto p = regularizer_polish_autocorrelation(w, r0, kNewtonFirstIterations);
        if (!p.converged) return false;
        out.candidates.push_back(
            {{std::move(p.lambda)}, RegularizerDualSource::Newton, std::move(p.r), p.value});
        return true;
    } catch (const std::invalid_argument&) {
        return false; // SDPA takes over
    }
}

/// R = 1: SDPA's reduced SDP, then Newton from its r* when r* is interior.
void dual_sdpa_newton(const std::vector<double>& w, long K, RegularizerDualNumeric& out) {
    auto sdp = regularizer_sdp_autocorrelation_solve(w, K);
    out.solve.sdp_status = sdp.status;
    out.solve.sdp_gap = sdp.relative_gap;
    out.solve.sdp_iterations = sdp.iterations;
    out.solve.sdp_seconds = sdp.seconds;
    out.candidates.push_back(
        {{std::move(sdp.lambda)}, RegularizerDualSource::Sdpa, sdp.r, sdp.value_r});
    try {
        auto p = regularizer_polish_autocorrelation(w, sdp.r);
        if (p.interior)
            out.candidates.push_back({{std::move(p.lambda)},
                                      RegularizerDualSource::SdpaNewton,
                                      std::move(p.r),
                                      p.value});
    } catch (const std::invalid_argument&) {
        // σ(r*) not positive on the fine grid: keep SDPA's own λ.
    }
}

/// R > 1: SDPA's reduced SDP, which stalls near a relative gap of 1e-7, refined on the central
/// path (which also gives a primal Gram matrix). Both λ are candidates, the central one first.
void dual_sdpa_barrier(const Rows& W, const Grid& g, RegularizerDualNumeric& out) {
    auto sdp = regularizer_sdp_gram_solve(W, g);
    out.solve.sdp_status = sdp.status;
    out.solve.sdp_gap = sdp.relative_gap;
    out.solve.sdp_iterations = sdp.iterations;
    out.solve.sdp_seconds = sdp.seconds;
    double estimate = std::isfinite(sdp.value_x) ? sdp.value_x : sdp.primal;
    try {
        const support::Stopwatch watch;
        auto bar = regularizer_dual_barrier(W, g, sdp.lambda);
        out.solve.barrier_seconds = watch.seconds();
        out.solve.barrier_steps = bar.newton_steps;
        estimate = bar.value;
        out.candidates.push_back(
            {std::move(bar.lambda), RegularizerDualSource::Barrier, {}, estimate});
        out.gram = std::move(bar.X);
        out.solve.gram_source = RegularizerGramSource::Barrier;
    } catch (const std::invalid_argument&) {
    }
    out.candidates.push_back({std::move(sdp.lambda), RegularizerDualSource::Sdpa, {}, estimate});
    if (out.gram.empty()) out.gram = std::move(sdp.X);
    for (auto& c : out.candidates)
        c.estimate = estimate;
}

} // namespace

RegularizerDualNumeric regularizer_dual_numeric(const Rows& W, const Grid& g,
                                                RegularizerSolver solver) {
    const support::Stopwatch watch;
    RegularizerDualNumeric out;
    const long K = grid_kernel_size(g);
    if (!dual_closed_form(W, g, out)) {
        if (W.size() > 1 || g.D1 > 1)
            dual_sdpa_barrier(W, g, out);
        else if (solver == RegularizerSolver::Sdpa || !dual_newton_first(W[0], K, out))
            dual_sdpa_newton(W[0], K, out);
    }
    out.solve.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
