// The collapse generator (see collapse.h): exact predictor and cost of the input network,
// the spectral factor of r = sum_c u_c ⋆ u_c in double and then in high precision, rounded
// with more and more bits until the exact one-channel cost reaches the input's.
#include "regularizer/collapse.h"

#include "lemma/autocorrelation.h"
#include "lemma/factor.h"
#include "regularizer/exact/network.h"
#include "regularizer/kernel_one_channel.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Bits for the double-precision factor, then for the Lemma engine's.
constexpr long kDoubleBits[] = {24, 36, 48, 53};
constexpr long kFirstHighBits = 64, kHighBitsStep = 32;
/// Least bits of the final balancing scale (its cost excess is about 2^(1-2 bits) relative).
constexpr long kBalanceBits = 53;

/// w = sum_c u_c * v_c (1×D) for U (C×K, one kernel per row) and V (C×D), by the shared
/// exact predictor (regularizer/exact/network.h).
support::FmpqMat network_predictor(const support::FmpqMat& U, const support::FmpqMat& V) {
    std::vector<support::FmpqMat> kernels;
    for (slong c = 0; c < U.rows(); ++c) {
        kernels.emplace_back(1, U.cols());
        for (slong k = 0; k < U.cols(); ++k)
            fmpq_set(kernels.back().at(0, k), U.at(c, k));
    }
    return regularizer_network_predictor(kernels, V);
}

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

/// c (decimal strings, not all zero) rounded to `bits` significant bits of max_k |c_k|:
/// c_k ≈ z_k 2^-shift, as a 1×K matrix.
support::FmpqMat kernel_round(const std::vector<std::string>& c, long bits) {
    const slong prec = 4 * bits + 64;
    support::ArbVec x(static_cast<slong>(c.size()));
    support::Arf cmax;
    for (std::size_t k = 0; k < c.size(); ++k) {
        if (arb_set_str(x.v + k, c[k].c_str(), prec) != 0)
            throw std::invalid_argument("collapse: not a decimal: '" + c[k] + "'");
        support::Arf m;
        arf_abs(m.x, arb_midref(x.v + k));
        if (arf_cmp(m.x, cmax.x) > 0) arf_set(cmax.x, m.x);
    }
    if (arf_is_zero(cmax.x)) throw std::invalid_argument("collapse: zero kernel");
    const long shift = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(cmax.x));
    support::FmpqMat out(1, static_cast<slong>(c.size()));
    support::Arf t;
    support::Fmpz z;
    for (std::size_t k = 0; k < c.size(); ++k) {
        arf_mul_2exp_si(t.x, arb_midref(x.v + k), shift);
        arf_get_fmpz(z.x, t.x, ARF_RND_NEAR);
        support::fmpq_set_fmpz_mul_2exp(out.at(0, static_cast<slong>(k)), z.x, -shift);
    }
    return out;
}

/// Re-balances the network with a scale t ≈ (||v||² / ||u||²)^(1/4) of `bits` significant bits
/// (regularizer_network_from_kernels uses 20) when that lowers the exact cost.
void network_rebalance(RegularizerNetwork& net, long bits) {
    support::Fmpq A, B, cost;
    support::Fmpz one;
    fmpz_one(one.x);
    mat_norm_squared_add(A.x, net.u[0], one.x);
    mat_norm_squared_add(B.x, net.v, net.v_den.x);
    if (fmpq_is_zero(A.x) || fmpq_is_zero(B.x)) return;
    const slong prec = 2 * bits + 64;
    support::Arb ratio, b;
    arb_set_fmpq(ratio.x, B.x, prec);
    arb_set_fmpq(b.x, A.x, prec);
    arb_div(ratio.x, ratio.x, b.x, prec);
    arb_root_ui(ratio.x, ratio.x, 4, prec);
    const long e = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(arb_midref(ratio.x)));
    support::Arf m;
    support::Fmpz z;
    arf_mul_2exp_si(m.x, arb_midref(ratio.x), e);
    arf_get_fmpz(z.x, m.x, ARF_RND_NEAR);
    support::Fmpq t, t2, x;
    support::fmpq_set_fmpz_mul_2exp(t.x, z.x, -e);
    fmpq_mul(t2.x, t.x, t.x);
    fmpq_mul(cost.x, A.x, t2.x);
    fmpq_div(x.x, B.x, t2.x);
    fmpq_add(cost.x, cost.x, x.x);
    if (fmpq_cmp(cost.x, net.cost.x) >= 0) return;
    fmpq_mat_scalar_mul_fmpq(net.u[0].m, net.u[0].m, t.x);
    // v/t = (v·b)/(v_den·a) for t = a/b: still integers over one denominator.
    fmpq_mat_scalar_mul_fmpz(net.v.m, net.v.m, fmpq_denref(t.x));
    fmpz_mul(net.v_den.x, net.v_den.x, fmpq_numref(t.x));
    fmpq_mul(net.scale.x, net.scale.x, t.x);
    fmpq_set(net.cost.x, cost.x);
}

