// One-channel kernels in double precision (see kernel_one_channel.h).
#include "regularizer/kernel_one_channel.h"

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

} // namespace

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
