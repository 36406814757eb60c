// The exact least-norm second layer of a one-channel network (MATH.md §3, fact 1): for a
// rational kernel u, the v of smallest norm with u * v = w, over Q. In Q[x]/(x^D - 1) the
// circular convolution is the product p_u p_v, so v is a polynomial inverse, computed with
// FLINT's resultant-based extended gcd. Untrusted generator code (the checker recomputes u * v).
#pragma once

#include <flint/fmpz.h>

#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// v = N / den: D integer numerators over one positive common denominator (not reduced).
struct LeastNormSolution {
    std::vector<std::string> numerators; ///< D integers, decimal
    std::string denominator;             ///< a positive integer
    long denominator_bits = 0;           ///< its size, the certificate's dominant cost
};

/// The least-norm v in Q^D with u * v = w (circular convolution on Z_D, u zero-padded):
/// with g = gcd(p_u, x^D - 1) and h = (x^D - 1)/g, v is the unique solution with g | p_v
/// (v̂ = 0 where û = 0), p_v = g · ((p_w/g) p_u^{-1} mod h). The result is verified exactly
/// (u * v == w) before it is returned.
/// u: K rationals ("p" or "p/q"), not all zero, 1 <= K <= D; w: D rationals. Cost: one extended
/// gcd of degree D whose coefficients have about D · (bits of u) bits (D = 1024, 24-bit u:
/// 0.6 s, 23 kbit denominators). Throws std::invalid_argument on malformed input or when no v
/// exists (ŵ[d] != 0 at a frequency with û[d] = 0).
LeastNormSolution regularizer_least_norm(const std::vector<std::string>& u,
                                         const std::vector<std::string>& w);

/// The same solution as D canonical rational strings.
std::vector<std::string> regularizer_least_norm_v(const std::vector<std::string>& u,
                                                  const std::vector<std::string>& w);

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

} // namespace convcert::regularizer
