// Exact PSD test: the checker's floating-point test first, then fraction-free elimination (see
// psd_exact.h).
#include "regularizer/exact/psd_exact.h"

#include "certify/checker/rational.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::regularizer {

namespace {

/// x as the checker's integer type, through its 64-bit limbs (least significant first).
checker::Int int_from_fmpz(const fmpz_t x) {
    if (fmpz_fits_si(x)) return checker::Int(fmpz_get_si(x));
    support::Fmpz magnitude;
    fmpz_abs(magnitude.x, x);
    std::vector<ulong> limbs(fmpz_size(magnitude.x));
    fmpz_get_ui_array(limbs.data(), static_cast<slong>(limbs.size()), magnitude.x);
    checker::Int out;
    import_bits(out, limbs.begin(), limbs.end(), 64, false);
    return fmpz_sgn(x) < 0 ? checker::Int(-out) : out;
}

/// The upper triangle of M in the checker's packed form.
checker::SymMatrix sym_matrix_from_fmpz_mat(const fmpz_mat_t M) {
    const slong n = fmpz_mat_nrows(M);
    checker::SymMatrix m(static_cast<std::size_t>(n));
    for (slong i = 0; i < n; ++i)
        for (slong j = i; j < n; ++j)
            m.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) =
                int_from_fmpz(fmpz_mat_entry(M, i, j));
    return m;
}

} // namespace

checker::PsdFloat regularizer_psd_float(const fmpz_mat_t M) {
    const checker::SymMatrix m = sym_matrix_from_fmpz_mat(M);
    checker::PsdFloat verdict = checker::PsdFloat::inconclusive;
    // verdict_run starts a fresh work meter (the generator runs many tests on one thread) and
    // turns a declined check of the negative direction into a verdict instead of an exception.
    const checker::Verdict run =
        checker::verdict_run([&] { verdict = checker::sym_matrix_psd_float(m).verdict; });
    return run.valid ? verdict : checker::PsdFloat::inconclusive;
}

bool regularizer_psd_integer_exact(fmpz_mat_t M) {
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

bool regularizer_psd_integer(fmpz_mat_t M) {
    if (static_cast<std::size_t>(fmpz_mat_nrows(M)) > checker::kPsdExactMaxN) {
        const checker::PsdFloat fast = regularizer_psd_float(M);
        if (fast == checker::PsdFloat::positive_definite) return true;
        if (fast == checker::PsdFloat::not_psd) return false;
    }
    return regularizer_psd_integer_exact(M);
}

} // namespace convcert::regularizer
