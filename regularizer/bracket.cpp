// The regularizer-bracket pipeline for any R (see bracket.h): the five stages in order.
#include "regularizer/bracket.h"

#include "regularizer/bracket_dual.h"
#include "regularizer/bracket_exact.h"
#include "regularizer/bracket_kernels.h"
#include "regularizer/kernel_one_channel.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq_mat.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

void bracket_take_lower(RegularizerBracket& b, RegularizerBracketLower&& lb,
                        RegularizerDualSource source) {
    b.lambda = std::move(lb.lambda);
    b.lower = std::move(lb.lower);
    b.lower_double = lb.lower_double;
    b.dual_source = source;
}

/// Stage 2: the candidate with the largest certified lower bound (ties: the first). Returns
/// its index. Throws std::runtime_error when none passes.
std::size_t bracket_lower_best(RegularizerBracket& b, const RegularizerDualNumeric& dual,
                               const support::FmpqMat& W) {
    const support::Stopwatch watch;
    std::optional<RegularizerBracketLower> best;
    std::size_t which = 0;
    for (std::size_t i = 0; i < dual.candidates.size(); ++i) {
        try {
            auto lb = regularizer_bracket_lower(dual.candidates[i].lambda, W, b.grid);
            if (!best || fmpq_cmp(lb.lower.x, best->lower.x) > 0) {
                best = std::move(lb);
                which = i;
            }
        } catch (const std::invalid_argument&) {
        }
    }
    if (!best)
        throw std::runtime_error("no usable dual point (SDPA phase " + dual.solve.sdp_status + ")");
    bracket_take_lower(b, std::move(*best), dual.candidates[which].source);
    b.estimate = dual.candidates[which].estimate;
    b.lower_seconds = watch.seconds();
    return which;
}

/// Stages 2-3 at R = 1, 1 < K < D: the spectral factor of the winner's r*; where that is
/// SDPA's unpolished (boundary) point, the KKT refinement, whose λ replaces the bound when it
/// certifies higher and whose kernel replaces the factor when its estimate is lower.
std::vector<double> bracket_kernel_spectral(RegularizerBracket& b, const Rows& wd,
                                            const support::FmpqMat& W,
                                            const RegularizerDualCandidate& winner) {
    std::vector<double> c = regularizer_spectral_factor_double(winner.r);
    if (b.dual_source != RegularizerDualSource::Sdpa) return c;
    const auto kkt = regularizer_kernel_kkt(wd[0], c, support::fmpq_mat_to_doubles(b.lambda)[0]);
    if (!kkt) return c;
    const support::Stopwatch watch;
    auto lb = regularizer_bracket_lower({kkt->lambda}, W, b.grid);
    if (fmpq_cmp(lb.lower.x, b.lower.x) > 0)
        bracket_take_lower(b, std::move(lb), RegularizerDualSource::SdpaKkt);
    b.lower_seconds += watch.seconds();
    return regularizer_cost_estimate(wd[0], kkt->u) < regularizer_cost_estimate(wd[0], c) ? kkt->u
                                                                                          : c;
}

/// Stages 3-4: the search for the dual's situation.
RegularizerKernelSearch bracket_kernels(RegularizerBracket& b, const Rows& wd,
                                        const support::FmpqMat& W,
                                        const RegularizerDualNumeric& dual, std::size_t winner,
                                        const RegularizerKernelOptions& options) {
    const RegularizerKernelTarget t{W, wd, b.grid, b.K, b.lower, b.lower_double, b.estimate};
    if (b.K == 1 || b.K == b.D) return regularizer_kernels_closed_form(t);
    if (b.R > 1 || b.grid.D1 > 1) return regularizer_kernels_gram(t, dual, options);
    const auto c = bracket_kernel_spectral(b, wd, W, dual.candidates[winner]);
    return regularizer_kernels_one(t, c,
                                   b.dual_source == RegularizerDualSource::SdpaKkt
                                       ? RegularizerKernelSource::SpectralFactorKkt
                                       : RegularizerKernelSource::SpectralFactor);
}

/// Stage 5 (network part): the winning network and the exact gap into the report.
void bracket_take_network(RegularizerBracket& b, RegularizerNetwork&& net) {
    b.C0 = static_cast<long>(net.u.size());
    b.u = std::move(net.u);
    b.v = std::move(net.v);
    b.v_den = std::move(net.v_den);
    b.upper = std::move(net.cost);
    b.upper_double = fmpq_get_d(b.upper.x);
    b.lower_double = fmpq_get_d(b.lower.x);
    b.kernel_bits = net.bits;
    b.denominator_bits = net.denominator_bits;
    b.relative_gap = 0;
    if (!fmpq_is_zero(b.upper.x)) {
        support::Fmpq gap;
        fmpq_sub(gap.x, b.upper.x, b.lower.x);
        fmpq_div(gap.x, gap.x, b.upper.x);
        b.relative_gap = fmpq_get_d(gap.x);
    }
}

