// Reference values of the closed forms (MATH.md §5) as Arb balls, computed independently of
// the generator's double-precision DFT: K = 1 gives 2||w||_2, K = D gives (2/D) sum_d |ŵ[d]|.
#pragma once

#include "support/flint_raii.h"

#include <acb.h>
#include <arb.h>
#include <flint/fmpq.h>

#include <vector>

namespace convcert::test {

inline constexpr slong kArbPrec = 256;

/// 2 ||w||_2 as an Arb ball (w read exactly).
inline void arb_k1(arb_t out, const std::vector<double>& w) {
    arb_zero(out);
    support::Arb t;
    for (double x : w) {
        arb_set_d(t.x, x);
        arb_addmul(out, t.x, t.x, kArbPrec);
    }
    arb_sqrt(out, out, kArbPrec);
    arb_mul_2exp_si(out, out, 1);
}

/// (2/D) sum_d |ŵ[d]| as an Arb ball: an acb DFT with exact rational angles.
inline void arb_kd(arb_t out, const std::vector<double>& w) {
    const long D = static_cast<long>(w.size());
    arb_zero(out);
    support::Acb sum;
    support::Arb s, c, a;
    support::Fmpq angle;
    for (long d = 0; d < D; ++d) {
        acb_zero(sum.x);
        for (long j = 0; j < D; ++j) {
            fmpq_set_si(angle.x, -2 * ((j * d) % D), static_cast<ulong>(D)); // exp(-2πi jd/D)
            arb_sin_cos_pi_fmpq(s.x, c.x, angle.x, kArbPrec);
            arb_set_d(a.x, w[j]);
            arb_addmul(acb_realref(sum.x), a.x, c.x, kArbPrec);
            arb_addmul(acb_imagref(sum.x), a.x, s.x, kArbPrec);
        }
        acb_abs(a.x, sum.x, kArbPrec);
        arb_add(out, out, a.x, kArbPrec);
    }
    arb_mul_2exp_si(out, out, 1);
    arb_div_si(out, out, D, kArbPrec);
}

} // namespace convcert::test
