// Exact lower bound on the max-margin value min { R_{K,C}(W) : y_i <W, x_i> >= 1 } by weak
// duality: rational α >= 0 with λ = sum_i α_i y_i x_i and 4I - T(λ)T(λ)ᵀ ⪰ 0 (T stacking the R
// blocks, MATH.md §§7-8) give R(W) >= <λ, W> = sum_i α_i y_i <x_i, W> >= sum_i α_i for every
// margin-feasible W and every C. α is rounded to a dyadic grid and scaled by the shared dual
// scaling (regularizer/exact/dual_scale.h) until the PSD test passes exactly. T(λ) is that of
// the grid (certify/grid.h): T[k][i] = λ[grid_shift(g, i, k)].
#pragma once

#include "certify/grid.h"
#include "data/dataset.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::maxmargin {

struct MaxmarginLowerBound {
    support::FmpqMat alpha;  ///< 1 × n, rationals >= 0 (already scaled by s)
    support::Fmpq lower;     ///< sum_i alpha_i, exact
    double lower_double = 0; ///< lower rounded to double
    int attempts = 0;        ///< exact PSD tests run
    double seconds = 0;
};

/// alpha: n finite doubles (negatives are clipped to 0). Preconditions: maxmargin_grid_validate
/// (d, g) (grid_validate.h; std::invalid_argument). α = 0 gives lower = 0. Throws
/// std::runtime_error if no scale passes.
MaxmarginLowerBound maxmargin_lower_bound(const std::vector<double>& alpha, const data::Dataset& d,
                                          const Grid& g, int bits = 44);

/// The 1-D form: the grid 1×D with kernel 1×K.
inline MaxmarginLowerBound maxmargin_lower_bound(const std::vector<double>& alpha,
                                                 const data::Dataset& d, long K, int bits = 44) {
    return maxmargin_lower_bound(alpha, d, grid_1d(d.D, K), bits);
}

} // namespace convcert::maxmargin
