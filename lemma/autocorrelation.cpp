// Autocorrelations and palindromic polynomials of Lemma instances (see autocorrelation.h).
#include "lemma/autocorrelation.h"

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <flint/fmpq_vec.h>
#include <flint/fmpz_vec.h>

#include <stdexcept>

namespace convcert::lemma {

namespace {

void fmpq_set_checked(fmpq_t x, const std::string& s) {
    if (fmpq_set_str(x, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(x)))
        throw std::invalid_argument("not a rational: '" + s + "'");
    fmpq_canonicalise(x);
}

} // namespace

std::vector<std::string> lemma_target(const std::vector<std::vector<std::string>>& vectors) {
    if (vectors.empty()) throw std::invalid_argument("lemma_target: no vectors");
    const long K = static_cast<long>(vectors[0].size());
    support::FmpqVec t(K), a(K);
    for (const auto& vec : vectors) {
        if (static_cast<long>(vec.size()) != K)
            throw std::invalid_argument("lemma_target: vectors of different lengths");
        for (long k = 0; k < K; ++k)
            fmpq_set_checked(a.v + k, vec[k]);
        for (long j = 0; j < K; ++j)
            for (long k = 0; k + j < K; ++k)
                fmpq_addmul(t.v + j, a.v + k, a.v + k + j);
    }
    std::vector<std::string> out;
    out.reserve(K);
    for (long j = 0; j < K; ++j)
        out.push_back(support::fmpq_get_string(t.v + j));
    return out;
}

long lemma_effective_length(const std::vector<std::string>& target) {
    support::Fmpq x;
    long len = 0;
    for (long j = 0; j < static_cast<long>(target.size()); ++j) {
        fmpq_set_checked(x.x, target[j]);
        if (!fmpq_is_zero(x.x)) len = j + 1;
    }
    return len;
}

void lemma_integer_target(fmpz* T, fmpz_t L, const std::vector<std::string>& target) {
    const long K = static_cast<long>(target.size());
    support::FmpqVec t(K);
    fmpz_one(L);
    for (long j = 0; j < K; ++j) {
        fmpq_set_checked(t.v + j, target[j]);
        fmpz_lcm(L, L, fmpq_denref(t.v + j));
    }
    support::Fmpz L2;
    fmpz_mul(L2.x, L, L);
    for (long j = 0; j < K; ++j) {
        fmpz_divexact(T + j, L2.x, fmpq_denref(t.v + j));
        fmpz_mul(T + j, T + j, fmpq_numref(t.v + j));
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
