// The exact least-norm second layer as one dense integer system (see least_norm_dense.h).
//
// With u_c = n_c / Lu and W = M / L (integers), v_c = (Lu/L) z_c where sum_c n_c[r] * z_c = M_r.
// Square (C0 = R): solve A z = M, A[(r, j), (c, i)] the coefficient of z_c[i] in (n_c[r] * z_c)[j].
// Otherwise z_c = sum_r n_c[r] ⋆ y_r (the adjoint) and B y = M with B = A Aᵀ, whose block
// (r, r') is convolution by a_rr' = sum_c n_c[r] * n_c[r'] ⋆ (support: kernel offset lags).
#include "regularizer/exact/least_norm_dense.h"

#include "regularizer/exact/grid_convolve.h"
#include "support/flint_raii.h"

#include <flint/fmpz_mat.h>

#include <stdexcept>
#include <string>

namespace convcert::regularizer {

namespace {

/// Largest R·D of the dense system (its matrix has (R·D)² integers of thousands of bits).
constexpr long kDenseMaxSize = 4096;

/// Integer kernels n (C0·R rows of K, index c·R + r) and signals M (R rows of D) with their
/// denominators Lu and L.
struct DenseSystem {
    long C0 = 0, R = 0, K = 0, D = 0;
    std::vector<std::vector<support::Fmpz>> n, M;
    support::Fmpz Lu, L;
};

/// Common denominator of every entry of the matrices, and the integer rows times it.
void integer_rows(std::vector<std::vector<support::Fmpz>>& out, fmpz_t den,
                  const std::vector<const support::FmpqMat*>& mats) {
    fmpz_one(den);
    for (const auto* x : mats)
        for (slong i = 0; i < x->rows(); ++i)
            for (slong j = 0; j < x->cols(); ++j)
                fmpz_lcm(den, den, fmpq_denref(x->at(i, j)));
    for (const auto* x : mats)
        for (slong i = 0; i < x->rows(); ++i) {
            out.emplace_back(static_cast<std::size_t>(x->cols()));
            for (slong j = 0; j < x->cols(); ++j) {
                fmpz_divexact(out.back()[j].x, den, fmpq_denref(x->at(i, j)));
                fmpz_mul(out.back()[j].x, out.back()[j].x, fmpq_numref(x->at(i, j)));
            }
        }
}

DenseSystem dense_system(const std::vector<support::FmpqMat>& u, const support::FmpqMat& W,
                         const Grid& g) {
    DenseSystem s;
    s.C0 = static_cast<long>(u.size());
    s.R = W.rows();
    s.K = grid_kernel_size(g);
    s.D = grid_signal_size(g);
    if (s.C0 < 1 || s.R < 1 || W.cols() != s.D)
        throw std::invalid_argument("regularizer_least_norm: need C0 >= 1 kernels and W on the "
                                    "grid");
    std::vector<const support::FmpqMat*> ks;
    for (const auto& k : u) {
        if (k.rows() != s.R || k.cols() != s.K)
            throw std::invalid_argument("regularizer_least_norm: kernels need R rows of K1*K2");
        ks.push_back(&k);
    }
    integer_rows(s.n, s.Lu.x, ks);
    integer_rows(s.M, s.L.x, {&W});
    bool zero = true;
    for (const auto& row : s.n)
        for (const auto& x : row)
            zero = zero && fmpz_is_zero(x.x);
    if (zero) throw std::invalid_argument("regularizer_least_norm: every kernel is zero");
    return s;
}

/// The square system's matrix A (C0 = R).
void dense_matrix_square(fmpz_mat_t A, const DenseSystem& s, const Grid& g) {
    for (long c = 0; c < s.C0; ++c)
        for (long r = 0; r < s.R; ++r)
            for (long k = 0; k < s.K; ++k)
                for (long i = 0; i < s.D; ++i)
                    fmpz_add(fmpz_mat_entry(A, r * s.D + grid_shift(g, i, k), c * s.D + i),
                             fmpz_mat_entry(A, r * s.D + grid_shift(g, i, k), c * s.D + i),
                             s.n[c * s.R + r][k].x);
}

/// The normal equations' matrix B = A Aᵀ from the lag sums a_rr'.
void dense_matrix_normal(fmpz_mat_t B, const DenseSystem& s, const Grid& g) {
    support::FmpzVec a(s.D);
    for (long r = 0; r < s.R; ++r)
        for (long rr = 0; rr < s.R; ++rr) {
            _fmpz_vec_zero(a.v, s.D);
            for (long c = 0; c < s.C0; ++c)
                for (long k = 0; k < s.K; ++k)
                    for (long kk = 0; kk < s.K; ++kk)
                        fmpz_addmul(a.v + grid_sub(g, grid_offset(g, k), grid_offset(g, kk)),
                                    s.n[c * s.R + r][k].x, s.n[c * s.R + rr][kk].x);
            for (long j = 0; j < s.D; ++j)
                for (long i = 0; i < s.D; ++i)
                    fmpz_set(fmpz_mat_entry(B, r * s.D + j, rr * s.D + i), a.v + grid_sub(g, j, i));
        }
}

/// Whether sum_c n_c[r] * z_c · L == M_r · Lu · den for every r, z_c = num[c·D ..].
bool dense_realized(const DenseSystem& s, const Grid& g, const std::vector<support::Fmpz>& num,
                    const fmpz_t den) {
    support::FmpzVec acc(s.D), z(s.D);
    support::Fmpz lhs, rhs, scale;
    fmpz_mul(scale.x, s.Lu.x, den);
    for (long r = 0; r < s.R; ++r) {
        _fmpz_vec_zero(acc.v, s.D);
        for (long c = 0; c < s.C0; ++c) {
            for (long j = 0; j < s.D; ++j)
                fmpz_set(z.v + j, num[c * s.D + j].x);
            support::FmpzVec nk(s.K);
            for (long k = 0; k < s.K; ++k)
                fmpz_set(nk.v + k, s.n[c * s.R + r][k].x);
            regularizer_grid_convolve_add(acc.v, g, nk.v, z.v);
        }
        for (long j = 0; j < s.D; ++j) {
            fmpz_mul(lhs.x, acc.v + j, s.L.x);
            fmpz_mul(rhs.x, s.M[r][j].x, scale.x);
            if (!fmpz_equal(lhs.x, rhs.x)) return false;
        }
    }
    return true;
}

} // namespace

RegularizerLeastNorm regularizer_least_norm_dense(const std::vector<support::FmpqMat>& u,
                                                  const support::FmpqMat& W, const Grid& g) {
    const long n = W.rows() * grid_signal_size(g);
    if (n > kDenseMaxSize)
        throw std::runtime_error("regularizer_least_norm: the 2-D system of size R*D = " +
                                 std::to_string(n) + " exceeds " + std::to_string(kDenseMaxSize));
    const DenseSystem s = dense_system(u, W, g);
    const bool square = s.C0 == s.R;
    support::FmpzMat A(n, n), B(n, 1), Y(n, 1);
    if (square)
        dense_matrix_square(A.m, s, g);
    else
        dense_matrix_normal(A.m, s, g);
    for (long r = 0; r < s.R; ++r)
        for (long j = 0; j < s.D; ++j)
            fmpz_set(fmpz_mat_entry(B.m, r * s.D + j, 0), s.M[r][j].x);
    support::Fmpz den;
    if (!fmpz_mat_solve_dixon_den(Y.m, den.x, A.m, B.m) || fmpz_is_zero(den.x))
        throw std::runtime_error("regularizer_least_norm: U U* is singular on the grid (Σ_d "
                                 "singular at some frequency d)");
    // z_c = y (square) or sum_r n_c[r] ⋆ y_r; numerators Lu·z, denominator L·den.
    RegularizerLeastNorm out;
    out.numerators.resize(static_cast<std::size_t>(s.C0 * s.D));
    support::FmpzVec z(s.D), y(s.D), nk(s.K);
    for (long c = 0; c < s.C0; ++c) {
        _fmpz_vec_zero(z.v, s.D);
        if (square) {
            for (long j = 0; j < s.D; ++j)
                fmpz_set(z.v + j, fmpz_mat_entry(Y.m, c * s.D + j, 0));
        } else {
            for (long r = 0; r < s.R; ++r) {
                for (long j = 0; j < s.D; ++j)
                    fmpz_set(y.v + j, fmpz_mat_entry(Y.m, r * s.D + j, 0));
                for (long k = 0; k < s.K; ++k)
                    fmpz_set(nk.v + k, s.n[c * s.R + r][k].x);
                regularizer_grid_correlate_add(z.v, g, nk.v, y.v);
            }
        }
        for (long j = 0; j < s.D; ++j)
            fmpz_mul(out.numerators[c * s.D + j].x, z.v + j, s.Lu.x);
    }
    fmpz_mul(out.denominator.x, s.L.x, den.x);
    regularizer_least_norm_normalize(out);
    if (!dense_realized(s, g, out.numerators, out.denominator.x))
        throw std::runtime_error("regularizer_least_norm: internal error, U V != W (grid)");
    out.denominator_bits = static_cast<long>(fmpz_bits(out.denominator.x));
    return out;
}

} // namespace convcert::regularizer
