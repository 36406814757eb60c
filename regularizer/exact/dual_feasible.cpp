// Exact dual feasibility 4I - T(λ)T(λ)ᵀ ⪰ 0 (see dual_feasible.h).
#include "regularizer/exact/dual_feasible.h"

#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"

#include <stdexcept>

namespace convcert::regularizer {

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

bool regularizer_gram_bounded(const fmpz_mat_t N, const fmpz_t p, const fmpz_t q) {
    const long n = fmpz_mat_nrows(N);
    support::FmpzMat M(n, n);
    support::Fmpz p2, four_q2;
    fmpz_mul(p2.x, p, p);
    fmpz_mat_scalar_mul_fmpz(M.m, N, p2.x);
    fmpz_mat_neg(M.m, M.m);
    fmpz_mul(four_q2.x, q, q);
    fmpz_mul_2exp(four_q2.x, four_q2.x, 2);
    for (long k = 0; k < n; ++k)
        fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four_q2.x);
    return regularizer_psd_integer(M.m);
}

bool regularizer_dual_feasible(const support::FmpqMat& lambda, long K) {
    const long R = lambda.rows(), D = lambda.cols();
    if (R < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_dual_feasible: need R >= 1 and 1 <= K <= D");
    // λ = n / L with L the least common denominator.
    support::Fmpz L, one;
    fmpz_one(L.x);
    fmpz_one(one.x);
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            fmpz_lcm(L.x, L.x, fmpq_denref(lambda.at(r, i)));
    support::FmpzVec n(R * D);
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i) {
            fmpz_divexact(n.v + r * D + i, L.x, fmpq_denref(lambda.at(r, i)));
            fmpz_mul(n.v + r * D + i, n.v + r * D + i, fmpq_numref(lambda.at(r, i)));
        }
    support::FmpzMat N(R * K, R * K);
    regularizer_gram_integer_stacked(N.m, n.v, R, D, K);
    return regularizer_gram_bounded(N.m, one.x, L.x);
}

} // namespace convcert::regularizer
