// Stages 2 and 4 of the regularizer bracket (bracket.h), exact: the certified lower bound from
// a numerical dual λ and the exact network from numerical kernels, for any R >= 1, in exact
// types: the pipeline's calls into the exact layer (regularizer/exact/lower_bound.h, network.h).
#pragma once

#include "regularizer/exact/network.h"
#include "regularizer/numeric/closed_form.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::regularizer {

struct RegularizerBracketLower {
    support::FmpqMat lambda; ///< R×D, exactly dual feasible
    support::Fmpq lower;     ///< <λ, W>
    double lower_double = 0;
    double seconds = 0;
};

/// λ: R rows of D doubles; W: R×D exact on the grid g (certify/grid.h). Throws
/// std::invalid_argument on bad shapes or entries, std::runtime_error if no scale passes the
/// exact test.
RegularizerBracketLower regularizer_bracket_lower(const Rows& lambda, const support::FmpqMat& W,
                                                  const Grid& g);

/// kernels: C0 >= 1 kernels of R rows of K finite doubles, not all zero; W: R×D exact. Rounds
/// the kernels to round(u·2^E)/2^E with max |u|·2^E in [2^(bits-1), 2^bits), completes them by
/// the exact least-norm V and balances by a rational scale. Throws std::invalid_argument on
/// bad input, std::runtime_error when no exact least-norm V exists for the rounded kernels.
RegularizerNetwork regularizer_bracket_network(const Kernels& kernels, const support::FmpqMat& W,
                                               int bits, const Grid& g);

/// The zero network of W = 0: one zero kernel (R×K) and v = 0 (1×D, v_den = 1), cost 0.
RegularizerNetwork regularizer_bracket_network_zero(long R, long K, long D);

} // namespace convcert::regularizer
