// The collapse generator (see collapse.h): exact predictor and cost of the input network, the
// subspace col(W), the spectral factor of the kernels' density in double (and, for R = 1, in
// high precision), rounded with more and more bits until the exact cost reaches the input's.
// In 2-D: the exact channel reduction and the regularizer bracket's network, fewest channels.
#include "regularizer/collapse.h"

#include "regularizer/bracket.h"
#include "regularizer/collapse_factor.h"
#include "regularizer/collapse_reduce.h"
#include "regularizer/exact/network.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

#include <optional>
#include <sstream>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Bits for the double-precision factor, then for the Lemma engine's (R = 1).
constexpr long kDoubleBits[] = {24, 36, 48, 53};
constexpr long kFirstHighBits = 64, kHighBitsStep = 32;
/// Least bits of the final balancing scale (its cost excess is about 2^(1-2 bits) relative).
constexpr long kBalanceBits = 53;

/// cost += the sum of squares of the entries of x, divided by den².
void mat_norm_squared_add(fmpq_t cost, const support::FmpqMat& x, const fmpz_t den) {
    support::Fmpq s, d2;
    for (slong i = 0; i < x.rows(); ++i)
        for (slong j = 0; j < x.cols(); ++j)
            fmpq_addmul(s.x, x.at(i, j), x.at(i, j));
    fmpz_mul(fmpq_numref(d2.x), den, den);
    fmpq_div(s.x, s.x, d2.x);
    fmpq_add(cost, cost, s.x);
}

/// sum_c ||u_c||² (exact).
void kernels_norm_squared(fmpq_t out, const std::vector<support::FmpqMat>& u) {
    support::Fmpz one;
    fmpz_one(one.x);
    fmpq_zero(out);
    for (const auto& k : u)
        mat_norm_squared_add(out, k, one.x);
}

/// The network's exact cost sum_c ||u_c||² + ||v_c||², into net.cost.
void network_cost_set(RegularizerNetwork& net) {
    kernels_norm_squared(net.cost.x, net.u);
    mat_norm_squared_add(net.cost.x, net.v, net.v_den.x);
}

/// Re-balances the network with a scale t ≈ (||v||² / ||u||²)^(1/4) of `bits` significant bits
/// (regularizer_network_from_kernels uses 20) when that lowers the exact cost.
void network_rebalance(RegularizerNetwork& net, long bits) {
    support::Fmpq A, B, cost;
    kernels_norm_squared(A.x, net.u);
    mat_norm_squared_add(B.x, net.v, net.v_den.x);
    if (fmpq_is_zero(A.x) || fmpq_is_zero(B.x)) return;
    support::Fmpq t, t2, x;
    collapse_balance_scale(t.x, A.x, B.x, bits);
    fmpq_mul(t2.x, t.x, t.x);
    fmpq_mul(cost.x, A.x, t2.x);
    fmpq_div(x.x, B.x, t2.x);
    fmpq_add(cost.x, cost.x, x.x);
    if (fmpq_cmp(cost.x, net.cost.x) >= 0) return;
    for (auto& k : net.u)
        fmpq_mat_scalar_mul_fmpq(k.m, k.m, t.x);
    // v/t = (v·b)/(v_den·a) for t = a/b: still integers over one denominator.
    fmpq_mat_scalar_mul_fmpz(net.v.m, net.v.m, fmpq_denref(t.x));
    fmpz_mul(net.v_den.x, net.v_den.x, fmpq_numref(t.x));
    fmpq_mul(net.scale.x, net.scale.x, t.x);
    fmpq_set(net.cost.x, cost.x);
}

/// What every candidate is measured against: W, its space, W in the space's coordinates, and
/// the input's exact cost.
struct CollapseTarget {
    support::FmpqMat w, w_coords;
    CollapseSpace space;
    support::Fmpq cost_in;
};

