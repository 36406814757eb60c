// Levenberg–Marquardt refinement of the kernels for R input channels (see polish_kernels.h).
//
// With y_d = Σ_d⁻¹ Ŵ_d and g_d = Û_dᴴ y_d (the least-norm v̂_d),
//   ∂F/∂u_c[r][k] = 2 u_c[r][k] - (2/D) sum_d Re(conj(y_d[r]) exp(-2πikd/D) g_d[c]).
#include "regularizer/numeric/polish_kernels.h"

#include "regularizer/numeric/dft.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

using cd = std::complex<double>;

struct Problem {
    long R, D, K, C0;
    Eigen::MatrixXcd what; ///< R×D
    Eigen::MatrixXcd twid; ///< K×D, exp(-2πikd/D)

    long size() const { return C0 * R * K; }

    /// Û_d for every d from the flat vector x (index (c·R + r)·K + k): uh[d] is R×C0.
    std::vector<Eigen::MatrixXcd> fourier(const Eigen::VectorXd& x) const {
        std::vector<Eigen::MatrixXcd> uh(D, Eigen::MatrixXcd::Zero(R, C0));
        for (long c = 0; c < C0; ++c)
            for (long r = 0; r < R; ++r)
                for (long k = 0; k < K; ++k) {
                    const double u = x((c * R + r) * K + k);
                    if (u == 0) continue;
                    for (long d = 0; d < D; ++d)
                        uh[d](r, c) += u * twid(k, d);
                }
        return uh;
    }

    /// F(x); with grad != nullptr also its gradient.
    double eval(const Eigen::VectorXd& x, Eigen::VectorXd* grad) const {
        const auto uh = fourier(x);
        double f = x.squaredNorm();
        if (grad) *grad = 2.0 * x;
        for (long d = 0; d < D; ++d) {
            const Eigen::VectorXcd w = what.col(d);
            if (w.norm() == 0) continue;
            const Eigen::MatrixXcd S = uh[d] * uh[d].adjoint();
            Eigen::LLT<Eigen::MatrixXcd> llt(S);
            if (llt.info() != Eigen::Success) return INFINITY;
            const Eigen::VectorXcd yd = llt.solve(w);
            const double q = w.dot(yd).real(); // wᴴ y
            if (!(q >= 0) || !std::isfinite(q)) return INFINITY;
            f += q / static_cast<double>(D);
            if (!grad) continue;
            const Eigen::VectorXcd g = uh[d].adjoint() * yd;
            for (long c = 0; c < C0; ++c)
                for (long r = 0; r < R; ++r) {
                    const cd a = std::conj(yd(r)) * g(c);
                    for (long k = 0; k < K; ++k)
                        (*grad)((c * R + r) * K + k) -=
                            2.0 / static_cast<double>(D) * (a * twid(k, d)).real();
                }
        }
        return f;
    }
};

Problem problem_of(const Rows& W, const Grid& g, const Kernels& kernels) {
    Problem p;
    p.R = static_cast<long>(W.size());
    if (p.R < 1) throw std::invalid_argument("regularizer_polish_kernels: W has no rows");
    p.D = static_cast<long>(W[0].size());
    p.C0 = static_cast<long>(kernels.size());
    if (p.C0 < 1 || static_cast<long>(kernels[0].size()) != p.R)
        throw std::invalid_argument("regularizer_polish_kernels: need kernels of R rows");
    p.K = static_cast<long>(kernels[0][0].size());
    if (p.K < 1 || p.K != grid_kernel_size(g) || p.D != grid_signal_size(g) || g.K1 > g.D1 ||
        g.K2 > g.D2)
        throw std::invalid_argument("regularizer_polish_kernels: need kernels and W on the grid");
    p.what.resize(p.R, p.D);
    for (long r = 0; r < p.R; ++r) {
        if (static_cast<long>(W[r].size()) != p.D)
            throw std::invalid_argument("regularizer_polish_kernels: rows of unequal length");
        const auto row = regularizer_dft(W[r], g);
        for (long d = 0; d < p.D; ++d)
            p.what(r, d) = row[d];
    }
    const auto tw = regularizer_twiddles(g, -1.0);
    p.twid.resize(p.K, p.D);
    for (long k = 0; k < p.K; ++k)
        for (long d = 0; d < p.D; ++d)
            p.twid(k, d) = tw[grid_phase(g, grid_offset(g, k), d)];
    return p;
}

