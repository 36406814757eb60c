// The exact network for any R (see network.h).
#include "regularizer/exact/network.h"

#include "regularizer/exact/least_norm.h"
#include "regularizer/exact/poly_fold.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// den = the lcm of the denominators of x's entries.
void common_denominator(fmpz_t den, const support::FmpqMat& x) {
    fmpz_one(den);
    for (slong i = 0; i < x.rows(); ++i)
        for (slong j = 0; j < x.cols(); ++j)
            fmpz_lcm(den, den, fmpq_denref(x.at(i, j)));
}

/// P = row i of x times den, as an integer polynomial (den a common denominator of x).
void row_poly(fmpz_poly_t P, const support::FmpqMat& x, slong i, const fmpz_t den) {
    support::Fmpz t;
    fmpz_poly_zero(P);
    for (slong j = 0; j < x.cols(); ++j) {
        fmpz_divexact(t.x, den, fmpq_denref(x.at(i, j)));
        fmpz_mul(t.x, t.x, fmpq_numref(x.at(i, j)));
        fmpz_poly_set_coeff_fmpz(P, j, t.x);
    }
}

/// q = t² a + b / t².
void balanced_cost(fmpq_t q, const fmpq_t t, const fmpq_t a, const fmpq_t b) {
    support::Fmpq t2, x;
    fmpq_mul(t2.x, t, t);
    fmpq_mul(q, t2.x, a);
    fmpq_div(x.x, b, t2.x);
    fmpq_add(q, q, x.x);
}

/// The balancing t ≈ (B/A)^(1/4) with 20 significant bits if it lowers A + B (then cost is
/// its cost), else t = 1 and cost = A + B. Precondition: A > 0.
void balance_choose(fmpq_t t, fmpq_t cost, const fmpq_t A, const fmpq_t B) {
    fmpq_one(t);
    fmpq_add(cost, A, B);
    if (fmpq_is_zero(B)) return;
    const double t_log2 = (std::log2(fmpq_get_d(B)) - std::log2(fmpq_get_d(A))) / 4;
    const long e = static_cast<long>(std::floor(t_log2)) - 19;
    support::Fmpz z;
    fmpz_set_d(z.x, std::nearbyint(std::exp2(t_log2 - static_cast<double>(e))));
    support::Fmpq tc, cost_t;
    support::fmpq_set_fmpz_mul_2exp(tc.x, z.x, e);
    balanced_cost(cost_t.x, tc.x, A, B);
    if (fmpq_cmp(cost_t.x, cost) < 0) {
        fmpq_set(t, tc.x);
        fmpq_set(cost, cost_t.x);
    }
}

/// ||x||² summed over the kernels.
void kernels_norm2(fmpq_t out, const std::vector<support::FmpqMat>& u) {
    fmpq_zero(out);
    for (const auto& k : u)
        for (slong i = 0; i < k.rows(); ++i)
            for (slong j = 0; j < k.cols(); ++j)
                fmpq_addmul(out, k.at(i, j), k.at(i, j));
}

/// Throws std::invalid_argument unless u holds C0 >= 1 kernels of R rows of 1 <= K <= D and v
/// C0 rows of D.
void network_check_shapes(const std::vector<support::FmpqMat>& u, const support::FmpqMat& v, long R,
                          long D) {
    const long C0 = static_cast<long>(u.size());
    if (C0 < 1 || v.rows() != C0 || v.cols() != D)
        throw std::invalid_argument("network: need C0 >= 1 kernels and C0 rows of D in v");
    for (const auto& k : u)
        if (k.rows() != R || k.cols() != u[0].cols() || k.cols() < 1 || k.cols() > D)
            throw std::invalid_argument("network: kernels need R rows of 1 <= K <= D entries");
}

} // namespace