/// The best network so far; `consider` keeps the cheaper of the two (the first on ties), or with
/// `fewest_channels` the one with fewer channels, then the cheaper.
struct Best {
    bool fewest_channels = false;
    std::optional<RegularizerNetwork> net;
    std::string source;
    long bits = 0; ///< rounding bits of the best kernels (0: exact kernels)
    long tried = 0;
    double factor_seconds = 0; ///< spent in the numerical factors
    void consider(RegularizerNetwork candidate, const std::string& what, long b) {
        ++tried;
        if (net && fewest_channels && candidate.u.size() != net->u.size()) {
            if (candidate.u.size() > net->u.size()) return;
        } else if (net && fmpq_cmp(candidate.cost.x, net->cost.x) >= 0) {
            return;
        }
        net = std::move(candidate);
        source = what;
        bits = b;
    }
    bool reaches(const fmpq_t cost_in) const { return net && fmpq_cmp(net->cost.x, cost_in) <= 0; }
};

/// The network of the kernels' projections into the space: the least-norm V of X u_c for the
/// coordinates of W (unique when the projected kernels are s square channels), then u_c ->
/// B X u_c, the exact cost, and a finer balance when cost_in is not yet reached. Kernels whose
/// projections miss W (a frequency where W is out of their range) give no network.
std::optional<RegularizerNetwork>
network_in_space(const CollapseTarget& t, const std::vector<support::FmpqMat>& u, long bits) {
    try {
        RegularizerNetwork net =
            regularizer_network_from_kernels(collapse_space_coords(t.space, u), t.w_coords);
        if (!t.space.identity) {
            for (auto& k : net.u) {
                support::FmpqMat lifted(t.space.basis.rows(), k.cols());
                fmpq_mat_mul(lifted.m, t.space.basis.m, k.m);
                k = std::move(lifted);
            }
            network_cost_set(net);
        }
        if (fmpq_cmp(net.cost.x, t.cost_in.x) > 0)
            network_rebalance(net, std::max(bits, kBalanceBits));
        return net;
    } catch (const std::invalid_argument&) {
        // no exact V for these kernels (W out of their range at some frequency)
    } catch (const std::runtime_error&) {
        // no exact least-norm V in the form regularizer_least_norm builds (singular density)
    }
    return std::nullopt;
}

void try_kernels(Best& best, const CollapseTarget& t, const std::vector<support::FmpqMat>& u,
                 long bits, const std::string& source) {
    if (auto net = network_in_space(t, u, bits)) best.consider(std::move(*net), source, bits);
}

/// The rounded channels of a factor as kernels (R rows of K); zero channels are dropped.
std::vector<support::FmpqMat> channels_round(const std::vector<CollapseChannel>& channels, long R,
                                             long bits) {
    std::vector<support::FmpqMat> out;
    for (const auto& c : channels) {
        try {
            out.push_back(collapse_channel_round(c, R, bits));
        } catch (const std::invalid_argument&) {
            // a zero channel (a rank-deficient factor) carries nothing
        }
    }
    return out;
}

/// The zero network of W = 0: one channel u = 0 (R×K), v = 0 (1×D), cost 0.
RegularizerNetwork network_zero(slong R, slong K, slong D) {
    RegularizerNetwork zero;
    zero.u.emplace_back(R, K);
    zero.v = support::FmpqMat(1, D);
    fmpz_one(zero.v_den.x);
    fmpq_one(zero.scale.x);
    return zero;
}

/// The kernels projected into the space (u_c -> B X u_c).
std::vector<support::FmpqMat> kernels_project(const CollapseTarget& t,
                                              const std::vector<support::FmpqMat>& u) {
    if (t.space.identity) return u;
    std::vector<support::FmpqMat> projected;
    for (const auto& k : collapse_space_coords(t.space, u)) {
        projected.emplace_back(t.space.basis.rows(), k.cols());
        fmpq_mat_mul(projected.back().m, t.space.basis.m, k.m);
    }
    return projected;
}

/// The input network itself with its kernels projected into the space (C <= R): it realizes W
/// at a cost at most the input's, the candidate of last resort that needs no slack.
RegularizerNetwork network_projected_input(const CollapseTarget& t, const NetworkInstance& net) {
    RegularizerNetwork out;
    out.v = net.v;
    fmpz_one(out.v_den.x);
    regularizer_network_v_normalize(out.v, out.v_den);
    out.u = kernels_project(t, net.u);
    fmpq_one(out.scale.x);
    network_cost_set(out);
    return out;
}

