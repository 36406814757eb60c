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
    const long D = static_cast<long>(w.cols());
    const slong prec = bits < 64 ? 64 : bits;
    Arb total, re, im, s, c, term, mag, lo, hi;
    Fmpq arg;
    for (long d = 0; d < D; ++d) {
        arb_zero(re.x);
        arb_zero(im.x);
        for (long j = 0; j < D; ++j) {
            const fmpq* x = w.at(0, j);
            if (fmpq_is_zero(x)) continue;
            // exp(-2πi jd/D) = cos(π·2jd/D) - i sin(π·2jd/D), argument reduced mod 2
            fmpq_set_si(arg.x, 2 * ((j * d) % D), static_cast<ulong>(D));
            arb_sin_cos_pi_fmpq(s.x, c.x, arg.x, prec);
            arb_mul_fmpz(term.x, c.x, fmpq_numref(x), prec);
            arb_div_fmpz(term.x, term.x, fmpq_denref(x), prec);
            arb_add(re.x, re.x, term.x, prec);
            arb_mul_fmpz(term.x, s.x, fmpq_numref(x), prec);
            arb_div_fmpz(term.x, term.x, fmpq_denref(x), prec);
            arb_sub(im.x, im.x, term.x, prec);
        }
        arb_hypot(mag.x, re.x, im.x, prec);
        arb_add(total.x, total.x, mag.x, prec);
    }
    arb_mul_si(total.x, total.x, 2, prec);
    arb_div_si(total.x, total.x, D, prec);
    arb_set_fmpq(lo.x, lower, prec);
    arb_set_fmpq(hi.x, upper, prec);
    if (arb_lt(total.x, lo.x) || arb_gt(total.x, hi.x)) return Containment::Outside;
    if (arb_le(lo.x, total.x) && arb_le(total.x, hi.x)) return Containment::Inside;
    return Containment::Undecided;
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
