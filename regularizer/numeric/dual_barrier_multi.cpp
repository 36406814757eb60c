// Central-path refinement of the dual (see dual_barrier_multi.h).
//
// With M = 4I - T Tᵀ, P = M⁻¹, Q = P T, N = Tᵀ P T and T* the adjoint of λ -> T(λ)
// (T*(A)_r[j] = sum_k A[(r,k), (j-k) mod D]):
//   ∇(-log det M) = 2 T*(Q),
//   ∇²(-log det M)[δ] = 2 T*(P T(δ) (I + N) + Q T(δ)ᵀ Q).
#include "regularizer/numeric/dual_barrier_multi.h"

#include "regularizer/numeric/toeplitz_stacked.h"

#include <Eigen/Dense>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

struct Dual {
    long R, D, K;
    Eigen::VectorXd w; ///< W flattened, r·D + j

    long n() const { return R * K; }

    Eigen::MatrixXd T(const Eigen::VectorXd& x) const {
        return regularizer_toeplitz_stacked(x.data(), R, D, K);
    }

    Eigen::VectorXd adjoint(const Eigen::MatrixXd& A) const {
        Eigen::VectorXd out = Eigen::VectorXd::Zero(R * D);
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                for (long i = 0; i < D; ++i)
                    out(r * D + (i + k) % D) += A(r * K + k, i);
        return out;
    }

    /// -<x, w> - μ log det M, or +inf outside the interior; fills llt.
    double value(const Eigen::VectorXd& x, double mu, Eigen::LLT<Eigen::MatrixXd>& llt) const {
        const Eigen::MatrixXd t = T(x);
        Eigen::MatrixXd M = -t * t.transpose();
        M.diagonal().array() += 4.0;
        llt.compute(M);
        if (llt.info() != Eigen::Success) return INFINITY;
        const Eigen::VectorXd diag = Eigen::MatrixXd(llt.matrixL()).diagonal();
        if (!(diag.minCoeff() > 0)) return INFINITY;
        return -x.dot(w) - 2.0 * mu * diag.array().log().sum();
    }
};

} // namespace

RegularizerDualBarrier regularizer_dual_barrier_multi(const Rows& W, long K, const Rows& lambda0) {
    const auto start = std::chrono::steady_clock::now();
    Dual p;
    p.R = static_cast<long>(W.size());
    if (p.R < 1) throw std::invalid_argument("regularizer_dual_barrier_multi: W has no rows");
    p.D = static_cast<long>(W[0].size());
    p.K = K;
    if (K < 1 || K > p.D)
        throw std::invalid_argument("regularizer_dual_barrier_multi: need K <= D");
    if (static_cast<long>(lambda0.size()) != p.R)
        throw std::invalid_argument("regularizer_dual_barrier_multi: λ0 needs R rows");
    p.w.resize(p.R * p.D);
    Eigen::VectorXd x(p.R * p.D);
    for (long r = 0; r < p.R; ++r) {
        if (static_cast<long>(W[r].size()) != p.D || static_cast<long>(lambda0[r].size()) != p.D)
            throw std::invalid_argument("regularizer_dual_barrier_multi: rows of unequal length");
        for (long j = 0; j < p.D; ++j) {
            p.w(r * p.D + j) = W[r][j];
            x(r * p.D + j) = lambda0[r][j];
        }
    }
    const double wnorm = p.w.norm();
    if (!(wnorm > 0) || !std::isfinite(wnorm))
        throw std::invalid_argument("regularizer_dual_barrier_multi: W must be finite and nonzero");
    const long n = p.n(), m = p.R * p.D;
    {
        const double op = Eigen::JacobiSVD<Eigen::MatrixXd>(p.T(x)).singularValues()(0);
        x *= op > 0 && std::isfinite(op) ? 0.99 * 2.0 / op : 0.0;
    }
    RegularizerDualBarrier out;
    // Scale of the objective: at least <x, W>; μ·n ends near 1e-13 of it.
    const double scale = std::max(x.dot(p.w), 1e-3 * wnorm);
    double mu = 1e-4 * scale / static_cast<double>(n);
    const double mu_end = 1e-13 * scale / static_cast<double>(n);
    Eigen::LLT<Eigen::MatrixXd> llt;
    double f = p.value(x, mu, llt);
    while (true) {
        for (int step = 0; step < 50; ++step) {
            const Eigen::MatrixXd t = p.T(x);
            const Eigen::MatrixXd P = llt.solve(Eigen::MatrixXd::Identity(n, n));
            const Eigen::MatrixXd Q = P * t;
            Eigen::MatrixXd IN = t.transpose() * Q;
            IN.diagonal().array() += 1.0;
            const Eigen::VectorXd g = -p.w + 2.0 * mu * p.adjoint(Q);
            Eigen::MatrixXd H(m, m);
            Eigen::MatrixXd G(n, p.D);
            for (long r = 0; r < p.R; ++r)
                for (long j = 0; j < p.D; ++j) {
                    // T(e_(r,j)) has ones at ((r,k), (j-k) mod D), k < K.
                    G.setZero();
                    for (long k = 0; k < p.K; ++k) {
                        const long i = ((j - k) % p.D + p.D) % p.D;
                        G.noalias() += P.col(r * p.K + k) * IN.row(i);
                        G.noalias() += Q.col(i) * Q.row(r * p.K + k);
                    }
                    H.col(r * p.D + j) = 2.0 * mu * p.adjoint(G);
                }
            H = 0.5 * (H + H.transpose()).eval();
            const Eigen::VectorXd dx = H.ldlt().solve(-g);
            const double decrement = -g.dot(dx);
            if (!(decrement >= 0) || !std::isfinite(decrement)) break;
            if (decrement < 1e-10 * mu) break;
            double alpha = 1.0;
            bool moved = false;
            for (int ls = 0; ls < 40; ++ls, alpha *= 0.5) {
                const Eigen::VectorXd xn = x + alpha * dx;
                Eigen::LLT<Eigen::MatrixXd> lln;
                const double fn = p.value(xn, mu, lln);
                if (std::isfinite(fn) && fn <= f - 0.25 * alpha * decrement) {
                    x = xn;
                    f = fn;
                    llt = lln;
                    moved = true;
                    break;
                }
            }
            ++out.newton_steps;
            if (!moved) break;
            if (decrement < 1e-3 * mu) break; // centered enough for the next μ
        }
        if (mu <= mu_end) break;
        mu = std::max(mu * 0.1, mu_end);
        f = p.value(x, mu, llt);
    }
    out.mu = mu;
    out.value = x.dot(p.w);
    {
        p.value(x, mu, llt);
        const Eigen::MatrixXd X = 4.0 * mu * llt.solve(Eigen::MatrixXd::Identity(n, n));
        out.X.resize(n * n);
        for (long i = 0; i < n; ++i)
            for (long j = 0; j < n; ++j)
                out.X[i * n + j] = X(i, j);
    }
    out.lambda.assign(p.R, std::vector<double>(p.D));
    for (long r = 0; r < p.R; ++r)
        for (long j = 0; j < p.D; ++j)
            out.lambda[r][j] = x(r * p.D + j);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

} // namespace convcert::regularizer
