// Double-precision DFT of real signals (MATH.md §1 sign convention) for the regularizer
// generator: O(D²) with twiddles indexed exactly by (j·d) mod D. Untrusted numerics.
#pragma once

#include <complex>
#include <vector>

namespace convcert::regularizer {

/// ŵ[d] = sum_j w[j] exp(-2πi jd/D), d = 0..D-1.
std::vector<std::complex<double>> regularizer_dft(const std::vector<double>& w);

/// Real part of the inverse DFT, x[j] = (1/D) sum_d x̂[d] exp(2πi jd/D); exact up to rounding
/// when x̂ is Hermitian (x̂[D-d] = conj x̂[d]).
std::vector<double> regularizer_idft_real(const std::vector<std::complex<double>>& xhat);

} // namespace convcert::regularizer
