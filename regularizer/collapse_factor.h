// The numerical half of the collapse (collapse.h): the exact subspace col(W) that every output
// kernel is projected into, the kernels' matrix autocorrelation H_j = sum_c sum_k u_c[:, k]
// u_c[:, k+j]ᵀ (MATH.md, "The multi-channel conjecture follows from the matrix Fejér–Riesz
// theorem"), and its spectral factor P (sum_k P_k P_{k+j}ᵀ = H_j) restricted to that subspace,
// as decimal kernels for the exact rounding loop. Untrusted generator code.
#pragma once

#include "support/flint_raii.h"

#include <optional>
#include <string>
#include <vector>

namespace convcert::regularizer {

/// col(W) for W (R rows of D, not zero) of rank s: basis B (R×s) and coordinates
/// X = (BᵀB)⁻¹Bᵀ (s×R, X B = I). When s = R, B = X = I and `identity` is set. Any network
/// realizing W still does after u_c -> B X u_c (the orthogonal projection), at no higher cost.
struct CollapseSpace {
    support::FmpqMat basis, coords;
    bool identity = true;
};

/// The space of W (precondition: W not zero). B is the pivot columns of W when s < R.
CollapseSpace collapse_space(const support::FmpqMat& W);

/// The kernels (C >= 1, each R rows of K) in the space's coordinates: X u_c (s rows of K).
std::vector<support::FmpqMat> collapse_space_coords(const CollapseSpace& space,
                                                    const std::vector<support::FmpqMat>& u);

/// The exact matrix autocorrelation H_0..H_{K-1} (each R×R) of C >= 1 kernels of R rows of K.
std::vector<support::FmpqMat> collapse_autocorrelation(const std::vector<support::FmpqMat>& u);

/// A channel of a numerical factor: R·K decimal strings, row-major (entry r·K + k).
using CollapseChannel = std::vector<std::string>;

/// The spectral factor of the density restricted to the space, in double precision: with E an
/// orthonormal basis of col(B) (E = I when the space is the identity), the factor P' of
/// H'_j = Eᵀ H_j E (s×s; the scalar Wilson iteration when s = 1, the matrix factor of
/// regularizer/numeric/matrix_spectral_factor.h otherwise), lifted to R rows as E P'_k. One
/// channel per column of P' (rank of H' many). Trailing zero lags are factored away and padded
/// back. Nothing when the iteration fails or returns a non-finite value.
std::optional<std::vector<CollapseChannel>>
collapse_factor_double(const std::vector<support::FmpqMat>& H, const CollapseSpace& space);

/// For R = 1 only: the Lemma engine's factor (lemma/factor.h) of sum_c u_c ⋆ u_c to `digits`
/// digits (enclosure, then auto), one channel; nothing when both methods fail.
std::optional<std::vector<CollapseChannel>>
collapse_factor_high(const std::vector<support::FmpqMat>& u, long digits);

/// The channel rounded to `bits` significant bits of its largest entry, as R rows of K:
/// entries z 2^-shift. Throws std::invalid_argument on a zero channel or a bad decimal.
support::FmpqMat collapse_channel_round(const CollapseChannel& c, long R, long bits);

} // namespace convcert::regularizer
