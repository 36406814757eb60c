// maxmargin-bracket generation (see bracket.h).
#include "maxmargin/bracket.h"

#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "maxmargin/lower_bound.h"
#include "maxmargin/sdp_maxmargin.h"
#include "regularizer/bracket.h"
#include "regularizer/bracket_multi.h"
#include "regularizer/lower_bound.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

void fmpq_set_double(fmpq_t q, double x) {
    const std::string s = regularizer::regularizer_double_to_rational(x);
    fmpq_set_str(q, s.c_str(), 10);
}

// Exact min_i y_i <W, x_i> into out.
void min_margin_exact(fmpq_t out, const data::Dataset& d, const std::vector<double>& W) {
    lemma::FmpqVec w(static_cast<long>(W.size()));
    for (std::size_t k = 0; k < W.size(); ++k)
        fmpq_set_double(w.v + k, W[k]);
    lemma::Fmpq dot, t;
    for (long i = 0; i < d.n(); ++i) {
        fmpq_zero(dot.x);
        for (std::size_t k = 0; k < W.size(); ++k) {
            fmpq_set_si(t.x, d.x[static_cast<std::size_t>(i)][k] * d.y[static_cast<std::size_t>(i)],
                        1);
            fmpq_addmul(dot.x, t.x, w.v + k);
        }
        if (i == 0 || fmpq_cmp(dot.x, out) < 0) fmpq_set(out, dot.x);
    }
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
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
    const MaxmarginLowerBound lb = maxmargin_lower_bound(sdp.alpha, d, K);
    rep.lower_seconds = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    rep.W = maxmargin_scale_to_margin(d, sdp.W);
    const long R = d.R, D = d.D;
    rep.w.assign(static_cast<std::size_t>(R),
                 std::vector<std::string>(static_cast<std::size_t>(D)));
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            rep.w[static_cast<std::size_t>(r)][static_cast<std::size_t>(j)] =
                regularizer::regularizer_double_to_rational(
                    rep.W[static_cast<std::size_t>(r * D + j)]);
    Certificate cert;
    cert.kind = kKindMaxmarginBracket;
    MaxmarginEvidence ev;
    ev.alpha = lb.alpha;
    ev.w = rep.w;
    std::string upper, method;
    if (R == 1) {
        regularizer::RegularizerBracketReport br;
        const Certificate b = regularizer::regularizer_bracket_certificate(rep.w[0], K, &br);
        upper = b.regularizer_claim->upper;
        ev.u = b.bracket->u;
        ev.v = b.bracket->v;
        rep.channels = static_cast<long>(ev.u.size());
        method = "sdpa full max-margin SDP; regularizer bracket of w: " + b.generator_method;
    } else {
        const auto b = regularizer::regularizer_bracket_multi(rep.w, K);
        upper = b.upper;
        ev.u = b.u;
        ev.v = b.v;
        rep.channels = b.C0;
        method =
            "sdpa full max-margin SDP; multi-channel regularizer bracket of w (" + b.network + ")";
    }
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
    cert.maxmargin_claim = std::move(claim);
    cert.maxmargin = std::move(ev);
    cert.generator_method = method;
    if (report) *report = std::move(rep);
    return cert;
}

} // namespace convcert::maxmargin
