// Exact dual feasibility 4I - T(λ)T(λ)ᵀ ⪰ 0 (see dual_feasible.h).
#include "regularizer/exact/dual_feasible.h"

#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"

#include <stdexcept>

namespace convcert::regularizer {

void regularizer_gram_integer_stacked(fmpz_mat_t N, const fmpz* n, long R, const Grid& g) {
    // rho_{r,r'}(l) = sum_i n_r[i] n_r'[i + l] for each lag l = o(k') - o(k) (a signal index),
    // computed once when first needed (done[l]).
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    support::FmpzVec rho(D);
    std::vector<char> done(static_cast<std::size_t>(D));
    for (long r = 0; r < R; ++r)
        for (long rr = r; rr < R; ++rr) {
            std::fill(done.begin(), done.end(), 0);
            for (long k = 0; k < K; ++k)
                for (long kk = 0; kk < K; ++kk) {
                    if (r == rr && kk < k) continue; // the symmetric entry is set below
                    const long l = grid_sub(g, grid_offset(g, kk), grid_offset(g, k));
                    if (!done[l]) {
                        fmpz_zero(rho.v + l);
                        for (long i = 0; i < D; ++i)
                            fmpz_addmul(rho.v + l, n + r * D + i, n + rr * D + grid_add(g, i, l));
                        done[l] = 1;
                    }
                    fmpz_set(fmpz_mat_entry(N, r * K + k, rr * K + kk), rho.v + l);
                    fmpz_set(fmpz_mat_entry(N, rr * K + kk, r * K + k), rho.v + l);
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

bool regularizer_dual_feasible(const support::FmpqMat& lambda, const Grid& g) {
    const long R = lambda.rows(), D = lambda.cols(), K = grid_kernel_size(g);
    if (R < 1 || g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2 || D != grid_signal_size(g))
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
    regularizer_gram_integer_stacked(N.m, n.v, R, g);
    return regularizer_gram_bounded(N.m, one.x, L.x);
}

} // namespace convcert::regularizer
