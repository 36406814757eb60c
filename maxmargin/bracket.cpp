// maxmargin-bracket generation (see bracket.h).
#include "maxmargin/bracket.h"

#include "maxmargin/kkt_polish.h"
#include "maxmargin/lower_bound.h"
#include "maxmargin/margin.h"
#include "maxmargin/network_upper.h"
#include "maxmargin/sdp_maxmargin.h"
#include "regularizer/numeric/closed_form_multi.h"
#include "regularizer/numeric/polish_multi.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// ||F|| below which a KKT polish counts as converged (margins are 1, costs about 1).
constexpr double kKktConverged = 1e-10;

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
        if (fmpq_cmp(lb.lower.x, best.lower.x) > 0) {
            rep.polished_lower = true;
            return lb;
        }
    } catch (const std::runtime_error&) {
    }
    return best;
}

/// A candidate for the upper bound: an exact margin-feasible network and how it was made.
struct UpperCandidate {
    MaxmarginNetwork m;
    std::string method;
    bool polished = false;
};

/// The Gram matrix sum_c [u_c; v_c][u_c; v_c]ᵀ of the polished network (N×N column-major).
std::vector<double> kkt_gram(const MaxmarginKkt& kkt, long N) {
    Eigen::MatrixXd G = Eigen::MatrixXd::Zero(N, N);
    for (std::size_t c = 0; c < kkt.u.size(); ++c) {
        Eigen::VectorXd z(N);
        const long RK = static_cast<long>(kkt.u[c].size());
        for (long i = 0; i < RK; ++i)
            z(i) = kkt.u[c][static_cast<std::size_t>(i)];
        for (long i = RK; i < N; ++i)
            z(i) = kkt.v[c][static_cast<std::size_t>(i - RK)];
        G += z * z.transpose();
    }
    return std::vector<double>(G.data(), G.data() + N * N);
}

/// Numerical rank of the SDP's Gram matrix: eigenvalues above 1e-6 of the largest.
long gram_rank(const std::vector<double>& gram, long N) {
    const Eigen::Map<const Eigen::MatrixXd> Z(gram.data(), N, N);
    const Eigen::VectorXd e =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(Z, Eigen::EigenvaluesOnly).eigenvalues();
    long rank = 0;
    for (long i = 0; i < N; ++i)
        rank += e(i) > 1e-6 * e(N - 1) ? 1 : 0;
    return rank;
}

/// Appends the candidate made by `make`, unless it throws std::runtime_error.
template <class Make>
void candidate_try(std::vector<UpperCandidate>& out, const std::string& method, bool polished,
                   Make make) {
    try {
        out.push_back({make(), method, polished});
    } catch (const std::runtime_error&) {
        // not exact-able (no separation after rounding, no exact least-norm V): skip it
    }
}

/// Closed-form kernels for W (R·D doubles) at K = 1 (SVD) and K = D (Fourier, with R - 1 lift
/// directions of size δ), empty otherwise (regularizer/numeric/closed_form_multi.h).
std::vector<regularizer::Kernels> closed_form_kernels(const data::Dataset& d, long K,
                                                      const std::vector<double>& W, double value) {
    regularizer::Rows rows(d.R, std::vector<double>(d.D));
    for (long k = 0; k < d.R * d.D; ++k)
        rows[k / d.D][k % d.D] = W[static_cast<std::size_t>(k)];
    if (K == 1) return {regularizer::regularizer_kernels_k1_multi(rows)};
    std::vector<regularizer::Kernels> out;
    if (K == d.D)
        for (int bits : {32, 40, 48})
            out.push_back(regularizer::regularizer_kernels_kd_multi(
                rows, std::sqrt(std::ldexp(value, -bits))));
    return out;
}