Eigen::VectorXd flatten(const Problem& p, const Kernels& kernels) {
    Eigen::VectorXd x(p.size());
    for (long c = 0; c < p.C0; ++c) {
        if (static_cast<long>(kernels[c].size()) != p.R)
            throw std::invalid_argument("regularizer_polish_kernels: kernels of unequal shape");
        for (long r = 0; r < p.R; ++r) {
            if (static_cast<long>(kernels[c][r].size()) != p.K)
                throw std::invalid_argument("regularizer_polish_kernels: kernels of unequal shape");
            for (long k = 0; k < p.K; ++k)
                x((c * p.R + r) * p.K + k) = kernels[c][r][k];
        }
    }
    return x;
}

} // namespace

double regularizer_polish_kernels_value(const Rows& W, const Grid& g, const Kernels& kernels) {
    const Problem p = problem_of(W, g, kernels);
    return p.eval(flatten(p, kernels), nullptr);
}

RegularizerPolishKernels regularizer_polish_kernels(const Rows& W, const Grid& g,
                                                    const Kernels& kernels, int max_iterations,
                                                    double stop_value, double max_seconds) {
    const support::Stopwatch watch;
    const Problem p = problem_of(W, g, kernels);
    Eigen::VectorXd x = flatten(p, kernels);
    const long n = p.size();
    Eigen::VectorXd grad, gp, gm;
    double f = p.eval(x, &grad);
    if (!std::isfinite(f))
        throw std::invalid_argument("regularizer_polish_kernels: F is not finite at the start");
    RegularizerPolishKernels out;
    out.start_value = f;
    double mu = 1e-6 * f;
    for (int it = 0; it < max_iterations && f > stop_value; ++it) {
        if (watch.seconds() > max_seconds) break;
        // Hessian by central differences of the gradient.
        const double h = 1e-5 * std::max(1e-300, x.cwiseAbs().maxCoeff());
        Eigen::MatrixXd H(n, n);
        for (long i = 0; i < n; ++i) {
            Eigen::VectorXd xp = x, xm = x;
            xp(i) += h;
            xm(i) -= h;
            p.eval(xp, &gp);
            p.eval(xm, &gm);
            H.col(i) = (gp - gm) / (2.0 * h);
        }
        H = 0.5 * (H + H.transpose()).eval();
        bool accepted = false;
        for (int tries = 0; tries < 12 && !accepted; ++tries) {
            const Eigen::MatrixXd A = H + mu * Eigen::MatrixXd::Identity(n, n);
            Eigen::LDLT<Eigen::MatrixXd> ldlt(A);
            const Eigen::VectorXd step = ldlt.solve(-grad);
            const Eigen::VectorXd xn = x + step;
            Eigen::VectorXd gn;
            const double fn = p.eval(xn, &gn);
            if (std::isfinite(fn) && fn < f) {
                accepted = true;
                const double decrease = f - fn;
                x = xn;
                f = fn;
                grad = gn;
                mu = std::max(mu / 10.0, 1e-14 * f);
                ++out.iterations;
                if (decrease <= 1e-15 * f) it = max_iterations; // at the rounding floor
            } else {
                mu *= 10.0;
            }
        }
        if (!accepted) break;
    }
    out.value = f;
    out.kernels.assign(p.C0, Rows(p.R, std::vector<double>(p.K)));
    for (long c = 0; c < p.C0; ++c)
        for (long r = 0; r < p.R; ++r)
            for (long k = 0; k < p.K; ++k)
                out.kernels[c][r][k] = x((c * p.R + r) * p.K + k);
    return out;
}

} // namespace convcert::regularizer
