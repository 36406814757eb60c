// The exact upper bound's network (see network_upper.h).
#include "maxmargin/network_upper.h"

#include "maxmargin/grid_validate.h"
#include "maxmargin/margin.h"
#include "regularizer/numeric/least_norm_double.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

void kkt_network_check(const data::Dataset& d, const Grid& g,
                       const std::vector<std::vector<double>>& u,
                       const std::vector<std::vector<double>>& v) {
    maxmargin_grid_validate(d, g, "maxmargin network");
    const long K = grid_kernel_size(g);
    if (u.empty() || u.size() != v.size())
        throw std::invalid_argument("maxmargin network: C0 >= 1 kernels and vectors");
    for (std::size_t c = 0; c < u.size(); ++c)
        if (static_cast<long>(u[c].size()) != d.R * K || static_cast<long>(v[c].size()) != d.D)
            throw std::invalid_argument("maxmargin network: shapes");
}

/// The exact cost sum_c ||u_c||² + ||v_c||².
void network_cost(fmpq_t out, const regularizer::RegularizerNetwork& n) {
    fmpq_zero(out);
    for (const auto& k : n.u)
        for (slong i = 0; i < k.rows() * k.cols(); ++i)
            fmpq_addmul(out, k.at(i / k.cols(), i % k.cols()), k.at(i / k.cols(), i % k.cols()));
    const support::FmpqMat v = regularizer::regularizer_network_v_values(n);
    for (slong i = 0; i < v.rows() * v.cols(); ++i)
        fmpq_addmul(out, v.at(i / v.cols(), i % v.cols()), v.at(i / v.cols(), i % v.cols()));
}

/// x rounded to the grid 2^-E with max |x| · 2^E in [2^(bits-1), 2^bits) over every entry
/// of every matrix: one common power-of-two denominator, numerators below 2^bits.
void round_common(std::vector<std::vector<double>*> rows, int bits) {
    double xmax = 0;
    for (const auto* r : rows)
        for (double x : *r) {
            if (!std::isfinite(x)) throw std::runtime_error("maxmargin network: V not finite");
            xmax = std::max(xmax, std::abs(x));
        }
    if (xmax == 0) return;
    const int E = bits - std::ilogb(xmax) - 1;
    for (auto* r : rows)
        for (double& x : *r)
            x = std::ldexp(std::nearbyint(std::ldexp(x, E)), -E);
}

/// The kernels with their least-norm V in doubles for W (regularizer/numeric/
/// least_norm_double.h), kernels and V each rounded to kDoubleRouteBits on a common grid,
/// then certified as a network in doubles: its own predictor, scaled to margin 1.
MaxmarginNetwork
network_from_kernels_double(const data::Dataset& d, const Grid& g,
                            const std::vector<std::vector<std::vector<double>>>& kernels,
                            const std::vector<double>& W) {
    constexpr int kDoubleRouteBits = 52;
    const long R = d.R, D = d.D, K = grid_kernel_size(g);
    regularizer::Rows rows(R, std::vector<double>(D));
    for (long k = 0; k < R * D; ++k)
        rows[k / D][k % D] = W[static_cast<std::size_t>(k)];
    regularizer::Rows v = regularizer::regularizer_least_norm_double(rows, g, kernels);
    regularizer::Rows u;
    for (const auto& k : kernels) {
        u.emplace_back();
        for (const auto& row : k)
            u.back().insert(u.back().end(), row.begin(), row.end());
        if (static_cast<long>(u.back().size()) != R * K)
            throw std::invalid_argument("maxmargin network: kernel shapes");
    }
    std::vector<std::vector<double>*> us, vs;
    for (auto& x : u)
        us.push_back(&x);
    for (auto& x : v)
        vs.push_back(&x);
    round_common(us, kDoubleRouteBits);
    round_common(vs, kDoubleRouteBits);
    return maxmargin_network_from_kkt(d, g, u, v);
}

} // namespace

