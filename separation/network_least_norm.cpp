// The least-norm second layer (network_least_norm.h): the D×CD matrix of the convolution map,
// its Gram matrix solved exactly with FLINT.
#include "separation/network_least_norm.h"

#include <flint/fmpq_mat.h>

#include <stdexcept>

namespace convcert::separation {

namespace {

/// A[j][c·D + i] = sum of u_c[k] over the k with grid_unshift(g, j, k) = i.
support::FmpqMat convolution_matrix(const Grid& g, const support::FmpqMat& u) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    const long C = fmpq_mat_nrows(u.m);
    support::FmpqMat A(D, C * D);
    for (long c = 0; c < C; ++c)
        for (long j = 0; j < D; ++j)
            for (long k = 0; k < K; ++k) {
                fmpq* a = fmpq_mat_entry(A.m, j, c * D + grid_unshift(g, j, k));
                fmpq_add(a, a, fmpq_mat_entry(u.m, c, k));
            }
    return A;
}

} // namespace

support::FmpqMat network_least_norm_second_layer(const Grid& g, const support::FmpqMat& u,
                                                 const std::vector<support::Fmpq>& w) {
    const long D = grid_signal_size(g), C = fmpq_mat_nrows(u.m);
    const support::FmpqMat A = convolution_matrix(g, u);
    support::FmpqMat At(C * D, D), G(D, D), rhs(D, 1), y(D, 1), flat(C * D, 1);
    fmpq_mat_transpose(At.m, A.m);
    fmpq_mat_mul(G.m, A.m, At.m);
    for (long j = 0; j < D; ++j)
        fmpq_set(fmpq_mat_entry(rhs.m, j, 0), w[static_cast<std::size_t>(j)].x);
    if (!fmpq_mat_solve(y.m, G.m, rhs.m))
        throw std::invalid_argument("the kernels vanish together at some frequency: no second "
                                    "layer realizes every w");
    fmpq_mat_mul(flat.m, At.m, y.m);
    support::FmpqMat v(C, D);
    for (long c = 0; c < C; ++c)
        for (long i = 0; i < D; ++i)
            fmpq_set(fmpq_mat_entry(v.m, c, i), fmpq_mat_entry(flat.m, c * D + i, 0));
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
