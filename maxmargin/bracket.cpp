// maxmargin-bracket generation (see bracket.h).
#include "maxmargin/bracket.h"

#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "maxmargin/kkt_polish.h"
#include "maxmargin/lower_bound.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"
#include "regularizer/bracket.h"
#include "regularizer/bracket_multi.h"
#include "regularizer/lower_bound.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// ||F|| below which a KKT polish counts as converged (margins are 1, costs about 1).
constexpr double kKktConverged = 1e-10;

// Exact min_i y_i <W, x_i> into out.
void min_margin_exact(fmpq_t out, const data::Dataset& d, const std::vector<double>& W) {
    lemma::FmpqVec w(static_cast<long>(W.size()));
    for (std::size_t k = 0; k < W.size(); ++k)
        regularizer::regularizer_fmpq_set_double(w.v + k, W[k]);
    maxmargin_min_margin_exact(out, d, w.v);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The KKT polish of SDPA's point, or nothing (with the reason in rep.polish). Channels: the
// top 1, 2, ..., R + 1 eigenvectors of Z, the first that converges (few channels make the
// upper bound hold for more C; for R = 1 a one-channel optimum exists, the Theorem), then all
// of Z's numerical rank; the smallest residual wins.
std::optional<MaxmarginKkt> polish_point(const data::Dataset& d, long K,
                                         const MaxmarginSdpResult& sdp, MaxmarginReport& rep) {
    std::optional<MaxmarginKkt> best;
    rep.polish = "none";
    for (long k = 1; k <= d.R + 2; ++k) {
        const long channels = k <= d.R + 1 ? k : 0;
        try {
            MaxmarginKkt kkt = maxmargin_kkt_polish(d, K, sdp.gram, sdp.alpha, channels);
            if (!best || kkt.residual < best->residual) best = std::move(kkt);
        } catch (const std::exception& e) {
            if (!best) rep.polish = std::string("none: ") + e.what();
        }
        if (best && best->residual < kKktConverged) break;
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
MaxmarginLowerBound lower_bound_best(const data::Dataset& d, long K, const MaxmarginSdpResult& sdp,
                                     const std::optional<MaxmarginKkt>& kkt, MaxmarginReport& rep) {
    MaxmarginLowerBound best = maxmargin_lower_bound(sdp.alpha, d, K);
    rep.sdp_lower_double = best.lower_double;
    if (!kkt) return best;
    try {
        MaxmarginLowerBound lb = maxmargin_lower_bound(kkt->alpha, d, K);
        lemma::Fmpq a, b;
        fmpq_set_str(a.x, lb.lower.c_str(), 10);
        fmpq_set_str(b.x, best.lower.c_str(), 10);
        if (fmpq_cmp(a.x, b.x) > 0) {
            rep.polished_lower = true;
            return lb;
        }
    } catch (const std::runtime_error&) {
    }
    return best;
}

// Whether the polished network's estimated cost at margin 1 is at most SDPA's (tr Z / min
// margin): then it gives the upper bound.
bool polished_upper_better(const data::Dataset& d, const MaxmarginSdpResult& sdp,
                           const std::optional<MaxmarginKkt>& kkt) {
    if (!kkt) return false;
    const double m = maxmargin_min_margin(d, kkt->W);
    if (!(m > 0) || !std::isfinite(kkt->cost)) return false;
    return kkt->cost / m <= sdp.primal / maxmargin_min_margin(d, sdp.W);
}

// The upper bound from the polished network itself, made exact (network_upper.h).
std::string upper_from_network(const data::Dataset& d, long K, const MaxmarginKkt& kkt,
                               MaxmarginEvidence& ev, MaxmarginReport& rep) {
    MaxmarginNetworkUpper net = maxmargin_network_upper(d, K, kkt.u, kkt.v);
    rep.W = std::move(net.W);
    rep.w = net.w;
    rep.channels = static_cast<long>(net.u.size());
    ev.w = std::move(net.w);
    ev.u = std::move(net.u);
    ev.v = std::move(net.v);
    return net.upper;
}

// The upper bound from a predictor W (SDPA's or the polished one) rescaled to margin 1 and
// bracketed by the regularizer pipeline; appends to method.
std::string upper_from_predictor(const data::Dataset& d, long K, const std::vector<double>& W,
                                 MaxmarginEvidence& ev, MaxmarginReport& rep, std::string& method) {
    const long R = d.R, D = d.D;
    rep.W = maxmargin_scale_to_margin(d, W);
    rep.w.assign(static_cast<std::size_t>(R),
                 std::vector<std::string>(static_cast<std::size_t>(D)));
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            rep.w[static_cast<std::size_t>(r)][static_cast<std::size_t>(j)] =
                regularizer::regularizer_double_to_rational(
                    rep.W[static_cast<std::size_t>(r * D + j)]);
    ev.w = rep.w;
    if (R == 1) {
        regularizer::RegularizerBracketReport br;
        const Certificate b = regularizer::regularizer_bracket_certificate(rep.w[0], K, &br);
        const RegularizerBody& body = std::get<RegularizerBody>(b.body);
        ev.u = body.evidence.u;
        ev.v = body.evidence.v;
        rep.channels = static_cast<long>(ev.u.size());
        method += "; regularizer bracket of w: " + b.generator_method;
        return body.claim.upper;
    }
    const auto b = regularizer::regularizer_bracket_multi(rep.w, K);
    ev.u = b.u;
    ev.v = b.v;
    rep.channels = b.C0;
    method += "; multi-channel regularizer bracket of w (" + b.network + ")";
    return b.upper;
}

// The upper bound: from the polished network (or, for R > 1 and more than R channels, the
// polished W) when it is estimated better and can be made exact, otherwise from SDPA's W.
std::string upper_best(const data::Dataset& d, long K, const MaxmarginSdpResult& sdp,
                       const std::optional<MaxmarginKkt>& kkt, MaxmarginEvidence& ev,
                       MaxmarginReport& rep, std::string& method) {
    if (polished_upper_better(d, sdp, kkt)) {
        // For R > 1 the upper bound holds for C >= C0: a polished network of more than R
        // channels gives way to the regularizer pipeline's network for the polished W.
        if (d.R > 1 && kkt->channels > d.R) {
            try {
                std::string m = method;
                std::string upper = upper_from_predictor(d, K, kkt->W, ev, rep, m);
                rep.polished_upper = true;
                method = m + " (of the KKT-polished W)";
                return upper;
            } catch (const std::runtime_error&) {
                // the pipeline failed on this W: the polished network below
            }
        }
        try {
            std::string upper = upper_from_network(d, K, *kkt, ev, rep);
            rep.polished_upper = true;
            method += "; KKT-polished network, exact";
            return upper;
        } catch (const std::runtime_error&) {
            // not exact-able (e.g. no separation after rounding): SDPA's route below
        }
    }
    return upper_from_predictor(d, K, sdp.W, ev, rep, method);
}

} // namespace

double maxmargin_min_margin(const data::Dataset& d, const std::vector<double>& W) {
    lemma::Fmpq m;
    min_margin_exact(m.x, d, W);
    return fmpq_get_d(m.x);
}

std::vector<double> maxmargin_scale_to_margin(const data::Dataset& d,
                                              const std::vector<double>& W) {
    const double m = maxmargin_min_margin(d, W);
    if (!(m > 0)) throw std::invalid_argument("the predictor does not separate the data");
    lemma::Fmpq mm, one;
    fmpq_one(one.x);
    for (int e = 50; e >= 10; e -= 4) {
        const double c = (1.0 / m) * (1.0 + std::ldexp(1.0, -e));
        std::vector<double> out(W.size());
        for (std::size_t k = 0; k < W.size(); ++k)
            out[k] = W[k] * c;
        min_margin_exact(mm.x, d, out);
        if (fmpq_cmp(mm.x, one.x) >= 0) return out;
    }
    throw std::runtime_error("could not rescale the predictor to margin 1");
}

Certificate maxmargin_certificate(const data::Dataset& d, long K, MaxmarginReport* report) {
    MaxmarginReport rep;
    auto t0 = std::chrono::steady_clock::now();
    const MaxmarginSdpResult sdp = maxmargin_sdp_solve(d, K);
    rep.sdp_seconds = seconds_since(t0);
    rep.sdp_value = sdp.primal;
    rep.sdp_phase = sdp.phase;
    // Any phase is usable when the SDP's W separates the data: both bounds are made exact below
    // and their gap is reported (SDPA often stops at pdFEAS or pFEAS with primal and dual values
    // agreeing to 1e-8 on these degenerate problems). Non-separable data make the SDP
    // infeasible, and no W separates.
    if (sdp.W.empty() || !(maxmargin_min_margin(d, sdp.W) > 0))
        throw std::runtime_error("the max-margin SDP gave no separating predictor (SDPA phase " +
                                 sdp.phase.substr(0, sdp.phase.find(' ')) +
                                 "; are the data linearly separable?)");
    t0 = std::chrono::steady_clock::now();
    const std::optional<MaxmarginKkt> kkt = polish_point(d, K, sdp, rep);
    rep.polish_seconds = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const MaxmarginLowerBound lb = lower_bound_best(d, K, sdp, kkt, rep);
    rep.lower_seconds = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const long R = d.R, D = d.D;
    MaxmarginEvidence ev;
    ev.alpha = lb.alpha;
    std::string method = std::string("sdpa full max-margin SDP") +
                         (rep.polished_lower ? ", KKT-polished alpha" : "");
    const std::string upper = upper_best(d, K, sdp, kkt, ev, rep, method);
    rep.upper_seconds = seconds_since(t0);
    MaxmarginClaim claim;
    claim.D = D;
    claim.K = K;
    claim.R = R;
    for (long i = 0; i < d.n(); ++i) {
        std::vector<std::string> row;
        for (long v : d.x[static_cast<std::size_t>(i)])
            row.push_back(std::to_string(v));
        claim.x.push_back(std::move(row));
        claim.y.push_back(d.y[static_cast<std::size_t>(i)] > 0 ? "1" : "-1");
    }
    claim.lower = lb.lower;
    claim.upper = upper;
    // lower <= upper must hold (weak duality); compare exactly.
    lemma::Fmpq lo, up, diff;
    fmpq_set_str(lo.x, lb.lower.c_str(), 10);
    fmpq_set_str(up.x, upper.c_str(), 10);
    if (fmpq_cmp(lo.x, up.x) > 0) throw std::runtime_error("maxmargin: lower exceeds upper");
    fmpq_sub(diff.x, up.x, lo.x);
    rep.lower = lb.lower;
    rep.upper = upper;
    rep.lower_double = fmpq_get_d(lo.x);
    rep.upper_double = fmpq_get_d(up.x);
    rep.relative_gap = rep.upper_double > 0 ? fmpq_get_d(diff.x) / rep.upper_double : 0;
    if (report) *report = std::move(rep);
    return Certificate{MaxmarginBody{std::move(claim), std::move(ev)}, method};
}

} // namespace convcert::maxmargin
