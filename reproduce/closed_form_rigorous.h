// Rigorous containment of the single-channel closed forms in a certified bracket, for claim 3
// of `convcert reproduce` (MATH.md §5): K = 1, 2||w||_2 in [lower, upper] decided in exact
// rational arithmetic (squares compared, FLINT fmpq); K = D, (2/D) sum_d |ŵ[d]| in
// [lower, upper] decided by Arb ball arithmetic (the DFT from exact sin/cos of rational
// multiples of π). Direct computations in the generator's libraries, not checked certificates.
// On a 2-D grid (MATH.md, "Two-dimensional signals") and for R input channels: K = 1×1 gives
// 2||W||_* (R <= 2 here), K = D1×D2 gives (2/D) sum_d ||Ŵ[:, d]||_2 with the 2-D DFT.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <flint/fmpq.h>

#include <string>

namespace convcert::reproduce {

/// 1: proven inside [lower, upper]; -1: proven outside; 0: undecided (Arb only: a ball that
/// overlaps a bound, e.g. when the closed form equals a bound exactly).
enum class Containment { Outside = -1, Undecided = 0, Inside = 1 };

/// Whether 2||w||_2 lies in [lower, upper]; w is 1 × D, D >= 1. Throws std::invalid_argument
/// on another shape.
Containment reproduce_k1_contained(const support::FmpqMat& w, const fmpq_t lower,
                                   const fmpq_t upper);

/// The same for (2/D) sum_d |ŵ[d]| at `bits` of working precision (>= 64).
Containment reproduce_kd_contained(const support::FmpqMat& w, const fmpq_t lower,
                                   const fmpq_t upper, long bits = 256);

/// (2/D) sum_d ||Ŵ[:, d]||_2 in [lower, upper] for W of R >= 1 rows of D = D1·D2 (row-major)
/// on the grid g, the DFT ŵ[d1, d2] = sum w[j1, j2] exp(-2πi (j1 d1/D1 + j2 d2/D2)) in Arb
/// balls at `bits` (>= 64). Throws std::invalid_argument unless W has D1·D2 columns.
Containment reproduce_kd_contained(const support::FmpqMat& W, const fmpq_t lower,
                                   const fmpq_t upper, const Grid& g, long bits = 256);

/// 2||W||_* (nuclear norm, R input channels; the grid does not matter at K = 1×1) in
/// [lower, upper]: R = 1 exactly as reproduce_k1_contained, R = 2 in Arb balls at `bits` from
/// ||W||_* = sqrt(a + c + 2 sqrt(ac - b²)), [[a, b], [b, c]] = W Wᵀ. Throws
/// std::invalid_argument for R > 2 or D < 1.
Containment reproduce_k1_contained_channels(const support::FmpqMat& W, const fmpq_t lower,
                                            const fmpq_t upper, long bits = 256);

/// "inside (exact)", "inside (Arb ball)", "OUTSIDE", "undecided" for the report.
std::string reproduce_containment_text(Containment c, bool exact);

} // namespace convcert::reproduce
