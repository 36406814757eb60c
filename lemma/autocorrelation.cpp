// Autocorrelations and palindromic polynomials of Lemma instances (see autocorrelation.h).
#include "lemma/autocorrelation.h"

#include "support/flint_raii.h"

#include <stdexcept>

namespace convcert::lemma {

std::vector<support::Fmpq> lemma_target(const support::FmpqMat& vectors) {
    const slong m = vectors.rows(), K = vectors.cols();
    if (m < 1 || K < 1) throw std::invalid_argument("lemma_target: no vectors or K < 1");
    std::vector<support::Fmpq> t(static_cast<std::size_t>(K));
    for (slong i = 0; i < m; ++i)
        for (slong j = 0; j < K; ++j)
            for (slong k = 0; k + j < K; ++k)
                fmpq_addmul(t[j].x, vectors.at(i, k), vectors.at(i, k + j));
    return t;
}

long lemma_effective_length(const std::vector<support::Fmpq>& target) {
    long len = 0;
    for (long j = 0; j < static_cast<long>(target.size()); ++j)
        if (!fmpq_is_zero(target[j].x)) len = j + 1;
    return len;
}

void lemma_integer_target(fmpz* T, fmpz_t L, const std::vector<support::Fmpq>& target) {
    const long K = static_cast<long>(target.size());
    fmpz_one(L);
    for (long j = 0; j < K; ++j)
        fmpz_lcm(L, L, fmpq_denref(target[j].x));
    support::Fmpz L2;
    fmpz_mul(L2.x, L, L);
    for (long j = 0; j < K; ++j) {
        fmpz_divexact(T + j, L2.x, fmpq_denref(target[j].x));
        fmpz_mul(T + j, T + j, fmpq_numref(target[j].x));
    }
}

void lemma_palindromic_poly(fmpz_poly_t q, const fmpz* T, long len) {
    if (len < 1 || fmpz_is_zero(T + len - 1))
        throw std::invalid_argument("lemma_palindromic_poly: trailing lag is zero");
    const long n = len - 1;
    fmpz_poly_zero(q);
    for (long j = 0; j <= 2 * n; ++j)
        fmpz_poly_set_coeff_fmpz(q, j, T + (j > n ? j - n : n - j));
}

} // namespace convcert::lemma
