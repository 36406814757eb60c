// Exact PSD test by fraction-free elimination (see psd_exact.h).
#include "regularizer/exact/psd_exact.h"

#include "support/flint_raii.h"

namespace convcert::regularizer {

bool regularizer_psd_integer(fmpz_mat_t M) {
    const slong n = fmpz_mat_nrows(M);
    support::Fmpz prev, t;
    fmpz_one(prev.x);
    for (slong k = 0; k < n; ++k) {
        const fmpz* pivot = fmpz_mat_entry(M, k, k);
        const int sign = fmpz_sgn(pivot);
        if (sign < 0) return false;
        if (sign == 0) {
            for (slong j = k + 1; j < n; ++j)
                if (!fmpz_is_zero(fmpz_mat_entry(M, k, j))) return false;
            continue; // a zero row of the Schur complement: drop index k
        }
        // Entries below and right of k: a_ij <- (a_kk a_ij - a_ik a_kj) / prev (upper triangle).
        for (slong i = k + 1; i < n; ++i) {
            for (slong j = i; j < n; ++j) {
                fmpz* aij = fmpz_mat_entry(M, i, j);
                fmpz_mul(aij, aij, pivot);
                fmpz_mul(t.x, fmpz_mat_entry(M, k, i), fmpz_mat_entry(M, k, j));
                fmpz_sub(aij, aij, t.x);
                fmpz_divexact(aij, aij, prev.x);
            }
        }
        fmpz_set(prev.x, pivot);
    }
    return true;
}

} // namespace convcert::regularizer
