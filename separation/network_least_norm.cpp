// The least-norm second layer (network_least_norm.h): one call to the regularizer's exact
// least-norm solve (regularizer/exact/least_norm.h, R = 1), the rows of its V over its common
// denominator turned into rationals.
#include "separation/network_least_norm.h"

#include "regularizer/exact/least_norm.h"

#include <flint/fmpq_mat.h>

#include <stdexcept>

namespace convcert::separation {

support::FmpqMat network_least_norm_second_layer(const Grid& g, const support::FmpqMat& u,
                                                 const std::vector<support::Fmpq>& w) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g), C = fmpq_mat_nrows(u.m);
    std::vector<support::FmpqMat> kernels;
    for (long c = 0; c < C; ++c) {
        kernels.emplace_back(1, K);
        for (long k = 0; k < K; ++k)
            fmpq_set(fmpq_mat_entry(kernels.back().m, 0, k), fmpq_mat_entry(u.m, c, k));
    }
    support::FmpqMat W(1, D);
    for (long j = 0; j < D; ++j)
        fmpq_set(fmpq_mat_entry(W.m, 0, j), w[static_cast<std::size_t>(j)].x);
    regularizer::RegularizerLeastNorm ln;
    try {
        ln = regularizer::regularizer_least_norm(kernels, W, g);
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("no second layer realizes w: ") + e.what());
    }
    support::FmpqMat v(C, D);
    for (long c = 0; c < C; ++c)
        for (long i = 0; i < D; ++i)
            fmpq_set_fmpz_frac(fmpq_mat_entry(v.m, c, i),
                               ln.numerators[static_cast<std::size_t>(c * D + i)].x,
                               ln.denominator.x);
    return v;
}

support::Fmpq network_cost_exact(const support::FmpqMat& u, const support::FmpqMat& v) {
    support::Fmpq sum, sq;
    for (const fmpq_mat_struct* m : {&u.m[0], &v.m[0]})
        for (long r = 0; r < fmpq_mat_nrows(m); ++r)
            for (long i = 0; i < fmpq_mat_ncols(m); ++i) {
                fmpq_mul(sq.x, fmpq_mat_entry(m, r, i), fmpq_mat_entry(m, r, i));
                fmpq_add(sum.x, sum.x, sq.x);
            }
    return sum;
}

} // namespace convcert::separation
