// The 2-layer linear CNN of MATH.md §§2, 8 as a trainable parameter vector, and its predictor
// and gradient through FFTW (real-to-complex transforms of length D, FFTW_ESTIMATE plans, so
// results are deterministic): f(x) = sum_c <v_c, sum_r x_r ⋆ u_c[r]> = <W, x>,
// W[r] = sum_c u_c[r] * v_c (circular convolution, kernels zero-padded to D).
#pragma once

#include <complex>
#include <memory>
#include <vector>

namespace convcert::train {

/// Parameters θ: u[(c·R + r)·K + k] and v[c·D + j].
struct CnnParams {
    long R = 1, D = 1, K = 1, C = 1;
    std::vector<double> u; ///< C·R·K
    std::vector<double> v; ///< C·D
    double norm2() const;  ///< ||θ||² = sum u² + sum v²
};

/// FFT workspace for one shape (R, D, K, C). Not thread-safe; plans are created under
/// FFTW_ESTIMATE. Precondition: 1 <= K <= D, R, C >= 1.
class CnnFft {
  public:
    CnnFft(long R, long D, long K, long C);
    ~CnnFft();
    CnnFft(const CnnFft&) = delete;
    CnnFft& operator=(const CnnFft&) = delete;

    /// W (R·D, row r = channel) of θ.
    void predictor(const CnnParams& p, std::vector<double>& W);

    /// Given G = dLoss/dW (R·D), the gradient of the loss with respect to θ (same layout as
    /// θ): du_c[r][k] = sum_j v_c[j] G_r[(j + k) mod D], dv_c[j] = sum_r sum_k u_c[r][k] G_r[(j +
    /// k) mod D].
    void backward(const CnnParams& p, const std::vector<double>& G, std::vector<double>& du,
                  std::vector<double>& dv);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace convcert::train