/// 2-D, R = 1, 1 < K < D: whether one channel reaches the lower bound (report only).
void bracket_one_channel(RegularizerBracket& b, const Rows& wd, const RegularizerDualNumeric& dual,
                         int starts) {
    if (b.R != 1 || b.grid.D1 == 1 || b.K == 1 || b.K == b.D || starts < 1) return;
    starts = regularizer_one_channel_starts(b.K, b.D, starts);
    const support::Stopwatch watch;
    b.one_channel =
        regularizer_one_channel_report(wd[0], b.grid, dual.gram, b.lower_double,
                                       std::max(b.relative_gap, kBracketTargetGap), starts);
    b.one_channel_seconds = watch.seconds();
}

void bracket_check_input(const support::FmpqMat& W, const Grid& g) {
    if (W.rows() < 1 || W.rows() > 64 || W.cols() < 1)
        throw std::invalid_argument("regularizer_bracket: need 1 <= R <= 64 rows of D >= 1");
    if (g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2)
        throw std::invalid_argument("regularizer_bracket: need 1 <= K <= D");
    if (W.cols() != grid_signal_size(g))
        throw std::invalid_argument("regularizer_bracket: W's rows must have D1*D2 entries");
}

} // namespace

RegularizerBracket regularizer_bracket(const support::FmpqMat& W, const Grid& g,
                                       RegularizerSolver solver,
                                       const RegularizerKernelOptions& kernels) {
    const support::Stopwatch watch;
    bracket_check_input(W, g);
    RegularizerBracket b;
    b.grid = g;
    b.R = W.rows();
    b.D = W.cols();
    b.K = grid_kernel_size(g);
    const long K = b.K;
    if (fmpq_mat_is_zero(W.m)) {
        b.lambda = support::FmpqMat(b.R, b.D);
        bracket_take_network(b, regularizer_bracket_network_zero(b.R, K, b.D));
        b.total_seconds = watch.seconds();
        return b;
    }
    const Rows wd = support::fmpq_mat_to_doubles(W);
    const RegularizerDualNumeric dual = regularizer_dual_numeric(wd, g, solver); // stage 1
    b.solve = dual.solve;
    const std::size_t winner = bracket_lower_best(b, dual, W); // stage 2
    const support::Stopwatch upper;
    auto search = bracket_kernels(b, wd, W, dual, winner, kernels); // stages 3, 4
    if (!search.best) throw std::runtime_error("no exact network (" + search.last_error + ")");
    b.kernel_source = search.source;
    b.network_attempts = search.attempts;
    b.polish_iterations = search.polish_iterations;
    b.polish_seconds = search.polish_seconds;
    bracket_take_network(b, std::move(*search.best)); // stage 5
    b.upper_seconds = upper.seconds();
    bracket_one_channel(b, wd, dual, kernels.one_channel_starts);
    b.total_seconds = watch.seconds();
    return b;
}

std::string regularizer_bracket_method(const RegularizerBracket& b) {
    const std::string lower = regularizer_dual_source_name(b.dual_source);
    const std::string upper =
        regularizer_kernel_source_name(b.kernel_source, b.R, b.solve.gram_source);
    if (b.R == 1) return "lower: " + lower + "; upper: " + upper;
    return "multi-channel: lower " + lower + ", upper " + upper;
}

Certificate regularizer_bracket_certificate(const RegularizerBracket& b,
                                            const support::FmpqMat& W) {
    RegularizerClaim claim;
    claim.D = b.D;
    claim.K = b.K;
    claim.R = b.R;
    claim.shape = grid_shape(b.grid);
    claim.kernel_shape = grid_kernel_shape(b.grid);
    claim.w = support::fmpq_mat_to_rows(W);
    claim.lower = support::fmpq_get_string(b.lower.x);
    claim.upper = support::fmpq_get_string(b.upper.x);
    RegularizerBracketEvidence ev;
    ev.lambda = support::fmpq_mat_to_rows(b.lambda);
    for (const auto& u : b.u)
        ev.u.push_back(support::fmpq_mat_to_rows(u));
    ev.v = regularizer_rows_over_denominator(b.v, b.v_den);
    return Certificate{RegularizerBody{std::move(claim), std::move(ev)},
                       regularizer_bracket_method(b)};
}

} // namespace convcert::regularizer
