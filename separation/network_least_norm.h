// The least-norm second layer for a given first layer: for kernels u_0..u_{C-1} (R = 1), the v
// of least ||v||² with sum_c u_c * v_c = w on the grid (MATH.md "Two-dimensional signals"), in
// exact rationals. It turns a numerically found kernel (rounded to rationals) into an exact
// network realizing w, the upper half of a channel-separation certificate.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::separation {

/// v = Aᵀ (A Aᵀ)⁻¹ w for the linear map A : v ↦ sum_c u_c * v_c, (u * v)[j] = sum_k u[k]
/// v[grid_unshift(g, j, k)]: regularizer_least_norm (regularizer/exact/least_norm.h) at R = 1,
/// the one implementation. u is C×K (one kernel per row), w has D entries; returns v, C×D.
/// Precondition: g valid, u has grid_kernel_size(g) columns, w grid_signal_size(g) entries.
/// Throws std::invalid_argument when no second layer realizes w (some DFT frequency d with
/// ŵ(d) ≠ 0 has û_c(d) = 0 for every c; on a 2-D grid any such d, as least_norm_dense.h) or
/// every kernel is zero.
support::FmpqMat network_least_norm_second_layer(const Grid& g, const support::FmpqMat& u,
                                                 const std::vector<support::Fmpq>& w);

/// sum_c ||u_c||² + ||v_c||², exactly (u: C×K, v: C×D).
support::Fmpq network_cost_exact(const support::FmpqMat& u, const support::FmpqMat& v);

} // namespace convcert::separation