RegularizerNetwork regularizer_network_from_kernels(std::vector<support::FmpqMat> u,
                                                    const support::FmpqMat& W, const Grid& g) {
    const support::Stopwatch clock;
    const RegularizerLeastNorm s = regularizer_least_norm(u, W, g);
    const long C0 = static_cast<long>(u.size()), D = W.cols();
    RegularizerNetwork out;
    support::Fmpq A, B;
    support::Fmpz sum, den2;
    kernels_norm2(A.x, u);
    for (const auto& x : s.numerators)
        fmpz_addmul(sum.x, x.x, x.x);
    fmpz_mul(den2.x, s.denominator.x, s.denominator.x);
    fmpq_set_fmpz_frac(B.x, sum.x, den2.x);
    balance_choose(out.scale.x, out.cost.x, A.x, B.x);
    // u -> t u; v = numerators / (denominator · t).
    for (auto& k : u)
        fmpq_mat_scalar_mul_fmpq(k.m, k.m, out.scale.x);
    out.u = std::move(u);
    // v = numerators / (denominator · t) = (numerators · t_den) / (denominator · t_num).
    out.v = support::FmpqMat(C0, D);
    fmpz_mul(out.v_den.x, s.denominator.x, fmpq_numref(out.scale.x));
    for (long c = 0; c < C0; ++c)
        for (long j = 0; j < D; ++j)
            fmpz_mul(fmpq_numref(out.v.at(c, j)), s.numerators[c * D + j].x,
                     fmpq_denref(out.scale.x));
    // U V = W was verified exactly by regularizer_least_norm; t u and v / t keep it.
    out.cost_double = fmpq_get_d(out.cost.x);
    out.denominator_bits = s.denominator_bits;
    out.seconds = clock.seconds();
    return out;
}

RegularizerNetwork
regularizer_network_round(const std::vector<std::vector<std::vector<double>>>& kernels,
                          const support::FmpqMat& W, int bits, const Grid& g) {
    const support::Stopwatch clock;
    if (kernels.empty() || bits < 1)
        throw std::invalid_argument("regularizer_network_round: need kernels and bits >= 1");
    double umax = 0;
    std::vector<support::FmpqMat> u;
    for (const auto& k : kernels) {
        u.push_back(support::fmpq_mat_from_doubles(k)); // shape and finiteness
        for (const auto& row : k)
            for (double x : row)
                umax = std::max(umax, std::abs(x));
    }
    if (umax == 0) throw std::invalid_argument("regularizer_network_round: all kernels are zero");
    const long E = bits - std::ilogb(umax) - 1;
    support::Fmpz z;
    for (std::size_t c = 0; c < kernels.size(); ++c)
        for (slong r = 0; r < u[c].rows(); ++r)
            for (slong k = 0; k < u[c].cols(); ++k) {
                fmpz_set_d(z.x, std::nearbyint(std::ldexp(kernels[c][r][k], static_cast<int>(E))));
                support::fmpq_set_fmpz_mul_2exp(u[c].at(r, k), z.x, -E);
            }
    RegularizerNetwork out = regularizer_network_from_kernels(std::move(u), W, g);
    out.bits = bits;
    out.seconds = clock.seconds();
    return out;
}

