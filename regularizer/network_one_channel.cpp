// One-channel networks from a kernel direction (see network_one_channel.h).
#include "regularizer/network_one_channel.h"

#include "lemma/factor_error.h"
#include "lemma/spectral_newton.h"
#include "regularizer/exact/least_norm.h"
#include "regularizer/numeric/dft.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq.h>

#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// (1/D) sum_{ŵ[d] != 0} |ŵ[d]|² / |ĉ[d]|²: the least ||v||² for the kernel c. Frequencies
/// with |ŵ[d]| <= 1e-13 max |ŵ| count as ŵ[d] = 0: a double DFT leaves rounding noise where
/// the exact ŵ[d] vanishes, and an optimal kernel may vanish there too.
double least_norm_v_squared(const std::vector<std::complex<double>>& what,
                            const std::vector<double>& c) {
    const std::size_t D = what.size(), K = c.size();
    double wmax = 0;
    for (const auto& z : what)
        wmax = std::max(wmax, std::abs(z));
    const double floor2 = (1e-13 * wmax) * (1e-13 * wmax);
    std::vector<std::complex<double>> tw(D);
    for (std::size_t n = 0; n < D; ++n) {
        const double a = -2.0 * kPi * static_cast<double>(n) / static_cast<double>(D);
        tw[n] = {std::cos(a), std::sin(a)};
    }
    double sum = 0;
    for (std::size_t d = 0; d < D; ++d) {
        const double w2 = std::norm(what[d]);
        if (w2 <= floor2) continue;
        std::complex<double> chat = 0.0;
        for (std::size_t k = 0; k < K; ++k)
            chat += c[k] * tw[(k * d) % D];
        const double c2 = std::norm(chat);
        if (c2 == 0) return std::numeric_limits<double>::infinity();
        sum += w2 / c2;
    }
    return sum / static_cast<double>(D);
}

double norm_squared(const std::vector<double>& c) {
    double s = 0;
    for (double x : c)
        s += x * x;
    return s;
}

/// Parses canonical or plain rationals.
void fmpq_set_string(fmpq_t q, const std::string& s) {
    if (fmpq_set_str(q, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q)))
        throw std::invalid_argument("not a rational: '" + s + "'");
    fmpq_canonicalise(q);
}

/// q = t² a + b / t².
void balanced_cost(fmpq_t q, const fmpq_t t, const fmpq_t a, const fmpq_t b) {
    support::Fmpq t2, x;
    fmpq_mul(t2.x, t, t);
    fmpq_mul(q, t2.x, a);
    fmpq_div(x.x, b, t2.x);
    fmpq_add(q, q, x.x);
}

} // namespace

OneChannelNetworkExact regularizer_network_from_kernel_exact(const std::vector<std::string>& w,
                                                             const std::vector<std::string>& u) {
    const auto sol = regularizer_least_norm(u, w);
    const slong K = static_cast<slong>(u.size()), D = static_cast<slong>(w.size());

    // A = ||u||², B = ||v||² = sum N_i² / den², exact; u and N are parsed once.
    OneChannelNetworkExact out;
    out.u = support::FmpqMat(1, K);
    out.v = support::FmpqMat(1, D);
    support::Fmpq A, B;
    for (slong k = 0; k < K; ++k) {
        fmpq_set_string(out.u.at(0, k), u[k]);
        fmpq_addmul(A.x, out.u.at(0, k), out.u.at(0, k));
    }
    support::Fmpz sum, den2;
    for (slong i = 0; i < D; ++i) {
        fmpz* n = fmpq_numref(out.v.at(0, i)); // an integer: canonical with denominator 1
        fmpz_set_str(n, sol.numerators[i].c_str(), 10);
        fmpz_addmul(sum.x, n, n);
    }
    fmpz_set_str(out.v_den.x, sol.denominator.c_str(), 10);
    fmpz_mul(den2.x, out.v_den.x, out.v_den.x);
    fmpq_set_fmpz_frac(B.x, sum.x, den2.x);

    // t ≈ (B/A)^(1/4) with 20 significant bits, if it beats t = 1.
    support::Fmpq& t = out.balance;
    fmpq_one(t.x);
    fmpq_add(out.cost.x, A.x, B.x);
    if (!fmpq_is_zero(B.x)) {
        const double ratio = std::log2(fmpq_get_d(B.x)) - std::log2(fmpq_get_d(A.x));
        const double t_log2 = ratio / 4;
        const long e = static_cast<long>(std::floor(t_log2)) - 19;
        support::Fmpz z;
        fmpz_set_d(z.x, std::nearbyint(std::exp2(t_log2 - static_cast<double>(e))));
        support::Fmpq tc, cost_t;
        support::fmpq_set_fmpz_mul_2exp(tc.x, z.x, e);
        balanced_cost(cost_t.x, tc.x, A.x, B.x);
        if (fmpq_cmp(cost_t.x, out.cost.x) < 0) {
            fmpq_set(t.x, tc.x);
            fmpq_set(out.cost.x, cost_t.x);
        }
    }
    // u·t; v_i = N_i / (den t) = (N_i b) / (den a) for t = a/b, over that one denominator (not
    // reduced: D gcds of numbers this long would dominate both generator and checker).
    for (slong k = 0; k < K; ++k)
        fmpq_mul(out.u.at(0, k), out.u.at(0, k), t.x);
    for (slong i = 0; i < D; ++i)
        fmpz_mul(fmpq_numref(out.v.at(0, i)), fmpq_numref(out.v.at(0, i)), fmpq_denref(t.x));
    fmpz_mul(out.v_den.x, out.v_den.x, fmpq_numref(t.x));
    out.denominator_bits = sol.denominator_bits;
    return out;
}

