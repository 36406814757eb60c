// Exact upper-bound network for R input channels (see network_multi.h).
#include "regularizer/network_multi.h"

#include "regularizer/exact/least_norm_multi.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <chrono>
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

RegularizerNetworkMulti regularizer_network_multi(const Kernels& kernels,
                                                  const std::vector<std::vector<std::string>>& W,
                                                  int bits) {
    const auto start = std::chrono::steady_clock::now();
    const long R = static_cast<long>(W.size());
    const long D = support::rows_shape(W, "regularizer_network_multi: W");
    const long C0 = static_cast<long>(kernels.size());
    if (C0 < 1) throw std::invalid_argument("regularizer_network_multi: no kernels");
    if (static_cast<long>(kernels[0].size()) != R || kernels[0][0].empty())
        throw std::invalid_argument("regularizer_network_multi: kernels need R rows");
    const long K = static_cast<long>(kernels[0][0].size());
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
    support::Fmpz vden;
    regularizer_least_norm_multi(vn.v, vden.x, un.v, static_cast<ulong>(E), wq.v, C0, R, K, D);

    // Exact norms A = ||U||², B = ||V||².
    support::Fmpq A, B, q, cost, best;
    support::Fmpz s;
    for (long i = 0; i < C0 * R * K; ++i)
        fmpz_addmul(s.x, un.v + i, un.v + i);
    {
        support::Fmpz d2;
        fmpz_one(d2.x);
        fmpz_mul_2exp(d2.x, d2.x, static_cast<ulong>(2 * E));
        fmpq_set_fmpz_frac(A.x, s.x, d2.x);
    }
    fmpz_zero(s.x);
    for (long i = 0; i < C0 * D; ++i)
        fmpz_addmul(s.x, vn.v + i, vn.v + i);
    {
        support::Fmpz d2;
        fmpz_mul(d2.x, vden.x, vden.x);
        fmpq_set_fmpz_frac(B.x, s.x, d2.x);
    }
    fmpq_add(best.x, A.x, B.x);
    // t = p / 2^20 ≈ (B/A)^(1/4): cost t² A + B / t².
    support::Fmpq t, t2;
    fmpq_one(t.x);
    {
        const double ratio = fmpq_get_d(B.x) / fmpq_get_d(A.x);
        if (std::isfinite(ratio) && ratio > 0) {
            fmpz_set_d(s.x, std::nearbyint(std::ldexp(std::pow(ratio, 0.25), 20)));
            if (fmpz_sgn(s.x) > 0) {
                support::Fmpq cand;
                support::Fmpz two20;
                fmpz_one(two20.x);
                fmpz_mul_2exp(two20.x, two20.x, 20);
                fmpq_set_fmpz_frac(cand.x, s.x, two20.x);
                fmpq_mul(t2.x, cand.x, cand.x);
                fmpq_mul(cost.x, t2.x, A.x);
                fmpq_div(q.x, B.x, t2.x);
                fmpq_add(cost.x, cost.x, q.x);
                if (fmpq_cmp(cost.x, best.x) < 0) {
                    fmpq_set(best.x, cost.x);
                    fmpq_set(t.x, cand.x);
                }
            }
        }
    }

    RegularizerNetworkMulti out;
    out.C0 = C0;
    out.bits = bits;
    out.denominator_bits = static_cast<long>(fmpz_bits(vden.x));
    out.scale = support::fmpq_get_string(t.x);
    out.cost = support::fmpq_get_string(best.x);
    out.cost_double = fmpq_get_d(best.x);
    support::FmpqVec uf(R * K);
    support::Fmpz two_e;
    fmpz_one(two_e.x);
    fmpz_mul_2exp(two_e.x, two_e.x, static_cast<ulong>(E));
    // v = vn / (vden·t) with t = a/b: numerators vn·b over the shared denominator vden·a,
    // written unreduced (docs/certificates.md allows this for v; no gcds of long numbers).
    support::Fmpz vnum, vshared;
    fmpz_mul(vshared.x, vden.x, fmpq_numref(t.x));
    std::string den_suffix;
    if (!fmpz_is_one(vshared.x)) {
        char* str = fmpz_get_str(nullptr, 10, vshared.x);
        den_suffix = "/" + std::string(str);
        flint_free(str);
    }
    for (long c = 0; c < C0; ++c) {
        for (long i = 0; i < R * K; ++i) {
            fmpq_set_fmpz_frac(uf.v + i, un.v + c * R * K + i, two_e.x);
            fmpq_mul(uf.v + i, uf.v + i, t.x);
        }
        out.u.push_back(support::rows_format(uf.v, R, K));
        std::vector<std::string> row(D);
        for (long j = 0; j < D; ++j) {
            fmpz_mul(vnum.x, vn.v + c * D + j, fmpq_denref(t.x));
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
    if (!regularizer_network_realizes_multi(out.u, out.v, W))
        throw std::runtime_error("regularizer_network_multi: the network does not realize W "
                                 "(internal error)");
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

} // namespace convcert::regularizer
