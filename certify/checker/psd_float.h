// The fast PSD test of a symmetric integer matrix: a floating-point Cholesky with a rigorous
// a-priori bound on its rounding error (Rump, "Verification of positive definiteness", BIT 2006,
// Corollaries 2.4 and 2.7, as formalized by P. Roux in ValidSDP); docs/certificates.md, "The
// PSD test", derives the shift step by step.
#pragma once

#include "certify/checker/sym_matrix.h"

namespace convcert::checker {

enum class PsdFloat {
    positive_definite, // proven: the shifted Cholesky ran to completion
    not_psd,           // proven: an exact rational x with xᵀ m x < 0 (see `pivot`)
    inconclusive       // neither: only the exact test can decide
};

struct PsdFloatResult {
    PsdFloat verdict = PsdFloat::inconclusive;
    /// not_psd: the first pivot of the exact elimination that fails (the leading pivot×pivot
    /// block is proven positive definite, the leading (pivot+1)-block is not PSD). Otherwise -1.
    long pivot = -1;
};

/// Decides m ⪰ 0 in double arithmetic when it can: m is scaled by a power of two and rounded to
/// doubles, the diagonal is lowered by a proven bound on the conversion and Cholesky rounding
/// errors, and the Cholesky of the result runs in plain loops (round-to-nearest, no FMA; any
/// other rounding mode gives inconclusive). When a pivot fails, a candidate vector from the
/// partial factor is checked exactly (xᵀ m x < 0 proves not_psd). Never modifies m.
/// Deterministic: the same verdict on every IEEE 754 binary64 machine. The caller charges
/// cost_psd_float_ns first; the exact check of a candidate charges itself.
PsdFloatResult sym_matrix_psd_float(const SymMatrix& m);

} // namespace convcert::checker
