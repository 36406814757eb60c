// Stages 2 and 4 of the regularizer bracket: adapters to the exact layer (see bracket_exact.h).
// The exact layer still speaks strings; this file is the one edge where they are converted.
#include "regularizer/bracket_exact.h"

#include "regularizer/exact/lower_bound_multi.h"
#include "regularizer/network_multi.h"
#include "regularizer/network_one_channel.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// The value of one rational string written by the exact layer.
support::Fmpq fmpq_from_exact_layer(const std::string& s) {
    const support::FmpqMat m = support::fmpq_mat_from_rows({{s}}, "exact layer");
    support::Fmpq out;
    fmpq_set(out.x, m.at(0, 0));
    return out;
}

/// R = 1, one kernel: the kernel rounded as regularizer_network_multi rounds, completed by the
/// one-channel least-norm v (its polynomial solve needs no R×R system).
RegularizerBracketNetwork network_one_channel(const std::vector<double>& c,
                                              const support::FmpqMat& W, int bits) {
    double cmax = 0;
    for (double x : c) {
        if (!std::isfinite(x)) throw std::invalid_argument("network: non-finite kernel");
        cmax = std::max(cmax, std::abs(x));
    }
    if (cmax == 0) throw std::invalid_argument("network: the kernel is zero");
    int e = 0;
    std::frexp(cmax, &e); // cmax in [2^(e-1), 2^e)
    const long shift = bits - e;
    support::FmpqMat u(1, static_cast<slong>(c.size()));
    support::Fmpz z;
    for (std::size_t k = 0; k < c.size(); ++k) {
        fmpz_set_d(z.x, std::nearbyint(std::ldexp(c[k], static_cast<int>(shift))));
        support::fmpq_set_fmpz_mul_2exp(u.at(0, static_cast<slong>(k)), z.x, -shift);
    }
    auto net = regularizer_network_from_kernel_exact(support::fmpq_mat_to_rows(W)[0],
                                                     support::fmpq_mat_to_rows(u)[0]);
    RegularizerBracketNetwork out;
    out.u.push_back(std::move(net.u));
    out.v = std::move(net.v);
    out.v_den = std::move(net.v_den);
    out.cost = std::move(net.cost);
    out.cost_double = fmpq_get_d(out.cost.x);
    out.denominator_bits = net.denominator_bits;
    return out;
}

/// v as network_multi.h writes it: "n/den" over one shared denominator ("n" when it is 1).
void v_from_exact_layer(RegularizerBracketNetwork& out,
                        const std::vector<std::vector<std::string>>& v) {
    out.v = support::FmpqMat(static_cast<slong>(v.size()), static_cast<slong>(v[0].size()));
    fmpz_one(out.v_den.x);
    for (std::size_t c = 0; c < v.size(); ++c)
        for (std::size_t j = 0; j < v[c].size(); ++j) {
            const std::string& s = v[c][j];
            const auto slash = s.find('/');
            fmpz_set_str(fmpq_numref(out.v.at(static_cast<slong>(c), static_cast<slong>(j))),
                         s.substr(0, slash).c_str(), 10);
            if (slash != std::string::npos && fmpz_is_one(out.v_den.x))
                fmpz_set_str(out.v_den.x, s.c_str() + slash + 1, 10);
        }
}

RegularizerBracketNetwork network_multi(const Kernels& kernels, const support::FmpqMat& W,
                                        int bits) {
    const auto net = regularizer_network_multi(kernels, support::fmpq_mat_to_rows(W), bits);
    RegularizerBracketNetwork out;
    for (const auto& u : net.u)
        out.u.push_back(support::fmpq_mat_from_rows(u, "u"));
    v_from_exact_layer(out, net.v);
    out.cost = fmpq_from_exact_layer(net.cost);
    out.cost_double = net.cost_double;
    out.denominator_bits = net.denominator_bits;
    return out;
}

} // namespace

RegularizerBracketLower regularizer_bracket_lower(const Rows& lambda, const support::FmpqMat& W,
                                                  long K) {
    auto b = regularizer_lower_bound_multi(lambda, support::fmpq_mat_to_rows(W), K);
    RegularizerBracketLower out;
    out.lambda = support::fmpq_mat_from_rows(b.lambda, "lambda");
    out.lower = fmpq_from_exact_layer(b.lower);
    out.lower_double = b.lower_double;
    out.seconds = b.seconds;
    return out;
}

RegularizerBracketNetwork regularizer_bracket_network(const Kernels& kernels,
                                                      const support::FmpqMat& W, int bits) {
    const support::Stopwatch watch;
    if (kernels.empty() || kernels[0].empty())
        throw std::invalid_argument("regularizer_bracket_network: no kernels");
    auto out = W.rows() == 1 && kernels.size() == 1 ? network_one_channel(kernels[0][0], W, bits)
                                                    : network_multi(kernels, W, bits);
    out.bits = bits;
    out.seconds = watch.seconds();
    return out;
}

RegularizerBracketNetwork regularizer_bracket_network_zero(long R, long K, long D) {
    RegularizerBracketNetwork out;
    out.u.emplace_back(R, K);
    out.v = support::FmpqMat(1, D);
    fmpz_one(out.v_den.x);
    return out;
}

} // namespace convcert::regularizer