/// The exact networks on offer: the polished network itself; its top R channels completed by
/// the shared least-norm builder; the SDP's Gram matrix likewise with R, R + 1, ..., 2R + 2
/// channels and its numerical rank (more channels absorb more of SDPA's inexactness), and with
/// R lift channels of size δ² ≈ 2^-bits·value for boundary optima; closed-form kernels at
/// K = 1 and K = D. Cheap at the sizes the SDP reaches.
std::vector<UpperCandidate> upper_candidates(const data::Dataset& d, long K,
                                             const MaxmarginSdpResult& sdp,
                                             const std::optional<MaxmarginKkt>& kkt) {
    const long N = d.R * K + d.D;
    std::vector<UpperCandidate> out;
    if (kkt) {
        candidate_try(out, "KKT-polished network, exact", true,
                      [&] { return maxmargin_network_from_kkt(d, K, kkt->u, kkt->v); });
        if (kkt->channels > d.R)
            candidate_try(out, "least-norm network of the KKT point's top channels", true, [&] {
                return maxmargin_network_from_kernels(
                    d, K, maxmargin_gram_kernels(kkt_gram(*kkt, N), d.R, K, d.R), kkt->W);
            });
    }
    const long rank = gram_rank(sdp.gram, N);
    std::vector<long> channel_counts;
    for (long c = d.R; c <= std::min(N, 2 * d.R + 2); ++c)
        channel_counts.push_back(c);
    if (rank > 2 * d.R + 2) channel_counts.push_back(rank);
    for (long channels : channel_counts)
        candidate_try(out, "least-norm network of the SDP's Gram matrix", false, [&] {
            return maxmargin_network_from_kernels(
                d, K, maxmargin_gram_kernels(sdp.gram, d.R, K, channels), sdp.W);
        });
    for (int bits : {32, 40, 48})
        candidate_try(out, "least-norm network of the SDP's Gram matrix, lifted", false, [&] {
            const double lift = std::sqrt(std::ldexp(sdp.primal, -bits));
            return maxmargin_network_from_kernels(
                d, K, maxmargin_gram_kernels(sdp.gram, d.R, K, std::max(rank, 1L), lift), sdp.W);
        });
    for (const auto& kernels : closed_form_kernels(d, K, sdp.W, sdp.primal))
        candidate_try(out, "least-norm network of closed-form kernels", false,
                      [&] { return maxmargin_network_from_kernels(d, K, kernels, sdp.W); });
    return out;
}

/// Relative gap above which the Gram kernels are also refined numerically for W.
constexpr double kPolishGap = 1e-9;
/// Iteration cap of that refinement (no wall-clock cap: results must not depend on the load).
constexpr int kPolishIterations = 200;

/// Appends the SDP's Gram kernels (R and R + 1 channels, then the rank's with R lift
/// channels) refined by the damped Newton on F(U) for SDPA's W (regularizer/numeric/
/// polish_multi.h), when the cheapest candidate so far is more than kPolishGap above lower.
void upper_candidates_polished(std::vector<UpperCandidate>& out, const data::Dataset& d, long K,
                               const MaxmarginSdpResult& sdp, double lower) {
    double best = INFINITY;
    for (const auto& c : out)
        best = std::min(best, c.m.net.cost_double);
    if (best <= lower * (1 + kPolishGap)) return;
    const long N = d.R * K + d.D, rank = std::max(gram_rank(sdp.gram, N), d.R);
    const double c = 1.0 / maxmargin_min_margin(d, sdp.W); // F is 2-homogeneous in W's scale
    regularizer::Rows rows(d.R, std::vector<double>(d.D));
    for (long k = 0; k < d.R * d.D; ++k)
        rows[k / d.D][k % d.D] = c * sdp.W[static_cast<std::size_t>(k)];
    const double lift = std::sqrt(std::ldexp(sdp.primal, -40));
    for (auto [channels, l] : {std::pair<long, double>{d.R, 0.0}, {d.R + 1, 0.0}, {rank, lift}})
        candidate_try(out, "least-norm network of the SDP's Gram kernels, refined", false, [&] {
            auto start = maxmargin_gram_kernels(sdp.gram, d.R, K, std::min(channels, N), l);
            try {
                start =
                    regularizer::regularizer_polish_multi(rows, start, kPolishIterations,
                                                          lower * (1 + 0.2 * kPolishGap), INFINITY)
                        .kernels;
            } catch (const std::invalid_argument&) {
                // F not finite at these kernels: complete them as they are
            }
            return maxmargin_network_from_kernels(d, K, start, sdp.W);
        });
}

/// Relative cost a network of at most R channels may exceed the cheapest by and still be
/// preferred (for R > 1 its upper bound then holds for every C >= R, not only C >= C0).
constexpr double kFewChannelsSlack = 1e-10;

/// The cheapest candidate, or for R > 1 the cheapest with at most R channels when it is within
/// kFewChannelsSlack of it.
const UpperCandidate& upper_choose(const std::vector<UpperCandidate>& all, long R) {
    if (all.empty()) throw std::runtime_error("maxmargin: no exact network for the upper bound");
    const UpperCandidate* best = nullptr;
    const UpperCandidate* few = nullptr;
    auto cheaper = [](const UpperCandidate& a, const UpperCandidate* b) {
        return !b || fmpq_cmp(a.m.net.cost.x, b->m.net.cost.x) < 0;
    };
    for (const auto& c : all) {
        if (cheaper(c, best)) best = &c;
        if (static_cast<long>(c.m.net.u.size()) <= R && cheaper(c, few)) few = &c;
    }
    if (R > 1 && few && few->m.net.cost_double <= best->m.net.cost_double * (1 + kFewChannelsSlack))
        return *few;
    return *best;
}

