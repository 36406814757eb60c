// Scaling a dual point into exact feasibility (MATH.md §7-§8): for an integer matrix Λ (R rows
// of D) standing for λ = Λ / 2^E, a short dyadic s = a / 2^b slightly below 2 / ||T(λ)||_op such
// that 4I_{RK} - T(sλ)T(sλ)ᵀ ⪰ 0 holds exactly, T stacking the R blocks T(λ_r). Shared by the
// regularizer's lower bound (lower_bound.h) and the max-margin lower bound
// (maxmargin/lower_bound.h). Untrusted generator code; the checker re-decides the PSD test.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

namespace convcert::regularizer {

/// The largest R·K for which the first margin tried is 2^-40 (above it: 2^-24).
inline constexpr long kDualScaleTightMax = 64;

/// s = a / 2^b, and the number of exact PSD tests run.
struct RegularizerDualScale {
    support::Fmpz a; ///< a > 0 (about 50 bits)
    long b = 0;      ///< b >= -E, so that s·λ = Λ·a / 2^(E+b) has a dyadic denominator
    int attempts = 0;
};

/// Lambda: an R×D integer matrix (R >= 1, D = grid_signal_size(g), T(λ) that of the grid g),
/// λ = Lambda / 2^E (E of any sign).
/// Tries s = 2/sqrt(μ)·(1 - 2^-m) for m = 40, 32, ..., 8 (m = 24, 16, 8 when R·K >
/// kDualScaleTightMax, so that the checker's floating-point PSD test decides), μ the largest
/// eigenvalue of T Tᵀ estimated in doubles on a power-of-two normalized copy of N = T(Λ)T(Λ)ᵀ (no
/// overflow for any size of Λ), s rounded down to 51 significant bits, and returns the first s with
/// 4·2^(2E+2b) I - a² N ⪰ 0 exactly (regularizer_psd_integer: above 32 rows the checker's
/// floating-point test decides, the same verdict the checker reaches on the certificate). Λ = 0
/// gives s = 1 with no test. Throws std::invalid_argument on bad shapes, std::runtime_error if no s
/// passes (not expected: every s below 2/||T(λ)||_op passes) or the scale leaves the double range.
RegularizerDualScale regularizer_dual_scale(const fmpz_mat_t Lambda, long E, const Grid& g);

/// The 1-D form: the grid 1×D with kernel 1×K, D = Lambda's columns.
inline RegularizerDualScale regularizer_dual_scale(const fmpz_mat_t Lambda, long E, long K) {
    return regularizer_dual_scale(Lambda, E, grid_1d(fmpz_mat_ncols(Lambda), K));
}

} // namespace convcert::regularizer
