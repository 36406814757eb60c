// Gauss–Newton on the max-margin KKT system (see kkt_polish.h).
#include "maxmargin/kkt_polish.h"

#include "maxmargin/grid_validate.h"
#include "regularizer/numeric/toeplitz_stacked.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// The unknowns z = (u_0..u_{C0-1}, v_0..v_{C0-1}, α_S), and T(y_s x_s) for s ∈ S.
struct KktProblem {
    Grid g;
    long R = 0, D = 0, K = 0, C0 = 0;
    std::vector<long> S;
    std::vector<Eigen::MatrixXd> Tx;
    long rk() const { return R * K; }
    long u_at(long c) const { return c * rk(); }
    long v_at(long c) const { return C0 * rk() + c * D; }
    long a_at(long s) const { return C0 * (rk() + D) + s; }
    long size() const { return a_at(static_cast<long>(S.size())); }
};

Eigen::MatrixXd kkt_t_lambda(const KktProblem& p, const Eigen::VectorXd& z) {
    Eigen::MatrixXd T = Eigen::MatrixXd::Zero(p.rk(), p.D);
    for (std::size_t s = 0; s < p.S.size(); ++s)
        T += z[p.a_at(static_cast<long>(s))] * p.Tx[s];
    return T;
}

/// F = (T(λ)v_c - 2u_c; T(λ)ᵀu_c - 2v_c; y_s <W, x_s> - 1).
Eigen::VectorXd kkt_residual(const KktProblem& p, const Eigen::VectorXd& z) {
    const long RK = p.rk(), D = p.D;
    const Eigen::MatrixXd T = kkt_t_lambda(p, z);
    Eigen::VectorXd F(p.size());
    for (long c = 0; c < p.C0; ++c) {
        const auto u = z.segment(p.u_at(c), RK);
        const auto v = z.segment(p.v_at(c), D);
        F.segment(p.u_at(c), RK) = T * v - 2 * u;
        F.segment(p.v_at(c), D) = T.transpose() * u - 2 * v;
    }
    for (std::size_t s = 0; s < p.S.size(); ++s) {
        double m = 0;
        for (long c = 0; c < p.C0; ++c)
            m += z.segment(p.u_at(c), RK).dot(p.Tx[s] * z.segment(p.v_at(c), D));
        F[p.a_at(static_cast<long>(s))] = m - 1;
    }
    return F;
}

/// The Jacobian of kkt_residual (symmetric: the Hessian of the Lagrangian, bordered).
Eigen::MatrixXd kkt_jacobian(const KktProblem& p, const Eigen::VectorXd& z) {
    const long RK = p.rk(), D = p.D;
    const Eigen::MatrixXd T = kkt_t_lambda(p, z);
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(p.size(), p.size());
    for (long c = 0; c < p.C0; ++c) {
        const long U = p.u_at(c), V = p.v_at(c);
        J.block(U, U, RK, RK).diagonal().setConstant(-2);
        J.block(V, V, D, D).diagonal().setConstant(-2);
        J.block(U, V, RK, D) = T;
        J.block(V, U, D, RK) = T.transpose();
        for (std::size_t s = 0; s < p.S.size(); ++s) {
            const long A = p.a_at(static_cast<long>(s));
            const Eigen::VectorXd tv = p.Tx[s] * z.segment(V, D);
            const Eigen::VectorXd tu = p.Tx[s].transpose() * z.segment(U, RK);
            J.block(U, A, RK, 1) = tv;
            J.block(V, A, D, 1) = tu;
            J.block(A, U, 1, RK) = tv.transpose();
            J.block(A, V, 1, D) = tu.transpose();
        }
    }
    return J;
}

/// Throws when the polish would have more than kMaxmarginKktMaxUnknowns unknowns with C0
/// channels (N = R·K + D per channel, plus |S|).
void kkt_size_check(long C0, long N, long active) {
    if (C0 * N + active > kMaxmarginKktMaxUnknowns)
        throw std::runtime_error("maxmargin_kkt_polish: too many unknowns");
}

/// The start: channels from the top eigenvectors of gram (`channels` of them, or those above
/// 1e-6 of the largest eigenvalue when channels = 0), α on S.
Eigen::VectorXd kkt_start(KktProblem& p, const std::vector<double>& gram,
                          const std::vector<double>& alpha0, long channels) {
    const long N = p.rk() + p.D;
    const Eigen::MatrixXd Z = Eigen::Map<const Eigen::MatrixXd>(gram.data(), N, N);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(0.5 * (Z + Z.transpose()));
    const Eigen::VectorXd mu = eig.eigenvalues();
    if (!(mu[N - 1] > 0)) throw std::runtime_error("maxmargin_kkt_polish: Z = 0");
    std::vector<long> kept;
    for (long j = N - 1; j >= 0 && (channels > 0 ? static_cast<long>(kept.size()) < channels
                                                 : mu[j] > 1e-6 * mu[N - 1]);
         --j)
        kept.push_back(j);
    p.C0 = static_cast<long>(kept.size());
    kkt_size_check(p.C0, N, static_cast<long>(p.S.size()));
    Eigen::VectorXd z(p.size());
    for (long c = 0; c < p.C0; ++c) {
        const Eigen::VectorXd e = std::sqrt(mu[kept[c]]) * eig.eigenvectors().col(kept[c]);
        z.segment(p.u_at(c), p.rk()) = e.head(p.rk());
        z.segment(p.v_at(c), p.D) = e.tail(p.D);
    }
    for (std::size_t s = 0; s < p.S.size(); ++s)
        z[p.a_at(static_cast<long>(s))] = alpha0[static_cast<std::size_t>(p.S[s])];
    return z;
}

