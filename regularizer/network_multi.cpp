// Exact upper-bound network for R input channels (see network_multi.h).
#include "regularizer/network_multi.h"

#include "regularizer/exact/least_norm_multi.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Common denominator L of x[0..n) and the integers L·x.
void clear_denominators(fmpz* num, fmpz_t L, const fmpq* x, long n) {
    fmpz_one(L);
    for (long i = 0; i < n; ++i)
        fmpz_lcm(L, L, fmpq_denref(x + i));
    for (long i = 0; i < n; ++i) {
        fmpz_divexact(num + i, L, fmpq_denref(x + i));
        fmpz_mul(num + i, num + i, fmpq_numref(x + i));
    }
}

} // namespace

bool regularizer_network_realizes_multi(const std::vector<std::vector<std::vector<std::string>>>& u,
                                        const std::vector<std::vector<std::string>>& v,
                                        const std::vector<std::vector<std::string>>& W) {
    const long R = static_cast<long>(W.size());
    const long D = support::rows_shape(W, "W");
    const long C0 = static_cast<long>(u.size());
    if (C0 < 1 || static_cast<long>(v.size()) != C0)
        throw std::invalid_argument("network: need as many kernels as vectors, at least one");
    if (static_cast<long>(u[0].size()) != R)
        throw std::invalid_argument("network: a kernel without R rows");
    const long K = support::rows_shape(u[0], "u[0]");
    if (K > D) throw std::invalid_argument("network: K > D");
    support::FmpqVec uq(C0 * R * K), vq(C0 * D), wq(R * D);
    for (long c = 0; c < C0; ++c) {
        if (static_cast<long>(u[c].size()) != R || support::rows_shape(u[c], "u") != K ||
            static_cast<long>(v[c].size()) != D)
            throw std::invalid_argument("network: kernels or vectors of inconsistent shape");
        support::rows_parse(uq.v + c * R * K, u[c]);
        support::rows_parse(vq.v + c * D, {v[c]});
    }
    support::rows_parse(wq.v, W);
    support::FmpzVec un(C0 * R * K), vn(C0 * D), wn(R * D);
    support::Fmpz Lu, Lv, Lw, lhs_scale, rhs_scale;
    clear_denominators(un.v, Lu.x, uq.v, C0 * R * K);
    clear_denominators(vn.v, Lv.x, vq.v, C0 * D);
    clear_denominators(wn.v, Lw.x, wq.v, R * D);
    // sum_c un_c[r] * vn_c · Lw == wn_r · Lu · Lv, coefficientwise mod x^D - 1.
    fmpz_mul(rhs_scale.x, Lu.x, Lv.x);
    support::FmpzPoly a, b, prod, acc;
    support::Fmpz lhs, rhs, coeff;
    for (long r = 0; r < R; ++r) {
        fmpz_poly_zero(acc.p);
        for (long c = 0; c < C0; ++c) {
            fmpz_poly_zero(a.p);
            fmpz_poly_zero(b.p);
            for (long k = 0; k < K; ++k)
                fmpz_poly_set_coeff_fmpz(a.p, k, un.v + (c * R + r) * K + k);
            for (long j = 0; j < D; ++j)
                fmpz_poly_set_coeff_fmpz(b.p, j, vn.v + c * D + j);
            fmpz_poly_mul(prod.p, a.p, b.p);
            fmpz_poly_add(acc.p, acc.p, prod.p);
        }
        for (long j = 0; j < D; ++j) {
            fmpz_poly_get_coeff_fmpz(lhs.x, acc.p, j);
            fmpz_poly_get_coeff_fmpz(coeff.x, acc.p, j + D);
            fmpz_add(lhs.x, lhs.x, coeff.x);
            fmpz_mul(lhs.x, lhs.x, Lw.x);
            fmpz_mul(rhs.x, wn.v + r * D + j, rhs_scale.x);
            if (!fmpz_equal(lhs.x, rhs.x)) return false;
        }
    }
    return true;
}

