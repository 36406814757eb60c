// Exact positive-semidefiniteness of a symmetric integer matrix by fraction-free (Bareiss)
// elimination with zero-pivot handling. Untrusted generator code; the checker has its own.
#pragma once

#include <flint/fmpz_mat.h>

namespace convcert::regularizer {

/// True iff the symmetric integer matrix M is PSD. Bareiss elimination keeps every entry an
/// integer minor of M; a negative pivot rejects, a zero pivot is accepted only when its
/// whole row in the current Schur complement is zero (that index is then skipped, which
/// keeps the exact divisions valid by Sylvester's identity). M is overwritten.
/// Precondition: M is square and symmetric (not checked).
bool regularizer_psd_integer(fmpz_mat_t M);

} // namespace convcert::regularizer
