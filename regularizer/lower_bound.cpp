// Exact lower bound from a numerical dual vector (see lower_bound.h).
#include "regularizer/lower_bound.h"

#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "regularizer/dual_feasible.h"
#include "regularizer/psd_exact.h"

#include <Eigen/Dense>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// x = the exact value of the finite double d.
void fmpq_set_double_exact(fmpq_t x, double d) {
    if (!std::isfinite(d)) throw std::invalid_argument("non-finite value");
    int e = 0;
    const double m = std::frexp(d, &e); // d = m 2^e, |m| in [0.5, 1)
    fmpz_set_d(fmpq_numref(x), std::ldexp(m, 53));
    fmpz_one(fmpq_denref(x));
    fmpq_canonicalise(x);
    if (e - 53 >= 0)
        fmpq_mul_2exp(x, x, static_cast<ulong>(e - 53));
    else
        fmpq_div_2exp(x, x, static_cast<ulong>(53 - e));
}

} // namespace

std::string regularizer_double_to_rational(double x) {
    lemma::Fmpq q;
    fmpq_set_double_exact(q.x, x);
    return lemma::fmpq_get_string(q.x);
}

double regularizer_rational_to_double(const std::string& x) {
    lemma::Fmpq q;
    if (fmpq_set_str(q.x, x.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.x)))
        throw std::invalid_argument("not a rational: '" + x + "'");
    fmpq_canonicalise(q.x);
    return fmpq_get_d(q.x);
}

RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<std::string>& w, long K) {
    const auto start = std::chrono::steady_clock::now();
    const long D = static_cast<long>(lambda.size());
    if (K < 1 || K > D || static_cast<long>(w.size()) != D)
        throw std::invalid_argument("regularizer_lower_bound: need 1 <= K <= D and |w| = |λ| = D");
    lemma::FmpqVec wq(D);
    for (long i = 0; i < D; ++i) {
        if (fmpq_set_str(wq.v + i, w[i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(wq.v + i)))
            throw std::invalid_argument("not a rational: '" + w[i] + "'");
        fmpq_canonicalise(wq.v + i);
    }
    double lmax = 0;
    for (double x : lambda) {
        if (!std::isfinite(x)) throw std::invalid_argument("regularizer_lower_bound: non-finite λ");
        lmax = std::max(lmax, std::abs(x));
    }

    RegularizerLowerBound out;
    out.lambda.assign(D, "0");
    out.scale = "1";
    out.lower = "0";
    if (lmax == 0) {
        out.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
    }
    // λ_q = n / 2^E with integers n, max |n| in [2^(bits-1), 2^bits).
    const int E = kLambdaBits - std::ilogb(lmax) - 1;
    lemma::FmpzVec n(D);
    for (long i = 0; i < D; ++i)
        fmpz_set_d(n.v + i, std::nearbyint(std::ldexp(lambda[i], E)));

    FmpzMat N(K, K);
    regularizer_gram_integer(N.m, n.v, D, K);
    // μ_max of G = N / 2^(2E) in double.
    Eigen::MatrixXd G(K, K);
    for (long i = 0; i < K; ++i)
        for (long j = 0; j < K; ++j)
            G(i, j) = std::ldexp(fmpz_get_d(fmpz_mat_entry(N.m, i, j)), -2 * E);
    const double mu = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(G, Eigen::EigenvaluesOnly)
                          .eigenvalues()
                          .maxCoeff();
    if (!(mu > 0)) throw std::runtime_error("regularizer_lower_bound: no positive eigenvalue");

    // s = a / 2^b, a with about 50 bits, below 2/sqrt(μ)·(1 - 2^-margin).
    lemma::Fmpz a, four, t;
    for (int margin = 40; margin >= 8; margin -= 8) {
        ++out.attempts;
        const double target = 2.0 / std::sqrt(mu) * (1.0 - std::ldexp(1.0, -margin));
        const int b = 50 - std::ilogb(target);
        if (E + b < 0) throw std::invalid_argument("regularizer_lower_bound: λ out of range");
        fmpz_set_d(a.x, std::floor(std::ldexp(target, b)));
        // 4I - s² G ⪰ 0  ⇔  4·2^(2E+2b) I - a² N ⪰ 0.
        FmpzMat M(K, K);
        fmpz_mul(t.x, a.x, a.x);
        fmpz_mat_scalar_mul_fmpz(M.m, N.m, t.x);
        fmpz_mat_neg(M.m, M.m);
        fmpz_one(four.x);
        fmpz_mul_2exp(four.x, four.x, static_cast<ulong>(2 * E + 2 * b + 2));
        for (long k = 0; k < K; ++k)
            fmpz_add(fmpz_mat_entry(M.m, k, k), fmpz_mat_entry(M.m, k, k), four.x);
        if (!regularizer_psd_integer(M.m)) continue;

        lemma::Fmpq s, li, dot, term;
        fmpz_one(t.x);
        fmpz_mul_2exp(t.x, t.x, static_cast<ulong>(b));
        fmpq_set_fmpz_frac(s.x, a.x, t.x);
        out.scale = lemma::fmpq_get_string(s.x);
        fmpz_one(t.x);
        fmpz_mul_2exp(t.x, t.x, static_cast<ulong>(E + b));
        for (long i = 0; i < D; ++i) {
            fmpz_mul(four.x, n.v + i, a.x);
            fmpq_set_fmpz_frac(li.x, four.x, t.x);
            out.lambda[i] = lemma::fmpq_get_string(li.x);
            fmpq_mul(term.x, li.x, wq.v + i);
            fmpq_add(dot.x, dot.x, term.x);
        }
        out.lower = lemma::fmpq_get_string(dot.x);
        out.lower_double = fmpq_get_d(dot.x);
        out.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
    }
    throw std::runtime_error("regularizer_lower_bound: no scale passed the exact PSD test");
}

RegularizerLowerBound regularizer_lower_bound(const std::vector<double>& lambda,
                                              const std::vector<double>& w, long K) {
    std::vector<std::string> ws;
    ws.reserve(w.size());
    for (double x : w)
        ws.push_back(regularizer_double_to_rational(x));
    return regularizer_lower_bound(lambda, ws, K);
}

} // namespace convcert::regularizer
