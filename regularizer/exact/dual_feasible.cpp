// Exact dual feasibility 4I - T(λ)T(λ)ᵀ ⪰ 0 (see dual_feasible.h).
#include "regularizer/exact/dual_feasible.h"

#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"

#include <stdexcept>

namespace convcert::regularizer {

void regularizer_gram_integer(fmpz_mat_t N, const fmpz* n, long D, long K) {
    support::FmpzVec rho(K);
    for (long l = 0; l < K; ++l)
        for (long i = 0; i < D; ++i)
            fmpz_addmul(rho.v + l, n + i, n + (i + l) % D);
    for (long k = 0; k < K; ++k)
        for (long kk = 0; kk < K; ++kk)
            fmpz_set(fmpz_mat_entry(N, k, kk), rho.v + (k > kk ? k - kk : kk - k));
}

void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, long D, long K) {
    // rho_{r,r'}(l) = sum_i n_r[i] n_r'[(i + l) mod D] for l in (-K, K), stored at l + K - 1.
    support::FmpzVec rho(2 * K - 1);
    for (long r = 0; r < R; ++r)
        for (long rr = r; rr < R; ++rr) {
            _fmpz_vec_zero(rho.v, 2 * K - 1);
            for (long l = -(K - 1); l < K; ++l) {
                if (r == rr && l < 0) continue;
                for (long i = 0; i < D; ++i)
                    fmpz_addmul(rho.v + l + K - 1, n + r * D + i,
                                n + rr * D + ((i + l) % D + D) % D);
            }
            for (long k = 0; k < K; ++k)
                for (long kk = 0; kk < K; ++kk) {
                    long l = kk - k;
                    if (r == rr && l < 0) l = -l;
                    fmpz_set(fmpz_mat_entry(N, r * K + k, rr * K + kk), rho.v + l + K - 1);
                    fmpz_set(fmpz_mat_entry(N, rr * K + kk, r * K + k), rho.v + l + K - 1);
                }
        }
}

bool regularizer_dual_feasible_multi(const std::vector<std::vector<std::string>>& lambda, long K) {
    const long R = static_cast<long>(lambda.size());
    if (R < 1) throw std::invalid_argument("regularizer_dual_feasible_multi: need R >= 1");
    const long D = static_cast<long>(lambda[0].size());
    if (K < 1 || K > D)
        throw std::invalid_argument("regularizer_dual_feasible_multi: need 1 <= K <= D");
    support::FmpqVec q(R * D);
    support::Fmpz L;
    fmpz_one(L.x);
    for (long r = 0; r < R; ++r) {
        if (static_cast<long>(lambda[r].size()) != D)
            throw std::invalid_argument("regularizer_dual_feasible_multi: rows of unequal length");
        for (long i = 0; i < D; ++i) {
            fmpq* e = q.v + r * D + i;
            if (fmpq_set_str(e, lambda[r][i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(e)))
                throw std::invalid_argument("not a rational: '" + lambda[r][i] + "'");
            fmpq_canonicalise(e);
            fmpz_lcm(L.x, L.x, fmpq_denref(e));
        }
    }
    support::FmpzVec n(R * D);
    for (long i = 0; i < R * D; ++i) {
        fmpz_divexact(n.v + i, L.x, fmpq_denref(q.v + i));
        fmpz_mul(n.v + i, n.v + i, fmpq_numref(q.v + i));
    }
    support::FmpzMat M(R * K, R * K);
    regularizer_gram_integer_stacked(M.m, n.v, R, D, K);
    support::Fmpz four_l2;
    fmpz_mul(four_l2.x, L.x, L.x);
    fmpz_mul_2exp(four_l2.x, four_l2.x, 2);
    fmpz_mat_neg(M.m, M.m);
    for (long k = 0; k < R * K; ++k)
        fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four_l2.x);
    return regularizer_psd_integer(M.m);
}

bool regularizer_dual_feasible(const std::vector<std::string>& lambda, long K) {
    const long D = static_cast<long>(lambda.size());
    if (K < 1 || K > D) throw std::invalid_argument("regularizer_dual_feasible: need 1 <= K <= D");
    support::FmpqVec q(D);
    support::Fmpz L;
    fmpz_one(L.x);
    for (long i = 0; i < D; ++i) {
        if (fmpq_set_str(q.v + i, lambda[i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.v + i)))
            throw std::invalid_argument("not a rational: '" + lambda[i] + "'");
        fmpq_canonicalise(q.v + i);
        fmpz_lcm(L.x, L.x, fmpq_denref(q.v + i));
    }
    support::FmpzVec n(D);
    for (long i = 0; i < D; ++i) {
        fmpz_divexact(n.v + i, L.x, fmpq_denref(q.v + i));
        fmpz_mul(n.v + i, n.v + i, fmpq_numref(q.v + i));
    }
    support::FmpzMat M(K, K);
    regularizer_gram_integer(M.m, n.v, D, K);
    // M = 4 L² I - N
    support::Fmpz four_l2;
    fmpz_mul(four_l2.x, L.x, L.x);
    fmpz_mul_2exp(four_l2.x, four_l2.x, 2);
    fmpz_mat_neg(M.m, M.m);
    for (long k = 0; k < K; ++k)
        fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four_l2.x);
    return regularizer_psd_integer(M.m);
}

} // namespace convcert::regularizer
