// Rigorous closed-form containment (closed_form_rigorous.h).
#include "reproduce/closed_form_rigorous.h"
#include "support/flint_raii.h"

#include <arb.h>
#include <flint/fmpq.h>

#include <stdexcept>

namespace convcert::reproduce {

namespace {

using support::Arb;
using support::Fmpq;

void closed_form_shape_check(const support::FmpqMat& w) {
    if (w.rows() != 1 || w.cols() < 1)
        throw std::invalid_argument("closed-form containment: w must be 1 x D, D >= 1");
}

/// Where the ball x lies relative to [lower, upper].
Containment containment_of_ball(const Arb& x, const fmpq_t lower, const fmpq_t upper, slong prec) {
    Arb lo, hi;
    arb_set_fmpq(lo.x, lower, prec);
    arb_set_fmpq(hi.x, upper, prec);
    if (arb_lt(x.x, lo.x) || arb_gt(x.x, hi.x)) return Containment::Outside;
    if (arb_le(lo.x, x.x) && arb_le(x.x, hi.x)) return Containment::Inside;
    return Containment::Undecided;
}

} // namespace

Containment reproduce_k1_contained(const support::FmpqMat& w, const fmpq_t lo, const fmpq_t hi) {
    // 2||w|| in [lo, hi]  <=>  (lo <= 0 or lo² <= 4||w||²) and hi >= 0 and 4||w||² <= hi².
    closed_form_shape_check(w);
    Fmpq n2, t;
    for (slong j = 0; j < w.cols(); ++j)
        fmpq_addmul(n2.x, w.at(0, j), w.at(0, j));
    fmpq_mul_si(n2.x, n2.x, 4);
    bool inside = fmpq_sgn(hi) >= 0;
    if (fmpq_sgn(lo) > 0) {
        fmpq_mul(t.x, lo, lo);
        inside = inside && fmpq_cmp(t.x, n2.x) <= 0;
    }
    fmpq_mul(t.x, hi, hi);
    inside = inside && fmpq_cmp(n2.x, t.x) <= 0;
    return inside ? Containment::Inside : Containment::Outside;
}

Containment reproduce_kd_contained(const support::FmpqMat& w, const fmpq_t lower,
                                   const fmpq_t upper, long bits) {
    closed_form_shape_check(w);
    return reproduce_kd_contained(w, lower, upper, grid_1d(w.cols(), w.cols()), bits);
}

Containment reproduce_kd_contained(const support::FmpqMat& W, const fmpq_t lower,
                                   const fmpq_t upper, const Grid& g, long bits) {
    const long D1 = g.D1, D2 = g.D2, D = D1 * D2;
    if (W.rows() < 1 || W.cols() != D || D < 1)
        throw std::invalid_argument("closed-form containment: W must have D1*D2 columns");
    const slong prec = bits < 64 ? 64 : bits;
    Arb total, re, im, s, c, term, norm2, mag;
    Fmpq arg, arg2;
    for (long d = 0; d < D; ++d) {
        arb_zero(norm2.x);
        for (slong r = 0; r < W.rows(); ++r) {
            arb_zero(re.x);
            arb_zero(im.x);
            for (long j = 0; j < D; ++j) {
                const fmpq* x = W.at(r, j);
                if (fmpq_is_zero(x)) continue;
                // exp(-2πi (j1 d1/D1 + j2 d2/D2)): argument π·2(...), each term reduced mod 2
                fmpq_set_si(arg.x, 2 * (((j / D2) * (d / D2)) % D1), static_cast<ulong>(D1));
                fmpq_set_si(arg2.x, 2 * (((j % D2) * (d % D2)) % D2), static_cast<ulong>(D2));
                fmpq_add(arg.x, arg.x, arg2.x);
                arb_sin_cos_pi_fmpq(s.x, c.x, arg.x, prec);
                arb_mul_fmpz(term.x, c.x, fmpq_numref(x), prec);
                arb_div_fmpz(term.x, term.x, fmpq_denref(x), prec);
                arb_add(re.x, re.x, term.x, prec);
                arb_mul_fmpz(term.x, s.x, fmpq_numref(x), prec);
                arb_div_fmpz(term.x, term.x, fmpq_denref(x), prec);
                arb_sub(im.x, im.x, term.x, prec);
            }
            arb_addmul(norm2.x, re.x, re.x, prec);
            arb_addmul(norm2.x, im.x, im.x, prec);
        }
        if (W.rows() == 1)
            arb_hypot(mag.x, re.x, im.x, prec); // the 1-D computation as before
        else
            arb_sqrtpos(mag.x, norm2.x, prec);
        arb_add(total.x, total.x, mag.x, prec);
    }
    arb_mul_si(total.x, total.x, 2, prec);
    arb_div_si(total.x, total.x, D, prec);
    return containment_of_ball(total, lower, upper, prec);
}

Containment reproduce_k1_contained_channels(const support::FmpqMat& W, const fmpq_t lower,
                                            const fmpq_t upper, long bits) {
    if (W.rows() < 1 || W.rows() > 2 || W.cols() < 1)
        throw std::invalid_argument("closed-form containment: K = 1 needs 1 or 2 rows of D >= 1");
    if (W.rows() == 1) return reproduce_k1_contained(W, lower, upper);
    const slong prec = bits < 64 ? 64 : bits;
    Fmpq a, b, c, det, t;
    for (slong j = 0; j < W.cols(); ++j) {
        fmpq_addmul(a.x, W.at(0, j), W.at(0, j));
        fmpq_addmul(b.x, W.at(0, j), W.at(1, j));
        fmpq_addmul(c.x, W.at(1, j), W.at(1, j));
    }
    fmpq_mul(det.x, a.x, c.x);
    fmpq_mul(t.x, b.x, b.x);
    fmpq_sub(det.x, det.x, t.x); // >= 0 (Cauchy-Schwarz), exactly
    fmpq_add(t.x, a.x, c.x);
    Arb root, sum, total;
    arb_set_fmpq(root.x, det.x, prec);
    arb_sqrtpos(root.x, root.x, prec);
    arb_mul_2exp_si(root.x, root.x, 1);
    arb_set_fmpq(sum.x, t.x, prec);
    arb_add(sum.x, sum.x, root.x, prec);
    arb_sqrtpos(total.x, sum.x, prec);
    arb_mul_2exp_si(total.x, total.x, 1);
    return containment_of_ball(total, lower, upper, prec);
}

std::string reproduce_containment_text(Containment c, bool exact) {
    switch (c) {
    case Containment::Inside:
        return exact ? "inside (exact)" : "inside (Arb ball)";
    case Containment::Outside:
        return "OUTSIDE";
    case Containment::Undecided:
        break;
    }
    return "undecided";
}

} // namespace convcert::reproduce
