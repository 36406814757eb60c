// Closed forms for R input channels at K = 1 and K = D (see closed_form.h).
#include "regularizer/numeric/closed_form.h"

#include "regularizer/numeric/dft.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>

namespace convcert::regularizer {

namespace {

Eigen::MatrixXd to_matrix(const Rows& W) {
    const long R = static_cast<long>(W.size()), D = static_cast<long>(W[0].size());
    Eigen::MatrixXd M(R, D);
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            M(r, j) = W[r][j];
    return M;
}

/// Ŵ as an R×D complex matrix (the DFT of the grid g).
Eigen::MatrixXcd dft_rows(const Rows& W, const Grid& g) {
    const long R = static_cast<long>(W.size()), D = static_cast<long>(W[0].size());
    Eigen::MatrixXcd out(R, D);
    for (long r = 0; r < R; ++r) {
        const auto row = regularizer_dft(W[r], g);
        for (long d = 0; d < D; ++d)
            out(r, d) = row[d];
    }
    return out;
}

} // namespace

double regularizer_value_k1(const Rows& W) {
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(to_matrix(W));
    return 2.0 * svd.singularValues().sum();
}

Rows regularizer_lambda_k1(const Rows& W) {
    const Eigen::MatrixXd M = to_matrix(W);
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(M, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const auto& s = svd.singularValues();
    Eigen::MatrixXd L = Eigen::MatrixXd::Zero(M.rows(), M.cols());
    for (long i = 0; i < s.size(); ++i)
        if (s(i) > 1e-14 * s(0)) L += 2.0 * svd.matrixU().col(i) * svd.matrixV().col(i).transpose();
    Rows out(M.rows(), std::vector<double>(M.cols()));
    for (long r = 0; r < M.rows(); ++r)
        for (long j = 0; j < M.cols(); ++j)
            out[r][j] = L(r, j);
    return out;
}

Kernels regularizer_kernels_k1(const Rows& W) {
    const Eigen::MatrixXd M = to_matrix(W);
    const long R = M.rows();
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(M, Eigen::ComputeFullU);
    const Eigen::VectorXd s = svd.singularValues();
    const double smax = s.size() ? s(0) : 0.0;
    Kernels out;
    for (long i = 0; i < R; ++i) {
        const double si = i < s.size() ? s(i) : 0.0;
        const double scale = std::sqrt(std::max(si, 1e-12 * smax));
        Rows u(R, std::vector<double>(1));
        for (long r = 0; r < R; ++r)
            u[r][0] = scale * svd.matrixU()(r, i);
        out.push_back(u);
    }
    return out;
}

double regularizer_value_kd(const Rows& W, const Grid& g) {
    const Eigen::MatrixXcd what = dft_rows(W, g);
    double s = 0;
    for (long d = 0; d < what.cols(); ++d)
        s += what.col(d).norm();
    return 2.0 * s / static_cast<double>(what.cols());
}

Rows regularizer_lambda_kd(const Rows& W, const Grid& g) {
    const Eigen::MatrixXcd what = dft_rows(W, g);
    const long R = what.rows(), D = what.cols();
    Rows out(R);
    for (long r = 0; r < R; ++r) {
        std::vector<std::complex<double>> lhat(D, 0.0);
        for (long d = 0; d < D; ++d) {
            const double a = what.col(d).norm();
            if (a > 0) lhat[d] = 2.0 * what(r, d) / a;
        }
        out[r] = regularizer_idft_real(lhat, g);
    }
    return out;
}

Kernels regularizer_kernels_kd(const Rows& W, const Grid& g, double delta) {
    const Eigen::MatrixXcd what = dft_rows(W, g);
    const long R = what.rows(), D = what.cols();
    // uhat[c](r, d)
    std::vector<Eigen::MatrixXcd> uhat(R, Eigen::MatrixXcd::Zero(R, D));
    double amax = 0;
    for (long d = 0; d < D; ++d)
        amax = std::max(amax, what.col(d).norm());
    for (long d = 0; d < D; ++d) {
        const long dn = grid_neg(g, d); // one frequency of each pair {d, -d}
        if (dn < d) continue;
        const bool real = dn == d;
        // Ŵ_d below rounding noise counts as zero (it is exactly zero for the rational W then,
        // typically, and Σ_d must stay nonsingular: δ² I there).
        const double a = what.col(d).norm() > 1e-13 * amax ? what.col(d).norm() : 0.0;
        Eigen::VectorXcd e1 = Eigen::VectorXcd::Zero(R);
        if (a > 0) e1 = what.col(d) / a;
        if (real) e1 = e1.real().cast<std::complex<double>>();
        if (e1.norm() < 0.5) {
            e1.setZero();
            e1(0) = 1.0;
        }
        e1 /= e1.norm();
        // Complement: eigenvectors of I - e1 e1ᴴ with eigenvalue 1 (the last R-1 of the sorted
        // eigenvalues 0, 1, ..., 1).
        Eigen::MatrixXcd basis(R, R);
        if (real) {
            const Eigen::VectorXd e = e1.real();
            Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(Eigen::MatrixXd::Identity(R, R) -
                                                              e * e.transpose());
            basis = es.eigenvectors().cast<std::complex<double>>();
        } else {
            Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(Eigen::MatrixXcd::Identity(R, R) -
                                                               e1 * e1.adjoint());
            basis = es.eigenvectors();
        }
        for (long c = 0; c < R; ++c) {
            Eigen::VectorXcd col = c == 0 ? Eigen::VectorXcd(std::max(std::sqrt(a), delta) * e1)
                                          : Eigen::VectorXcd(delta * basis.col(c));
            uhat[c].col(d) = col;
            if (!real) uhat[c].col(dn) = col.conjugate();
        }
    }
    Kernels out(R, Rows(R));
    for (long c = 0; c < R; ++c)
        for (long r = 0; r < R; ++r) {
            std::vector<std::complex<double>> row(D);
            for (long d = 0; d < D; ++d)
                row[d] = uhat[c](r, d);
            out[c][r] = regularizer_idft_real(row, g);
        }
    return out;
}

} // namespace convcert::regularizer