/// The double-precision spectral factor of r (K lags), as decimal strings of length K, or
/// nothing when the iteration fails. Trailing zero lags are factored away and padded back.
std::optional<std::vector<std::string>> factor_double(const std::vector<support::Fmpq>& r) {
    const long n = lemma::lemma_effective_length(r);
    std::vector<double> rd(static_cast<std::size_t>(n));
    for (long j = 0; j < n; ++j)
        rd[static_cast<std::size_t>(j)] = fmpq_get_d(r[static_cast<std::size_t>(j)].x);
    std::vector<double> c;
    try {
        c = regularizer_spectral_factor_double(rd);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::vector<std::string> out(r.size(), "0");
    char buf[64];
    for (std::size_t k = 0; k < c.size(); ++k) {
        if (!std::isfinite(c[k])) return std::nullopt;
        std::snprintf(buf, sizeof buf, "%.17e", c[k]);
        out[k] = buf;
    }
    return out;
}

/// The Lemma engine's factor of sum_c u_c ⋆ u_c (U: C×K) to `digits` digits (enclosure, then
/// auto).
std::optional<std::vector<std::string>> factor_high(const support::FmpqMat& U, long digits) {
    const lemma::LemmaInstance instance{U.cols(), U};
    for (const auto method : {lemma::FactorMethod::Enclosure, lemma::FactorMethod::Auto}) {
        try {
            const Certificate cert = lemma::lemma_factor_certificate(instance, {method, digits});
            if (const auto* e = std::get_if<LemmaEnclosureBody>(&cert.body))
                return e->evidence.c_decimal;
            return std::get<LemmaExactBody>(cert.body).evidence.c_decimal;
        } catch (const std::exception&) {
            // try the next method
        }
    }
    return std::nullopt;
}

/// The best network so far; `consider` keeps the cheaper of the two (the first on ties).
struct Best {
    std::optional<RegularizerNetwork> net;
    std::string source;
    long bits = 0; ///< rounding bits of the best kernel (0: an exact kernel)
    long tried = 0;
    void consider(RegularizerNetwork candidate, const std::string& what, long b) {
        ++tried;
        if (net && fmpq_cmp(candidate.cost.x, net->cost.x) >= 0) return;
        net = std::move(candidate);
        source = what;
        bits = b;
    }
    bool reaches(const fmpq_t cost_in) const { return net && fmpq_cmp(net->cost.x, cost_in) <= 0; }
};

/// One candidate from a kernel (1×K); a kernel that misses a frequency of w is skipped. The
/// finer balance (more digits in the certificate) is applied only when cost_in is not yet
/// reached. w: the predictor (1×D).
void try_kernel(Best& best, const support::FmpqMat& w, const fmpq_t cost_in,
                const support::FmpqMat& kernel, long bits, const char* source) {
    try {
        RegularizerNetwork net = regularizer_network_from_kernels({kernel}, w);
        if (fmpq_cmp(net.cost.x, cost_in) > 0) network_rebalance(net, std::max(bits, kBalanceBits));
        best.consider(std::move(net), source, bits);
    } catch (const std::invalid_argument&) {
        // no exact v for this kernel (a zero of its DFT where ŵ is not zero)
    } catch (const std::runtime_error&) {
        // no exact least-norm v in the form regularizer_least_norm builds
    }
}

/// The zero network of w = 0: u = 0 (1×K), v = 0 (1×D), cost 0.
RegularizerNetwork network_zero(slong K, slong D) {
    RegularizerNetwork zero;
    zero.u.emplace_back(1, K);
    zero.v = support::FmpqMat(1, D);
    fmpz_one(zero.v_den.x);
    fmpq_one(zero.scale.x);
    return zero;
}

/// The candidates in order: the input kernel (C = 1), the double factor at kDoubleBits, the
/// Lemma engine's factor with more bits, and u = e_0 when nothing else could be built.
void collapse_search(Best& best, const NetworkInstance& net, const support::FmpqMat& U,
                     const support::FmpqMat& w, const fmpq_t cost_in, long max_bits) {
    if (net.u.size() == 1) try_kernel(best, w, cost_in, U, 0, "the input kernel, least-norm v");
    bool first = true;
    if (const auto c = factor_double(lemma::lemma_target(U)))
        for (long bits : kDoubleBits) {
            if (!first && best.reaches(cost_in)) break;
            try_kernel(best, w, cost_in, kernel_round(*c, bits), bits, "spectral factor");
            first = false;
        }
    if (!best.reaches(cost_in) && max_bits >= kFirstHighBits) {
        const long digits = std::max(30L, max_bits * 30103 / 100000 + 10);
        if (const auto c = factor_high(U, digits))
            for (long bits = kFirstHighBits; bits <= max_bits; bits += kHighBitsStep) {
                try_kernel(best, w, cost_in, kernel_round(*c, bits), bits, "spectral factor");
                if (best.reaches(cost_in)) break;
            }
    }
    if (!best.net) { // every rounded factor missed a frequency of w: u = e_0, v = w
        support::FmpqMat e0(1, net.K);
        fmpq_one(e0.at(0, 0));
        try_kernel(best, w, cost_in, e0, 0, "e_0 (fallback)");
    }
}

/// The claim (input, w, output, costs, slack) and the report of the best network.
CollapseResult collapse_result(const NetworkInstance& net, const support::FmpqMat& w,
                               const support::Fmpq& cost_in, const Best& best,
                               const support::Stopwatch& watch) {
    const RegularizerNetwork& out = *best.net;
    CollapseClaim claim;
    claim.D = net.D;
    claim.K = net.K;
    claim.R = 1;
    claim.w = support::fmpq_mat_to_rows(w)[0];
    claim.input = {net.u, net.v};
    claim.cost_in = support::fmpq_get_string(cost_in.x);
    claim.output = {support::fmpq_mat_to_rows(out.u[0]),
                    regularizer_rows_over_denominator(out.v, out.v_den)};
    claim.cost_out = support::fmpq_get_string(out.cost.x);
    support::Fmpq slack;
    fmpq_sub(slack.x, out.cost.x, cost_in.x);
    if (fmpq_sgn(slack.x) < 0) fmpq_zero(slack.x);
    claim.slack = support::fmpq_get_string(slack.x);

    CollapseResult result;
    result.channels = static_cast<long>(net.u.size());
    result.cost_in = fmpq_get_d(cost_in.x);
    result.cost_out = fmpq_get_d(out.cost.x);
    result.slack = fmpq_get_d(slack.x);
    result.source = best.source;
    result.bits = best.bits;
    result.tried = best.tried;
    result.certificate.generator_method =
        best.source + (best.bits > 0 ? ", " + std::to_string(best.bits) + " bits" : "") +
        ", balance " + support::fmpq_get_string(out.scale.x);
    result.certificate.body = CollapseBody{std::move(claim)};
    result.seconds = watch.seconds();
    return result;
}

} // namespace

CollapseResult regularizer_collapse(const NetworkInstance& net, const CollapseOptions& options) {
    const support::Stopwatch watch;
    const support::FmpqMat U = support::fmpq_mat_from_rows(net.u, "u"); // the edge: once
    const support::FmpqMat V = support::fmpq_mat_from_rows(net.v, "v");
    const support::FmpqMat w = network_predictor(U, V);
    support::Fmpq cost_in;
    support::Fmpz one;
    fmpz_one(one.x);
    mat_norm_squared_add(cost_in.x, U, one.x);
    mat_norm_squared_add(cost_in.x, V, one.x);

    Best best;
    if (fmpq_mat_is_zero(w.m))
        best.consider(network_zero(net.K, net.D), "zero network (w = 0)", 0);
    else
        collapse_search(best, net, U, w, cost_in.x, options.max_bits);
    if (!best.net) throw std::runtime_error("collapse: no one-channel network could be built");
    return collapse_result(net, w, cost_in, best, watch);
}

} // namespace convcert::regularizer
