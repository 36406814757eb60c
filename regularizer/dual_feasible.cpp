// Exact dual feasibility 4I - T(λ)T(λ)ᵀ ⪰ 0 (see dual_feasible.h).
#include "regularizer/dual_feasible.h"

#include "lemma/flint_raii.h"
#include "regularizer/psd_exact.h"

#include <stdexcept>

namespace convcert::regularizer {

void regularizer_gram_integer(fmpz_mat_t N, const fmpz* n, long D, long K) {
    lemma::FmpzVec rho(K);
    for (long l = 0; l < K; ++l)
        for (long i = 0; i < D; ++i)
            fmpz_addmul(rho.v + l, n + i, n + (i + l) % D);
    for (long k = 0; k < K; ++k)
        for (long kk = 0; kk < K; ++kk)
            fmpz_set(fmpz_mat_entry(N, k, kk), rho.v + (k > kk ? k - kk : kk - k));
}

bool regularizer_dual_feasible(const std::vector<std::string>& lambda, long K) {
    const long D = static_cast<long>(lambda.size());
    if (K < 1 || K > D) throw std::invalid_argument("regularizer_dual_feasible: need 1 <= K <= D");
    lemma::FmpqVec q(D);
    lemma::Fmpz L;
    fmpz_one(L.x);
    for (long i = 0; i < D; ++i) {
        if (fmpq_set_str(q.v + i, lambda[i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.v + i)))
            throw std::invalid_argument("not a rational: '" + lambda[i] + "'");
        fmpq_canonicalise(q.v + i);
        fmpz_lcm(L.x, L.x, fmpq_denref(q.v + i));
    }
    lemma::FmpzVec n(D);
    for (long i = 0; i < D; ++i) {
        fmpz_divexact(n.v + i, L.x, fmpq_denref(q.v + i));
        fmpz_mul(n.v + i, n.v + i, fmpq_numref(q.v + i));
    }
    FmpzMat M(K, K);
    regularizer_gram_integer(M.m, n.v, D, K);
    // M = 4 L² I - N
    lemma::Fmpz four_l2;
    fmpz_mul(four_l2.x, L.x, L.x);
    fmpz_mul_2exp(four_l2.x, four_l2.x, 2);
    fmpz_mat_neg(M.m, M.m);
    for (long k = 0; k < K; ++k)
        fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four_l2.x);
    return regularizer_psd_integer(M.m);
}

} // namespace convcert::regularizer