/// Damped Gauss–Newton (minimum-norm steps) while ||F|| decreases by more than 0.1 %.
int kkt_iterate(const KktProblem& p, Eigen::VectorXd& z, double& norm, int max_iterations) {
    Eigen::VectorXd F = kkt_residual(p, z);
    norm = F.norm();
    int steps = 0;
    for (int it = 0; it < max_iterations; ++it) {
        const Eigen::VectorXd step = kkt_jacobian(p, z).completeOrthogonalDecomposition().solve(-F);
        if (!step.allFinite()) break;
        bool progress = false;
        for (double t = 1; t >= 1.0 / 1024; t /= 2) {
            const Eigen::VectorXd trial = z + t * step;
            const Eigen::VectorXd Ft = kkt_residual(p, trial);
            if (Ft.norm() < norm) {
                progress = norm - Ft.norm() > 1e-3 * norm;
                z = trial;
                F = Ft;
                norm = Ft.norm();
                ++steps;
                break;
            }
        }
        if (!progress) break;
    }
    return steps;
}

/// W = sum_c u_c * v_c: W_r[j] = sum_k u_c[r·K + k] v_c[grid_unshift(g, j, k)].
std::vector<double> kkt_predictor(const KktProblem& p, const Eigen::VectorXd& z) {
    const long R = p.R, D = p.D, K = p.K;
    std::vector<double> W(static_cast<std::size_t>(R * D), 0.0);
    for (long c = 0; c < p.C0; ++c)
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j) {
                double s = 0;
                for (long k = 0; k < K; ++k)
                    s += z[p.u_at(c) + r * K + k] * z[p.v_at(c) + grid_unshift(p.g, j, k)];
                W[static_cast<std::size_t>(r * D + j)] += s;
            }
    return W;
}

/// ||T(λ)||_op = sqrt(largest eigenvalue of T Tᵀ) at the point z.
double kkt_dual_norm(const KktProblem& p, const Eigen::VectorXd& z) {
    const Eigen::MatrixXd T = kkt_t_lambda(p, z);
    const Eigen::MatrixXd TT = T * T.transpose();
    const Eigen::VectorXd mu =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(TT, Eigen::EigenvaluesOnly).eigenvalues();
    return std::sqrt(std::max(mu[mu.size() - 1], 0.0));
}

} // namespace

MaxmarginKkt maxmargin_kkt_polish(const data::Dataset& d, const Grid& g,
                                  const std::vector<double>& gram,
                                  const std::vector<double>& alpha0, long channels,
                                  int max_iterations) {
    maxmargin_grid_validate(d, g, "maxmargin_kkt_polish");
    if (channels < 0) throw std::invalid_argument("maxmargin_kkt_polish: need channels >= 0");
    const long K = grid_kernel_size(g), n = d.n(), N = d.R * K + d.D;
    if (static_cast<long>(gram.size()) != N * N || static_cast<long>(alpha0.size()) != n)
        throw std::invalid_argument("maxmargin_kkt_polish: sizes");
    double amax = 0;
    for (double a : alpha0)
        amax = std::max(amax, a);
    for (double g : gram)
        if (!std::isfinite(g)) throw std::invalid_argument("maxmargin_kkt_polish: non-finite Z");
    if (!(amax > 0) || !std::isfinite(amax))
        throw std::runtime_error("maxmargin_kkt_polish: no positive multiplier");
    KktProblem p;
    p.g = g;
    p.R = d.R;
    p.D = d.D;
    p.K = K;
    for (long i = 0; i < n; ++i)
        if (alpha0[static_cast<std::size_t>(i)] > 1e-4 * amax) p.S.push_back(i);
    // Before the eigendecomposition and the Toeplitz blocks: at least min(channels, N) channels
    // (one when channels = 0, Z != 0) are kept.
    kkt_size_check(channels > 0 ? std::min(channels, N) : 1, N, static_cast<long>(p.S.size()));
    for (long i : p.S) {
        std::vector<double> yx(d.x[static_cast<std::size_t>(i)].begin(),
                               d.x[static_cast<std::size_t>(i)].end());
        for (double& e : yx)
            e *= d.y[static_cast<std::size_t>(i)];
        p.Tx.push_back(regularizer::regularizer_toeplitz_stacked(yx.data(), p.R, g));
    }
    Eigen::VectorXd z = kkt_start(p, gram, alpha0, channels);
    MaxmarginKkt out;
    out.initial_residual = kkt_residual(p, z).norm();
    out.iterations = kkt_iterate(p, z, out.residual, max_iterations);
    out.W = kkt_predictor(p, z);
    for (long c = 0; c < p.C0; ++c) {
        out.u.emplace_back(z.data() + p.u_at(c), z.data() + p.u_at(c) + p.rk());
        out.v.emplace_back(z.data() + p.v_at(c), z.data() + p.v_at(c) + p.D);
    }
    out.alpha.assign(static_cast<std::size_t>(n), 0.0);
    for (std::size_t s = 0; s < p.S.size(); ++s)
        out.alpha[static_cast<std::size_t>(p.S[s])] = z[p.a_at(static_cast<long>(s))];
    out.cost = z.head(p.a_at(0)).squaredNorm();
    out.dual_norm = kkt_dual_norm(p, z);
    out.channels = p.C0;
    out.active = static_cast<long>(p.S.size());
    return out;
}

} // namespace convcert::maxmargin
