// The 2-layer linear CNN of MATH.md §§2, 8 and "Two-dimensional signals" as a trainable
// parameter vector, and its predictor and gradient through FFTW (real-to-complex 2-D transforms
// of shape D1×D2, FFTW_ESTIMATE plans, so results are deterministic; a 1-D signal is the grid
// 1×D): f(x) = sum_c <v_c, sum_r x_r ⋆ u_c[r]> = <W, x>, W[r] = sum_c u_c[r] * v_c (circular
// convolution on Z_D1 × Z_D2, kernels zero-padded to D1×D2 at grid_offset).
#pragma once

#include "certify/grid.h"

#include <complex>
#include <memory>
#include <vector>

namespace convcert::train {

/// Parameters θ: u[(c·R + r)·K + k] and v[c·D + j], K = K1·K2 and D = D1·D2, kernel entries
/// and signal entries flat row-major (certify/grid.h).
struct CnnParams {
    long R = 1, D = 1, K = 1, C = 1;
    std::vector<double> u; ///< C·R·K
    std::vector<double> v; ///< C·D
    double norm2() const;  ///< ||θ||² = sum u² + sum v²
};

/// FFT workspace for one grid (D1×D2 signals, K1×K2 kernels), R input channels and C channels.
/// Not thread-safe; plans are created under FFTW_ESTIMATE. Precondition: 1 <= K1 <= D1,
/// 1 <= K2 <= D2, R, C >= 1 (std::invalid_argument otherwise).
class CnnFft {
  public:
    CnnFft(long R, const Grid& grid, long C);
    /// The 1-D case: the grid 1×D with kernels 1×K.
    CnnFft(long R, long D, long K, long C);
    ~CnnFft();
    CnnFft(const CnnFft&) = delete;
    CnnFft& operator=(const CnnFft&) = delete;

    /// W (R·D, row r = channel) of θ. Precondition: p has this workspace's R, D, K, C.
    void predictor(const CnnParams& p, std::vector<double>& W);

    /// Given G = dLoss/dW (R·D), the gradient of the loss with respect to θ (same layout as
    /// θ): du_c[r][k] = sum_j v_c[j] G_r[grid_shift(j, k)], dv_c[j] = sum_r sum_k u_c[r][k]
    /// G_r[grid_shift(j, k)]. Precondition as for predictor, G.size() == R·D.
    void backward(const CnnParams& p, const std::vector<double>& G, std::vector<double>& du,
                  std::vector<double>& dv);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace convcert::train
