// Exact least-norm v for a rational kernel (see least_norm.h).
#include "regularizer/exact/least_norm.h"

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <flint/fmpq.h>
#include <flint/fmpz_poly.h>

#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// P = x * den as integers, den > 0 the least common denominator of the rationals x.
void poly_from_rationals(fmpz_poly_t P, fmpz_t den, const std::vector<std::string>& x) {
    const slong n = static_cast<slong>(x.size());
    support::FmpqVec q(n);
    for (slong i = 0; i < n; ++i) {
        if (fmpq_set_str(q.v + i, x[i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.v + i)))
            throw std::invalid_argument("not a rational: '" + x[i] + "'");
        fmpq_canonicalise(q.v + i);
    }
    fmpz_one(den);
    for (slong i = 0; i < n; ++i)
        fmpz_lcm(den, den, fmpq_denref(q.v + i));
    fmpz_poly_zero(P);
    support::Fmpz t;
    for (slong i = 0; i < n; ++i) {
        fmpz_divexact(t.x, den, fmpq_denref(q.v + i));
        fmpz_mul(t.x, t.x, fmpq_numref(q.v + i));
        fmpz_poly_set_coeff_fmpz(P, i, t.x);
    }
}

/// P mod (x^D - 1), in place (the fold of circular convolution).
void poly_fold(fmpz_poly_t P, slong D) {
    const slong len = fmpz_poly_length(P);
    if (len <= D) return;
    for (slong i = D; i < len; ++i)
        fmpz_add(P->coeffs + i % D, P->coeffs + i % D, P->coeffs + i);
    fmpz_poly_truncate(P, D); // also normalises the length
}

} // namespace

LeastNormSolution regularizer_least_norm(const std::vector<std::string>& u,
                                         const std::vector<std::string>& w) {
    const slong K = static_cast<slong>(u.size()), D = static_cast<slong>(w.size());
    if (K < 1 || K > D) throw std::invalid_argument("regularizer_least_norm: need 1 <= K <= D");
    support::FmpzPoly U, W, g, h, xd1, Wg, Um, s, t, Y, P, check;
    support::Fmpz du, dw, r;
    poly_from_rationals(U.p, du.x, u);
    poly_from_rationals(W.p, dw.x, w);
    if (fmpz_poly_is_zero(U.p)) throw std::invalid_argument("regularizer_least_norm: u = 0");
    fmpz_poly_set_coeff_si(xd1.p, D, 1);
    fmpz_poly_set_coeff_si(xd1.p, 0, -1);

    // g = gcd(p_u, x^D - 1) is monic (a product of cyclotomic factors); h = (x^D - 1)/g.
    fmpz_poly_gcd(g.p, U.p, xd1.p);
    if (!fmpz_poly_divides(h.p, xd1.p, g.p) || !fmpz_poly_divides(Wg.p, W.p, g.p))
        throw std::invalid_argument("regularizer_least_norm: u * v = w has no solution "
                                    "(w has weight at a frequency where u vanishes)");
    fmpz_poly_rem(Um.p, U.p, h.p);
    if (fmpz_poly_degree(Um.p) <= 0) {
        fmpz_poly_get_coeff_fmpz(r.x, Um.p, 0); // a constant c: c^-1 = 1/c
        fmpz_poly_one(s.p);
    } else {
        fmpz_poly_xgcd(r.x, s.p, t.p, Um.p, h.p); // s·Um + t·h = r = Res(Um, h)
    }
    if (fmpz_is_zero(r.x)) throw std::runtime_error("regularizer_least_norm: zero resultant");

    fmpz_poly_mul(Y.p, s.p, Wg.p);
    if (fmpz_poly_degree(g.p) == 0)
        poly_fold(Y.p, D); // h = x^D - 1: a fold, far cheaper than a general division
    else
        fmpz_poly_rem(Y.p, Y.p, h.p);
    fmpz_poly_mul(P.p, g.p, Y.p); // degree < deg g + deg h = D

    // Exact verification: U P == r W mod x^D - 1, i.e. u * v == w with v = du P / (dw r).
    fmpz_poly_mul(check.p, U.p, P.p);
    poly_fold(check.p, D);
    fmpz_poly_scalar_mul_fmpz(W.p, W.p, r.x);
    if (!fmpz_poly_equal(check.p, W.p))
        throw std::runtime_error("regularizer_least_norm: internal error, u * v != w");

    LeastNormSolution out;
    support::Fmpz den, c;
    fmpz_mul(den.x, dw.x, r.x);
    const bool flip = fmpz_sgn(den.x) < 0;
    fmpz_abs(den.x, den.x);
    out.numerators.resize(D);
    for (slong i = 0; i < D; ++i) {
        fmpz_poly_get_coeff_fmpz(c.x, P.p, i);
        fmpz_mul(c.x, c.x, du.x);
        if (flip) fmpz_neg(c.x, c.x);
        char* str = fmpz_get_str(nullptr, 10, c.x);
        out.numerators[i] = str;
        flint_free(str);
    }
    char* str = fmpz_get_str(nullptr, 10, den.x);
    out.denominator = str;
    flint_free(str);
    out.denominator_bits = static_cast<long>(fmpz_bits(den.x));
    return out;
}

std::vector<std::string> regularizer_least_norm_v(const std::vector<std::string>& u,
                                                  const std::vector<std::string>& w) {
    const auto sol = regularizer_least_norm(u, w);
    support::Fmpq q;
    std::vector<std::string> v;
    v.reserve(sol.numerators.size());
    for (const auto& n : sol.numerators) {
        fmpz_set_str(fmpq_numref(q.x), n.c_str(), 10);
        fmpz_set_str(fmpq_denref(q.x), sol.denominator.c_str(), 10);
        fmpq_canonicalise(q.x);
        v.push_back(support::fmpq_get_string(q.x));
    }
    return v;
}

} // namespace convcert::regularizer
