// The two-channel network of `convcert separate` (separate_network.h).
#include "separation/separate_network.h"

#include "regularizer/numeric/polish_kernels.h"
#include "separation/network_least_norm.h"
#include "support/rational_convert.h"

#include <flint/fmpq_mat.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace convcert::separation {

namespace {

/// Rounding grid of the polished kernels: multiples of 2^-kKernelBits.
constexpr int kKernelBits = 30;
constexpr int kPolishIterations = 200;

/// The best pair of the bracket's kernels, each pair polished with C = 2 (no wall-clock cap, so
/// the result is deterministic; the first of equal values wins).
regularizer::Kernels two_polished(const regularizer::RegularizerBracket& b,
                                  const regularizer::Rows& wd) {
    regularizer::Kernels best;
    double best_value = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < b.u.size(); ++i)
        for (std::size_t j = i + 1; j < b.u.size(); ++j) {
            const regularizer::Kernels start = {support::fmpq_mat_to_doubles(b.u[i]),
                                                support::fmpq_mat_to_doubles(b.u[j])};
            if (!std::isfinite(regularizer::regularizer_polish_kernels_value(wd, b.grid, start)))
                continue;
            const auto p = regularizer::regularizer_polish_kernels(
                wd, b.grid, start, kPolishIterations, 0, std::numeric_limits<double>::infinity());
            if (p.value < best_value) best = p.kernels, best_value = p.value;
        }
    if (best.empty())
        throw std::runtime_error("no pair of the bracket's kernels reaches every frequency of w");
    return best;
}

} // namespace

SeparateNetwork separate_network_of_bracket(const regularizer::RegularizerBracket& b) {
    const long C = b.C0, K = b.K, D = b.D;
    SeparateNetwork net{support::FmpqMat(C, K), support::FmpqMat(C, D), {}};
    for (long c = 0; c < C; ++c) {
        for (long k = 0; k < K; ++k)
            fmpq_set(fmpq_mat_entry(net.u.m, c, k),
                     fmpq_mat_entry(b.u[static_cast<std::size_t>(c)].m, 0, k));
        for (long i = 0; i < D; ++i)
            fmpq_set_fmpz_frac(fmpq_mat_entry(net.v.m, c, i),
                               fmpq_numref(fmpq_mat_entry(b.v.m, c, i)), b.v_den.x);
    }
    fmpq_set(net.cost.x, b.upper.x);
    return net;
}

SeparateNetwork separate_network_two(const regularizer::RegularizerBracket& b,
                                     const std::vector<support::Fmpq>& w) {
    const long K = b.K;
    regularizer::Rows wd(1);
    for (const support::Fmpq& x : w)
        wd[0].push_back(fmpq_get_d(x.x));
    const regularizer::Kernels polished = two_polished(b, wd);
    SeparateNetwork net{support::FmpqMat(2, K), {}, {}};
    const double scale = std::ldexp(1.0, kKernelBits);
    for (long c = 0; c < 2; ++c)
        for (long k = 0; k < K; ++k) {
            support::Fmpz n;
            fmpz_set_d(
                n.x,
                std::nearbyint(
                    polished[static_cast<std::size_t>(c)][0][static_cast<std::size_t>(k)] * scale));
            fmpq_set_fmpz(fmpq_mat_entry(net.u.m, c, k), n.x);
            fmpq_div_2exp(fmpq_mat_entry(net.u.m, c, k), fmpq_mat_entry(net.u.m, c, k),
                          kKernelBits);
        }
    try {
        net.v = network_least_norm_second_layer(b.grid, net.u, w);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("the two-channel network: ") + e.what());
    }
    net.cost = network_cost_exact(net.u, net.v);
    return net;
}

SeparateNetwork separate_network_upper(const regularizer::RegularizerBracket& b,
                                       const std::vector<support::Fmpq>& w) {
    if (b.C0 <= 2) return separate_network_of_bracket(b);
    return separate_network_two(b, w);
}

} // namespace convcert::separation
