// Stages 2 and 4 of the regularizer bracket: the calls into the exact layer (see bracket_exact.h).
#include "regularizer/bracket_exact.h"

#include "regularizer/exact/lower_bound.h"
#include "regularizer/exact/network.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

RegularizerBracketLower regularizer_bracket_lower(const Rows& lambda, const support::FmpqMat& W,
                                                  const Grid& g) {
    auto b = regularizer_lower_bound(lambda, W, g);
    RegularizerBracketLower out;
    out.lambda = std::move(b.lambda);
    out.lower = std::move(b.lower);
    out.lower_double = b.lower_double;
    out.seconds = b.seconds;
    return out;
}

RegularizerNetwork regularizer_bracket_network(const Kernels& kernels, const support::FmpqMat& W,
                                               int bits, const Grid& g) {
    if (kernels.empty() || kernels[0].empty())
        throw std::invalid_argument("regularizer_bracket_network: no kernels");
    return regularizer_network_round(kernels, W, bits, g);
}

RegularizerNetwork regularizer_bracket_network_zero(long R, long K, long D) {
    RegularizerNetwork out;
    out.u.emplace_back(R, K);
    out.v = support::FmpqMat(1, D);
    fmpz_one(out.v_den.x);
    return out;
}

} // namespace convcert::regularizer
