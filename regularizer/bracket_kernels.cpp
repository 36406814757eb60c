// Stages 3 and 4 of the regularizer bracket: kernel candidates and their exact networks (see
// bracket_kernels.h).
#include "regularizer/bracket_kernels.h"

#include "regularizer/collapse.h"
#include "regularizer/kernel_one_channel.h"
#include "regularizer/numeric/gram_factor.h"
#include "regularizer/numeric/kkt_newton.h"
#include "regularizer/numeric/polish_kernels.h"
#include "support/flint_raii.h"
#include "support/stopwatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Largest K + 2D for which the dense KKT Newton refinement runs (seconds at the limit).
constexpr long kKktMaxSize = 1200;
/// Largest C0·R·K refined by polish_kernels.h (its finite-difference Hessian is n×n).
constexpr long kPolishMaxSize = 2048;
constexpr int kPolishMaxIterations = 500;
/// Relative eigenvalue threshold of the Gram factorization (the central X has a clean gap).
constexpr double kGramTolerance = 1e-7;
/// 2-D: the few-channel polish tries C = R .. R + kFewExtra2d (1-D: R, R + 1).
constexpr long kFewExtra2d = 3;
/// δ² / R_{K,∞} of the lift channels before polishing.
constexpr double kLiftRelative = 1e-6;

/// The running search: every attempt builds an exact network and keeps the one of least gap.
struct Search {
    const RegularizerKernelTarget& t;
    RegularizerKernelSearch out;

    bool done() const { return out.best && out.gap <= kBracketTargetGap; }

    /// One kernel of one row: balanced and rounded to the fewest bits its estimate allows.
    /// Otherwise each grid of `ladder` in turn, until the gap meets the target.
    void attempt(const Kernels& kernels, std::initializer_list<int> ladder,
                 RegularizerKernelSource source) {
        if (done()) return;
        if (t.wd.size() == 1 && kernels.size() == 1 && t.grid.D1 == 1) {
            try {
                const auto c = regularizer_kernel_balance(t.wd[0], kernels[0][0]);
                build({{c}}, regularizer_kernel_bits(t.wd[0], c, kUpperRoundingTolerance), source);
            } catch (const std::invalid_argument& e) {
                out.last_error = e.what();
            }
            return;
        }
        for (int bits : ladder)
            build(kernels, bits, source);
    }

    void build(const Kernels& kernels, int bits, RegularizerKernelSource source) {
        if (done()) return;
        ++out.attempts;
        try {
            auto net = regularizer_bracket_network(kernels, t.W, bits, t.grid);
            support::Fmpq gap;
            if (!fmpq_is_zero(net.cost.x)) {
                fmpq_sub(gap.x, net.cost.x, t.lower.x);
                fmpq_div(gap.x, gap.x, net.cost.x);
            }
            const double g = fmpq_get_d(gap.x);
            if (!out.best || g < out.gap) {
                out.gap = g;
                out.best = std::move(net);
                out.source = source;
            }
        } catch (const std::exception& e) { // no exact least-norm V for these kernels
            out.last_error = e.what();
        }
    }

    /// F at which a polish stops: well inside the target gap over the certified lower bound.
    double polish_stop() const { return t.lower_double * (1.0 + 0.2 * kBracketTargetGap); }

    /// Polished kernels and F there (iteration caps only: the certificate must not depend on
    /// the machine's speed), or none when too large or F is not finite there.
    std::optional<RegularizerPolishKernels> polish_full(const Kernels& start) {
        const long R = static_cast<long>(t.wd.size());
        if (static_cast<long>(start.size()) * R * t.K > kPolishMaxSize) return {};
        try {
            const support::Stopwatch watch;
            auto pol =
                regularizer_polish_kernels(t.wd, t.grid, start, kPolishMaxIterations, polish_stop(),
                                           std::numeric_limits<double>::infinity());
            out.polish_seconds += watch.seconds();
            out.polish_iterations += pol.iterations;
            return pol;
        } catch (const std::invalid_argument&) {
            return {};
        }
    }

    /// The polished kernels of polish_full only.
    std::optional<Kernels> polish(const Kernels& start) {
        auto pol = polish_full(start);
        if (!pol) return {};
        return std::move(pol->kernels);
    }
};

/// R extra channels δ·e_(r,0): they add δ² I_R to every Σ_d.
Kernels with_lift(Kernels kernels, long R, long K, double delta) {
    for (long r = 0; r < R; ++r) {
        Rows u(R, std::vector<double>(K, 0.0));
        u[r][0] = delta;
        kernels.push_back(u);
    }
    return kernels;
}

/// The top C = R, R + 1 eigen-kernels polished (a stronger claim, a smaller V): R_{K,C} is
/// conjectured not to depend on C >= R (MATH.md §8), and the polish often reaches the SDP value.
/// 2-D: C = R .. R + kFewExtra2d, at most the number of eigen-kernels (no Lemma: fewer channels may
/// not reach it), each polished until one reaches the stop value; only that one is completed to an
/// exact network at once, the others afterwards in increasing F, until the target gap is met (at D
/// = 28×28 an exact network costs seconds, and the C = 1 polish usually stalls far above the SDP
/// value). `eager`: the previous search (RegularizerKernelOptions::few_eager).
void gram_few(Search& s, const Kernels& ker, RegularizerKernelSource source, bool eager) {
    const long R = static_cast<long>(s.t.wd.size());
    const bool two_d = s.t.grid.D1 > 1;
    const long extra = two_d ? kFewExtra2d : 1;
    // 2-D: up to all the eigen-kernels (a numerical rank of 2, common for trained w, would
    // otherwise leave C = 2 to the unpolished attempt, which costs minutes at 28×28).
    const long last = static_cast<long>(ker.size()) - (two_d && !eager ? 0 : 1);
    std::vector<RegularizerPolishKernels> pending; // 2-D: polished, not reaching the stop
    for (long C = R; C <= std::min(R + extra, last) && (eager || !s.done()); ++C) {
        Kernels few(ker.begin(), ker.begin() + C);
        if (!std::isfinite(regularizer_polish_kernels_value(s.t.wd, s.t.grid, few)))
            for (long r = 0; r < R; ++r) // make every Σ_d nonsingular
                few[r][r][0] += std::sqrt(kLiftRelative * s.t.estimate);
        auto pol = s.polish_full(few);
        if (!pol) continue;
        if (two_d && !eager && pol->value > s.polish_stop())
            pending.push_back(std::move(*pol));
        else
            s.attempt(pol->kernels, {24, 32}, source);
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const auto& a, const auto& b) { return a.value < b.value; });
    for (const auto& pol : pending)
        s.attempt(pol.kernels, {24, 32}, source);
}

