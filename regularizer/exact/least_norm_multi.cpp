// Exact least-norm V for R input channels (see least_norm_multi.h).
//
// With n_c[r] the integer kernels (u = n / 2^b), rev(p) = x^(K-1) p(1/x), and M = L·W integer:
//   G'[r][r'] = sum_c n_c[r] rev(n_c[r'])  ≡  x^(K-1) (N N*)[r][r']   (mod x^D - 1),
// FLINT solves G' Y = den·M over Z[x]; then (N N*)⁻¹ M = x^(K-1) Y den⁻¹ (mod x^D - 1) and
//   v_c = (2^b / L) sum_r n_c[r]* ((N N*)⁻¹ M)_r = (2^b / L) sum_r rev(n_c[r]) Y_r den⁻¹,
// the shifts x^(∓(K-1)) cancelling. den⁻¹ = t / res from t·den + s·(x^D - 1) = res.
#include "regularizer/exact/least_norm_multi.h"

#include "support/flint_raii.h"

#include <flint/fmpz_poly_mat.h>

#include <stdexcept>
#include <vector>

namespace convcert::regularizer {

namespace {

/// p <- p mod (x^D - 1).
void poly_fold(fmpz_poly_t p, long D) {
    const slong len = fmpz_poly_length(p);
    if (len <= D) return;
    support::FmpzPoly q;
    for (slong i = 0; i < len; ++i) {
        support::Fmpz c;
        fmpz_poly_get_coeff_fmpz(c.x, q.p, i % D);
        fmpz_add(c.x, c.x, p->coeffs + i);
        fmpz_poly_set_coeff_fmpz(q.p, i % D, c.x);
    }
    fmpz_poly_swap(p, q.p);
}

struct PolyMat {
    fmpz_poly_mat_t m;
    PolyMat(slong r, slong c) { fmpz_poly_mat_init(m, r, c); }
    ~PolyMat() { fmpz_poly_mat_clear(m); }
    PolyMat(const PolyMat&) = delete;
    PolyMat& operator=(const PolyMat&) = delete;
};

} // namespace

void regularizer_least_norm_multi(fmpz* v_num, fmpz_t v_den, const fmpz* u_num, ulong u_exp,
                                  const fmpq* W, long C0, long R, long K, long D) {
    if (C0 < 1 || R < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_least_norm_multi: need C0, R >= 1, 1 <= K <= D");
    // n_c[r] and rev(n_c[r]) as polynomials.
    std::vector<support::FmpzPoly> n(C0 * R), rev(C0 * R);
    for (long i = 0; i < C0 * R; ++i)
        for (long k = 0; k < K; ++k) {
            fmpz_poly_set_coeff_fmpz(n[i].p, k, u_num + i * K + k);
            fmpz_poly_set_coeff_fmpz(rev[i].p, K - 1 - k, u_num + i * K + k);
        }
    // M = L·W.
    support::Fmpz L, t;
    fmpz_one(L.x);
    for (long i = 0; i < R * D; ++i)
        fmpz_lcm(L.x, L.x, fmpq_denref(W + i));
    PolyMat G(R, R), B(R, 1), Y(R, 1);
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j) {
            fmpz_divexact(t.x, L.x, fmpq_denref(W + r * D + j));
            fmpz_mul(t.x, t.x, fmpq_numref(W + r * D + j));
            fmpz_poly_set_coeff_fmpz(fmpz_poly_mat_entry(B.m, r, 0), j, t.x);
        }
    support::FmpzPoly prod;
    for (long r = 0; r < R; ++r)
        for (long rr = 0; rr < R; ++rr)
            for (long c = 0; c < C0; ++c) {
                fmpz_poly_mul(prod.p, n[c * R + r].p, rev[c * R + rr].p);
                fmpz_poly_add(fmpz_poly_mat_entry(G.m, r, rr), fmpz_poly_mat_entry(G.m, r, rr),
                              prod.p);
            }
    support::FmpzPoly den;
    if (!fmpz_poly_mat_solve(Y.m, den.p, G.m, B.m))
        throw std::runtime_error("regularizer_least_norm_multi: U U* is singular (fewer than R "
                                 "independent kernels)");
    // den⁻¹ = inv / res modulo x^D - 1.
    poly_fold(den.p, D);
    support::FmpzPoly inv, other, xd;
    support::Fmpz res;
    if (fmpz_poly_is_zero(den.p))
        throw std::runtime_error("regularizer_least_norm_multi: det(U U*) is divisible by x^D - 1");
    if (fmpz_poly_degree(den.p) == 0) {
        fmpz_poly_one(inv.p);
        fmpz_poly_get_coeff_fmpz(res.x, den.p, 0);
    } else {
        fmpz_poly_set_coeff_si(xd.p, D, 1);
        fmpz_poly_set_coeff_si(xd.p, 0, -1);
        fmpz_poly_xgcd(res.x, other.p, inv.p, xd.p, den.p);
        if (fmpz_is_zero(res.x))
            throw std::runtime_error("regularizer_least_norm_multi: det(U U*) is not coprime to "
                                     "x^D - 1 (Σ_d singular at some frequency d)");
    }
    // Z_r = Y_r · inv (mod x^D - 1).
    std::vector<support::FmpzPoly> Z(R);
    for (long r = 0; r < R; ++r) {
        poly_fold(fmpz_poly_mat_entry(Y.m, r, 0), D);
        fmpz_poly_mul(Z[r].p, fmpz_poly_mat_entry(Y.m, r, 0), inv.p);
        poly_fold(Z[r].p, D);
    }
    support::FmpzPoly acc;
    for (long c = 0; c < C0; ++c) {
        fmpz_poly_zero(acc.p);
        for (long r = 0; r < R; ++r) {
            fmpz_poly_mul(prod.p, rev[c * R + r].p, Z[r].p);
            fmpz_poly_add(acc.p, acc.p, prod.p);
        }
        poly_fold(acc.p, D);
        fmpz_poly_scalar_mul_2exp(acc.p, acc.p, u_exp);
        for (long j = 0; j < D; ++j)
            fmpz_poly_get_coeff_fmpz(v_num + c * D + j, acc.p, j);
    }
    fmpz_mul(v_den, L.x, res.x);
    if (fmpz_sgn(v_den) < 0) {
        fmpz_neg(v_den, v_den);
        _fmpz_vec_neg(v_num, v_num, C0 * D);
    }
    // Remove the common content.
    support::Fmpz g;
    _fmpz_vec_content(g.x, v_num, C0 * D);
    fmpz_gcd(g.x, g.x, v_den);
    if (!fmpz_is_one(g.x)) {
        _fmpz_vec_scalar_divexact_fmpz(v_num, v_num, C0 * D, g.x);
        fmpz_divexact(v_den, v_den, g.x);
    }
}

} // namespace convcert::regularizer