/// u_r = e_r e_0ᵀ (R channels, R rows of K), v_r = W[r]: always realizes W.
std::vector<support::FmpqMat> kernels_identity(slong R, slong K) {
    std::vector<support::FmpqMat> out;
    for (slong r = 0; r < R; ++r) {
        out.emplace_back(R, K);
        fmpq_one(out.back().at(r, 0));
    }
    return out;
}

/// The factor's channels rounded with b in `bits` until a network reaches cost_in (the first
/// rounding runs even then when `always_first`).
template <class Bits>
void rounding_loop(Best& best, const CollapseTarget& t, const std::vector<CollapseChannel>& c,
                   slong R, const Bits& bits, bool always_first, const std::string& source) {
    bool first = always_first;
    for (long b : bits) {
        if (!first && best.reaches(t.cost_in.x)) break;
        try_kernels(best, t, channels_round(c, R, b), b, source);
        first = false;
    }
}

/// The candidates in order: the input kernels (C <= R), the double factor at kDoubleBits, for
/// R = 1 the Lemma engine's factor with more bits, the projected input (C <= R), and the
/// identity kernels u_r = e_r e_0ᵀ when nothing else could be built.
void collapse_search(Best& best, const NetworkInstance& net, const CollapseTarget& t,
                     long max_bits) {
    const long C = static_cast<long>(net.u.size());
    const std::string factor = net.R == 1 ? "spectral factor" : "matrix spectral factor";
    if (C <= net.R)
        try_kernels(best, t, net.u, 0,
                    C == 1 ? "the input kernel, least-norm v" : "the input kernels, least-norm v");
    // Dependent channels (after the projection into the space) merge exactly: a singular
    // density whose range moves with z (all channels proportional) is realized by no rounded
    // factor, but by this.
    if (auto reduced = collapse_reduce_channels(kernels_project(t, net.u), net.v, kBalanceBits);
        reduced && static_cast<long>(reduced->u.size()) <= net.R)
        best.consider(std::move(*reduced), "exact channel reduction", 0);
    support::Stopwatch watch;
    const auto c = collapse_factor_double(collapse_autocorrelation(net.u), t.space);
    best.factor_seconds += watch.seconds();
    if (c) rounding_loop(best, t, *c, net.R, kDoubleBits, true, factor);
    if (!best.reaches(t.cost_in.x) && net.R == 1 && max_bits >= kFirstHighBits) {
        const long digits = std::max(30L, max_bits * 30103 / 100000 + 10);
        std::vector<long> high;
        for (long b = kFirstHighBits; b <= max_bits; b += kHighBitsStep)
            high.push_back(b);
        watch.restart();
        const auto h = collapse_factor_high(net.u, digits);
        best.factor_seconds += watch.seconds();
        if (h) rounding_loop(best, t, *h, 1, high, false, factor);
    }
    if (!best.reaches(t.cost_in.x) && C <= net.R)
        best.consider(network_projected_input(t, net), "the input network, projected", 0);
    if (!best.net) // every rounded factor missed W: u_r = e_r e_0, v_r = W[r]
        try_kernels(best, t, kernels_identity(net.R, net.K), 0,
                    net.R == 1 ? "e_0 (fallback)" : "e_r e_0 (fallback)");
}