/// A best network with more than R channels collapsed to at most R (collapse.h), kept when its
/// gap stays within the target or does not grow: the bracket then holds for every C >= R.
void collapse_to_r(Search& s, long R) {
    if (!s.out.best || static_cast<long>(s.out.best->u.size()) <= R) return;
    if (s.t.grid.D1 != 1) return; // the collapse (matrix spectral factor) is 1-D only
    NetworkInstance in;
    in.D = s.t.W.cols();
    in.K = s.t.K;
    in.R = R;
    in.u = s.out.best->u;
    in.v = regularizer_network_v_values(*s.out.best);
    try {
        CollapseResult c = regularizer_collapse(in);
        support::Fmpq gap;
        fmpq_sub(gap.x, c.network.cost.x, s.t.lower.x);
        fmpq_div(gap.x, gap.x, c.network.cost.x);
        const double g = fmpq_get_d(gap.x);
        if (g > std::max(kBracketTargetGap, s.out.gap)) return;
        s.out.best = std::move(c.network);
        s.out.gap = g;
        s.out.source = RegularizerKernelSource::GramCollapse;
    } catch (const std::exception& e) {
        s.out.last_error = e.what();
    }
}

} // namespace

RegularizerKernelSearch regularizer_kernels_closed_form(const RegularizerKernelTarget& t) {
    Search s{t, {}};
    if (t.K == 1) {
        s.attempt(regularizer_kernels_k1(t.wd), {24, 32, 44},
                  RegularizerKernelSource::ClosedFormK1);
        return s.out;
    }
    // The lift δ² ≈ 2^-bits·estimate balances its own cost against the rounding error.
    for (int bits : {32, 40, 48}) {
        const double delta = std::sqrt(std::ldexp(t.estimate, -bits));
        s.attempt(regularizer_kernels_kd(t.wd, t.grid, delta), {bits},
                  RegularizerKernelSource::ClosedFormKD);
    }
    return s.out;
}

RegularizerKernelSearch regularizer_kernels_one(const RegularizerKernelTarget& t,
                                                const std::vector<double>& c,
                                                RegularizerKernelSource source) {
    Search s{t, {}};
    s.attempt({{c}}, {}, source);
    return s.out;
}

RegularizerKernelSearch regularizer_kernels_gram(const RegularizerKernelTarget& t,
                                                 const RegularizerDualNumeric& dual,
                                                 const RegularizerKernelOptions& options) {
    using Src = RegularizerKernelSource;
    const long R = static_cast<long>(t.wd.size());
    Search s{t, {}};
    // Kernels of the central Gram matrix (SDPA's if the barrier failed): few polished, all as
    // they are, then polished, then with R lift channels polished along (a boundary optimum,
    // some Σ_d singular, has no nearby well-conditioned C0-channel network otherwise).
    const Kernels ker = regularizer_gram_factor(dual.gram, R, t.K, kGramTolerance);
    gram_few(s, ker, Src::GramFewPolish, options.few_eager);
    if (static_cast<long>(ker.size()) >= R) {
        s.attempt(ker, {24, 32}, Src::Gram);
        if (!s.done())
            if (auto pol = s.polish(ker)) s.attempt(*pol, {24, 32}, Src::GramPolish);
    }
    if (!s.done()) {
        const Kernels lifted = with_lift(ker, R, t.K, std::sqrt(kLiftRelative * t.estimate));
        if (auto pol = s.polish(lifted)) s.attempt(*pol, {32, 40}, Src::GramLiftPolish);
        s.attempt(lifted, {40}, Src::GramLift);
    }
    if (options.collapse) collapse_to_r(s, R);
    return s.out;
}

std::optional<RegularizerKktRefinement> regularizer_kernel_kkt(const std::vector<double>& w,
                                                               const std::vector<double>& c,
                                                               const std::vector<double>& lambda0) {
    const long D = static_cast<long>(w.size()), K = static_cast<long>(c.size());
    if (K + 2 * D > kKktMaxSize) return {};
    auto v0 = regularizer_least_norm_double(w, c);
    double cc = 0, vv = 0;
    for (double x : c)
        cc += x * x;
    for (double x : v0)
        vv += x * x;
    if (!(cc > 0) || !(vv > 0) || !std::isfinite(vv)) return {};
    const double s = std::pow(vv / cc, 0.25);
    std::vector<double> u0(c);
    for (double& x : u0)
        x *= s;
    for (double& x : v0)
        x /= s;
    auto kkt = regularizer_kkt_newton(w, u0, v0, lambda0);
    if (!(kkt.residual < kkt.initial_residual)) return {};
    return RegularizerKktRefinement{std::move(kkt.u), std::move(kkt.lambda)};
}

} // namespace convcert::regularizer
