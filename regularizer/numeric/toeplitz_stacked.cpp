// The stacked T(x) in double precision (see toeplitz_stacked.h).
#include "regularizer/numeric/toeplitz_stacked.h"

namespace convcert::regularizer {

Eigen::MatrixXd regularizer_toeplitz_stacked(const double* x, long R, const Grid& g) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    Eigen::MatrixXd t(R * K, D);
    for (long r = 0; r < R; ++r)
        for (long k = 0; k < K; ++k)
            for (long i = 0; i < D; ++i)
                t(r * K + k, i) = x[r * D + grid_shift(g, i, k)];
    return t;
}

} // namespace convcert::regularizer