/// The 2-D candidates (collapse.h): the exact channel reduction of the kernels and the
/// regularizer bracket's network for W; a bracket that fails numerically leaves the other.
void collapse_search_2d(Best& best, const NetworkInstance& net, const CollapseTarget& t) {
    best.fewest_channels = true;
    const long C = static_cast<long>(net.u.size());
    if (C == 1)
        throw CollapseNotReduced(
            "no collapse: the input has C = 1 channel; in 2-D a collapse only lowers the "
            "channel count");
    if (auto reduced = collapse_reduce_channels(net.u, net.v, kBalanceBits))
        best.consider(std::move(*reduced), "exact channel reduction", 0);
    std::string error;
    try {
        const RegularizerBracket b = regularizer_bracket(t.w, net.grid);
        RegularizerNetwork bn;
        bn.u = b.u;
        bn.v = b.v;
        fmpz_set(bn.v_den.x, b.v_den.x);
        fmpq_set(bn.cost.x, b.upper.x);
        fmpq_one(bn.scale.x);
        std::ostringstream what;
        what.precision(2);
        what << "the regularizer bracket's network (C0 = " << b.C0 << ", bracket gap "
             << b.relative_gap << ")";
        best.consider(std::move(bn), what.str(), b.kernel_bits);
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (best.net && static_cast<long>(best.net->u.size()) < C) return;
    throw CollapseNotReduced(
        "no collapse: the input has C = " + std::to_string(C) + " channel" + (C == 1 ? "" : "s") +
        " and " +
        (best.net ? "the certified constructions (the regularizer bracket's network, the exact "
                    "channel reduction) reach C0 = " +
                        std::to_string(best.net->u.size())
                  : "the regularizer bracket found no network (" + error + ")") +
        "; one channel is not always possible in 2-D");
}

/// The claim (input, W, output, costs, slack) and the report of the best network.
CollapseResult collapse_result(const NetworkInstance& net, const CollapseTarget& t,
                               const Best& best, const support::Stopwatch& watch) {
    const RegularizerNetwork& out = *best.net;
    CollapseClaim claim;
    claim.D = net.D;
    claim.K = net.K;
    claim.R = net.R;
    claim.shape = grid_shape(network_instance_grid(net));
    claim.kernel_shape = grid_kernel_shape(network_instance_grid(net));
    claim.w = support::fmpq_mat_to_rows(t.w);
    for (const auto& k : net.u)
        claim.input.u.push_back(support::fmpq_mat_to_rows(k));
    claim.input.v = support::fmpq_mat_to_rows(net.v);
    claim.cost_in = support::fmpq_get_string(t.cost_in.x);
    for (const auto& k : out.u)
        claim.output.u.push_back(support::fmpq_mat_to_rows(k));
    claim.output.v = regularizer_rows_over_denominator(out.v, out.v_den);
    claim.cost_out = support::fmpq_get_string(out.cost.x);
    support::Fmpq slack;
    fmpq_sub(slack.x, out.cost.x, t.cost_in.x);
    if (fmpq_sgn(slack.x) < 0) fmpq_zero(slack.x);
    claim.slack = support::fmpq_get_string(slack.x);

    CollapseResult result;
    result.channels = static_cast<long>(net.u.size());
    result.channels_out = static_cast<long>(out.u.size());
    result.cost_in = fmpq_get_d(t.cost_in.x);
    result.cost_out = fmpq_get_d(out.cost.x);
    result.slack = fmpq_get_d(slack.x);
    result.source = best.source;
    result.bits = best.bits;
    result.tried = best.tried;
    result.certificate.generator_method =
        best.source + (best.bits > 0 ? ", " + std::to_string(best.bits) + " bits" : "") +
        ", balance " + support::fmpq_get_string(out.scale.x);
    result.certificate.body = CollapseBody{std::move(claim)};
    result.network = out;
    result.seconds = watch.seconds();
    result.factor_seconds = best.factor_seconds;
    return result;
}

} // namespace

CollapseResult regularizer_collapse(const NetworkInstance& net, const CollapseOptions& options) {
    const support::Stopwatch watch;
    CollapseTarget t;
    t.w = regularizer_network_predictor(net.u, net.v, network_instance_grid(net));
    support::Fmpz one;
    fmpz_one(one.x);
    kernels_norm_squared(t.cost_in.x, net.u);
    mat_norm_squared_add(t.cost_in.x, net.v, one.x);

    Best best;
    if (fmpq_mat_is_zero(t.w.m)) {
        best.consider(network_zero(net.R, net.K, net.D), "zero network (w = 0)", 0);
        if (network_instance_is_2d(net) && net.u.size() == 1)
            throw CollapseNotReduced("no collapse: the input has C = 1 channel (w = 0)");
    } else if (network_instance_is_2d(net)) {
        collapse_search_2d(best, net, t);
    } else {
        t.space = collapse_space(t.w);
        t.w_coords = t.w;
        if (!t.space.identity) {
            t.w_coords = support::FmpqMat(t.space.coords.rows(), t.w.cols());
            fmpq_mat_mul(t.w_coords.m, t.space.coords.m, t.w.m);
        }
        collapse_search(best, net, t, options.max_bits);
    }
    if (!best.net) throw std::runtime_error("collapse: no network could be built");
    return collapse_result(net, t, best, watch);
}

} // namespace convcert::regularizer
