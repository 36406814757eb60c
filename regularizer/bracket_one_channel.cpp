// One-channel local search for 2-D brackets (see bracket_one_channel.h).
#include "regularizer/bracket_one_channel.h"

#include "regularizer/numeric/gram_factor.h"
#include "regularizer/numeric/polish_kernels.h"

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

constexpr int kOneChannelIterations = 300;
constexpr unsigned kOneChannelSeed = 20261206;

/// The best of `start` polished (+inf when F is not finite there).
double one_channel_polish(const Rows& W, const Grid& g, const std::vector<double>& start,
                          double stop) {
    try {
        const Kernels k{Rows{start}};
        if (!std::isfinite(regularizer_polish_kernels_value(W, g, k)))
            return std::numeric_limits<double>::infinity();
        return regularizer_polish_kernels(W, g, k, kOneChannelIterations, stop,
                                          std::numeric_limits<double>::infinity())
            .value;
    } catch (const std::invalid_argument&) {
        return std::numeric_limits<double>::infinity();
    }
}

} // namespace

RegularizerOneChannel regularizer_one_channel_search(const std::vector<double>& w, const Grid& g,
                                                     const std::vector<double>& gram, double lower,
                                                     double tolerance, int starts) {
    RegularizerOneChannel out;
    out.tried = true;
    out.value = std::numeric_limits<double>::infinity();
    const long K = grid_kernel_size(g);
    const Rows W{w};
    const double stop = lower * (1.0 + 0.1 * tolerance);
    std::vector<std::vector<double>> candidates;
    if (!gram.empty()) {
        const Kernels top = regularizer_gram_factor(gram, 1, K, 1e-12);
        if (!top.empty()) candidates.push_back(top[0][0]);
    }
    std::mt19937 rng(kOneChannelSeed);
    std::normal_distribution<double> normal(0.0, 1.0);
    const double scale = std::sqrt(lower / static_cast<double>(2 * K));
    while (static_cast<int>(candidates.size()) < starts) {
        std::vector<double> u(K);
        for (double& x : u)
            x = scale * normal(rng);
        candidates.push_back(u);
    }
    for (const auto& start : candidates) {
        ++out.starts;
        out.value = std::min(out.value, one_channel_polish(W, g, start, stop));
        if (out.value <= stop) break;
    }
    out.gap = std::isfinite(out.value) ? (out.value - lower) / out.value : 1.0;
    out.reached = out.gap <= tolerance;
    return out;
}

} // namespace convcert::regularizer
