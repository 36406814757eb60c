// Central path of the dual LMI by damped Newton steps (see barrier_path.h).
//
// φ(λ) = -log det M, M = 4I - T Tᵀ: ∇φ = 2 T*(Q); its Hessian is regularizer_barrier_hessian.
// In z: ∇F = -c + μ Bᵀ∇φ - μ/z, ∇²F = μ (Bᵀ ∇²φ B + diag(1/z²)).
#include "regularizer/numeric/barrier_path.h"

#include "regularizer/numeric/barrier_hessian.h"
#include "regularizer/numeric/toeplitz_stacked.h"

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

using Llt = Eigen::LLT<Eigen::MatrixXd>;

/// The Newton decrement squared, in units of μ, below which a full step is taken without a
/// value test (the quadratic region of a self-concordant F/μ, where rounding hides decrease).
constexpr double kFullStepDecrement = 1.0 / 16;
/// ... and below which z counts as centered.
constexpr double kCentered = 1e-3;
/// The longest μ step a failed centering is not retried with (μ <- 0.95μ and above).
constexpr double kShortestShrink = 0.95;

Eigen::VectorXd path_lambda(const BarrierPathProblem& p, const Eigen::VectorXd& z) {
    return p.B.size() == 0 ? z : Eigen::VectorXd(p.B * z);
}

/// Cholesky of 4I - T Tᵀ; false when not positive definite.
bool lmi_factor(const Eigen::MatrixXd& T, Llt& llt) {
    Eigen::MatrixXd M = -T * T.transpose();
    M.diagonal().array() += 4.0;
    llt.compute(M);
    if (llt.info() != Eigen::Success) return false;
    return llt.matrixLLT().diagonal().minCoeff() > 0;
}

bool lmi_form_set(const BarrierPathProblem& p) {
    return p.lmi.value && p.lmi.derivatives;
}

/// F_μ(z), +inf outside the domain.
double path_value(const BarrierPathProblem& p, const Eigen::VectorXd& z, double mu) {
    if (p.positive && !(z.minCoeff() > 0)) return INFINITY;
    if (lmi_form_set(p)) {
        double f = -p.c.dot(z) + mu * p.lmi.value(z);
        if (p.positive) f -= mu * z.array().log().sum();
        return std::isfinite(f) ? f : INFINITY;
    }
    const Eigen::VectorXd lambda = path_lambda(p, z);
    Llt llt;
    if (!lmi_factor(regularizer_toeplitz_stacked(lambda.data(), p.R, p.g), llt)) return INFINITY;
    double f = -p.c.dot(z) - 2.0 * mu * llt.matrixLLT().diagonal().array().log().sum();
    if (p.positive) f -= mu * z.array().log().sum();
    return f;
}

/// -c + μ∇φ and μ∇²φ at z by the general T(λ) (FFT Hessian), without the positivity barrier.
void path_derivatives_general(const BarrierPathProblem& p, const Eigen::VectorXd& z, double mu,
                              Eigen::VectorXd& grad, Eigen::MatrixXd& hess) {
    const BarrierPoint pt = regularizer_barrier_point(path_lambda(p, z), p.R, p.g);
    Eigen::MatrixXd A = pt.T.transpose() * pt.Q;
    A.diagonal().array() += 1.0;
    const Eigen::VectorXd dphi = 2.0 * regularizer_barrier_adjoint(pt.Q, p.R, p.g);
    Eigen::MatrixXd H = regularizer_barrier_hessian(pt.P, pt.Q, A, p.R, p.g);
    if (p.B.size() == 0) {
        grad = -p.c + mu * dphi;
        hess = mu * H;
    } else {
        grad = -p.c + mu * (p.B.transpose() * dphi);
        hess = mu * (p.B.transpose() * (H * p.B));
    }
}

/// Gradient and Hessian of F_μ at z (inside the domain): φ's from the problem's closed form when
/// it has one, else the general one.
void path_derivatives(const BarrierPathProblem& p, const Eigen::VectorXd& z, double mu,
                      Eigen::VectorXd& grad, Eigen::MatrixXd& hess) {
    if (lmi_form_set(p)) {
        p.lmi.derivatives(z, grad, hess);
        grad = -p.c + mu * grad;
        hess *= mu;
    } else {
        path_derivatives_general(p, z, mu, grad, hess);
    }
    if (p.positive) {
        grad.array() -= mu / z.array();
        hess.diagonal().array() += mu / z.array().square();
    }
}

/// The Newton direction -H⁻¹g (Cholesky, LDLᵀ when rounding makes H look indefinite).
Eigen::VectorXd newton_direction(const Eigen::MatrixXd& H, const Eigen::VectorXd& g) {
    const Llt llt(H);
    if (llt.info() == Eigen::Success) return llt.solve(-g);
    return H.ldlt().solve(-g);
}

