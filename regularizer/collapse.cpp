// The collapse generator (see collapse.h): exact predictor and cost of the input network,
// the spectral factor of r = sum_c u_c ⋆ u_c in double and then in high precision, rounded
// with more and more bits until the exact one-channel cost reaches the input's.
#include "regularizer/collapse.h"

#include "lemma/autocorrelation.h"
#include "lemma/factor.h"
#include "lemma/flint_raii.h"
#include "regularizer/lower_bound.h"
#include "regularizer/network_one_channel.h"

#include <flint/fmpq.h>

#include <chrono>
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

void fmpq_set_canonical(fmpq_t q, const std::string& s) {
    if (fmpq_set_str(q, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q)))
        throw std::invalid_argument("collapse: not a rational: '" + s + "'");
    fmpq_canonicalise(q);
}

/// w = sum_c u_c * v_c, (u * v)[j] = sum_k u[k] v[(j - k) mod D], as canonical strings.
std::vector<std::string> network_predictor(const NetworkInstance& net) {
    const auto D = static_cast<std::size_t>(net.D), K = static_cast<std::size_t>(net.K);
    lemma::FmpqVec w(net.D);
    lemma::Fmpq a, b;
    for (std::size_t c = 0; c < net.u.size(); ++c)
        for (std::size_t k = 0; k < K; ++k) {
            fmpq_set_canonical(a.x, net.u[c][k]);
            if (fmpq_is_zero(a.x)) continue;
            for (std::size_t i = 0; i < D; ++i) {
                fmpq_set_canonical(b.x, net.v[c][i]);
                fmpq_addmul(w.v + (i + k) % D, a.x, b.x);
            }
        }
    std::vector<std::string> out;
    for (std::size_t j = 0; j < D; ++j)
        out.push_back(lemma::fmpq_get_string(w.v + j));
    return out;
}

/// cost = sum of squares of every entry of every row.
void rows_norm_squared(fmpq_t cost, const std::vector<std::vector<std::string>>& rows) {
    lemma::Fmpq x;
    for (const auto& row : rows)
        for (const auto& s : row) {
            fmpq_set_canonical(x.x, s);
            fmpq_addmul(cost, x.x, x.x);
        }
}

int rational_cmp(const std::string& a, const std::string& b) {
    lemma::Fmpq x, y;
    fmpq_set_canonical(x.x, a);
    fmpq_set_canonical(y.x, b);
    return fmpq_cmp(x.x, y.x);
}

/// c (decimal strings, not all zero) rounded to `bits` significant bits of max_k |c_k|:
/// c_k ≈ z_k 2^-shift, as canonical rationals.
std::vector<std::string> kernel_round(const std::vector<std::string>& c, long bits) {
    const slong prec = 4 * bits + 64;
    lemma::ArbVec x(static_cast<slong>(c.size()));
    lemma::Arf cmax;
    for (std::size_t k = 0; k < c.size(); ++k) {
        if (arb_set_str(x.v + k, c[k].c_str(), prec) != 0)
            throw std::invalid_argument("collapse: not a decimal: '" + c[k] + "'");
        lemma::Arf m;
        arf_abs(m.x, arb_midref(x.v + k));
        if (arf_cmp(m.x, cmax.x) > 0) arf_set(cmax.x, m.x);
    }
    if (arf_is_zero(cmax.x)) throw std::invalid_argument("collapse: zero kernel");
    const long shift = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(cmax.x));
    std::vector<std::string> out;
    lemma::Arf t;
    lemma::Fmpz z;
    lemma::Fmpq q;
    for (std::size_t k = 0; k < c.size(); ++k) {
        arf_mul_2exp_si(t.x, arb_midref(x.v + k), shift);
        arf_get_fmpz(z.x, t.x, ARF_RND_NEAR);
        lemma::fmpq_set_fmpz_mul_2exp(q.x, z.x, -shift);
        out.push_back(lemma::fmpq_get_string(q.x));
    }
    return out;
}

