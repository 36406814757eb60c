// Exact max-margin lower bound (see lower_bound.h).
#include "maxmargin/lower_bound.h"

#include "regularizer/exact/dual_feasible.h"
#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <Eigen/Dense>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

using support::FmpzMat;

MaxmarginLowerBound maxmargin_lower_bound(const std::vector<double>& alpha, const data::Dataset& d,
                                          long K, int bits) {
    const auto start = std::chrono::steady_clock::now();
    data::data_dataset_validate(d);
    if (K < 1 || K > d.D) throw std::invalid_argument("maxmargin_lower_bound: need 1 <= K <= D");
    const long n = d.n(), R = d.R, D = d.D, RK = R * K;
    if (static_cast<long>(alpha.size()) != n)
        throw std::invalid_argument("maxmargin_lower_bound: alpha has the wrong length");
    double amax = 0;
    for (double a : alpha) {
        if (!std::isfinite(a)) throw std::invalid_argument("maxmargin_lower_bound: non-finite α");
        amax = std::max(amax, a);
    }
    MaxmarginLowerBound out;
    out.alpha.assign(static_cast<std::size_t>(n), "0");
    out.lower = "0";
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (amax == 0) {
        out.seconds = elapsed();
        return out;
    }
    // α_q = A_i / 2^E; Λ = sum_i A_i y_i x_i (integers), λ = Λ / 2^E.
    const int E = bits - std::ilogb(amax) - 1;
    support::FmpzVec A(n), L(R * D);
    support::Fmpz t, sumA;
    for (long i = 0; i < n; ++i) {
        const double a = std::max(0.0, alpha[static_cast<std::size_t>(i)]);
        fmpz_set_d(A.v + i, std::nearbyint(std::ldexp(a, E)));
        fmpz_add(sumA.x, sumA.x, A.v + i);
        for (long k = 0; k < R * D; ++k) {
            fmpz_set_si(t.x, d.x[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] *
                                 d.y[static_cast<std::size_t>(i)]);
            fmpz_addmul(L.v + k, A.v + i, t.x);
        }
    }
    support::FmpzMat N(RK, RK);
    regularizer::regularizer_gram_integer_stacked(N.m, L.v, R, D, K);
    // Largest eigenvalue of T Tᵀ in doubles (N / 2^(2E)), normalized to avoid overflow.
    Eigen::MatrixXd G(RK, RK);
    double gmax = 0;
    for (long i = 0; i < RK; ++i)
        for (long j = 0; j < RK; ++j)
            gmax = std::max(gmax, std::abs(fmpz_get_d(fmpz_mat_entry(N.m, i, j))));
    if (!(gmax > 0)) throw std::runtime_error("maxmargin_lower_bound: λ = 0");
    for (long i = 0; i < RK; ++i)
        for (long j = 0; j < RK; ++j)
            G(i, j) = fmpz_get_d(fmpz_mat_entry(N.m, i, j)) / gmax;
    const double mu_rel = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G, Eigen::EigenvaluesOnly)
                              .eigenvalues()
                              .maxCoeff();
    // μ = μ_rel · gmax / 2^(2E); s < 2/sqrt(μ).
    const double log2_mu = std::log2(mu_rel) + std::log2(gmax) - 2.0 * E;
    support::Fmpz a, four;
    for (int margin = 40; margin >= 8; margin -= 8) {
        ++out.attempts;
        // target = 2/sqrt(μ)(1 - 2^-margin) as 2^log2_target.
        const double log2_target = 1.0 - 0.5 * log2_mu + std::log2(1.0 - std::ldexp(1.0, -margin));
        const int b = 50 - static_cast<int>(std::floor(log2_target));
        if (E + b < 0) throw std::runtime_error("maxmargin_lower_bound: α out of range");
        fmpz_set_d(a.x, std::floor(std::exp2(log2_target + b)));
        // 4I - s² Λ Λᵀ / 2^(2E) ⪰ 0 with s = a / 2^b  ⇔  4·2^(2E+2b) I - a² N ⪰ 0.
        support::FmpzMat M(RK, RK);
        fmpz_mul(t.x, a.x, a.x);
        fmpz_mat_scalar_mul_fmpz(M.m, N.m, t.x);
        fmpz_mat_neg(M.m, M.m);
        fmpz_one(four.x);
        fmpz_mul_2exp(four.x, four.x, static_cast<ulong>(2 * E + 2 * b + 2));
        for (long k = 0; k < RK; ++k)
            fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four.x);
        if (!regularizer::regularizer_psd_integer(M.m)) continue;
        // α_i = A_i · a / 2^(E+b).
        support::Fmpq q, sum;
        support::Fmpz den;
        fmpz_one(den.x);
        fmpz_mul_2exp(den.x, den.x, static_cast<ulong>(E + b));
        for (long i = 0; i < n; ++i) {
            fmpz_mul(t.x, A.v + i, a.x);
            fmpq_set_fmpz_frac(q.x, t.x, den.x);
            out.alpha[static_cast<std::size_t>(i)] = support::fmpq_get_string(q.x);
        }
        fmpz_mul(t.x, sumA.x, a.x);
        fmpq_set_fmpz_frac(sum.x, t.x, den.x);
        out.lower = support::fmpq_get_string(sum.x);
        out.lower_double = fmpq_get_d(sum.x);
        out.seconds = elapsed();
        return out;
    }
    throw std::runtime_error("maxmargin_lower_bound: no scale passed the exact PSD test");
}

} // namespace convcert::maxmargin