namespace {

/// max |u| over C0 >= 1 kernels of R rows of K finite doubles each (throws
/// std::invalid_argument otherwise, or when K > D or every entry is zero); sets K.
double kernels_max_abs(const Kernels& kernels, long R, long D, long& K) {
    if (kernels.empty()) throw std::invalid_argument("regularizer_network_multi: no kernels");
    if (static_cast<long>(kernels[0].size()) != R || kernels[0][0].empty())
        throw std::invalid_argument("regularizer_network_multi: kernels need R rows");
    K = static_cast<long>(kernels[0][0].size());
    if (K > D) throw std::invalid_argument("regularizer_network_multi: K > D");
    double umax = 0;
    for (const auto& u : kernels) {
        if (static_cast<long>(u.size()) != R)
            throw std::invalid_argument("regularizer_network_multi: kernels need R rows");
        for (const auto& row : u) {
            if (static_cast<long>(row.size()) != K)
                throw std::invalid_argument("regularizer_network_multi: kernel rows of length K");
            for (double x : row) {
                if (!std::isfinite(x))
                    throw std::invalid_argument("regularizer_network_multi: non-finite kernel");
                umax = std::max(umax, std::abs(x));
            }
        }
    }
    if (umax == 0) throw std::invalid_argument("regularizer_network_multi: all kernels are zero");
    return umax;
}

/// q = sum x_i² / den² over n integers x.
void norm_squared_over(fmpq_t q, const fmpz* x, long n, const fmpz_t den) {
    support::Fmpz s, d2;
    for (long i = 0; i < n; ++i)
        fmpz_addmul(s.x, x + i, x + i);
    fmpz_mul(d2.x, den, den);
    fmpq_set_fmpz_frac(q, s.x, d2.x);
}

/// t = p / 2^20 ≈ (B/A)^(1/4) when its cost t² A + B / t² is below A + B (else t = 1); cost
/// receives the cost at t.
void balance_scale(fmpq_t t, fmpq_t cost, const fmpq_t A, const fmpq_t B) {
    fmpq_one(t);
    fmpq_add(cost, A, B);
    const double ratio = fmpq_get_d(B) / fmpq_get_d(A);
    if (!std::isfinite(ratio) || !(ratio > 0)) return;
    support::Fmpz s, two20;
    fmpz_set_d(s.x, std::nearbyint(std::ldexp(std::pow(ratio, 0.25), 20)));
    if (fmpz_sgn(s.x) <= 0) return;
    support::Fmpq cand, t2, q, c;
    fmpz_one(two20.x);
    fmpz_mul_2exp(two20.x, two20.x, 20);
    fmpq_set_fmpz_frac(cand.x, s.x, two20.x);
    fmpq_mul(t2.x, cand.x, cand.x);
    fmpq_mul(c.x, t2.x, A);
    fmpq_div(q.x, B, t2.x);
    fmpq_add(c.x, c.x, q.x);
    if (fmpq_cmp(c.x, cost) < 0) {
        fmpq_set(cost, c.x);
        fmpq_set(t, cand.x);
    }
}

/// u = t·un/2^E and v = vn / (vden·t) as strings: with t = a/b, numerators vn·b over the
/// shared denominator vden·a, unreduced (docs/certificates.md allows this for v; no gcds of
/// long numbers).
void network_strings(RegularizerNetworkMulti& out, const fmpz* un, const fmpz* vn,
                     const fmpz_t vden, const fmpq_t t, long E, long R, long K, long D) {
    support::FmpqVec uf(R * K);
    support::Fmpz two_e, vnum, vshared;
    fmpz_one(two_e.x);
    fmpz_mul_2exp(two_e.x, two_e.x, static_cast<ulong>(E));
    fmpz_mul(vshared.x, vden, fmpq_numref(t));
    std::string den_suffix;
    if (!fmpz_is_one(vshared.x)) {
        char* str = fmpz_get_str(nullptr, 10, vshared.x);
        den_suffix = "/" + std::string(str);
        flint_free(str);
    }
    for (long c = 0; c < out.C0; ++c) {
        for (long i = 0; i < R * K; ++i) {
            fmpq_set_fmpz_frac(uf.v + i, un + c * R * K + i, two_e.x);
            fmpq_mul(uf.v + i, uf.v + i, t);
        }
        out.u.push_back(support::rows_format(uf.v, R, K));
        std::vector<std::string> row(D);
        for (long j = 0; j < D; ++j) {
            fmpz_mul(vnum.x, vn + c * D + j, fmpq_denref(t));
            if (fmpz_is_zero(vnum.x)) {
                row[j] = "0";
                continue;
            }
            char* str = fmpz_get_str(nullptr, 10, vnum.x);
            row[j] = std::string(str) + den_suffix;
            flint_free(str);
        }
        out.v.push_back(std::move(row));
    }
}

} // namespace

RegularizerNetworkMulti regularizer_network_multi(const Kernels& kernels,
                                                  const std::vector<std::vector<std::string>>& W,
                                                  int bits) {
    const support::Stopwatch watch;
    const long R = static_cast<long>(W.size());
    const long D = support::rows_shape(W, "regularizer_network_multi: W");
    const long C0 = static_cast<long>(kernels.size());
    long K = 0;
    const double umax = kernels_max_abs(kernels, R, D, K);
    support::FmpqVec wq(R * D);
    support::rows_parse(wq.v, W);

    // u = un / 2^E.
    const int E = bits - std::ilogb(umax) - 1;
    if (E < 0) throw std::invalid_argument("regularizer_network_multi: kernels out of range");
    support::FmpzVec un(C0 * R * K), vn(C0 * D);
    for (long c = 0; c < C0; ++c)
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                fmpz_set_d(un.v + (c * R + r) * K + k,
                           std::nearbyint(std::ldexp(kernels[c][r][k], E)));
    support::Fmpz vden, two_e;
    regularizer_least_norm_multi(vn.v, vden.x, un.v, static_cast<ulong>(E), wq.v, C0, R, K, D);

    // Exact norms A = ||U||², B = ||V||², the balancing scale t and the cost.
    support::Fmpq A, B, t, cost;
    fmpz_one(two_e.x);
    fmpz_mul_2exp(two_e.x, two_e.x, static_cast<ulong>(E));
    norm_squared_over(A.x, un.v, C0 * R * K, two_e.x);
    norm_squared_over(B.x, vn.v, C0 * D, vden.x);
    balance_scale(t.x, cost.x, A.x, B.x);

    RegularizerNetworkMulti out;
    out.C0 = C0;
    out.bits = bits;
    out.denominator_bits = static_cast<long>(fmpz_bits(vden.x));
    out.scale = support::fmpq_get_string(t.x);
    out.cost = support::fmpq_get_string(cost.x);
    out.cost_double = fmpq_get_d(cost.x);
    network_strings(out, un.v, vn.v, vden.x, t.x, E, R, K, D);
    if (!regularizer_network_realizes_multi(out.u, out.v, W))
        throw std::runtime_error("regularizer_network_multi: the network does not realize W "
                                 "(internal error)");
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
