// Double-precision DFT of real signals on the grid Z_D1 × Z_D2 (MATH.md §1 sign convention,
// "Two-dimensional signals") for the regularizer generator: O(D²) with twiddles of order
// L = lcm(D1, D2) indexed exactly by grid_phase (in 1-D, (j·d) mod D). Untrusted numerics.
#pragma once

#include "certify/grid.h"

#include <complex>
#include <vector>

namespace convcert::regularizer {

/// tw[p] = exp(sign · 2πi p/L), p = 0..L-1, L = grid_phase_modulus(g).
std::vector<std::complex<double>> regularizer_twiddles(const Grid& g, double sign);

/// ŵ[d] = sum_j w[j] exp(-2πi p(j, d)/L), d = 0..D-1 (flat indices; p = grid_phase). w has
/// grid_signal_size(g) entries.
std::vector<std::complex<double>> regularizer_dft(const std::vector<double>& w, const Grid& g);

/// Real part of the inverse DFT, x[j] = (1/D) sum_d x̂[d] exp(2πi p(j, d)/L); exact up to
/// rounding when x̂ is Hermitian (x̂[-d] = conj x̂[d], -d = grid_neg).
std::vector<double> regularizer_idft_real(const std::vector<std::complex<double>>& xhat,
                                          const Grid& g);

/// The 1-D DFT: regularizer_dft on the grid 1×D.
inline std::vector<std::complex<double>> regularizer_dft(const std::vector<double>& w) {
    return regularizer_dft(w, grid_1d(static_cast<long>(w.size()), 1));
}

/// The 1-D inverse: regularizer_idft_real on the grid 1×D.
inline std::vector<double> regularizer_idft_real(const std::vector<std::complex<double>>& xhat) {
    return regularizer_idft_real(xhat, grid_1d(static_cast<long>(xhat.size()), 1));
}

} // namespace convcert::regularizer
