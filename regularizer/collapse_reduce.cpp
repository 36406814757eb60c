// The exact channel reduction of the collapse (see collapse_reduce.h): rref of the stacked
// kernels, an exact LDLᵀ of the coefficients' Gram matrix, and a per-channel balance.
#include "regularizer/collapse_reduce.h"

#include "support/rational_convert.h"

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

namespace convcert::regularizer {

namespace {

/// Z (R·K × C): column c is vec(u_c), entry r·K + k.
support::FmpqMat kernels_stacked(const std::vector<support::FmpqMat>& u) {
    const slong R = u[0].rows(), K = u[0].cols(), C = static_cast<slong>(u.size());
    support::FmpqMat Z(R * K, C);
    for (slong c = 0; c < C; ++c)
        for (slong r = 0; r < R; ++r)
            for (slong k = 0; k < K; ++k)
                fmpq_set(Z.at(r * K + k, c), u[static_cast<std::size_t>(c)].at(r, k));
    return Z;
}

/// S = L Δ Lᵀ for S symmetric positive definite (n×n): L unit lower triangular, Δ = diag(delta).
void ldl_exact(support::FmpqMat& L, support::FmpqVec& delta, const support::FmpqMat& S) {
    const slong n = S.rows();
    support::Fmpq x, y;
    for (slong j = 0; j < n; ++j) {
        fmpq_set(delta.v + j, S.at(j, j));
        for (slong k = 0; k < j; ++k) {
            fmpq_mul(x.x, L.at(j, k), L.at(j, k));
            fmpq_submul(delta.v + j, x.x, delta.v + k);
        }
        fmpq_one(L.at(j, j));
        for (slong i = j + 1; i < n; ++i) {
            fmpq_set(y.x, S.at(i, j));
            for (slong k = 0; k < j; ++k) {
                fmpq_mul(x.x, L.at(i, k), L.at(j, k));
                fmpq_submul(y.x, x.x, delta.v + k);
            }
            fmpq_div(L.at(i, j), y.x, delta.v + j);
        }
    }
}

/// The sum of squares of row i of x.
void row_norm_squared(fmpq_t out, const support::FmpqMat& x, slong i) {
    fmpq_zero(out);
    for (slong j = 0; j < x.cols(); ++j)
        fmpq_addmul(out, x.at(i, j), x.at(i, j));
}

} // namespace

void collapse_balance_scale(fmpq_t t, const fmpq_t A, const fmpq_t B, long bits) {
    const slong prec = 2 * bits + 64;
    support::Arb ratio, a;
    arb_set_fmpq(ratio.x, B, prec);
    arb_set_fmpq(a.x, A, prec);
    arb_div(ratio.x, ratio.x, a.x, prec);
    arb_root_ui(ratio.x, ratio.x, 4, prec);
    const long e = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(arb_midref(ratio.x)));
    support::Arf m;
    support::Fmpz z;
    arf_mul_2exp_si(m.x, arb_midref(ratio.x), e);
    arf_get_fmpz(z.x, m.x, ARF_RND_NEAR);
    support::fmpq_set_fmpz_mul_2exp(t, z.x, -e);
}

std::optional<RegularizerNetwork> collapse_reduce_channels(const std::vector<support::FmpqMat>& u,
                                                           const support::FmpqMat& v, long bits) {
    const support::FmpqMat Z = kernels_stacked(u);
    support::FmpqMat rref(Z.rows(), Z.cols());
    const slong rho = fmpq_mat_rref(rref.m, Z.m), C = Z.cols();
    if (rho == C || rho == 0) return std::nullopt;
    // Z = B M: M the nonzero rows of the rref, B the kernels at its pivots.
    support::FmpqMat M(rho, C), Mt(C, rho), S(rho, rho), A(rho, v.cols()), L(rho, rho);
    std::vector<slong> pivot;
    for (slong i = 0, col = 0; i < rho; ++i) {
        while (fmpq_is_zero(rref.at(i, col)))
            ++col;
        pivot.push_back(col);
        for (slong c = 0; c < C; ++c)
            fmpq_set(M.at(i, c), rref.at(i, c));
    }
    fmpq_mat_transpose(Mt.m, M.m);
    fmpq_mat_mul(S.m, M.m, Mt.m);
    fmpq_mat_mul(A.m, M.m, v.m);
    support::FmpqVec delta(rho);
    ldl_exact(L, delta, S);
    // w = L⁻¹ A (forward substitution; L unit lower triangular).
    for (slong i = 0; i < rho; ++i)
        for (slong k = 0; k < i; ++k)
            for (slong j = 0; j < A.cols(); ++j)
                fmpq_submul(A.at(i, j), L.at(i, k), A.at(k, j));

    RegularizerNetwork net;
    std::vector<slong> kept;
    support::Fmpq a, b, t, t2, x;
    for (slong i = 0; i < rho; ++i) {
        row_norm_squared(b.x, A, i);
        if (fmpq_is_zero(b.x)) continue; // carries nothing of W
        support::FmpqMat y(u[0].rows(), u[0].cols()), term(y.rows(), y.cols());
        for (slong j = i; j < rho; ++j) { // y_i = sum_j L_ji u_{pivot j}
            fmpq_mat_scalar_mul_fmpq(term.m, u[static_cast<std::size_t>(pivot[j])].m, L.at(j, i));
            fmpq_mat_add(y.m, y.m, term.m);
        }
        fmpq_zero(a.x);
        for (slong r = 0; r < y.rows(); ++r) {
            row_norm_squared(x.x, y, r);
            fmpq_add(a.x, a.x, x.x);
        }
        collapse_balance_scale(t.x, a.x, b.x, bits);
        fmpq_mat_scalar_mul_fmpq(y.m, y.m, t.x);
        fmpq_mul(t2.x, t.x, t.x);
        fmpq_addmul(net.cost.x, a.x, t2.x);
        fmpq_div(x.x, b.x, t2.x);
        fmpq_add(net.cost.x, net.cost.x, x.x);
        fmpq_inv(t.x, t.x);
        for (slong j = 0; j < A.cols(); ++j)
            fmpq_mul(A.at(i, j), A.at(i, j), t.x);
        net.u.push_back(std::move(y));
        kept.push_back(i);
    }
    if (kept.empty()) return std::nullopt;
    net.v = support::FmpqMat(static_cast<slong>(kept.size()), A.cols());
    for (std::size_t n = 0; n < kept.size(); ++n)
        for (slong j = 0; j < A.cols(); ++j)
            fmpq_set(net.v.at(static_cast<slong>(n), j), A.at(kept[n], j));
    fmpz_one(net.v_den.x);
    regularizer_network_v_normalize(net.v, net.v_den);
    fmpq_one(net.scale.x);
    net.cost_double = fmpq_get_d(net.cost.x);
    return net;
}

} // namespace convcert::regularizer