/// One damped step along dx: full in the quadratic region, else backtracking (Armijo).
/// Returns false when no feasible decreasing step was found.
bool path_step(const BarrierPathProblem& p, Eigen::VectorXd& z, const Eigen::VectorXd& dx,
               double decrement, double mu, double& f) {
    double alpha = 1.0;
    for (int ls = 0; ls < 60; ++ls, alpha *= 0.5) {
        const Eigen::VectorXd zn = z + alpha * dx;
        const double fn = path_value(p, zn, mu);
        if (!std::isfinite(fn)) continue;
        if (decrement < kFullStepDecrement * mu || fn <= f - 0.25 * alpha * decrement) {
            z = zn;
            f = fn;
            return true;
        }
    }
    return false;
}

/// Newton steps at fixed μ until centered (or stuck, or max steps); true when centered.
bool path_center(const BarrierPathProblem& p, Eigen::VectorXd& z, double mu,
                 const BarrierPathOptions& o, int& steps) {
    double f = path_value(p, z, mu);
    Eigen::VectorXd g;
    Eigen::MatrixXd H;
    for (int step = 0; step < o.max_newton_per_mu; ++step) {
        path_derivatives(p, z, mu, g, H);
        const Eigen::VectorXd dx = newton_direction(H, g);
        const double decrement = -g.dot(dx);
        if (!(decrement >= 0) || !std::isfinite(decrement)) return false;
        if (decrement < 1e-10 * mu) return true;
        const bool moved = path_step(p, z, dx, decrement, mu, f);
        ++steps;
        if (decrement < kCentered * mu) return true;
        // Stuck: a point this close to the center has no decrease left that rounding shows.
        if (!moved) return decrement < kFullStepDecrement * mu;
    }
    return false;
}

void path_validate(const BarrierPathProblem& p, const Eigen::VectorXd& z0,
                   const BarrierPathOptions& o) {
    const long m = p.B.size() == 0 ? p.R * grid_signal_size(p.g) : p.B.cols();
    if (p.R < 1 || p.c.size() != m || z0.size() != m ||
        (p.B.size() != 0 && p.B.rows() != p.R * grid_signal_size(p.g)))
        throw std::invalid_argument("regularizer_barrier_path: shapes disagree");
    if (!(o.mu0 > 0) || !(o.nu > 0) || !(o.relative_gap >= 0) || !(o.shrink > 0) ||
        !(o.shrink < 1) || o.max_newton_per_mu < 1)
        throw std::invalid_argument("regularizer_barrier_path: options out of range");
    if (!std::isfinite(path_value(p, z0, o.mu0)))
        throw std::invalid_argument("regularizer_barrier_path: z0 is not strictly feasible");
}

} // namespace

BarrierPoint regularizer_barrier_point(const Eigen::VectorXd& lambda, long R, const Grid& g) {
    BarrierPoint pt;
    pt.T = regularizer_toeplitz_stacked(lambda.data(), R, g);
    Llt llt;
    if (!lmi_factor(pt.T, llt))
        throw std::domain_error("regularizer_barrier_point: 4I - T Tᵀ is not positive definite");
    pt.P = llt.solve(Eigen::MatrixXd::Identity(pt.T.rows(), pt.T.rows()));
    pt.Q = pt.P * pt.T;
    return pt;
}

Eigen::VectorXd regularizer_barrier_adjoint(const Eigen::MatrixXd& A, long R, const Grid& g) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    Eigen::VectorXd out = Eigen::VectorXd::Zero(R * D);
    for (long r = 0; r < R; ++r)
        for (long k = 0; k < K; ++k)
            for (long i = 0; i < D; ++i)
                out(r * D + grid_shift(g, i, k)) += A(r * K + k, i);
    return out;
}

BarrierPath regularizer_barrier_path(const BarrierPathProblem& p, Eigen::VectorXd z0,
                                     const BarrierPathOptions& o) {
    path_validate(p, z0, o);
    BarrierPath out;
    out.z = std::move(z0);
    double mu = o.mu0, shrink = o.shrink;
    if (!path_center(p, out.z, mu, o, out.newton_steps)) out.centered = false;
    if (o.centered) o.centered(out.z, mu);
    int successes = 0;
    while (!(mu * o.nu <= o.relative_gap * std::abs(p.c.dot(out.z))) && mu >= 1e-300) {
        // A failed centering restarts from the last central point with a shorter step in μ
        // (√shrink); three successes in a row lengthen it again, up to options.shrink.
        Eigen::VectorXd z = out.z;
        const bool ok = path_center(p, z, mu * shrink, o, out.newton_steps);
        if (!ok && shrink < kShortestShrink) {
            shrink = std::sqrt(shrink);
            successes = 0;
            continue;
        }
        if (!ok) out.centered = false;
        out.z = std::move(z);
        mu *= shrink;
        if (o.centered) o.centered(out.z, mu);
        if (ok && ++successes >= 3) {
            shrink = std::max(o.shrink, shrink * shrink);
            successes = 0;
        }
    }
    out.mu = mu;
    return out;
}

} // namespace convcert::regularizer
