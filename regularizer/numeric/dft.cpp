// Double-precision DFT of real signals on the grid (see dft.h).
#include "regularizer/numeric/dft.h"

#include <cmath>

namespace convcert::regularizer {

std::vector<std::complex<double>> regularizer_twiddles(const Grid& g, double sign) {
    const long L = grid_phase_modulus(g);
    std::vector<std::complex<double>> tw(static_cast<std::size_t>(L));
    const double pi = std::acos(-1.0);
    for (long n = 0; n < L; ++n) {
        const double angle = 2.0 * pi * static_cast<double>(n) / static_cast<double>(L);
        tw[n] = {std::cos(angle), sign * std::sin(angle)};
    }
    return tw;
}

std::vector<std::complex<double>> regularizer_dft(const std::vector<double>& w, const Grid& g) {
    const long D = grid_signal_size(g);
    const auto tw = regularizer_twiddles(g, -1.0);
    std::vector<std::complex<double>> out(D);
    for (long d = 0; d < D; ++d) {
        std::complex<double> sum = 0.0;
        for (long j = 0; j < D; ++j)
            sum += w[j] * tw[grid_phase(g, j, d)];
        out[d] = sum;
    }
    return out;
}

std::vector<double> regularizer_idft_real(const std::vector<std::complex<double>>& xhat,
                                          const Grid& g) {
    const long D = grid_signal_size(g);
    const auto tw = regularizer_twiddles(g, 1.0);
    std::vector<double> out(D);
    for (long j = 0; j < D; ++j) {
        double sum = 0.0;
        for (long d = 0; d < D; ++d)
            sum += (xhat[d] * tw[grid_phase(g, j, d)]).real();
        out[j] = sum / static_cast<double>(D);
    }
    return out;
}

} // namespace convcert::regularizer
