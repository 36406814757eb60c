// Central-path refinement of the dual (see dual_barrier.h).
//
// With M = 4I - T Tᵀ, P = M⁻¹, Q = P T, N = Tᵀ P T and T* the adjoint of λ -> T(λ)
// (T*(A)_r[j] = sum_k A[(r,k), (j-k) mod D]):
//   ∇(-log det M) = 2 T*(Q),
//   ∇²(-log det M)[δ] = 2 T*(P T(δ) (I + N) + Q T(δ)ᵀ Q).
#include "regularizer/numeric/dual_barrier.h"

#include "regularizer/numeric/toeplitz_stacked.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

struct Dual {
    Grid g;
    long R, D, K;
    Eigen::VectorXd w; ///< W flattened, r·D + j

    long n() const { return R * K; }

    Eigen::MatrixXd T(const Eigen::VectorXd& x) const {
        return regularizer_toeplitz_stacked(x.data(), R, g);
    }

    Eigen::VectorXd adjoint(const Eigen::MatrixXd& A) const {
        Eigen::VectorXd out = Eigen::VectorXd::Zero(R * D);
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                for (long i = 0; i < D; ++i)
                    out(r * D + grid_shift(g, i, k)) += A(r * K + k, i);
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

using Llt = Eigen::LLT<Eigen::MatrixXd>;

/// The problem of W and K, and λ0 flattened (r·D + j). Throws std::invalid_argument on bad
/// shapes or a W that is zero or not finite.
Dual barrier_problem(const Rows& W, const Grid& g, const Rows& lambda0, Eigen::VectorXd& x) {
    Dual p;
    p.g = g;
    p.R = static_cast<long>(W.size());
    if (p.R < 1) throw std::invalid_argument("regularizer_dual_barrier: W has no rows");
    p.D = grid_signal_size(g);
    p.K = grid_kernel_size(g);
    if (p.K < 1 || p.K > p.D || static_cast<long>(W[0].size()) != p.D)
        throw std::invalid_argument("regularizer_dual_barrier: need K <= D and rows of D");
    if (static_cast<long>(lambda0.size()) != p.R)
        throw std::invalid_argument("regularizer_dual_barrier: λ0 needs R rows");
    p.w.resize(p.R * p.D);
    x.resize(p.R * p.D);
    for (long r = 0; r < p.R; ++r) {
        if (static_cast<long>(W[r].size()) != p.D || static_cast<long>(lambda0[r].size()) != p.D)
            throw std::invalid_argument("regularizer_dual_barrier: rows of unequal length");
        for (long j = 0; j < p.D; ++j) {
            p.w(r * p.D + j) = W[r][j];
            x(r * p.D + j) = lambda0[r][j];
        }
    }
    const double wnorm = p.w.norm();
    if (!(wnorm > 0) || !std::isfinite(wnorm))
        throw std::invalid_argument("regularizer_dual_barrier: W must be finite and nonzero");
    return p;
}

/// Gradient g and Hessian H of the barrier objective at x (llt: its factor at x).
void barrier_derivatives(const Dual& p, const Eigen::VectorXd& x, double mu, const Llt& llt,
                         Eigen::VectorXd& g, Eigen::MatrixXd& H) {
    const long n = p.n(), m = p.R * p.D;
    const Eigen::MatrixXd t = p.T(x);
    const Eigen::MatrixXd P = llt.solve(Eigen::MatrixXd::Identity(n, n));
    const Eigen::MatrixXd Q = P * t;
    Eigen::MatrixXd IN = t.transpose() * Q;
    IN.diagonal().array() += 1.0;
    g = -p.w + 2.0 * mu * p.adjoint(Q);
    H.resize(m, m);
    Eigen::MatrixXd G(n, p.D);
    for (long r = 0; r < p.R; ++r)
        for (long j = 0; j < p.D; ++j) {
            // T(e_(r,j)) has ones at ((r,k), j - k), k < K (grid_unshift).
            G.setZero();
            for (long k = 0; k < p.K; ++k) {
                const long i = grid_unshift(p.g, j, k);
                G.noalias() += P.col(r * p.K + k) * IN.row(i);
                G.noalias() += Q.col(i) * Q.row(r * p.K + k);
            }
            H.col(r * p.D + j) = 2.0 * mu * p.adjoint(G);
        }
    H = 0.5 * (H + H.transpose()).eval();
}

/// Backtracking from x along dx (Armijo, at most 40 halvings): true, with x, f and llt moved,
/// when a step was accepted.
bool barrier_line_search(const Dual& p, Eigen::VectorXd& x, const Eigen::VectorXd& dx,
                         double decrement, double mu, double& f, Llt& llt) {
    double alpha = 1.0;
    for (int ls = 0; ls < 40; ++ls, alpha *= 0.5) {
        const Eigen::VectorXd xn = x + alpha * dx;
        Llt lln;
        const double fn = p.value(xn, mu, lln);
        if (std::isfinite(fn) && fn <= f - 0.25 * alpha * decrement) {
            x = xn;
            f = fn;
            llt = lln;
            return true;
        }
    }
    return false;
}

/// Damped Newton steps at fixed μ (at most 50) until x is centered enough for the next μ.
void barrier_center(const Dual& p, Eigen::VectorXd& x, double mu, double& f, Llt& llt, int& steps) {
    Eigen::VectorXd g;
    Eigen::MatrixXd H;
    for (int step = 0; step < 50; ++step) {
        barrier_derivatives(p, x, mu, llt, g, H);
        const Eigen::VectorXd dx = H.ldlt().solve(-g);
        const double decrement = -g.dot(dx);
        if (!(decrement >= 0) || !std::isfinite(decrement)) break;
        if (decrement < 1e-10 * mu) break;
        const bool moved = barrier_line_search(p, x, dx, decrement, mu, f, llt);
        ++steps;
        if (!moved) break;
        if (decrement < 1e-3 * mu) break;
    }
}

/// λ and the primal Gram estimate 4μ M⁻¹ at the final point.
void barrier_result(const Dual& p, const Eigen::VectorXd& x, double mu,
                    RegularizerDualBarrier& out) {
    const long n = p.n();
    out.mu = mu;
    out.value = x.dot(p.w);
    Llt llt;
    p.value(x, mu, llt);
    const Eigen::MatrixXd X = 4.0 * mu * llt.solve(Eigen::MatrixXd::Identity(n, n));
    out.X.resize(n * n);
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            out.X[i * n + j] = X(i, j);
    out.lambda.assign(p.R, std::vector<double>(p.D));
    for (long r = 0; r < p.R; ++r)
        for (long j = 0; j < p.D; ++j)
            out.lambda[r][j] = x(r * p.D + j);
}

} // namespace

RegularizerDualBarrier regularizer_dual_barrier(const Rows& W, const Grid& g, const Rows& lambda0) {
    const support::Stopwatch watch;
    Eigen::VectorXd x;
    const Dual p = barrier_problem(W, g, lambda0, x);
    const long n = p.n();
    {
        const double op = Eigen::JacobiSVD<Eigen::MatrixXd>(p.T(x)).singularValues()(0);
        x *= op > 0 && std::isfinite(op) ? 0.99 * 2.0 / op : 0.0;
    }
    RegularizerDualBarrier out;
    // Scale of the objective: at least <x, W>; μ·n ends near 1e-13 of it.
    const double scale = std::max(x.dot(p.w), 1e-3 * p.w.norm());
    double mu = 1e-4 * scale / static_cast<double>(n);
    const double mu_end = 1e-13 * scale / static_cast<double>(n);
    Llt llt;
    double f = p.value(x, mu, llt);
    while (true) {
        barrier_center(p, x, mu, f, llt, out.newton_steps);
        if (mu <= mu_end) break;
        mu = std::max(mu * 0.1, mu_end);
        f = p.value(x, mu, llt);
    }
    barrier_result(p, x, mu, out);
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
