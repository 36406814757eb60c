// maxmargin-bracket generation (see bracket.h).
#include "maxmargin/bracket.h"

#include "maxmargin/barrier_spectral.h"
#include "maxmargin/dual_barrier_maxmargin.h"
#include "maxmargin/grid_validate.h"
#include "maxmargin/kkt_polish.h"
#include "maxmargin/lower_bound.h"
#include "maxmargin/margin.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"
#include "maxmargin/upper_bound.h"
#include "maxmargin/upper_closed_form.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// ||F|| below which a KKT polish counts as converged (margins are 1, costs about 1).
constexpr double kKktConverged = 1e-10;
/// Relative slack on ||T(λ)||_op <= 2 for a converged point to count as the optimum.
constexpr double kKktDualSlack = 1e-6;

/// A converged KKT point whose α is dual feasible (in doubles) is the optimum; one whose α is
/// not is only a stationary point of the few-channel problem (2-D grids have them: the Lemma
/// fails there, MATH.md "Two-dimensional signals"). On 1-D grids (D1 = 1) every converged
/// point is accepted, as before this test existed, so that 1-D certificates keep their bytes
/// (the test would help there too at R > 1: measured gaps 3e-8 -> 1e-12).
bool kkt_accepted(const MaxmarginKkt& k, const Grid& g) {
    return k.residual < kKktConverged && (g.D1 == 1 || k.dual_norm <= 2 * (1 + kKktDualSlack));
}

// The KKT polish of SDPA's point, or nothing (with the reason in rep.polish). Channels: the
// top 1, 2, ..., R + 1 eigenvectors of Z, the first accepted (few channels make the upper
// bound hold for more C; for R = 1 in 1-D a one-channel optimum exists, the Theorem), then all
// of Z's numerical rank; else an accepted point, then the smallest residual, wins.
std::optional<MaxmarginKkt> polish_point(const data::Dataset& d, const Grid& g,
                                         const MaxmarginSdpResult& sdp, MaxmarginReport& rep) {
    std::optional<MaxmarginKkt> best;
    rep.polish = "none";
    auto better = [&](const MaxmarginKkt& a, const MaxmarginKkt& b) {
        if (kkt_accepted(a, g) != kkt_accepted(b, g)) return kkt_accepted(a, g);
        return a.residual < b.residual;
    };
    for (long k = 1; k <= d.R + 2; ++k) {
        const long channels = k <= d.R + 1 ? k : 0;
        try {
            MaxmarginKkt kkt = maxmargin_kkt_polish(d, g, sdp.gram, sdp.alpha, channels);
            if (!best || better(kkt, *best)) best = std::move(kkt);
        } catch (const std::exception& e) {
            if (!best) rep.polish = std::string("none: ") + e.what();
        }
        if (best && kkt_accepted(*best, g)) break;
    }
    if (!best) return best;
    char buf[160];
    std::snprintf(buf, sizeof buf, "kkt C0=%ld |S|=%ld steps=%d residual %.1e -> %.1e",
                  best->channels, best->active, best->iterations, best->initial_residual,
                  best->residual);
    rep.polish = buf;
    return best;
}

// The larger of the exact lower bounds from SDPA's α and the polished α.
MaxmarginLowerBound lower_bound_best(const data::Dataset& d, const Grid& g,
                                     const MaxmarginSdpResult& sdp,
                                     const std::optional<MaxmarginKkt>& kkt, MaxmarginReport& rep) {
    MaxmarginLowerBound best = maxmargin_lower_bound(sdp.alpha, d, g);
    rep.sdp_lower_double = best.lower_double;
    if (!kkt) return best;
    try {
        MaxmarginLowerBound lb = maxmargin_lower_bound(kkt->alpha, d, g);
        if (fmpq_cmp(lb.lower.x, best.lower.x) > 0) {
            rep.polished_lower = true;
            return lb;
        }
    } catch (const std::runtime_error&) {
    }
    return best;
}

/// Whether the barrier solved a problem whose regularizer has a closed form (R = 1, K = 1 or
/// K = D): its point needs no KKT polish, and the closed-form network is the upper bound.
bool closed_form_stage(const data::Dataset& d, const Grid& g, const MaxmarginSdpResult& sdp) {
    return sdp.phase == "barrier" && maxmargin_barrier_spectral_applies(d.R, g);
}

/// The upper bound into the evidence and the report; returns its value.
support::Fmpq upper_best(const data::Dataset& d, const Grid& g, const MaxmarginSdpResult& sdp,
                         const std::optional<MaxmarginKkt>& kkt, double lower,
                         MaxmarginEvidence& ev, MaxmarginReport& rep, std::string& method) {
    const MaxmarginUpperCandidate best = closed_form_stage(d, g, sdp)
                                             ? maxmargin_upper_closed_form(d, g, sdp.W)
                                             : maxmargin_upper_bound(d, g, sdp, kkt, lower);
    rep.polished_upper = best.polished;
    rep.channels = static_cast<long>(best.m.net.u.size());
    rep.w = support::fmpq_mat_to_rows(best.m.w);
    rep.W.clear();
    for (const auto& row : support::fmpq_mat_to_doubles(best.m.w))
        rep.W.insert(rep.W.end(), row.begin(), row.end());
    ev.w = rep.w;
    ev.u.clear();
    for (const auto& k : best.m.net.u)
        ev.u.push_back(support::fmpq_mat_to_rows(k));
    ev.v = regularizer::regularizer_rows_over_denominator(best.m.net.v, best.m.net.v_den);
    method += "; " + best.method + " (C0=" + std::to_string(rep.channels) + ")";
    return best.m.net.cost;
}

