// The exact upper bound from a double network (see network_upper.h).
#include "maxmargin/network_upper.h"

#include "regularizer/exact/lower_bound.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

// The exact network: U (C0·R·K) and V (C0·D) with v scaled by c.
struct ExactNetwork {
    long C0, R, K, D;
    support::FmpqVec U, V;
    ExactNetwork(long c0, long r, long k, long d)
        : C0(c0), R(r), K(k), D(d), U(c0 * r * k), V(c0 * d) {}
};

// w_r[j] = sum_c sum_k u_c[r][k] v_c[(j - k) mod D], exactly.
void network_predictor_exact(fmpq* w, const ExactNetwork& n) {
    for (long k = 0; k < n.R * n.D; ++k)
        fmpq_zero(w + k);
    for (long c = 0; c < n.C0; ++c)
        for (long r = 0; r < n.R; ++r)
            for (long k = 0; k < n.K; ++k)
                for (long j = 0; j < n.D; ++j)
                    fmpq_addmul(w + r * n.D + j, n.U.v + (c * n.R + r) * n.K + k,
                                n.V.v + c * n.D + ((j - k) % n.D + n.D) % n.D);
}

void network_check(const data::Dataset& d, long K, const std::vector<std::vector<double>>& u,
                   const std::vector<std::vector<double>>& v) {
    data::data_dataset_validate(d);
    if (K < 1 || K > d.D) throw std::invalid_argument("maxmargin_network_upper: need 1 <= K <= D");
    if (u.empty() || u.size() != v.size())
        throw std::invalid_argument("maxmargin_network_upper: C0 >= 1 kernels and vectors");
    for (std::size_t c = 0; c < u.size(); ++c) {
        if (static_cast<long>(u[c].size()) != d.R * K || static_cast<long>(v[c].size()) != d.D)
            throw std::invalid_argument("maxmargin_network_upper: shapes");
        for (double x : u[c])
            if (!std::isfinite(x)) throw std::invalid_argument("maxmargin_network_upper: u");
        for (double x : v[c])
            if (!std::isfinite(x)) throw std::invalid_argument("maxmargin_network_upper: v");
    }
}

// V = c·v, each product rounded to double.
void network_set_v(ExactNetwork& n, const std::vector<std::vector<double>>& v, double c) {
    for (long ch = 0; ch < n.C0; ++ch)
        for (long j = 0; j < n.D; ++j)
            support::fmpq_set_double(n.V.v + ch * n.D + j,
                                     v[static_cast<std::size_t>(ch)][static_cast<std::size_t>(j)] *
                                         c);
}

// Sets V = c·v for the first c = (1/m)(1 + 2^-e), e = 50, 46, ..., 10 (m the min margin of
// the unscaled w) whose w has every margin >= 1 exactly; w holds that predictor. Throws
// std::runtime_error otherwise.
void network_scale_to_margin(fmpq* w, ExactNetwork& n, const data::Dataset& d,
                             const std::vector<std::vector<double>>& v) {
    support::Fmpq m, one;
    fmpq_one(one.x);
    network_set_v(n, v, 1.0);
    network_predictor_exact(w, n);
    maxmargin_min_margin_exact(m.x, d, w);
    const double m0 = fmpq_get_d(m.x);
    if (!(m0 > 0)) throw std::runtime_error("maxmargin_network_upper: w does not separate");
    for (int e = 50; e >= 10; e -= 4) {
        network_set_v(n, v, (1.0 / m0) * (1.0 + std::ldexp(1.0, -e)));
        network_predictor_exact(w, n);
        maxmargin_min_margin_exact(m.x, d, w);
        if (fmpq_cmp(m.x, one.x) >= 0) return;
    }
    throw std::runtime_error("maxmargin_network_upper: could not scale to margin 1");
}

} // namespace

void maxmargin_min_margin_exact(fmpq_t out, const data::Dataset& d, const fmpq* w) {
    const long RD = d.R * d.D;
    support::Fmpq dot, t;
    for (long i = 0; i < d.n(); ++i) {
        fmpq_zero(dot.x);
        for (long k = 0; k < RD; ++k) {
            fmpq_set_si(t.x,
                        d.x[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] *
                            d.y[static_cast<std::size_t>(i)],
                        1);
            fmpq_addmul(dot.x, t.x, w + k);
        }
        if (i == 0 || fmpq_cmp(dot.x, out) < 0) fmpq_set(out, dot.x);
    }
}

MaxmarginNetworkUpper maxmargin_network_upper(const data::Dataset& d, long K,
                                              const std::vector<std::vector<double>>& u,
                                              const std::vector<std::vector<double>>& v) {
    network_check(d, K, u, v);
    const long C0 = static_cast<long>(u.size()), R = d.R, D = d.D;
    ExactNetwork n(C0, R, K, D);
    for (long c = 0; c < C0; ++c)
        for (long k = 0; k < R * K; ++k)
            support::fmpq_set_double(n.U.v + c * R * K + k,
                                     u[static_cast<std::size_t>(c)][static_cast<std::size_t>(k)]);
    support::FmpqVec w(R * D);
    network_scale_to_margin(w.v, n, d, v);
    MaxmarginNetworkUpper out;
    support::Fmpq cost, t;
    for (long k = 0; k < C0 * R * K; ++k)
        fmpq_addmul(cost.x, n.U.v + k, n.U.v + k);
    for (long k = 0; k < C0 * D; ++k)
        fmpq_addmul(cost.x, n.V.v + k, n.V.v + k);
    out.upper = support::fmpq_get_string(cost.x);
    out.upper_double = fmpq_get_d(cost.x);
    out.w.assign(static_cast<std::size_t>(R),
                 std::vector<std::string>(static_cast<std::size_t>(D)));
    for (long k = 0; k < R * D; ++k) {
        out.w[static_cast<std::size_t>(k / D)][static_cast<std::size_t>(k % D)] =
            support::fmpq_get_string(w.v + k);
        out.W.push_back(fmpq_get_d(w.v + k));
    }
    out.u.assign(static_cast<std::size_t>(C0),
                 std::vector<std::vector<std::string>>(static_cast<std::size_t>(R)));
    out.v.assign(static_cast<std::size_t>(C0), {});
    for (long c = 0; c < C0; ++c) {
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                out.u[static_cast<std::size_t>(c)][static_cast<std::size_t>(r)].push_back(
                    support::fmpq_get_string(n.U.v + (c * R + r) * K + k));
        for (long j = 0; j < D; ++j)
            out.v[static_cast<std::size_t>(c)].push_back(
                support::fmpq_get_string(n.V.v + c * D + j));
    }
    return out;
}

} // namespace convcert::maxmargin
