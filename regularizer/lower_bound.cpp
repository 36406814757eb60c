// Exact lower bound from a numerical dual vector (see lower_bound.h): the R = 1 case of
// lower_bound_multi.h, plus the exact double <-> rational conversions.
#include "regularizer/lower_bound.h"

#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "regularizer/lower_bound_multi.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

void regularizer_fmpq_set_double(fmpq_t x, double d) {
    if (!std::isfinite(d)) throw std::invalid_argument("non-finite value");
    int e = 0;
    const double m = std::frexp(d, &e); // d = m 2^e, |m| in [0.5, 1)
    fmpz_set_d(fmpq_numref(x), std::ldexp(m, 53));
    fmpz_one(fmpq_denref(x));
    fmpq_canonicalise(x);
    if (e - 53 >= 0)
        fmpq_mul_2exp(x, x, static_cast<ulong>(e - 53));
    else
        fmpq_div_2exp(x, x, static_cast<ulong>(53 - e));
}

std::string regularizer_double_to_rational(double x) {
    lemma::Fmpq q;
    regularizer_fmpq_set_double(q.x, x);
    return lemma::fmpq_get_string(q.x);
}

double regularizer_rational_to_double(const std::string& x) {
    lemma::Fmpq q;
    if (fmpq_set_str(q.x, x.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.x)))
        throw std::invalid_argument("not a rational: '" + x + "'");
    fmpq_canonicalise(q.x);
    return fmpq_get_d(q.x);
}

RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<std::string>& w, long K) {
    const long D = static_cast<long>(lambda.size());
    if (K < 1 || K > D || static_cast<long>(w.size()) != D)
        throw std::invalid_argument("regularizer_lower_bound: need 1 <= K <= D and |w| = |λ| = D");
    // One input channel is the R = 1 case of the stacked bound (the same rounding and scaling).
    const auto m = regularizer_lower_bound_multi({lambda}, {w}, K, kLambdaBits);
    RegularizerLowerBound out;
    out.lambda = m.lambda[0];
    out.scale = m.scale;
    out.lower = m.lower;
    out.lower_double = m.lower_double;
    out.attempts = m.attempts;
    out.seconds = m.seconds;
    return out;
}

RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<double>& w, long K) {
    std::vector<std::string> ws;
    ws.reserve(w.size());
    for (double x : w)
        ws.push_back(regularizer_double_to_rational(x));
    return regularizer_lower_bound(lambda, ws, K);
}

} // namespace convcert::regularizer