/// The upper bound into the evidence and the report; returns its value.
support::Fmpq upper_best(const data::Dataset& d, long K, const MaxmarginSdpResult& sdp,
                         const std::optional<MaxmarginKkt>& kkt, double lower,
                         MaxmarginEvidence& ev, MaxmarginReport& rep, std::string& method) {
    auto all = upper_candidates(d, K, sdp, kkt);
    upper_candidates_polished(all, d, K, sdp, lower);
    const UpperCandidate& best = upper_choose(all, d.R);
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
    ev.v = regularizer::regularizer_network_v_strings(best.m.net.v);
    method += "; " + best.method + " (C0=" + std::to_string(rep.channels) + ")";
    return best.m.net.cost;
}

/// The claim: the dataset and the exact bounds.
MaxmarginClaim claim_make(const data::Dataset& d, long K, const fmpq_t lower, const fmpq_t upper) {
    MaxmarginClaim claim;
    claim.D = d.D;
    claim.K = K;
    claim.R = d.R;
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

/// SDPA's solve; throws std::runtime_error when its W does not separate the data.
MaxmarginSdpResult sdp_solve_separating(const data::Dataset& d, long K, MaxmarginReport& rep) {
    const support::Stopwatch clock;
    MaxmarginSdpResult sdp = maxmargin_sdp_solve(d, K);
    rep.sdp_seconds = clock.seconds();
    rep.sdp_value = sdp.primal;
    rep.sdp_phase = sdp.phase;
    // Any phase is usable when the SDP's W separates the data: both bounds are made exact below
    // and their gap is reported (SDPA often stops at pdFEAS or pFEAS with primal and dual values
    // agreeing to 1e-8 on these degenerate problems). Non-separable data make the SDP
    // infeasible, and no W separates.
    if (sdp.W.empty() || sdp.gram.empty() || !(maxmargin_min_margin(d, sdp.W) > 0))
        throw std::runtime_error("the max-margin SDP gave no separating predictor (SDPA phase " +
                                 sdp.phase.substr(0, sdp.phase.find(' ')) +
                                 "; are the data linearly separable?)");
    return sdp;
}

} // namespace

Certificate maxmargin_certificate(const data::Dataset& d, long K, MaxmarginReport* report) {
    MaxmarginReport rep;
    const MaxmarginSdpResult sdp = sdp_solve_separating(d, K, rep);
    support::Stopwatch clock;
    const std::optional<MaxmarginKkt> kkt = polish_point(d, K, sdp, rep);
    rep.polish_seconds = clock.seconds();
    clock.restart();
    const MaxmarginLowerBound lb = lower_bound_best(d, K, sdp, kkt, rep);
    rep.lower_seconds = clock.seconds();
    clock.restart();
    Certificate cert;
    cert.kind = kKindMaxmarginBracket;
    MaxmarginEvidence ev;
    ev.alpha = support::fmpq_mat_to_rows(lb.alpha)[0];
    std::string method = std::string("sdpa full max-margin SDP") +
                         (rep.polished_lower ? ", KKT-polished alpha" : "");
    const support::Fmpq upper = upper_best(d, K, sdp, kkt, lb.lower_double, ev, rep, method);
    rep.upper_seconds = clock.seconds();
    // lower <= upper must hold (weak duality); compare exactly.
    if (fmpq_cmp(lb.lower.x, upper.x) > 0)
        throw std::runtime_error("maxmargin: lower exceeds upper");
    support::Fmpq diff;
    fmpq_sub(diff.x, upper.x, lb.lower.x);
    MaxmarginClaim claim = claim_make(d, K, lb.lower.x, upper.x);
    rep.lower = claim.lower;
    rep.upper = claim.upper;
    rep.lower_double = fmpq_get_d(lb.lower.x);
    rep.upper_double = fmpq_get_d(upper.x);
    rep.relative_gap = rep.upper_double > 0 ? fmpq_get_d(diff.x) / rep.upper_double : 0;
    cert.maxmargin_claim = std::move(claim);
    cert.maxmargin = std::move(ev);
    cert.generator_method = method;
    if (report) *report = std::move(rep);
    return cert;
}

} // namespace convcert::maxmargin
