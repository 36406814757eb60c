// Kernels from a numerical Gram matrix (see gram_factor.h).
#include "regularizer/numeric/gram_factor.h"

#include <Eigen/Dense>

#include <cmath>

namespace convcert::regularizer {

Kernels regularizer_gram_factor(const std::vector<double>& X, long R, long K, double rel_tol) {
    const long n = R * K;
    Eigen::MatrixXd M(n, n);
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            M(i, j) = 0.5 * (X[i * n + j] + X[j * n + i]);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(M);
    const Eigen::VectorXd& mu = es.eigenvalues(); // ascending
    Kernels out;
    const double top = mu(n - 1);
    if (!(top > 0)) return out;
    for (long c = n - 1; c >= 0 && mu(c) > rel_tol * top; --c) {
        const double s = std::sqrt(mu(c));
        Rows u(R, std::vector<double>(K));
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                u[r][k] = s * es.eigenvectors()(r * K + k, c);
        out.push_back(u);
    }
    return out;
}

} // namespace convcert::regularizer
