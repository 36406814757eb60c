// The single-channel regularizer-bracket pipeline (see bracket.h).
#include "regularizer/bracket.h"

#include "lemma/flint_raii.h"
#include "regularizer/closed_form.h"
#include "regularizer/dual_bound.h"
#include "regularizer/kkt_newton.h"
#include "regularizer/lower_bound.h"
#include "regularizer/network_one_channel.h"

#include <flint/fmpq.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Largest K + 2D for which the dense KKT Newton refinement runs (seconds at the limit).
constexpr long kKktMaxSize = 1200;

/// Where SDPA's point could not be polished (a boundary optimum), refine it on the KKT system:
/// a better certified λ replaces the bound, and the better of the two kernels (by the cost
/// estimate) is returned.
std::vector<double> kernel_refine_boundary(const std::vector<std::string>& w,
                                           const std::vector<double>& wd, long K,
                                           RegularizerDualBound& dual, std::vector<double> c) {
    const long D = static_cast<long>(wd.size());
    if (dual.source != "sdpa" || K + 2 * D > kKktMaxSize) return c;
    auto v0 = regularizer_least_norm_double(wd, c);
    double cc = 0, vv = 0;
    for (double x : c)
        cc += x * x;
    for (double x : v0)
        vv += x * x;
    if (!(cc > 0) || !(vv > 0) || !std::isfinite(vv)) return c;
    const double s = std::pow(vv / cc, 0.25);
    std::vector<double> u0(c);
    for (double& x : u0)
        x *= s;
    for (double& x : v0)
        x /= s;
    std::vector<double> lambda0(D);
    for (long i = 0; i < D; ++i)
        lambda0[i] = regularizer_rational_to_double(dual.bound.lambda[i]);
    const auto kkt = regularizer_kkt_newton(wd, u0, v0, lambda0);
    if (!(kkt.residual < kkt.initial_residual)) return c;
    auto b = regularizer_lower_bound(kkt.lambda, w, K);
    dual.exact_seconds += b.seconds;
    lemma::Fmpq old_lower, new_lower;
    fmpq_set_str(old_lower.x, dual.bound.lower.c_str(), 10);
    fmpq_set_str(new_lower.x, b.lower.c_str(), 10);
    if (fmpq_cmp(new_lower.x, old_lower.x) > 0) {
        dual.bound = std::move(b);
        dual.source = "sdpa+kkt";
    }
    return regularizer_cost_estimate(wd, kkt.u) < regularizer_cost_estimate(wd, c) ? kkt.u : c;
}

} // namespace

Certificate regularizer_bracket_certificate(const std::vector<std::string>& w, long K,
                                            RegularizerBracketReport* report,
                                            RegularizerSolver solver) {
    const long D = static_cast<long>(w.size());
    if (D < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_bracket_certificate: need 1 <= K <= D");
    RegularizerBracketReport rep;
    auto start = std::chrono::steady_clock::now();
    auto dual = regularizer_dual_bound(w, K, solver); // validates w
    std::vector<double> wd(D);
    for (long i = 0; i < D; ++i)
        wd[i] = regularizer_rational_to_double(w[i]);
    std::vector<double> kernel;
    if (dual.source != "zero" && K > 1 && K < D)
        kernel = kernel_refine_boundary(w, wd, K, dual, regularizer_spectral_factor_double(dual.r));
    rep.lower_seconds = seconds_since(start);
    rep.lower = dual.bound.lower;
    rep.lower_source = dual.source;
    rep.sdp_status = dual.sdp_status;
    rep.sdp_seconds = dual.sdp_seconds;
    rep.solve_seconds = dual.solve_seconds;
    rep.estimate = dual.estimate;

    start = std::chrono::steady_clock::now();
    OneChannelNetwork net;
    if (dual.source == "zero") {
        rep.upper_source = "zero";
        net.u.assign(K, "0");
        net.v.assign(D, "0");
        net.cost = "0";
    } else {
        std::vector<double> c;
        if (K == 1) {
            rep.upper_source = "closed-form K=1";
            c = {1.0};
        } else if (K == D) {
            rep.upper_source = "closed-form K=D";
            c = regularizer_kernel_kd(wd);
        } else {
            rep.upper_source =
                dual.source == "sdpa+kkt" ? "spectral factor+kkt" : "spectral factor";
            c = kernel;
        }
        net = regularizer_network_one_channel(w, c, kUpperRoundingTolerance);
    }
    rep.upper_seconds = seconds_since(start);
    rep.upper = net.cost;
    rep.kernel_bits = net.bits;
    rep.denominator_bits = net.denominator_bits;
    {
        lemma::Fmpq lo, hi;
        fmpq_set_str(lo.x, rep.lower.c_str(), 10);
        fmpq_set_str(hi.x, rep.upper.c_str(), 10);
        rep.lower_double = fmpq_get_d(lo.x);
        rep.upper_double = fmpq_get_d(hi.x);
        if (!fmpq_is_zero(hi.x)) {
            lemma::Fmpq gap;
            fmpq_sub(gap.x, hi.x, lo.x);
            fmpq_div(gap.x, gap.x, hi.x);
            rep.relative_gap = fmpq_get_d(gap.x);
        }
    }

    RegularizerClaim claim;
    claim.D = D;
    claim.K = K;
    claim.R = 1;
    claim.w = {w};
    claim.lower = rep.lower;
    claim.upper = rep.upper;
    RegularizerBracketEvidence ev;
    ev.lambda = {dual.bound.lambda};
    ev.u = {{net.u}};
    ev.v = {net.v};
    Certificate cert{RegularizerBody{std::move(claim), std::move(ev)},
                     "lower: " + rep.lower_source + "; upper: " + rep.upper_source};
    if (report) *report = std::move(rep);
    return cert;
}

} // namespace convcert::regularizer
