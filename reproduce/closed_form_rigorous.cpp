// Rigorous closed-form containment (closed_form_rigorous.h).
#include "reproduce/closed_form_rigorous.h"
#include "support/flint_raii.h"

#include <arb.h>
#include <flint/fmpq.h>

#include <stdexcept>

namespace convcert::reproduce {

namespace {

// RAII holders for the few FLINT / Arb types used here.
struct Q {
    fmpq_t x;
    Q() { fmpq_init(x); }
    explicit Q(const std::string& s) {
        fmpq_init(x);
        if (fmpq_set_str(x, s.c_str(), 10) != 0) {
            fmpq_clear(x);
            throw std::invalid_argument("not a rational: " + s);
        }
        fmpq_canonicalise(x);
    }
    ~Q() { fmpq_clear(x); }
    Q(const Q&) = delete;
    Q& operator=(const Q&) = delete;
};

struct A {
    arb_t x;
    A() { arb_init(x); }
    ~A() { arb_clear(x); }
    A(const A&) = delete;
    A& operator=(const A&) = delete;
};

} // namespace

Containment reproduce_k1_contained(const std::vector<std::string>& w, const std::string& lower,
                                   const std::string& upper) {
    // 2||w|| in [lo, hi]  <=>  (lo <= 0 or lo² <= 4||w||²) and hi >= 0 and 4||w||² <= hi².
    Q n2, t, lo(lower), hi(upper);
    for (const auto& s : w) {
        Q x(s);
        fmpq_mul(t.x, x.x, x.x);
        fmpq_add(n2.x, n2.x, t.x);
    }
    fmpq_mul_si(n2.x, n2.x, 4);
    bool inside = fmpq_sgn(hi.x) >= 0;
    if (fmpq_sgn(lo.x) > 0) {
        fmpq_mul(t.x, lo.x, lo.x);
        inside = inside && fmpq_cmp(t.x, n2.x) <= 0;
    }
    fmpq_mul(t.x, hi.x, hi.x);
    inside = inside && fmpq_cmp(n2.x, t.x) <= 0;
    return inside ? Containment::Inside : Containment::Outside;
}

Containment reproduce_kd_contained(const std::vector<std::string>& w, const std::string& lower,
                                   const std::string& upper, long bits) {
    const long D = static_cast<long>(w.size());
    const slong prec = bits < 64 ? 64 : bits;
    A total, re, im, s, c, term, mag, lo, hi;
    Q arg;
    for (long d = 0; d < D; ++d) {
        arb_zero(re.x);
        arb_zero(im.x);
        for (long j = 0; j < D; ++j) {
            Q x(w[static_cast<std::size_t>(j)]);
            if (fmpq_is_zero(x.x)) continue;
            // exp(-2πi jd/D) = cos(π·2jd/D) - i sin(π·2jd/D), argument reduced mod 2
            fmpq_set_si(arg.x, 2 * ((j * d) % D), static_cast<ulong>(D));
            arb_sin_cos_pi_fmpq(s.x, c.x, arg.x, prec);
            arb_mul_fmpz(term.x, c.x, fmpq_numref(x.x), prec);
            arb_div_fmpz(term.x, term.x, fmpq_denref(x.x), prec);
            arb_add(re.x, re.x, term.x, prec);
            arb_mul_fmpz(term.x, s.x, fmpq_numref(x.x), prec);
            arb_div_fmpz(term.x, term.x, fmpq_denref(x.x), prec);
            arb_sub(im.x, im.x, term.x, prec);
        }
        arb_hypot(mag.x, re.x, im.x, prec);
        arb_add(total.x, total.x, mag.x, prec);
    }
    arb_mul_si(total.x, total.x, 2, prec);
    arb_div_si(total.x, total.x, D, prec);
    Q ql(lower), qh(upper);
    arb_set_fmpq(lo.x, ql.x, prec);
    arb_set_fmpq(hi.x, qh.x, prec);
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
