// Max-margin SDP data and solve (see sdp_maxmargin.h).
#include "maxmargin/sdp_maxmargin.h"

#include "maxmargin/grid_validate.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

using regularizer::RegularizerSdpData;
using regularizer::RegularizerSdpEntry;

namespace {

/// " shape=D1xD2 kernel=K1xK2" on a 2-D grid, "" in 1-D (the SDP's comment line).
std::string grid_comment(const Grid& g) {
    if (g.dims != 2) return "";
    return " shape=" + std::to_string(g.D1) + "x" + std::to_string(g.D2) +
           " kernel=" + std::to_string(g.K1) + "x" + std::to_string(g.K2);
}

} // namespace

RegularizerSdpData maxmargin_sdp_data(const data::Dataset& d, const Grid& g) {
    maxmargin_grid_validate(d, g, "maxmargin");
    const long R = d.R, D = d.D, K = grid_kernel_size(g), n = d.n(), RK = R * K;
    RegularizerSdpData data;
    data.D = D;
    data.K = K;
    data.scale = data::data_input_scale(d);
    data.comments = {"convcert: max-margin SDP min R_{K,inf}(W) s.t. y_i <W, x_i> >= 1 (MATH.md "
                     "section 9), full form, R=" +
                         std::to_string(R) + " D=" + std::to_string(D) + " K=" + std::to_string(K) +
                         " n=" + std::to_string(n) + grid_comment(g),
                     "x scaled by sigma = 1/max||x_i||; Y = diag(Z, s_1..s_n); max -tr Z"};
    data.block_sizes.push_back(static_cast<int>(RK + D));
    for (long i = 0; i < n; ++i)
        data.block_sizes.push_back(1);
    data.c.assign(static_cast<std::size_t>(n), 1.0);
    for (long i = 1; i <= RK + D; ++i)
        data.entries.push_back({0, 1, static_cast<int>(i), static_cast<int>(i), -1.0});
    for (long i = 0; i < n; ++i) {
        const auto& x = d.x[static_cast<std::size_t>(i)];
        const double f = 0.5 * d.y[static_cast<std::size_t>(i)] * data.scale;
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                for (long col = 0; col < D; ++col) {
                    const long v = x[static_cast<std::size_t>(r * D + grid_shift(g, col, k))];
                    if (v == 0) continue;
                    data.entries.push_back(
                        {static_cast<int>(i + 1), 1, static_cast<int>(r * K + k + 1),
                         static_cast<int>(RK + col + 1), f * static_cast<double>(v)});
                }
        data.entries.push_back({static_cast<int>(i + 1), static_cast<int>(i + 2), 1, 1, -1.0});
    }
    return data;
}

MaxmarginSdpResult maxmargin_sdp_solve(const data::Dataset& d, const Grid& g,
                                       const regularizer::RegularizerSdpOptions& options) {
    const support::Stopwatch clock;
    const RegularizerSdpData data = maxmargin_sdp_data(d, g);
    const auto raw = regularizer::regularizer_sdpa_run(data, options);
    const long R = d.R, D = d.D, K = grid_kernel_size(g), RK = R * K, N = RK + D;
    const double sigma = data.scale;
    MaxmarginSdpResult out;
    out.phase = raw.phase;
    out.optimal = raw.optimal;
    out.iterations = raw.iterations;
    // Margins y <W̃, σx> >= 1 means W = σ W̃ has margins >= 1 on x, and R(W) = σ R(W̃).
    out.primal = -raw.dual_objective * sigma;
    out.W.assign(static_cast<std::size_t>(R * D), 0.0);
    if (!raw.y.empty() && static_cast<long>(raw.y[0].size()) == N * N) {
        const auto& Z = raw.y[0];
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j) {
                double s = 0;
                for (long k = 0; k < K; ++k)
                    s += Z[static_cast<std::size_t>((RK + grid_unshift(g, j, k)) * N + r * K + k)];
                out.W[static_cast<std::size_t>(r * D + j)] = sigma * s;
            }
        out.gram.resize(Z.size());
        for (std::size_t k = 0; k < Z.size(); ++k)
            out.gram[k] = sigma * Z[k];
    }
    out.alpha.resize(raw.x.size());
    for (std::size_t i = 0; i < raw.x.size(); ++i) {
        out.alpha[i] = std::max(0.0, -raw.x[i]) * sigma;
        out.dual += out.alpha[i];
    }
    out.seconds = clock.seconds();
    return out;
}

} // namespace convcert::maxmargin
