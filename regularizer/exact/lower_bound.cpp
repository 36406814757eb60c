// Exact lower bound from a numerical dual vector (see lower_bound.h): the R = 1 case of
// lower_bound_multi.h, plus the exact double <-> rational conversions.
#include "regularizer/exact/lower_bound.h"

#include "regularizer/exact/lower_bound_multi.h"
#include "support/rational_convert.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

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
        ws.push_back(support::rational_from_double(x));
    return regularizer_lower_bound(lambda, ws, K);
}

} // namespace convcert::regularizer
