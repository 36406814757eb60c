// The upper bound's candidates and the choice among them (see upper_bound.h).
#include "maxmargin/upper_bound.h"

#include "maxmargin/margin.h"
#include "regularizer/numeric/closed_form.h"
#include "regularizer/numeric/polish_kernels.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

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
void candidate_try(std::vector<MaxmarginUpperCandidate>& out, const std::string& method,
                   bool polished, Make make) {
    try {
        out.push_back({make(), method, polished});
    } catch (const std::runtime_error&) {
        // not exact-able (no separation after rounding, no exact least-norm V): skip it
    }
}

/// Closed-form kernels for W (R·D doubles) at K = 1 (SVD) and K = D, i.e. K1×K2 = D1×D2
/// (Fourier on the grid, with R - 1 lift directions of size δ), empty otherwise
/// (regularizer/numeric/closed_form.h).
std::vector<regularizer::Kernels> closed_form_kernels(const data::Dataset& d, const Grid& g,
                                                      const std::vector<double>& W, double value) {
    regularizer::Rows rows(d.R, std::vector<double>(d.D));
    for (long k = 0; k < d.R * d.D; ++k)
        rows[k / d.D][k % d.D] = W[static_cast<std::size_t>(k)];
    if (grid_kernel_size(g) == 1) return {regularizer::regularizer_kernels_k1(rows)};
    std::vector<regularizer::Kernels> out;
    if (g.K1 == g.D1 && g.K2 == g.D2)
        for (int bits : {32, 40, 48})
            out.push_back(
                regularizer::regularizer_kernels_kd(rows, g, std::sqrt(std::ldexp(value, -bits))));
    return out;
}

/// The exact networks on offer: the polished network itself; its top R channels completed by
/// the shared least-norm builder; the SDP's Gram matrix likewise with R, R + 1, ..., 2R + 2
/// channels and its numerical rank (more channels absorb more of SDPA's inexactness), and with
/// R lift channels of size δ² ≈ 2^-bits·value for boundary optima; closed-form kernels at
/// K = 1 and K = D. Cheap at the sizes the SDP reaches.
std::vector<MaxmarginUpperCandidate> upper_candidates(const data::Dataset& d, const Grid& g,
                                                      const MaxmarginSdpResult& sdp,
                                                      const std::optional<MaxmarginKkt>& kkt) {
    const long K = grid_kernel_size(g), N = d.R * K + d.D;
    std::vector<MaxmarginUpperCandidate> out;
    if (kkt) {
        candidate_try(out, "KKT-polished network, exact", true,
                      [&] { return maxmargin_network_from_kkt(d, g, kkt->u, kkt->v); });
        // Its W must separate (maxmargin_network_from_kernels' precondition): a polish that
        // did not converge may have left one that does not (seen on 14×14 MNIST, K = 14×14).
        if (kkt->channels > d.R && maxmargin_min_margin(d, kkt->W) > 0)
            candidate_try(out, "least-norm network of the KKT point's top channels", true, [&] {
                return maxmargin_network_from_kernels(
                    d, g, maxmargin_gram_kernels(kkt_gram(*kkt, N), d.R, K, d.R), kkt->W);
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
                d, g, maxmargin_gram_kernels(sdp.gram, d.R, K, channels), sdp.W);
        });
    for (int bits : {32, 40, 48})
        candidate_try(out, "least-norm network of the SDP's Gram matrix, lifted", false, [&] {
            const double lift = std::sqrt(std::ldexp(sdp.primal, -bits));
            return maxmargin_network_from_kernels(
                d, g, maxmargin_gram_kernels(sdp.gram, d.R, K, std::max(rank, 1L), lift), sdp.W);
        });
    for (const auto& kernels : closed_form_kernels(d, g, sdp.W, sdp.primal))
        candidate_try(out, "least-norm network of closed-form kernels", false,
                      [&] { return maxmargin_network_from_kernels(d, g, kernels, sdp.W); });
    return out;
}

/// Relative gap above which the Gram kernels are also refined numerically for W.
constexpr double kPolishGap = 1e-9;
/// Iteration cap of that refinement (no wall-clock cap: results must not depend on the load).
constexpr int kPolishIterations = 200;

/// Appends the SDP's Gram kernels (R and R + 1 channels, then the rank's with R lift
/// channels) refined by the damped Newton on F(U) for SDPA's W (regularizer/numeric/
/// polish_kernels.h), when the cheapest candidate so far is more than kPolishGap above lower.
void upper_candidates_polished(std::vector<MaxmarginUpperCandidate>& out, const data::Dataset& d,
                               const Grid& g, const MaxmarginSdpResult& sdp, double lower) {
    double best = INFINITY;
    for (const auto& c : out)
        best = std::min(best, c.m.net.cost_double);
    if (best <= lower * (1 + kPolishGap)) return;
    const long K = grid_kernel_size(g), N = d.R * K + d.D;
    const long rank = std::max(gram_rank(sdp.gram, N), d.R);
    const double c = 1.0 / maxmargin_min_margin(d, sdp.W); // F is 2-homogeneous in W's scale
    regularizer::Rows rows(d.R, std::vector<double>(d.D));
    for (long k = 0; k < d.R * d.D; ++k)
        rows[k / d.D][k % d.D] = c * sdp.W[static_cast<std::size_t>(k)];
    const double lift = std::sqrt(std::ldexp(sdp.primal, -40));
    for (auto [channels, l] : {std::pair<long, double>{d.R, 0.0}, {d.R + 1, 0.0}, {rank, lift}})
        candidate_try(out, "least-norm network of the SDP's Gram kernels, refined", false, [&] {
            auto start = maxmargin_gram_kernels(sdp.gram, d.R, K, std::min(channels, N), l);
            try {
                start = regularizer::regularizer_polish_kernels(rows, g, start, kPolishIterations,
                                                                lower * (1 + 0.2 * kPolishGap),
                                                                INFINITY)
                            .kernels;
            } catch (const std::invalid_argument&) {
                // F not finite at these kernels: complete them as they are
            }
            return maxmargin_network_from_kernels(d, g, start, sdp.W);
        });
}

/// Relative cost a network of at most R channels may exceed the cheapest by and still be
/// preferred (for R > 1 its upper bound then holds for every C >= R, not only C >= C0).
constexpr double kFewChannelsSlack = 1e-10;

/// The cheapest candidate, or for R > 1 the cheapest with at most R channels when it is within
/// kFewChannelsSlack of it.
const MaxmarginUpperCandidate& upper_choose(const std::vector<MaxmarginUpperCandidate>& all,
                                            long R) {
    if (all.empty()) throw std::runtime_error("maxmargin: no exact network for the upper bound");
    const MaxmarginUpperCandidate* best = nullptr;
    const MaxmarginUpperCandidate* few = nullptr;
    auto cheaper = [](const MaxmarginUpperCandidate& a, const MaxmarginUpperCandidate* b) {
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

} // namespace

MaxmarginUpperCandidate maxmargin_upper_bound(const data::Dataset& d, const Grid& g,
                                              const MaxmarginSdpResult& sdp,
                                              const std::optional<MaxmarginKkt>& kkt,
                                              double lower) {
    auto all = upper_candidates(d, g, sdp, kkt);
    upper_candidates_polished(all, d, g, sdp, lower);
    return upper_choose(all, d.R);
}

} // namespace convcert::maxmargin
