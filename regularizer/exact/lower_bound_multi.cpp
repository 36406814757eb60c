// Exact lower bound for R input channels (see lower_bound_multi.h).
#include "regularizer/exact/lower_bound_multi.h"

#include "regularizer/exact/dual_feasible.h"
#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <Eigen/Dense>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

RegularizerLowerBoundMulti
regularizer_lower_bound_multi(const std::vector<std::vector<double>>& lambda,
                              const std::vector<std::vector<std::string>>& W, long K, int bits) {
    const auto start = std::chrono::steady_clock::now();
    const long R = static_cast<long>(W.size());
    const long D = support::rows_shape(W, "regularizer_lower_bound_multi: W");
    if (static_cast<long>(lambda.size()) != R)
        throw std::invalid_argument("regularizer_lower_bound_multi: λ and W differ in R");
    for (const auto& row : lambda)
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument("regularizer_lower_bound_multi: λ and W differ in D");
    if (K < 1 || K > D)
        throw std::invalid_argument("regularizer_lower_bound_multi: need 1 <= K <= D");
    support::FmpqVec wq(R * D);
    support::rows_parse(wq.v, W);
    double lmax = 0;
    for (const auto& row : lambda)
        for (double x : row) {
            if (!std::isfinite(x))
                throw std::invalid_argument("regularizer_lower_bound_multi: non-finite λ");
            lmax = std::max(lmax, std::abs(x));
        }
    RegularizerLowerBoundMulti out;
    out.lambda.assign(R, std::vector<std::string>(D, "0"));
    out.scale = "1";
    out.lower = "0";
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (lmax == 0) {
        out.seconds = elapsed();
        return out;
    }
    const long n = R * K;
    // λ_q = N / 2^E, max |N| in [2^(bits-1), 2^bits).
    const int E = bits - std::ilogb(lmax) - 1;
    support::FmpzVec num(R * D);
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            fmpz_set_d(num.v + r * D + i, std::nearbyint(std::ldexp(lambda[r][i], E)));
    support::FmpzMat N(n, n);
    regularizer_gram_integer_stacked(N.m, num.v, R, D, K);
    Eigen::MatrixXd G(n, n);
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            G(i, j) = std::ldexp(fmpz_get_d(fmpz_mat_entry(N.m, i, j)), -2 * E);
    const double mu = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G, Eigen::EigenvaluesOnly)
                          .eigenvalues()
                          .maxCoeff();
    if (!(mu > 0))
        throw std::runtime_error("regularizer_lower_bound_multi: no positive eigenvalue");

    support::Fmpz a, t, four;
    for (int margin = 40; margin >= 8; margin -= 8) {
        ++out.attempts;
        // s = a / 2^b with about 50 bits, below 2/sqrt(μ)·(1 - 2^-margin).
        const double target = 2.0 / std::sqrt(mu) * (1.0 - std::ldexp(1.0, -margin));
        const int b = 50 - std::ilogb(target);
        if (E + b < 0) throw std::invalid_argument("regularizer_lower_bound_multi: λ out of range");
        fmpz_set_d(a.x, std::floor(std::ldexp(target, b)));
        // 4I - s² G ⪰ 0  ⇔  4·2^(2E+2b) I - a² N ⪰ 0.
        support::FmpzMat M(n, n);
        fmpz_mul(t.x, a.x, a.x);
        fmpz_mat_scalar_mul_fmpz(M.m, N.m, t.x);
        fmpz_mat_neg(M.m, M.m);
        fmpz_one(four.x);
        fmpz_mul_2exp(four.x, four.x, static_cast<ulong>(2 * E + 2 * b + 2));
        for (long k = 0; k < n; ++k)
            fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four.x);
        if (!regularizer_psd_integer(M.m)) continue;

        support::Fmpq s, dot;
        support::FmpqVec lq(R * D);
        fmpz_one(t.x);
        fmpz_mul_2exp(t.x, t.x, static_cast<ulong>(b));
        fmpq_set_fmpz_frac(s.x, a.x, t.x);
        out.scale = support::fmpq_get_string(s.x);
        fmpz_one(t.x);
        fmpz_mul_2exp(t.x, t.x, static_cast<ulong>(E + b));
        for (long i = 0; i < R * D; ++i) {
            fmpz_mul(four.x, num.v + i, a.x);
            fmpq_set_fmpz_frac(lq.v + i, four.x, t.x);
            fmpq_addmul(dot.x, lq.v + i, wq.v + i);
        }
        out.lambda = support::rows_format(lq.v, R, D);
        out.lower = support::fmpq_get_string(dot.x);
        out.lower_double = fmpq_get_d(dot.x);
        out.seconds = elapsed();
        return out;
    }
    throw std::runtime_error("regularizer_lower_bound_multi: no scale passed the exact PSD test");
}

} // namespace convcert::regularizer
