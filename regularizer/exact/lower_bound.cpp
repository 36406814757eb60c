// Exact lower bound from a numerical dual point (see lower_bound.h).
#include "regularizer/exact/lower_bound.h"

#include "regularizer/exact/dual_scale.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// max |λ|, after checking that λ has W's shape and finite entries.
double lambda_max_checked(const std::vector<std::vector<double>>& lambda, const support::FmpqMat& W,
                          const Grid& g) {
    if (static_cast<long>(lambda.size()) != W.rows() || W.rows() < 1 || g.K1 < 1 || g.K2 < 1 ||
        g.K1 > g.D1 || g.K2 > g.D2 || W.cols() != grid_signal_size(g))
        throw std::invalid_argument("regularizer_lower_bound: need λ and W of R >= 1 rows, "
                                    "1 <= K <= D");
    double lmax = 0;
    for (const auto& row : lambda) {
        if (static_cast<long>(row.size()) != W.cols())
            throw std::invalid_argument("regularizer_lower_bound: λ and W differ in D");
        for (double x : row) {
            if (!std::isfinite(x))
                throw std::invalid_argument("regularizer_lower_bound: non-finite λ");
            lmax = std::max(lmax, std::abs(x));
        }
    }
    return lmax;
}

} // namespace

RegularizerLowerBound regularizer_lower_bound(const std::vector<std::vector<double>>& lambda,
                                              const support::FmpqMat& W, const Grid& g, int bits) {
    const support::Stopwatch clock;
    const double lmax = lambda_max_checked(lambda, W, g);
    const long R = W.rows(), D = W.cols();
    RegularizerLowerBound out;
    out.lambda = support::FmpqMat(R, D);
    fmpq_one(out.scale.x);
    if (lmax == 0) {
        out.seconds = clock.seconds();
        return out;
    }
    // λ_q = Λ / 2^E with max |Λ| in [2^(bits-1), 2^bits).
    const long E = bits - std::ilogb(lmax) - 1;
    support::FmpzMat Lambda(R, D);
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            fmpz_set_d(fmpz_mat_entry(Lambda.m, r, i), std::nearbyint(std::ldexp(lambda[r][i], E)));
    const RegularizerDualScale s = regularizer_dual_scale(Lambda.m, E, g);
    out.attempts = s.attempts;
    // s·λ_q = Λ·a / 2^(E+b), lower = <s·λ_q, W>.
    support::Fmpz den, num;
    fmpz_one(den.x);
    fmpz_mul_2exp(den.x, den.x, static_cast<ulong>(E + s.b));
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i) {
            fmpz_mul(num.x, fmpz_mat_entry(Lambda.m, r, i), s.a.x);
            fmpq_set_fmpz_frac(out.lambda.at(r, i), num.x, den.x);
            fmpq_addmul(out.lower.x, out.lambda.at(r, i), W.at(r, i));
        }
    support::fmpq_set_fmpz_mul_2exp(out.scale.x, s.a.x, -s.b);
    out.lower_double = fmpq_get_d(out.lower.x);
    out.seconds = clock.seconds();
    return out;
}

} // namespace convcert::regularizer