bool regularizer_network_realizes(const std::vector<support::FmpqMat>& u, const support::FmpqMat& v,
                                  const support::FmpqMat& W, const Grid& g) {
    if (g.D1 != 1) {
        if (W.cols() != grid_signal_size(g) || u.empty() || u[0].cols() != grid_kernel_size(g))
            throw std::invalid_argument("network: kernels and W must be on the grid");
        return fmpq_mat_equal(regularizer_network_predictor(u, v, g).m, W.m) != 0;
    }
    const long C0 = static_cast<long>(u.size()), R = W.rows(), D = W.cols();
    if (C0 < 1 || v.rows() != C0 || v.cols() != D)
        throw std::invalid_argument("network: need C0 >= 1 kernels and C0 rows of D in v");
    for (const auto& k : u)
        if (k.rows() != R || k.cols() != u[0].cols() || k.cols() < 1 || k.cols() > D)
            throw std::invalid_argument("network: kernels need R rows of 1 <= K <= D entries");
    // sum_c nu_c[r] * nv_c · Lw == nw_r · Lu · Lv, with one common denominator per object.
    support::Fmpz Lu, Lv, Lw, t, scale;
    fmpz_one(Lu.x);
    for (const auto& k : u) {
        common_denominator(t.x, k);
        fmpz_lcm(Lu.x, Lu.x, t.x);
    }
    common_denominator(Lv.x, v);
    common_denominator(Lw.x, W);
    fmpz_mul(scale.x, Lu.x, Lv.x);
    std::vector<support::FmpzPoly> nv(C0);
    for (long c = 0; c < C0; ++c)
        row_poly(nv[c].p, v, c, Lv.x);
    support::FmpzPoly acc, a, prod, rhs;
    for (long r = 0; r < R; ++r) {
        fmpz_poly_zero(acc.p);
        for (long c = 0; c < C0; ++c) {
            row_poly(a.p, u[c], r, Lu.x);
            fmpz_poly_mul(prod.p, a.p, nv[c].p);
            fmpz_poly_add(acc.p, acc.p, prod.p);
        }
        regularizer_poly_fold(acc.p, D);
        fmpz_poly_scalar_mul_fmpz(acc.p, acc.p, Lw.x);
        row_poly(rhs.p, W, r, Lw.x);
        fmpz_poly_scalar_mul_fmpz(rhs.p, rhs.p, scale.x);
        if (!fmpz_poly_equal(acc.p, rhs.p)) return false;
    }
    return true;
}

support::FmpqMat regularizer_network_predictor(const std::vector<support::FmpqMat>& u,
                                               const support::FmpqMat& v, const Grid& g) {
    if (u.empty()) throw std::invalid_argument("network: need C0 >= 1 kernels");
    const long R = u[0].rows(), D = v.cols(), K = u[0].cols();
    network_check_shapes(u, v, R, D);
    if (D != grid_signal_size(g) || K != grid_kernel_size(g))
        throw std::invalid_argument("network: kernels and v must be on the grid");
    support::FmpqMat W(R, D);
    support::Fmpq t;
    for (std::size_t c = 0; c < u.size(); ++c)
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                for (long j = 0; j < D; ++j) {
                    fmpq_mul(t.x, u[c].at(r, k), v.at(static_cast<slong>(c), j));
                    fmpq_add(W.at(r, grid_shift(g, j, k)), W.at(r, grid_shift(g, j, k)), t.x);
                }
    return W;
}

support::FmpqMat regularizer_network_v_values(const RegularizerNetwork& net) {
    support::FmpqMat out(net.v.rows(), net.v.cols());
    for (slong c = 0; c < net.v.rows(); ++c)
        for (slong j = 0; j < net.v.cols(); ++j)
            fmpq_div_fmpz(out.at(c, j), net.v.at(c, j), net.v_den.x);
    return out;
}

void regularizer_network_v_normalize(support::FmpqMat& v, support::Fmpz& v_den) {
    common_denominator(v_den.x, v);
    for (slong c = 0; c < v.rows(); ++c)
        for (slong j = 0; j < v.cols(); ++j)
            fmpq_mul_fmpz(v.at(c, j), v.at(c, j), v_den.x);
}

std::vector<std::vector<std::string>> regularizer_rows_over_denominator(const support::FmpqMat& num,
                                                                        const support::Fmpz& den) {
    std::string suffix;
    if (!fmpz_is_one(den.x)) {
        char* den_str = fmpz_get_str(nullptr, 10, den.x);
        suffix = std::string("/") + den_str;
        flint_free(den_str);
    }
    std::vector<std::vector<std::string>> out(num.rows());
    for (slong c = 0; c < num.rows(); ++c)
        for (slong i = 0; i < num.cols(); ++i) {
            const fmpz* n = fmpq_numref(num.at(c, i));
            char* str = fmpz_get_str(nullptr, 10, n);
            out[c].push_back(std::string(str) + (fmpz_is_zero(n) ? "" : suffix));
            flint_free(str);
        }
    return out;
}

} // namespace convcert::regularizer