/// Re-balances the network with a scale t ≈ (||v||² / ||u||²)^(1/4) of `bits` significant bits
/// (regularizer_network_from_kernel uses 20) when that lowers the exact cost.
void network_rebalance(OneChannelNetwork& net, long bits) {
    lemma::Fmpq A, B, cost;
    rows_norm_squared(A.x, {net.u});
    rows_norm_squared(B.x, {net.v});
    if (fmpq_is_zero(A.x) || fmpq_is_zero(B.x)) return;
    const slong prec = 2 * bits + 64;
    lemma::Arb ratio, b;
    arb_set_fmpq(ratio.x, B.x, prec);
    arb_set_fmpq(b.x, A.x, prec);
    arb_div(ratio.x, ratio.x, b.x, prec);
    arb_root_ui(ratio.x, ratio.x, 4, prec);
    const long e = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(arb_midref(ratio.x)));
    lemma::Arf m;
    lemma::Fmpz z;
    arf_mul_2exp_si(m.x, arb_midref(ratio.x), e);
    arf_get_fmpz(z.x, m.x, ARF_RND_NEAR);
    lemma::Fmpq t, t2, x;
    lemma::fmpq_set_fmpz_mul_2exp(t.x, z.x, -e);
    fmpq_mul(t2.x, t.x, t.x);
    fmpq_mul(cost.x, A.x, t2.x);
    fmpq_div(x.x, B.x, t2.x);
    fmpq_add(cost.x, cost.x, x.x);
    lemma::Fmpq old;
    fmpq_set_canonical(old.x, net.cost);
    if (fmpq_cmp(cost.x, old.x) >= 0) return;
    for (auto& s : net.u) {
        fmpq_set_canonical(x.x, s);
        fmpq_mul(x.x, x.x, t.x);
        s = lemma::fmpq_get_string(x.x);
    }
    for (auto& s : net.v) {
        fmpq_set_canonical(x.x, s);
        fmpq_div(x.x, x.x, t.x);
        s = lemma::fmpq_get_string(x.x);
    }
    fmpq_set_canonical(x.x, net.balance);
    fmpq_mul(x.x, x.x, t.x);
    net.balance = lemma::fmpq_get_string(x.x);
    net.cost = lemma::fmpq_get_string(cost.x);
    net.cost_double = fmpq_get_d(cost.x);
}