std::vector<std::vector<std::string>> regularizer_rows_over_denominator(const support::FmpqMat& num,
                                                                        const support::Fmpz& den) {
    std::string suffix;
    if (!fmpz_is_one(den.x)) {
        char* den_str = fmpz_get_str(nullptr, 10, den.x);
        suffix = std::string("/") + den_str;
        flint_free(den_str);
    }
    std::vector<std::vector<std::string>> out(num.rows());
    for (slong c = 0; c < num.rows(); ++c)
        for (slong i = 0; i < num.cols(); ++i) {
            const fmpz* n = fmpq_numref(num.at(c, i));
            char* str = fmpz_get_str(nullptr, 10, n);
            out[c].push_back(std::string(str) + (fmpz_is_zero(n) ? "" : suffix));
            flint_free(str);
        }
    return out;
}

OneChannelNetwork regularizer_network_from_kernel(const std::vector<std::string>& w,
                                                  const std::vector<std::string>& u) {
    const support::Stopwatch watch;
    const auto exact = regularizer_network_from_kernel_exact(w, u);
    OneChannelNetwork out;
    out.u = support::fmpq_mat_to_rows(exact.u)[0];
    out.v = regularizer_rows_over_denominator(exact.v, exact.v_den)[0];
    out.cost = support::fmpq_get_string(exact.cost.x);
    out.cost_double = fmpq_get_d(exact.cost.x);
    out.balance = support::fmpq_get_string(exact.balance.x);
    out.denominator_bits = exact.denominator_bits;
    out.seconds = watch.seconds();
    return out;
}

double regularizer_cost_estimate(const std::vector<double>& w, const std::vector<double>& c) {
    const double vv = least_norm_v_squared(regularizer_dft(w), c);
    return 2.0 * std::sqrt(norm_squared(c) * vv);
}

std::vector<double> regularizer_kernel_balance(const std::vector<double>& w,
                                               const std::vector<double>& c) {
    const std::size_t D = w.size(), K = c.size();
    if (K < 1 || K > D) throw std::invalid_argument("regularizer_kernel_balance: need 1 <= K <= D");
    for (double x : c)
        if (!std::isfinite(x))
            throw std::invalid_argument("regularizer_kernel_balance: non-finite kernel");
    const double cc = norm_squared(c), vv = least_norm_v_squared(regularizer_dft(w), c);
    if (!(cc > 0) || !std::isfinite(vv) || !(vv > 0))
        throw std::invalid_argument(
            "regularizer_kernel_balance: kernel is zero or misses a frequency of w");
    const double scale = std::pow(vv / cc, 0.25); // ||s c||² = ||v||²/s²: balanced
    std::vector<double> out(c);
    for (double& x : out)
        x *= scale;
    return out;
}

int regularizer_kernel_bits(const std::vector<double>& w, const std::vector<double>& c,
                            double rel_tol) {
    const auto what = regularizer_dft(w);
    const double estimate = 2.0 * std::sqrt(norm_squared(c) * least_norm_v_squared(what, c));
    double cmax = 0;
    for (double x : c)
        cmax = std::max(cmax, std::abs(x));
    int e = 0;
    std::frexp(cmax, &e); // cmax in [2^(e-1), 2^e)
    std::vector<double> rounded(c.size());
    int bits = 16;
    for (;; bits += 8) {
        const int shift = bits - e;
        for (std::size_t k = 0; k < c.size(); ++k)
            rounded[k] = std::ldexp(std::nearbyint(std::ldexp(c[k], shift)), -shift);
        const double est =
            2.0 * std::sqrt(norm_squared(rounded) * least_norm_v_squared(what, rounded));
        if (bits >= 64 || (std::isfinite(est) && est <= estimate * (1 + rel_tol))) return bits;
    }
}

std::vector<double> regularizer_spectral_factor_double(const std::vector<double>& r) {
    if (r.empty() || !(r[0] > 0))
        throw std::invalid_argument("regularizer_spectral_factor_double: need r[0] > 0");
    for (double x : r)
        if (!std::isfinite(x))
            throw std::invalid_argument("regularizer_spectral_factor_double: non-finite r");
    std::vector<double> t(r.size());
    for (double eps = 0; eps <= 1.0001e-4; eps = (eps == 0 ? 1e-14 : eps * 10)) {
        for (std::size_t j = 0; j < r.size(); ++j)
            t[j] = r[j] / r[0];
        t[0] += eps;
        try {
            long iterations = 0;
            auto c = lemma::lemma_newton_double(t, &iterations);
            const double s = std::sqrt(r[0]);
            bool finite = true;
            for (double& x : c) {
                x *= s;
                finite = finite && std::isfinite(x);
            }
            if (finite) return c;
        } catch (const lemma::FactorError&) {
            // not positive on the circle at this ε: raise r[0] a little more
        }
    }
    throw std::runtime_error("regularizer_spectral_factor_double: no spectral factor found");
}

} // namespace convcert::regularizer
