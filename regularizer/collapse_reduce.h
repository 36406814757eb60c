// The collapse's exact channel reduction (collapse.h): channels whose stacked kernels are
// rational combinations of others merge exactly into rank-many channels with the same predictor
// and, balanced channel by channel, no higher cost (the K = 1 argument on the Gram matrix of
// the combination coefficients). It realizes W exactly where a rounded spectral factor cannot:
// densities of rank < R on the whole circle whose range moves with z (all channels
// proportional). Untrusted generator code; the checker verifies the network.
#pragma once

#include "regularizer/exact/network.h"
#include "support/flint_raii.h"

#include <optional>
#include <vector>

namespace convcert::regularizer {

/// t ≈ (B / A)^(1/4) with `bits` significant bits (A, B > 0): the scale u -> t u, v -> v / t
/// that minimizes t² A + B / t² up to a relative excess of about 2^(1-2 bits).
void collapse_balance_scale(fmpq_t t, const fmpq_t A, const fmpq_t B, long bits);

/// The exact reduction of the network (u: C >= 1 kernels of R rows of K, v: C rows of D). With
/// Z = [vec u_1 .. vec u_C] of rank ρ, Z = B M (B the pivot columns, M ρ×C of full row rank),
/// A = M V and M Mᵀ = L Δ Lᵀ (L unit lower triangular, Δ diagonal, both rational): channel i
/// is y_i = (B L)_i · t_i with second layer (L⁻¹ A)_i / t_i, t_i from collapse_balance_scale
/// (`bits`). Same predictor as the input; cost <= sum_i δ_i ||(B L)_i||² + ||(L⁻¹ A)_i||² / δ_i
/// = tr(BᵀB M Mᵀ) + tr(Aᵀ (M Mᵀ)⁻¹ A) <= the input's cost, up to the balance's rounding.
/// Channels with a zero second layer are dropped. Nothing when ρ = C (no dependent channel)
/// or when every channel would be dropped.
std::optional<RegularizerNetwork> collapse_reduce_channels(const std::vector<support::FmpqMat>& u,
                                                           const support::FmpqMat& v, long bits);

} // namespace convcert::regularizer