/// The claim: the dataset, its grid (shape fields on a 2-D grid only) and the exact bounds.
MaxmarginClaim claim_make(const data::Dataset& d, const Grid& g, const fmpq_t lower,
                          const fmpq_t upper) {
    MaxmarginClaim claim;
    claim.D = d.D;
    claim.K = grid_kernel_size(g);
    claim.R = d.R;
    claim.shape = grid_shape(g);
    claim.kernel_shape = grid_kernel_shape(g);
    for (long i = 0; i < d.n(); ++i) {
        std::vector<std::string> row;
        for (long v : d.x[static_cast<std::size_t>(i)])
            row.push_back(std::to_string(v));
        claim.x.push_back(std::move(row));
        claim.y.push_back(d.y[static_cast<std::size_t>(i)] > 0 ? "1" : "-1");
    }
    claim.lower = support::fmpq_get_string(lower);
    claim.upper = support::fmpq_get_string(upper);
    return claim;
}

/// The numeric stage; throws std::runtime_error when its W does not separate the data.
MaxmarginSdpResult sdp_solve_separating(const data::Dataset& d, const Grid& g,
                                        MaxmarginReport& rep) {
    const support::Stopwatch clock;
    // The one call of the numeric solver: SDPA on the full SDP up to kMaxmarginSdpaMaxSize,
    // our reduced dual barrier above (SDPA's dense Schur products grow like n·N³).
    const long N = d.R * grid_kernel_size(g) + d.D;
    MaxmarginSdpResult sdp =
        N <= kMaxmarginSdpaMaxSize ? maxmargin_sdp_solve(d, g) : maxmargin_dual_barrier(d, g);
    rep.sdp_seconds = clock.seconds();
    rep.sdp_value = sdp.primal;
    rep.sdp_phase = sdp.phase;
    // Any phase is usable when the SDP's W separates the data: both bounds are made exact below
    // and their gap is reported (SDPA often stops at pdFEAS or pFEAS with primal and dual values
    // agreeing to 1e-8 on these degenerate problems). Non-separable data make the SDP
    // infeasible, and no W separates.
    if (sdp.W.empty() || sdp.gram.empty() || !(maxmargin_min_margin(d, sdp.W) > 0))
        throw std::runtime_error("the max-margin SDP gave no separating predictor (phase " +
                                 sdp.phase.substr(0, sdp.phase.find(' ')) +
                                 "; are the data linearly separable?)");
    return sdp;
}

} // namespace

Certificate maxmargin_certificate(const data::Dataset& d, const Grid& g, MaxmarginReport* report) {
    maxmargin_grid_validate(d, g, "maxmargin");
    MaxmarginReport rep;
    const MaxmarginSdpResult sdp = sdp_solve_separating(d, g, rep);
    support::Stopwatch clock;
    if (closed_form_stage(d, g, sdp)) rep.polish = "none: closed-form regularizer";
    const std::optional<MaxmarginKkt> kkt =
        closed_form_stage(d, g, sdp) ? std::nullopt : polish_point(d, g, sdp, rep);
    rep.polish_seconds = clock.seconds();
    clock.restart();
    const MaxmarginLowerBound lb = lower_bound_best(d, g, sdp, kkt, rep);
    rep.lower_seconds = clock.seconds();
    clock.restart();
    MaxmarginEvidence ev;
    ev.alpha = support::fmpq_mat_to_rows(lb.alpha)[0];
    std::string method =
        std::string(sdp.phase == "barrier" ? "reduced dual barrier" : "sdpa full max-margin SDP") +
        (rep.polished_lower ? ", KKT-polished alpha" : "");
    const support::Fmpq upper = upper_best(d, g, sdp, kkt, lb.lower_double, ev, rep, method);
    rep.upper_seconds = clock.seconds();
    // lower <= upper must hold (weak duality); compare exactly.
    if (fmpq_cmp(lb.lower.x, upper.x) > 0)
        throw std::runtime_error("maxmargin: lower exceeds upper");
    support::Fmpq diff;
    fmpq_sub(diff.x, upper.x, lb.lower.x);
    MaxmarginClaim claim = claim_make(d, g, lb.lower.x, upper.x);
    rep.lower = claim.lower;
    rep.upper = claim.upper;
    rep.lower_double = fmpq_get_d(lb.lower.x);
    rep.upper_double = fmpq_get_d(upper.x);
    rep.relative_gap = rep.upper_double > 0 ? fmpq_get_d(diff.x) / rep.upper_double : 0;
    if (report) *report = std::move(rep);
    return Certificate{MaxmarginBody{std::move(claim), std::move(ev)}, method};
}

} // namespace convcert::maxmargin
