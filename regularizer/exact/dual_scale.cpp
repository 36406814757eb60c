// Scaling a dual point into exact feasibility (see dual_scale.h).
#include "regularizer/exact/dual_scale.h"

#include "regularizer/exact/dual_feasible.h"
#include "support/flint_raii.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// The largest eigenvalue of N as μ_rel · 2^e2 (e2 even, μ_rel of order 1): N is scaled by the
/// power of two 2^-e2 before the double eigensolver, so no entry overflows and sqrt(μ) is
/// sqrt(μ_rel) · 2^(e2/2) without rounding. Precondition: N != 0.
double gram_top_eigenvalue(const fmpz_mat_t N, long& e2) {
    const long n = fmpz_mat_nrows(N);
    long top = 0;
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            top = std::max(top, static_cast<long>(fmpz_bits(fmpz_mat_entry(N, i, j))));
    e2 = 2 * (top / 2);
    Eigen::MatrixXd G(n, n);
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j) {
            const fmpz* x = fmpz_mat_entry(N, i, j);
            long exp = 0;
            const double m = fmpz_bits(x) < 1000 ? fmpz_get_d(x) : fmpz_get_d_2exp(&exp, x);
            G(i, j) = std::ldexp(m, static_cast<int>(exp - e2));
        }
    return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G, Eigen::EigenvaluesOnly)
        .eigenvalues()
        .maxCoeff();
}

} // namespace

RegularizerDualScale regularizer_dual_scale(const fmpz_mat_t Lambda, long E, const Grid& g) {
    const long R = fmpz_mat_nrows(Lambda), D = fmpz_mat_ncols(Lambda);
    const long K = grid_kernel_size(g);
    if (R < 1 || g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2 || D != grid_signal_size(g))
        throw std::invalid_argument("regularizer_dual_scale: need R >= 1 and 1 <= K <= D");
    RegularizerDualScale out;
    fmpz_one(out.a.x);
    if (fmpz_mat_is_zero(Lambda)) return out;
    support::FmpzVec rows(R * D); // row-major copy for the stacked Gram
    for (long r = 0; r < R; ++r)
        _fmpz_vec_set(rows.v + r * D, fmpz_mat_entry(Lambda, r, 0), D);
    support::FmpzMat N(R * K, R * K);
    regularizer_gram_integer_stacked(N.m, rows.v, R, g);
    long e2 = 0;
    const double mu_rel = gram_top_eigenvalue(N.m, e2);
    if (!(mu_rel > 0)) throw std::runtime_error("regularizer_dual_scale: no positive eigenvalue");
    support::Fmpz q;
    // Above kDualScaleTightMax rows the first margin is 2^-24: the checker's floating-point
    // Cholesky (checker/psd_float.h) cannot see a margin of 2^-40 at n = 196 and falls back to
    // its exact test (estimated 847 s, beyond its limit); 2^-24 costs a relative 6e-8 of the
    // lower bound and checks in under a second.
    const int first = R * K > kDualScaleTightMax ? 24 : 40;
    for (int margin = first; margin >= 8; margin -= 8) {
        ++out.attempts;
        // s = 2/sqrt(μ)·(1 - 2^-margin) with sqrt(μ) = sqrt(μ_rel)·2^(e2/2 - E).
        const double mant = 2.0 / std::sqrt(mu_rel) * (1.0 - std::ldexp(1.0, -margin));
        const long b = 50 - (std::ilogb(mant) + E - e2 / 2);
        if (E + b < 0 || std::abs(b) > 100000)
            throw std::runtime_error("regularizer_dual_scale: λ out of range");
        fmpz_set_d(out.a.x, std::floor(std::ldexp(mant, static_cast<int>(E - e2 / 2 + b))));
        out.b = b;
        // 4I - s² T(λ)T(λ)ᵀ ⪰ 0 with sλ = a Λ / 2^(E+b)  ⇔  4·2^(2E+2b) I - a² N ⪰ 0.
        fmpz_one(q.x);
        fmpz_mul_2exp(q.x, q.x, static_cast<ulong>(E + b));
        if (regularizer_gram_bounded(N.m, out.a.x, q.x)) return out;
    }
    throw std::runtime_error("regularizer_dual_scale: no scale passed the exact PSD test");
}

} // namespace convcert::regularizer
