// The exact least-norm second layer for any R (see least_norm.h).
//
// With u_c = n_c / Lu (integer kernels n_c[r] as polynomials), W = M / L and rev(p) =
// x^(K-1) p(1/x), one R×R system A Y = den·M is solved over Z[x]:
//   C0 == R (square): A[r][c] = n_c[r]; U V = W has the unique solution V = (Lu/L) A⁻¹ M;
//   otherwise (normal equations): A[r][r'] = sum_c n_c[r] rev(n_c[r']) ≡ x^(K-1) (N N*)[r][r'],
//     and v_c = (Lu/L) sum_r rev(n_c[r]) Y_r den⁻¹ (the shifts x^(∓(K-1)) cancel).
// den⁻¹ is taken modulo h = (x^D - 1)/g, g = gcd(den, x^D - 1): for R = 1, g collects the
// frequencies where every kernel vanishes; there W must vanish too and the least-norm V does
// (Z = g·((Y/g)·den⁻¹ mod h)). For R > 1, g must be 1.
#include "regularizer/exact/least_norm.h"

#include "regularizer/exact/least_norm_dense.h"
#include "regularizer/exact/poly_fold.h"
#include "support/flint_raii.h"

#include <flint/fmpz_poly_mat.h>

#include <stdexcept>

namespace convcert::regularizer {

namespace {

struct PolyMat {
    fmpz_poly_mat_t m;
    PolyMat(slong r, slong c) { fmpz_poly_mat_init(m, r, c); }
    ~PolyMat() { fmpz_poly_mat_clear(m); }
    PolyMat(const PolyMat&) = delete;
    PolyMat& operator=(const PolyMat&) = delete;
    fmpz_poly_struct* at(slong i, slong j) const { return fmpz_poly_mat_entry(m, i, j); }
};

/// u = n / Lu and W = M / L over the integers, each n_c[r] (index c·R + r) and M_r a polynomial.
struct IntegerSystem {
    long C0 = 0, R = 0, K = 0, D = 0;
    std::vector<support::FmpzPoly> n, rev, M;
    support::Fmpz Lu, L;
};

/// Common denominator of the entries of x and x · it, into num (row-major).
void clear_denominators(std::vector<support::Fmpz>& num, fmpz_t den, const support::FmpqMat& x) {
    for (slong i = 0; i < x.rows(); ++i)
        for (slong j = 0; j < x.cols(); ++j)
            fmpz_lcm(den, den, fmpq_denref(x.at(i, j)));
    for (slong i = 0; i < x.rows(); ++i)
        for (slong j = 0; j < x.cols(); ++j) {
            support::Fmpz t;
            fmpz_divexact(t.x, den, fmpq_denref(x.at(i, j)));
            fmpz_mul(t.x, t.x, fmpq_numref(x.at(i, j)));
            num.push_back(std::move(t));
        }
}

void system_check(const std::vector<support::FmpqMat>& u, const support::FmpqMat& W) {
    if (u.empty() || W.rows() < 1 || W.cols() < 1)
        throw std::invalid_argument("regularizer_least_norm: need C0 >= 1 kernels and R, D >= 1");
    for (const auto& k : u)
        if (k.rows() != W.rows() || k.cols() != u[0].cols() || k.cols() < 1 || k.cols() > W.cols())
            throw std::invalid_argument("regularizer_least_norm: kernels need R rows of "
                                        "1 <= K <= D entries");
}

IntegerSystem system_from_rationals(const std::vector<support::FmpqMat>& u,
                                    const support::FmpqMat& W) {
    system_check(u, W);
    IntegerSystem s;
    s.C0 = static_cast<long>(u.size());
    s.R = W.rows();
    s.K = u[0].cols();
    s.D = W.cols();
    fmpz_one(s.Lu.x);
    fmpz_one(s.L.x);
    std::vector<support::Fmpz> un, wn;
    for (const auto& k : u)
        for (slong r = 0; r < k.rows(); ++r)
            for (slong j = 0; j < k.cols(); ++j)
                fmpz_lcm(s.Lu.x, s.Lu.x, fmpq_denref(k.at(r, j)));
    for (const auto& k : u) {
        support::Fmpz one;
        fmpz_set(one.x, s.Lu.x);
        clear_denominators(un, one.x, k); // one = Lu already: divides exactly
    }
    clear_denominators(wn, s.L.x, W);
    s.n.resize(s.C0 * s.R);
    s.rev.resize(s.C0 * s.R);
    for (long i = 0; i < s.C0 * s.R; ++i)
        for (long k = 0; k < s.K; ++k) {
            fmpz_poly_set_coeff_fmpz(s.n[i].p, k, un[i * s.K + k].x);
            fmpz_poly_set_coeff_fmpz(s.rev[i].p, s.K - 1 - k, un[i * s.K + k].x);
        }
    s.M.resize(s.R);
    for (long r = 0; r < s.R; ++r)
        for (long j = 0; j < s.D; ++j)
            fmpz_poly_set_coeff_fmpz(s.M[r].p, j, wn[r * s.D + j].x);
    return s;
}

/// The system matrix: the kernels themselves when C0 == R, the normal equations otherwise.
void system_matrix(PolyMat& A, const IntegerSystem& s) {
    support::FmpzPoly prod;
    for (long r = 0; r < s.R; ++r)
        for (long rr = 0; rr < s.R; ++rr) {
            if (s.C0 == s.R) {
                fmpz_poly_set(A.at(r, rr), s.n[rr * s.R + r].p);
                continue;
            }
            for (long c = 0; c < s.C0; ++c) {
                fmpz_poly_mul(prod.p, s.n[c * s.R + r].p, s.rev[c * s.R + rr].p);
                fmpz_poly_add(A.at(r, rr), A.at(r, rr), prod.p);
            }
        }
}

/// Z with A Z ≡ res·M (mod x^D - 1), Z ≡ 0 modulo g = gcd(den, x^D - 1) (see the top).
std::vector<support::FmpzPoly> system_solve(fmpz_t res, const IntegerSystem& s) {
    PolyMat A(s.R, s.R), B(s.R, 1), Y(s.R, 1);
    system_matrix(A, s);
    for (long r = 0; r < s.R; ++r)
        fmpz_poly_set(B.at(r, 0), s.M[r].p);
    support::FmpzPoly den, xd, g, h, um, inv, other;
    if (!fmpz_poly_mat_solve(Y.m, den.p, A.m, B.m))
        throw std::runtime_error("regularizer_least_norm: U U* is singular (fewer than R "
                                 "independent kernels)");
    regularizer_poly_fold(den.p, s.D);
    fmpz_poly_set_coeff_si(xd.p, s.D, 1);
    fmpz_poly_set_coeff_si(xd.p, 0, -1);
    fmpz_poly_gcd(g.p, den.p, xd.p);
    if (fmpz_poly_degree(g.p) > 0 && s.R > 1)
        throw std::runtime_error("regularizer_least_norm: det(U U*) is not coprime to x^D - 1 "
                                 "(Σ_d singular at some frequency d)");
    fmpz_poly_div(h.p, xd.p, g.p);
    fmpz_poly_rem(um.p, den.p, h.p);
    if (fmpz_poly_degree(um.p) <= 0) {
        fmpz_poly_get_coeff_fmpz(res, um.p, 0); // a constant c: c⁻¹ = 1/c
        fmpz_poly_one(inv.p);
    } else {
        fmpz_poly_xgcd(res, inv.p, other.p, um.p, h.p); // inv·um + other·h = res
    }
    if (fmpz_is_zero(res)) throw std::runtime_error("regularizer_least_norm: zero resultant");
    std::vector<support::FmpzPoly> Z(s.R);
    for (long r = 0; r < s.R; ++r) {
        if (!fmpz_poly_divides(other.p, Y.at(r, 0), g.p))
            throw std::invalid_argument("regularizer_least_norm: U V = W has no solution (W has "
                                        "weight at a frequency where every kernel vanishes)");
        fmpz_poly_mul(Z[r].p, other.p, inv.p);
        if (fmpz_poly_degree(g.p) == 0)
            regularizer_poly_fold(Z[r].p, s.D); // h = x^D - 1: a fold, far cheaper than a division
        else
            fmpz_poly_rem(Z[r].p, Z[r].p, h.p);
        fmpz_poly_mul(Z[r].p, Z[r].p, g.p);
    }
    return Z;
}

/// V's numerators (C0·D) from Z: Lu·Z_c (square) or Lu·sum_r rev(n_c[r]) Z_r.
std::vector<support::Fmpz> system_numerators(const IntegerSystem& s,
                                             const std::vector<support::FmpzPoly>& Z) {
    std::vector<support::Fmpz> out(s.C0 * s.D);
    support::FmpzPoly acc, prod;
    for (long c = 0; c < s.C0; ++c) {
        if (s.C0 == s.R) {
            fmpz_poly_set(acc.p, Z[c].p);
        } else {
            fmpz_poly_zero(acc.p);
            for (long r = 0; r < s.R; ++r) {
                fmpz_poly_mul(prod.p, s.rev[c * s.R + r].p, Z[r].p);
                fmpz_poly_add(acc.p, acc.p, prod.p);
            }
            regularizer_poly_fold(acc.p, s.D);
        }
        fmpz_poly_scalar_mul_fmpz(acc.p, acc.p, s.Lu.x);
        for (long j = 0; j < s.D; ++j)
            fmpz_poly_get_coeff_fmpz(out[c * s.D + j].x, acc.p, j);
    }
    return out;
}

/// Whether sum_c n_c[r] * num_c · L == M_r · Lu · den for every r (u * v = W exactly).
bool system_realized(const IntegerSystem& s, const std::vector<support::Fmpz>& num,
                     const fmpz_t den) {
    support::FmpzPoly acc, v, prod, rhs;
    support::Fmpz scale;
    fmpz_mul(scale.x, s.Lu.x, den);
    for (long r = 0; r < s.R; ++r) {
        fmpz_poly_zero(acc.p);
        for (long c = 0; c < s.C0; ++c) {
            fmpz_poly_zero(v.p);
            for (long j = 0; j < s.D; ++j)
                fmpz_poly_set_coeff_fmpz(v.p, j, num[c * s.D + j].x);
            fmpz_poly_mul(prod.p, s.n[c * s.R + r].p, v.p);
            fmpz_poly_add(acc.p, acc.p, prod.p);
        }
        regularizer_poly_fold(acc.p, s.D);
        fmpz_poly_scalar_mul_fmpz(acc.p, acc.p, s.L.x);
        fmpz_poly_scalar_mul_fmpz(rhs.p, s.M[r].p, scale.x);
        if (!fmpz_poly_equal(acc.p, rhs.p)) return false;
    }
    return true;
}

} // namespace

RegularizerLeastNorm regularizer_least_norm(const std::vector<support::FmpqMat>& u,
                                            const support::FmpqMat& W) {
    const IntegerSystem s = system_from_rationals(u, W);
    bool zero = true;
    for (const auto& p : s.n)
        zero = zero && fmpz_poly_is_zero(p.p);
    if (zero) throw std::invalid_argument("regularizer_least_norm: every kernel is zero");
    RegularizerLeastNorm out;
    support::Fmpz res;
    const auto Z = system_solve(res.x, s);
    out.numerators = system_numerators(s, Z);
    fmpz_mul(out.denominator.x, s.L.x, res.x);
    regularizer_least_norm_normalize(out);
    if (!system_realized(s, out.numerators, out.denominator.x))
        throw std::runtime_error("regularizer_least_norm: internal error, U V != W");
    out.denominator_bits = static_cast<long>(fmpz_bits(out.denominator.x));
    return out;
}

void regularizer_least_norm_normalize(RegularizerLeastNorm& out) {
    if (fmpz_sgn(out.denominator.x) < 0) {
        fmpz_neg(out.denominator.x, out.denominator.x);
        for (auto& x : out.numerators)
            fmpz_neg(x.x, x.x);
    }
    // Remove the common content (a chain of gcds that shrinks fast; no entrywise reduction).
    support::Fmpz g;
    fmpz_set(g.x, out.denominator.x);
    for (std::size_t i = 0; i < out.numerators.size() && !fmpz_is_one(g.x); ++i)
        fmpz_gcd(g.x, g.x, out.numerators[i].x);
    if (!fmpz_is_one(g.x)) {
        fmpz_divexact(out.denominator.x, out.denominator.x, g.x);
        for (auto& x : out.numerators)
            fmpz_divexact(x.x, x.x, g.x);
    }
}

RegularizerLeastNorm regularizer_least_norm(const std::vector<support::FmpqMat>& u,
                                            const support::FmpqMat& W, const Grid& g) {
    if (g.D1 == 1) return regularizer_least_norm(u, W); // cyclic: the polynomial route
    return regularizer_least_norm_dense(u, W, g);
}

} // namespace convcert::regularizer
