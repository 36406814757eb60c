// The output of an exact factor (exact_output.h): interval Newton on α*, the grid cell [l, h]
// and the checker's enclosure width bound, evaluated with the same rigorous estimates.
#include "lemma/exact_output.h"

#include "lemma/factor_error.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <arb.h>
#include <arb_fmpz_poly.h>
#include <arb_poly.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz_poly.h>

#include <algorithm>
#include <stdexcept>

namespace convcert::lemma {

namespace {

constexpr slong kEstimatePrec = 64; // bits for size estimates (rigorous bounds)
constexpr double kLog2Of10 = 3.3219280948873623;

// Smallest e with |x| < 2^e for every point of the ball x (x finite, not exactly 0).
slong arb_log2_upper(const arb_t x) {
    support::Arf u;
    arb_get_abs_ubound_arf(u.x, x, kEstimatePrec);
    if (arf_is_zero(u.x)) return -(WORD(1) << 40);
    return arf_abs_bound_lt_2exp_si(u.x);
}

// Some e with |x| >= 2^e for every point of x; x must exclude 0.
slong arb_log2_lower(const arb_t x) {
    support::Arf l;
    arb_get_abs_lbound_arf(l.x, x, kEstimatePrec);
    return arf_abs_bound_lt_2exp_si(l.x) - 1;
}

// a = Σ_i |p_i| y^i in Arb (a starts as the zero polynomial).
void lemma_abs_coeff_poly(arb_poly_t a, const fmpq_poly_t P) {
    support::Fmpq c;
    for (slong i = 0; i < fmpq_poly_length(P); ++i) {
        fmpq_poly_get_coeff_fmpq(c.x, P, i);
        fmpq_abs(c.x, c.x);
        support::Arb v;
        arb_set_fmpq(v.x, c.x, kEstimatePrec);
        arb_poly_set_coeff_arb(a, i, v.x);
    }
}

// Upper bound of Σ_i i |p_i| R^(i-1) (the checker's Lipschitz bound on [-R, R]), R >= 0.
void lemma_derivative_bound(arb_t res, const fmpq_poly_t P, const arb_t R) {
    support::ArbPoly a, da;
    lemma_abs_coeff_poly(a.p, P);
    arb_poly_derivative(da.p, a.p, kEstimatePrec);
    arb_poly_evaluate(res, da.p, R, kEstimatePrec);
    support::Arf u;
    arb_get_ubound_arf(u.x, res, kEstimatePrec);
    arb_set_arf(res, u.x);
}

// Upper bound of Σ_i |p_i| R^i.
void lemma_abs_value_bound(arb_t res, const fmpq_poly_t P, const arb_t R) {
    support::ArbPoly a;
    lemma_abs_coeff_poly(a.p, P);
    arb_poly_evaluate(res, a.p, R, kEstimatePrec);
}

// Interval Newton on the simple root α* of m inside x until rad(x) <= 2^-goal (or no progress).
void lemma_refine_root(arb_t x, const fmpz_poly_t m, slong goal, slong prec) {
    support::FmpzPoly dm;
    fmpz_poly_derivative(dm.p, m);
    support::Arb mid, fm, dfx, nx;
    for (int it = 0; it < 200 && mag_cmp_2exp_si(arb_radref(x), -goal) > 0; ++it) {
        arb_set_arf(mid.x, arb_midref(x));
        arb_fmpz_poly_evaluate_arb(fm.x, m, mid.x, prec);
        arb_fmpz_poly_evaluate_arb(dfx.x, dm.p, x, prec);
        if (arb_contains_zero(dfx.x)) break;
        arb_div(nx.x, fm.x, dfx.x, prec);
        arb_sub(nx.x, mid.x, nx.x, prec);
        support::Mag before;
        mag_set(before.x, arb_radref(x));
        if (!arb_intersection(x, x, nx.x, prec))
            throw std::logic_error("lemma_refine_root: empty Newton intersection");
        if (mag_cmp(arb_radref(x), before.x) >= 0) break;
    }
}

// P(x) for P in Q[y]: the numerator evaluated in Arb, divided by the denominator.
void lemma_evaluate_fmpq_poly(arb_t res, const fmpq_poly_t P, const arb_t x, slong prec) {
    _arb_fmpz_poly_evaluate_arb(res, fmpq_poly_numref(P), fmpq_poly_length(P), x, prec);
    arb_div_fmpz(res, res, fmpq_poly_denref(P), prec);
}

// max(0, the least e with x <= 2^e), x >= 0: the checker's exponent of R = max(|l|, |h|).
slong fmpq_ceil_log2(const fmpq_t x) {
    if (fmpq_cmp_ui(x, 1) <= 0) return 0;
    slong e = static_cast<slong>(fmpz_bits(fmpq_numref(x))) -
              static_cast<slong>(fmpz_bits(fmpq_denref(x))) + 1; // x < 2^e
    support::Fmpq t;
    for (;;) {
        fmpq_one(t.x);
        fmpq_mul_2exp(t.x, t.x, static_cast<ulong>(e - 1));
        if (e <= 0 || fmpq_cmp(x, t.x) > 0) return std::max<slong>(e, 0);
        --e;
    }
}

// log2 of an upper bound of Σ_i |p_i| R^i over m and every nonzero P_k (at least 0).
slong lemma_size_bits(const ExactFactor& ex, const arb_t R) {
    support::Arb bound;
    support::FmpqPoly mq;
    fmpq_poly_set_fmpz_poly(mq.p, ex.m.p);
    lemma_abs_value_bound(bound.x, mq.p, R);
    slong size_bits = std::max<slong>(0, arb_log2_upper(bound.x));
    for (const auto& Pk : ex.P) {
        if (fmpq_poly_is_zero(Pk.p)) continue;
        lemma_abs_value_bound(bound.x, Pk.p, R);
        size_bits = std::max(size_bits, arb_log2_upper(bound.x));
    }
    return size_bits;
}

// log2 of max_k Σ i |p_i| R^(i-1) over the nonconstant P_k (very negative if none).
slong lemma_derivative_bits(const ExactFactor& ex, const arb_t R) {
    support::Arb bound;
    slong Bbits = -(WORD(1) << 30);
    for (const auto& Pk : ex.P) {
        if (fmpq_poly_length(Pk.p) < 2) continue;
        lemma_derivative_bound(bound.x, Pk.p, R);
        Bbits = std::max(Bbits, arb_log2_upper(bound.x));
    }
    return Bbits;
}

// c_k = P_k(x) and cmax = max_k |c_k|; false unless every nonzero c_k excludes 0 and has
// need_rel bits of relative accuracy (plus 8).
bool lemma_factor_values(support::ArbVec& c, arb_t cmax, const ExactFactor& ex, const arb_t x,
                         slong need_rel, slong prec) {
    bool ok = true;
    support::Arb v;
    arb_zero(cmax);
    for (slong k = 0; k < static_cast<slong>(ex.P.size()); ++k) {
        if (fmpq_poly_is_zero(ex.P[k].p)) {
            arb_zero(c.v + k);
            continue;
        }
        lemma_evaluate_fmpq_poly(c.v + k, ex.P[k].p, x, prec);
        if (arb_contains_zero(c.v + k) || arb_rel_accuracy_bits(c.v + k) < need_rel + 8) ok = false;
        arb_abs(v.x, c.v + k);
        arb_max(cmax, cmax, v.x, prec);
    }
    return ok;
}

// [l, h] = [k, k + 1] / 2^g, the grid cell holding the ball x; false if x meets the grid.
bool lemma_grid_cell(fmpq_t l, fmpq_t h, const arb_t x, slong g, slong prec) {
    support::Arf u;
    support::Fmpz kl, kh;
    arb_get_lbound_arf(u.x, x, prec);
    arf_mul_2exp_si(u.x, u.x, g);
    arf_get_fmpz(kl.x, u.x, ARF_RND_FLOOR);
    arb_get_ubound_arf(u.x, x, prec);
    arf_mul_2exp_si(u.x, u.x, g);
    arf_get_fmpz(kh.x, u.x, ARF_RND_FLOOR);
    if (!fmpz_equal(kl.x, kh.x)) return false;
    support::fmpq_set_fmpz_mul_2exp(l, kl.x, -g);
    fmpz_add_ui(kh.x, kh.x, 1);
    support::fmpq_set_fmpz_mul_2exp(h, kh.x, -g);
    return true;
}

// m(l) m(h) < 0, exactly.
bool lemma_sign_change(const fmpz_poly_t m, const fmpq_t l, const fmpq_t h) {
    support::Fmpq ml, mh;
    fmpz_poly_evaluate_fmpq(ml.x, m, l);
    fmpz_poly_evaluate_fmpq(mh.x, m, h);
    return fmpq_sgn(ml.x) * fmpq_sgn(mh.x) < 0;
}

// The checker's enclosure half width with the exact endpoints, (h - l)/2 max_k B_k(R), stays
// below 10^-(digits+3) cmax.
bool lemma_interval_tight(const ExactFactor& ex, const fmpq_t l, const fmpq_t h, const arb_t cmax,
                          long digits) {
    support::Arb w, Rx, lhs, rhs, bound;
    support::Fmpq diff, al, ah;
    fmpq_sub(diff.x, h, l);
    arb_set_fmpq(w.x, diff.x, kEstimatePrec);
    fmpq_abs(al.x, l);
    fmpq_abs(ah.x, h);
    arb_one(Rx.x);
    arb_mul_2exp_si(Rx.x, Rx.x, fmpq_ceil_log2(fmpq_cmp(al.x, ah.x) > 0 ? al.x : ah.x));
    arb_set_ui(rhs.x, 10);
    arb_pow_ui(rhs.x, rhs.x, static_cast<ulong>(digits + 3), kEstimatePrec);
    arb_div(rhs.x, cmax, rhs.x, kEstimatePrec);
    for (const auto& Pk : ex.P) {
        if (fmpq_poly_length(Pk.p) < 2) continue;
        lemma_derivative_bound(bound.x, Pk.p, Rx.x);
        arb_mul(lhs.x, bound.x, w.x, kEstimatePrec);
        arb_mul_2exp_si(lhs.x, lhs.x, -1);
        if (!arb_lt(lhs.x, rhs.x)) return false;
    }
    return true;
}

// Output data for α* of degree >= 2: [l, h] with m(l) m(h) < 0 tight enough for the checker
// (no bisection), and c*_k = P_k(α*) accurate to `significant` digits.
void lemma_output_interval(fmpq_t l, fmpq_t h, support::ArbVec& c, const ExactFactor& ex,
                           long digits) {
    const long significant = digits + 5;
    const slong need_rel = static_cast<slong>(3.33 * significant) + 8; // as arb_get_decimal
    const slong tight_bits = static_cast<slong>((digits + 3) * kLog2Of10) + 3;

    support::Arb x, R, cmax;
    arb_set(x.x, ex.alpha.x);
    // R = 2^max(0, e) with |α*| < 2^e: the checker's power-of-two radius for [l, h] ⊂ x.
    arb_one(R.x);
    arb_mul_2exp_si(R.x, R.x, std::max<slong>(0, arb_log2_upper(x.x)));
    const slong Bbits = lemma_derivative_bits(ex, R.x);

    slong goal = need_rel + 32, extra = lemma_size_bits(ex, R.x) + 64;
    auto grow = [&] {
        goal += goal / 2 + 16;
        extra += extra / 2 + 16;
    };
    for (int iter = 0; iter < 16; ++iter) {
        const slong prec = goal + extra;
        lemma_refine_root(x.x, ex.m.p, goal, prec);
        if (!lemma_factor_values(c, cmax.x, ex, x.x, need_rel, prec) || arb_contains_zero(cmax.x)) {
            grow();
            continue;
        }
        // [l, h] = [k, k + 1] / 2^g, the grid cell holding α* (irrational: never on the grid).
        // With g >= (digits+3) log2(10) + log2(max B / max|c|) + 1 the checker's enclosure
        // half width 2^-(g+1) max B stays below 10^-(digits+3) max|c|; the cell depends on α*
        // and g only, not on the path of the numerics.
        // (g rounded up to a multiple of 16 makes it insensitive to the last bit of cmax.)
        const slong g =
            (std::max<slong>(tight_bits + Bbits - arb_log2_lower(cmax.x), 1) + 15) / 16 * 16;
        if (goal < g + 8) {
            goal = g + 8;
            continue;
        }
        // α* too close to the grid for this accuracy, or no exact sign change: more bits.
        if (lemma_grid_cell(l, h, x.x, g, prec) && lemma_sign_change(ex.m.p, l, h) &&
            lemma_interval_tight(ex, l, h, cmax.x, digits))
            return;
        grow();
    }
    throw FactorError("could not isolate the primitive element to the requested digits");
}

// Rational c* (deg m = 1, α* = -m_0): [l, h] = [α* - 1, α* + 1] and the constants P_k.
void lemma_output_rational(fmpq_t l, fmpq_t h, support::ArbVec& c, const ExactFactor& ex,
                           long digits) {
    fmpz_neg(fmpq_numref(l), fmpz_poly_get_coeff_ptr(ex.m.p, 0));
    fmpq_set(h, l);
    fmpq_sub_si(l, l, 1);
    fmpq_add_si(h, h, 1);
    const slong prec = static_cast<slong>(3.33 * (digits + 5)) + 64;
    support::Fmpq v;
    for (slong k = 0; k < static_cast<slong>(ex.P.size()); ++k) {
        fmpq_poly_get_coeff_fmpq(v.x, ex.P[k].p, 0);
        arb_set_fmpq(c.v + k, v.x, prec);
    }
}

} // namespace

void lemma_exact_output(fmpq_t l, fmpq_t h, support::ArbVec& c, const ExactFactor& ex,
                        long digits) {
    if (fmpz_poly_degree(ex.m.p) == 1)
        lemma_output_rational(l, h, c, ex, digits);
    else
        lemma_output_interval(l, h, c, ex, digits);
}

} // namespace convcert::lemma
