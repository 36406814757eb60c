// The λ-Hessian of the dual barrier φ(λ) = -log det(4I - T(λ)T(λ)ᵀ) (MATH.md §7/§8, any grid
// and R), assembled by FFTs on the group G×G (G = Z_D1 × Z_D2) in O(R²·D²·log D) instead of
// the O(R²·D²·K²) of its entrywise formula. With M = 4I - T Tᵀ, P = M⁻¹, Q = P T and
// A = I + Tᵀ Q, for δ = e_(r,j), ε = e_(r',j') (k, k' over the kernel support, j - k the group
// difference grid_unshift):
//   H[(r,j),(r',j')] = 2 sum_{k,k'} P[(r,k),(r',k')] A[j-k, j'-k'] + Q[(r,k), j'-k'] Q[(r',k'),
//   j-k].
// The first sum is a circular convolution on G×G of A with P's block embedded at the kernel
// offsets; the second has the 4-D DFT ê_r(ω, ω')·ê_r'(ω', ω), with e_r the D×D array whose row
// grid_offset(k) is Q's row (r,k). Untrusted numerics (FFTW).
#pragma once

#include "certify/grid.h"

#include <Eigen/Dense>

namespace convcert::regularizer {

/// H as above, (R·D)×(R·D) with index r·D + j. Preconditions: P is (R·K)×(R·K) symmetric,
/// Q is (R·K)×D, A is D×D symmetric, with D = grid_signal_size(g), K = grid_kernel_size(g);
/// throws std::invalid_argument on other shapes.
Eigen::MatrixXd regularizer_barrier_hessian(const Eigen::MatrixXd& P, const Eigen::MatrixXd& Q,
                                            const Eigen::MatrixXd& A, long R, const Grid& g);

} // namespace convcert::regularizer
