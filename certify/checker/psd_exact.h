// The exact PSD test of a symmetric integer matrix: fraction-free (Bareiss) elimination.
#pragma once

#include "certify/checker/sym_matrix.h"

namespace convcert::checker {

/// -1 when the symmetric integer matrix m is positive semidefinite, else the index k of the
/// first pivot that shows it is not. Bareiss elimination in index order, in place (m is
/// overwritten): by Sylvester's identity the entry (i, j) after pivots P is the minor
/// det A[P+i, P+j], so every division is exact and a pivot has the sign of the Schur
/// complement's. A negative pivot fails; a zero pivot needs a zero remaining row (then the
/// index is dropped from P), else it fails. The caller charges cost_bareiss_ns first.
long sym_matrix_psd_failure_exact(SymMatrix& m);

} // namespace convcert::checker