MaxmarginNetwork maxmargin_network_from_kkt(const data::Dataset& d, const Grid& g,
                                            const std::vector<std::vector<double>>& u,
                                            const std::vector<std::vector<double>>& v) {
    kkt_network_check(d, g, u, v);
    const long K = grid_kernel_size(g);
    std::vector<std::vector<std::vector<double>>> kernels;
    for (const auto& k : u) {
        kernels.emplace_back(d.R, std::vector<double>(K));
        for (long i = 0; i < d.R * K; ++i)
            kernels.back()[i / K][i % K] = k[static_cast<std::size_t>(i)];
    }
    MaxmarginNetwork out;
    for (const auto& k : kernels)
        out.net.u.push_back(support::fmpq_mat_from_doubles(k)); // finiteness
    out.net.v = support::fmpq_mat_from_doubles(v);
    out.w = regularizer::regularizer_network_predictor(out.net.u, out.net.v, g);
    support::Fmpq c;
    try {
        support::fmpq_set_double(c.x, maxmargin_scale_exact(d, out.w));
    } catch (const std::invalid_argument&) {
        throw std::runtime_error("maxmargin network: w does not separate");
    }
    fmpq_mat_scalar_mul_fmpq(out.net.v.m, out.net.v.m, c.x);
    fmpq_mat_scalar_mul_fmpq(out.w.m, out.w.m, c.x);
    regularizer::regularizer_network_v_normalize(out.net.v, out.net.v_den);
    fmpq_one(out.net.scale.x);
    network_cost(out.net.cost.x, out.net);
    out.net.cost_double = fmpq_get_d(out.net.cost.x);
    return out;
}

MaxmarginNetwork
maxmargin_network_from_kernels(const data::Dataset& d, const Grid& g,
                               const std::vector<std::vector<std::vector<double>>>& kernels,
                               const std::vector<double>& W) {
    maxmargin_grid_validate(d, g, "maxmargin network");
    const long R = d.R, D = d.D;
    if (static_cast<long>(W.size()) != R * D)
        throw std::invalid_argument("maxmargin network: shapes");
    std::vector<std::vector<double>> rows(R, std::vector<double>(D));
    for (long k = 0; k < R * D; ++k)
        rows[k / D][k % D] = W[static_cast<std::size_t>(k)];
    if (g.D1 != 1 && R * D > kMaxmarginExactLeastNormMaxSize) {
        if (!(maxmargin_min_margin(d, W) > 0))
            throw std::invalid_argument("maxmargin network: W does not separate");
        return network_from_kernels_double(d, g, kernels, W);
    }
    MaxmarginNetwork out;
    out.w = support::fmpq_mat_from_doubles(rows);
    support::Fmpq c;
    support::fmpq_set_double(c.x, maxmargin_scale_exact(d, out.w));
    fmpq_mat_scalar_mul_fmpq(out.w.m, out.w.m, c.x);
    bool found = false;
    for (int bits : {24, 32, 44}) {
        try {
            auto net = regularizer::regularizer_network_round(kernels, out.w, bits, g);
            if (!found || fmpq_cmp(net.cost.x, out.net.cost.x) < 0) out.net = std::move(net);
            found = true;
        } catch (const std::runtime_error&) {
            // no exact least-norm V for these rounded kernels
        } catch (const std::invalid_argument&) {
            // W has weight where every rounded kernel vanishes
        }
    }
    if (!found)
        throw std::runtime_error("maxmargin network: no exact least-norm V for these kernels");
    return out;
}

std::vector<std::vector<std::vector<double>>>
maxmargin_gram_kernels(const std::vector<double>& gram, long R, long K, long channels,
                       double lift) {
    const long N = static_cast<long>(std::lround(std::sqrt(static_cast<double>(gram.size()))));
    if (N * N != static_cast<long>(gram.size()) || N < R * K || channels < 0 || channels > N)
        throw std::invalid_argument("maxmargin_gram_kernels: shapes");
    const Eigen::Map<const Eigen::MatrixXd> Z(gram.data(), N, N);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(0.5 * (Z + Z.transpose()));
    std::vector<std::vector<std::vector<double>>> out;
    for (long c = 0; c < channels; ++c) {
        const long i = N - 1 - c; // eigenvalues ascending
        const double s = std::sqrt(std::max(es.eigenvalues()(i), 0.0));
        std::vector<std::vector<double>> k(R, std::vector<double>(K));
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < K; ++j)
                k[r][j] = s * es.eigenvectors()(r * K + j, i);
        out.push_back(std::move(k));
    }
    for (long r = 0; lift > 0 && r < R; ++r) {
        out.emplace_back(R, std::vector<double>(K, 0.0));
        out.back()[r][0] = lift;
    }
    return out;
}

} // namespace convcert::maxmargin
