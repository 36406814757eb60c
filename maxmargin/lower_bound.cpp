// Exact max-margin lower bound (see lower_bound.h).
#include "maxmargin/lower_bound.h"

#include "maxmargin/grid_validate.h"
#include "regularizer/exact/dual_scale.h"
#include "support/flint_raii.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// max α after checking d, g and α's length and finiteness.
double alpha_max_checked(const std::vector<double>& alpha, const data::Dataset& d, const Grid& g) {
    maxmargin_grid_validate(d, g, "maxmargin_lower_bound");
    if (static_cast<long>(alpha.size()) != d.n())
        throw std::invalid_argument("maxmargin_lower_bound: alpha has the wrong length");
    double amax = 0;
    for (double a : alpha) {
        if (!std::isfinite(a)) throw std::invalid_argument("maxmargin_lower_bound: non-finite α");
        amax = std::max(amax, a);
    }
    return amax;
}

/// A_i = round(max(α_i, 0)·2^E) and Λ = sum_i A_i y_i x_i (R×D integers).
void alpha_round(fmpz* A, fmpz_mat_t Lambda, const std::vector<double>& alpha,
                 const data::Dataset& d, long E) {
    support::Fmpz t;
    for (long i = 0; i < d.n(); ++i) {
        const auto& x = d.x[static_cast<std::size_t>(i)];
        fmpz_set_d(A + i, std::nearbyint(std::ldexp(std::max(0.0, alpha[i]), static_cast<int>(E))));
        for (long k = 0; k < d.R * d.D; ++k) {
            fmpz_set_si(t.x, x[static_cast<std::size_t>(k)] * d.y[static_cast<std::size_t>(i)]);
            fmpz_addmul(fmpz_mat_entry(Lambda, k / d.D, k % d.D), A + i, t.x);
        }
    }
}

} // namespace

MaxmarginLowerBound maxmargin_lower_bound(const std::vector<double>& alpha, const data::Dataset& d,
                                          const Grid& g, int bits) {
    const support::Stopwatch clock;
    const double amax = alpha_max_checked(alpha, d, g);
    const long n = d.n();
    MaxmarginLowerBound out;
    out.alpha = support::FmpqMat(1, n);
    if (amax == 0) {
        out.seconds = clock.seconds();
        return out;
    }
    // α_q = A / 2^E; λ = Λ / 2^E.
    const long E = bits - std::ilogb(amax) - 1;
    support::FmpzVec A(n);
    support::FmpzMat Lambda(d.R, d.D);
    alpha_round(A.v, Lambda.m, alpha, d, E);
    const regularizer::RegularizerDualScale s = regularizer::regularizer_dual_scale(Lambda.m, E, g);
    out.attempts = s.attempts;
    // α_i = A_i · a / 2^(E+b).
    support::Fmpz den, t;
    fmpz_one(den.x);
    fmpz_mul_2exp(den.x, den.x, static_cast<ulong>(E + s.b));
    for (long i = 0; i < n; ++i) {
        fmpz_mul(t.x, A.v + i, s.a.x);
        fmpq_set_fmpz_frac(out.alpha.at(0, i), t.x, den.x);
        fmpq_add(out.lower.x, out.lower.x, out.alpha.at(0, i));
    }
    out.lower_double = fmpq_get_d(out.lower.x);
    out.seconds = clock.seconds();
    return out;
}

} // namespace convcert::maxmargin
