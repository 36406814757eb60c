// The exact least-norm second layer for fixed rational kernels with R >= 1 input channels
// (MATH.md §3.1 and §8): in the ring Q[x]/(x^D - 1) convolution is multiplication and the
// adjoint is x -> x^-1, so V = U*(U U*)⁻¹ W (v̂_d = Û_dᴴ Σ_d⁻¹ Ŵ_d), or V = U⁻¹ W when there are
// C0 = R kernels. The R×R polynomial system is solved fraction-free over Z[x] and its
// determinant inverted modulo x^D - 1 through the resultant (fmpz_poly_xgcd). Untrusted
// generator code; the checker re-verifies the realization.
//
// Size: the common denominator of V is about the resultant of the determinant and x^D - 1,
// so its bit length grows like D·R·(bits + log K) (square) or D·R·(2·bits + log(C0·K))
// (normal equations), bits = the kernels' size. Measured: D = 1024, one 24-bit kernel of
// K = 16: about 1.1 s on a loaded machine (0.6 s idle), 24 kbit denominators; R = 3, D = 256,
// K = 16, 24 bits: about 19000 bits.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::regularizer {

/// The exact least-norm V for any R >= 1 (MATH.md §3.1 and §8): C0 >= 1 kernels u_c (each R
/// rows of K, 1 <= K <= D, not all zero) and W (R rows of D); V has C0 rows of D with
/// sum_c u_c[r] * v_c = W[r] and v̂_d = Û_dᴴ Σ_d⁻¹ Ŵ_d. V = numerators / denominator: one
/// shared positive denominator, the common content removed, entries not reduced one by one
/// (D gcds of numbers this long would dominate both generator and checker). Verified exactly
/// (U V == W) before it is returned. C0 == R uses U itself (square), other C0 the normal
/// equations. Frequencies where Σ_d is singular: for R = 1 (every kernel vanishes there) V
/// vanishes there and W must too (std::invalid_argument otherwise); for R > 1
/// std::runtime_error, as for fewer than R independent kernels. Cost: one extended gcd of
/// degree D whose coefficients have about D·(bits of det) bits.
struct RegularizerLeastNorm {
    std::vector<support::Fmpz> numerators; ///< C0·D, v_c[j] = numerators[c·D + j] / denominator
    support::Fmpz denominator;             ///< > 0
    long denominator_bits = 0;             ///< its size, the certificate's dominant cost
};

RegularizerLeastNorm regularizer_least_norm(const std::vector<support::FmpqMat>& u,
                                            const support::FmpqMat& W);

/// The same on the grid g (W rows of grid_signal_size(g), kernels rows of grid_kernel_size(g)):
/// the polynomial route above when D1 = 1 (a cyclic group), else the dense exact linear system
/// of least_norm_dense.h (2-D: Σ_d must be nonsingular at every d, also at R = 1).
RegularizerLeastNorm regularizer_least_norm(const std::vector<support::FmpqMat>& u,
                                            const support::FmpqMat& W, const Grid& g);

/// Makes the denominator positive and removes the content shared by it and every numerator
/// (a chain of gcds that shrinks fast; no entrywise reduction): V's canonical form.
void regularizer_least_norm_normalize(RegularizerLeastNorm& out);

} // namespace convcert::regularizer
