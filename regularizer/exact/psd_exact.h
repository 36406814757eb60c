// Exact positive-semidefiniteness of a symmetric integer matrix: above the checker's exact-only
// size, first the checker's own rigorous floating-point Cholesky (certify/checker/psd_float.h,
// reused: a proven verdict in O(n³) doubles, the same one the checker reaches on the
// certificate's matrix, which differs from the generator's by a power of two), and fraction-free
// (Bareiss) elimination only when that test cannot decide (singular or nearly singular
// matrices). Untrusted generator code; the checker re-decides.
#pragma once

#include "certify/checker/psd_float.h"

#include <flint/fmpz_mat.h>

namespace convcert::regularizer {

/// The checker's floating-point test (checker::sym_matrix_psd_float) on the symmetric integer
/// matrix M, run under a fresh work meter of its own; a declined exact check of its negative
/// direction counts as inconclusive. M is not modified. Precondition: M square and symmetric
/// (not checked; only the upper triangle is read).
checker::PsdFloat regularizer_psd_float(const fmpz_mat_t M);

/// True iff the symmetric integer matrix M is PSD, by Bareiss elimination alone: every entry
/// stays an integer minor of M; a negative pivot rejects, a zero pivot is accepted only when
/// its whole row in the current Schur complement is zero (that index is then skipped, which
/// keeps the exact divisions valid by Sylvester's identity). M is overwritten.
/// Precondition: M is square and symmetric (not checked).
bool regularizer_psd_integer_exact(fmpz_mat_t M);

/// True iff the symmetric integer matrix M is PSD: above checker::kPsdExactMaxN rows
/// regularizer_psd_float, then regularizer_psd_integer_exact only when it is inconclusive; up to
/// that size the exact test alone (as the checker decides). Both verdicts are proven, so the
/// decision is always that of the exact test. M may be overwritten.
/// Precondition: M is square and symmetric (not checked).
bool regularizer_psd_integer(fmpz_mat_t M);

} // namespace convcert::regularizer
