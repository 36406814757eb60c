// Rigorous containment of the single-channel closed forms in a certified bracket, for claim 3
// of `convcert reproduce` (MATH.md §5): K = 1, 2||w||_2 in [lower, upper] decided in exact
// rational arithmetic (squares compared, FLINT fmpq); K = D, (2/D) sum_d |ŵ[d]| in
// [lower, upper] decided by Arb ball arithmetic (the DFT from exact sin/cos of rational
// multiples of π). Direct computations in the generator's libraries, not checked certificates.
#pragma once

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

/// "inside (exact)", "inside (Arb ball)", "OUTSIDE", "undecided" for the report.
std::string reproduce_containment_text(Containment c, bool exact);

} // namespace convcert::reproduce
