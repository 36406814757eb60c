// The exact least-norm second layer for fixed dyadic kernels with R input channels: in the
// ring Q[x]/(x^D - 1) convolution is multiplication and the adjoint is x -> x^-1, so
// V = U*(U U*)⁻¹ W (MATH.md §3.1 and §8, v̂_d = Û_dᴴ Σ_d⁻¹ Ŵ_d). U U* is an R×R matrix of ring
// elements; it is solved fraction-free over Z[x] and its determinant inverted modulo x^D - 1
// through the resultant (fmpz_poly_xgcd). Untrusted; the checker re-verifies realization.
//
// Size: the common denominator of V is about the resultant of det(U U*) and x^D - 1, so its
// bit length grows like D·R·(2·bits + log(C0·K)) (bits = the kernels' grid); the numerators
// are as long. Measured with 24-bit kernels: about 19000 bits at R = 3, D = 256, K = 16.
#pragma once

#include <flint/fmpq.h>
#include <flint/fmpz.h>

namespace convcert::regularizer {

/// Kernels u_c[r][k] = u_num[(c·R + r)·K + k] / 2^u_exp (C0 >= 1 kernels, R >= 1 rows,
/// 1 <= K <= D), W[r][j] = W[r·D + j]. Sets v_c[j] = v_num[c·D + j] / v_den (v_den > 0) to the
/// least-norm V with sum_c u_c[r] * v_c = W[r] for every r. v_num holds C0·D initialized
/// entries. Throws std::runtime_error if U U* is singular over Q(x) or det(U U*) is not coprime
/// to x^D - 1 (then no exact least-norm V exists in this form; e.g. C0 < R, or a kernel set
/// whose Σ_d is singular at some frequency).
void regularizer_least_norm_multi(fmpz* v_num, fmpz_t v_den, const fmpz* u_num, ulong u_exp,
                                  const fmpq* W, long C0, long R, long K, long D);

} // namespace convcert::regularizer
