// Newton on the one-channel optimality system (see kkt_newton.h).
#include "regularizer/numeric/kkt_newton.h"

#include "regularizer/numeric/dft.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

struct Sizes {
    long K, D;
};

/// F = (T(λ)v - 2u; T(λ)ᵀu - 2v; u * v - w), T[k][i] = λ[(i+k) mod D].
Eigen::VectorXd kkt_residual(const Sizes& n, const std::vector<double>& w, const double* u,
                             const double* v, const double* lambda) {
    const long K = n.K, D = n.D;
    Eigen::VectorXd F = Eigen::VectorXd::Zero(K + 2 * D);
    for (long k = 0; k < K; ++k) {
        double s = 0;
        for (long i = 0; i < D; ++i)
            s += lambda[(i + k) % D] * v[i];
        F[k] = s - 2 * u[k];
    }
    for (long i = 0; i < D; ++i) {
        double s = 0;
        for (long k = 0; k < K; ++k)
            s += lambda[(i + k) % D] * u[k];
        F[K + i] = s - 2 * v[i];
    }
    for (long j = 0; j < D; ++j) {
        double s = 0;
        for (long k = 0; k < K; ++k)
            s += u[k] * v[((j - k) % D + D) % D];
        F[K + D + j] = s - w[j];
    }
    return F;
}

/// The Jacobian of kkt_residual in the variables (u, v, λ).
Eigen::MatrixXd kkt_jacobian(const Sizes& n, const double* u, const double* v,
                             const double* lambda) {
    const long K = n.K, D = n.D;
    const long U = 0, V = K, L = K + D;
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(K + 2 * D, K + 2 * D);
    for (long k = 0; k < K; ++k) { // rows of T(λ)v - 2u
        J(k, U + k) = -2;
        for (long i = 0; i < D; ++i) {
            J(k, V + i) = lambda[(i + k) % D];
            J(k, L + (i + k) % D) += v[i];
        }
    }
    for (long i = 0; i < D; ++i) { // rows of T(λ)ᵀu - 2v
        J(K + i, V + i) = -2;
        for (long k = 0; k < K; ++k) {
            J(K + i, U + k) = lambda[(i + k) % D];
            J(K + i, L + (i + k) % D) += u[k];
        }
    }
    for (long j = 0; j < D; ++j) // rows of u * v - w
        for (long k = 0; k < K; ++k) {
            const long i = ((j - k) % D + D) % D;
            J(K + D + j, U + k) += v[i];
            J(K + D + j, V + i) += u[k];
        }
    return J;
}

} // namespace

RegularizerKkt regularizer_kkt_newton(const std::vector<double>& w, const std::vector<double>& u0,
                                      const std::vector<double>& v0,
                                      const std::vector<double>& lambda0, int max_iterations) {
    const long K = static_cast<long>(u0.size()), D = static_cast<long>(w.size());
    if (K < 1 || K > D || static_cast<long>(v0.size()) != D ||
        static_cast<long>(lambda0.size()) != D)
        throw std::invalid_argument("regularizer_kkt_newton: sizes");
    const Sizes n{K, D};
    Eigen::VectorXd z(K + 2 * D);
    for (long k = 0; k < K; ++k)
        z[k] = u0[k];
    for (long i = 0; i < D; ++i) {
        z[K + i] = v0[i];
        z[K + D + i] = lambda0[i];
    }
    if (!z.allFinite()) throw std::invalid_argument("regularizer_kkt_newton: non-finite start");
    auto residual = [&](const Eigen::VectorXd& x) {
        return kkt_residual(n, w, x.data(), x.data() + K, x.data() + K + D);
    };
    RegularizerKkt out;
    Eigen::VectorXd F = residual(z);
    double norm = F.norm();
    out.initial_residual = norm;
    for (int it = 0; it < max_iterations; ++it) {
        const Eigen::MatrixXd J = kkt_jacobian(n, z.data(), z.data() + K, z.data() + K + D);
        const Eigen::VectorXd step = J.colPivHouseholderQr().solve(-F);
        if (!step.allFinite()) break;
        bool accepted = false;
        for (double t = 1; t >= 1.0 / 1024; t /= 2) {
            const Eigen::VectorXd trial = z + t * step;
            const Eigen::VectorXd Ft = residual(trial);
            if (Ft.norm() < norm) {
                z = trial;
                F = Ft;
                accepted = norm - Ft.norm() > 1e-3 * norm; // progress worth another step
                norm = Ft.norm();
                ++out.iterations;
                break;
            }
        }
        if (!accepted) break;
    }
    out.u.assign(z.data(), z.data() + K);
    out.v.assign(z.data() + K, z.data() + K + D);
    out.lambda.assign(z.data() + K + D, z.data() + K + 2 * D);
    out.residual = norm;
    return out;
}

} // namespace convcert::regularizer