/// The double-precision spectral factor of r (K lags), as decimal strings of length K, or
/// nothing when the iteration fails. Trailing zero lags are factored away and padded back.
std::optional<std::vector<std::string>> factor_double(const std::vector<std::string>& r) {
    const long n = lemma::lemma_effective_length(r);
    std::vector<double> rd(static_cast<std::size_t>(n));
    for (long j = 0; j < n; ++j)
        rd[static_cast<std::size_t>(j)] =
            regularizer_rational_to_double(r[static_cast<std::size_t>(j)]);
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

/// The Lemma engine's factor of sum_c u_c ⋆ u_c to `digits` digits (enclosure, then auto).
std::optional<std::vector<std::string>> factor_high(const NetworkInstance& net, long digits) {
    lemma::LemmaInstance instance{net.K, net.u};
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

/// The best network so far; `better` keeps the cheaper of the two (the first on ties).
struct Best {
    std::optional<OneChannelNetwork> net;
    std::string source;
    long tried = 0;
    void consider(OneChannelNetwork candidate, const std::string& what) {
        ++tried;
        if (net && rational_cmp(candidate.cost, net->cost) >= 0) return;
        net = std::move(candidate);
        source = what;
    }
    bool reaches(const std::string& cost_in) const {
        return net && rational_cmp(net->cost, cost_in) <= 0;
    }
};

/// One candidate from a kernel; a kernel that misses a frequency of w is skipped. The finer
/// balance (more digits in the certificate) is applied only when cost_in is not yet reached.
void try_kernel(Best& best, const std::vector<std::string>& w, const std::string& cost_in,
                const std::vector<std::string>& kernel, long bits, const char* source) {
    try {
        OneChannelNetwork net = regularizer_network_from_kernel(w, kernel);
        net.bits = bits;
        if (rational_cmp(net.cost, cost_in) > 0)
            network_rebalance(net, std::max(bits, kBalanceBits));
        best.consider(std::move(net), source);
    } catch (const std::invalid_argument&) {
        // no exact v for this kernel (a zero of its DFT where ŵ is not zero)
    }
}

} // namespace

CollapseResult regularizer_collapse(const NetworkInstance& net, const CollapseOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const auto K = static_cast<std::size_t>(net.K), D = static_cast<std::size_t>(net.D);
    CollapseClaim claim;
    claim.D = net.D;
    claim.K = net.K;
    claim.R = 1;
    claim.w = network_predictor(net);
    claim.input = {net.u, net.v};
    lemma::Fmpq cost;
    rows_norm_squared(cost.x, net.u);
    rows_norm_squared(cost.x, net.v);
    claim.cost_in = lemma::fmpq_get_string(cost.x);

    Best best;
    bool w_zero = true;
    for (const auto& x : claim.w)
        w_zero = w_zero && x == "0";
    if (w_zero) {
        OneChannelNetwork zero;
        zero.u.assign(K, "0");
        zero.v.assign(D, "0");
        zero.cost = "0";
        best.consider(std::move(zero), "zero network (w = 0)");
    } else {
        if (net.u.size() == 1)
            try_kernel(best, claim.w, claim.cost_in, net.u[0], 0, "the input kernel, least-norm v");
        const std::vector<std::string> r = lemma::lemma_target(net.u);
        bool first = true;
        if (const auto c = factor_double(r))
            for (long bits : kDoubleBits) {
                if (!first && best.reaches(claim.cost_in)) break;
                try_kernel(best, claim.w, claim.cost_in, kernel_round(*c, bits), bits,
                           "spectral factor");
                first = false;
            }
        if (!best.reaches(claim.cost_in) && options.max_bits >= kFirstHighBits) {
            const long digits = std::max(30L, options.max_bits * 30103 / 100000 + 10);
            if (const auto c = factor_high(net, digits))
                for (long bits = kFirstHighBits; bits <= options.max_bits; bits += kHighBitsStep) {
                    try_kernel(best, claim.w, claim.cost_in, kernel_round(*c, bits), bits,
                               "spectral factor");
                    if (best.reaches(claim.cost_in)) break;
                }
        }
        if (!best.net) { // every rounded factor missed a frequency of w: u = e_0, v = w
            std::vector<std::string> e0(K, "0");
            e0[0] = "1";
            try_kernel(best, claim.w, claim.cost_in, e0, 0, "e_0 (fallback)");
        }
    }
    if (!best.net) throw std::runtime_error("collapse: no one-channel network could be built");

    const OneChannelNetwork& out = *best.net;
    claim.output = {{out.u}, {out.v}};
    claim.cost_out = out.cost;
    lemma::Fmpq in, o, slack;
    fmpq_set_canonical(in.x, claim.cost_in);
    fmpq_set_canonical(o.x, claim.cost_out);
    fmpq_sub(slack.x, o.x, in.x);
    if (fmpq_sgn(slack.x) < 0) fmpq_zero(slack.x);
    claim.slack = lemma::fmpq_get_string(slack.x);

    CollapseResult result;
    result.channels = static_cast<long>(net.u.size());
    result.cost_in = fmpq_get_d(in.x);
    result.cost_out = fmpq_get_d(o.x);
    result.slack = fmpq_get_d(slack.x);
    result.source = best.source;
    result.bits = out.bits;
    result.tried = best.tried;
    result.certificate.generator_method =
        best.source + (out.bits > 0 ? ", " + std::to_string(out.bits) + " bits" : "") +
        ", balance " + out.balance;
    result.certificate.body = CollapseBody{std::move(claim)};
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace convcert::regularizer
