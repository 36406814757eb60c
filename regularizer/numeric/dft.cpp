// Double-precision DFT of real signals (see dft.h).
#include "regularizer/numeric/dft.h"

#include <cmath>

namespace convcert::regularizer {

namespace {

/// tw[n] = exp(sign · 2πi n/D), n = 0..D-1.
std::vector<std::complex<double>> twiddles(std::size_t D, double sign) {
    std::vector<std::complex<double>> tw(D);
    const double pi = std::acos(-1.0);
    for (std::size_t n = 0; n < D; ++n) {
        const double angle = 2.0 * pi * static_cast<double>(n) / static_cast<double>(D);
        tw[n] = {std::cos(angle), sign * std::sin(angle)};
    }
    return tw;
}

} // namespace

std::vector<std::complex<double>> regularizer_dft(const std::vector<double>& w) {
    const std::size_t D = w.size();
    const auto tw = twiddles(D, -1.0);
    std::vector<std::complex<double>> out(D);
    for (std::size_t d = 0; d < D; ++d) {
        std::complex<double> sum = 0.0;
        for (std::size_t j = 0; j < D; ++j)
            sum += w[j] * tw[(j * d) % D];
        out[d] = sum;
    }
    return out;
}

std::vector<double> regularizer_idft_real(const std::vector<std::complex<double>>& xhat) {
    const std::size_t D = xhat.size();
    const auto tw = twiddles(D, 1.0);
    std::vector<double> out(D);
    for (std::size_t j = 0; j < D; ++j) {
        double sum = 0.0;
        for (std::size_t d = 0; d < D; ++d)
            sum += (xhat[d] * tw[(j * d) % D]).real();
        out[j] = sum / static_cast<double>(D);
    }
    return out;
}

} // namespace convcert::regularizer
