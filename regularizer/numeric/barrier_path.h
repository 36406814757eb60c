// The central path of the dual LMI shared by the regularizer and the max-margin problem:
//   maximize cᵀz  subject to  4I - T(λ)T(λ)ᵀ ⪰ 0,  λ = B z  (and z >= 0 when asked),
// with T(λ) the stacked (R·K)×D matrix of the grid g (certify/grid.h, MATH.md §7/§8). For μ
// shrinking geometrically (a failed centering is retried from the last central point with a
// shorter step in μ), damped Newton steps minimize
//   F_μ(z) = -cᵀz - μ log det(4I - T Tᵀ) - μ sum_i log z_i (the last term only when positive),
// whose λ-Hessian comes from regularizer_barrier_hessian. At an exact central point the talk's
// SDP (MATH.md §6) has the primal Z = μ S⁻¹ with S = [[I, -T/2], [-Tᵀ/2, I]]:
//   Z = μ [[4P, 2Q], [2Qᵀ, I + Tᵀ Q]],  P = (4I - T Tᵀ)⁻¹, Q = P T,
// and tr Z - <λ, W> = μ(R·K + D) with W = 2μ T*(Q) (T* the adjoint of λ -> T(λ)).
// Untrusted numerics: the callers verify what they keep.
#pragma once

#include "certify/grid.h"

#include <Eigen/Dense>

#include <functional>

namespace convcert::regularizer {

/// The LMI's barrier φ(z) = -log det(4I - T(Bz)T(Bz)ᵀ) in closed form, for structures where
/// that is cheaper than the general T(λ) (maxmargin/barrier_spectral.h: K = 1 and K = D).
struct BarrierLmiForm {
    /// φ(z), +inf outside the domain.
    std::function<double(const Eigen::VectorXd&)> value;
    /// ∇φ(z) and ∇²φ(z), z inside the domain.
    std::function<void(const Eigen::VectorXd&, Eigen::VectorXd&, Eigen::MatrixXd&)> derivatives;
};

struct BarrierPathProblem {
    Grid g;
    long R = 1;
    Eigen::MatrixXd B;     ///< (R·D)×m with λ = B z; empty means B = I (m = R·D)
    Eigen::VectorXd c;     ///< the objective, m entries
    bool positive = false; ///< z > 0 with the barrier -μ sum log z_i
    BarrierLmiForm lmi;    ///< when both are set, φ and its derivatives come from here
};

struct BarrierPathOptions {
    double mu0 = 1;             ///< the first barrier weight, > 0
    double nu = 1;              ///< the gap μ·ν the stop rule compares, > 0
    double relative_gap = 0;    ///< stop after centering at μ with μ·ν <= relative_gap·|cᵀz|
    double shrink = 0.1;        ///< μ <- shrink·μ between centerings, in (0, 1)
    int max_newton_per_mu = 50; ///< a centering not done by then fails (and is retried)
    /// Called after each centering with (z, μ), e.g. to keep the best primal point: the
    /// primal's accuracy falls like 1e-16/μ as μ shrinks, the dual's value does not.
    std::function<void(const Eigen::VectorXd&, double)> centered;
};

struct BarrierPath {
    Eigen::VectorXd z;
    double mu = 0; ///< the last barrier weight, z centered for it
    int newton_steps = 0;
    /// every centering ended near the center (false: some ended after max_newton_per_mu steps
    /// or without a decreasing step, and the point may be far off the path)
    bool centered = true;
};

/// The central point of P and its derivatives' building blocks at λ.
struct BarrierPoint {
    Eigen::MatrixXd T; ///< (R·K)×D
    Eigen::MatrixXd P; ///< (4I - T Tᵀ)⁻¹
    Eigen::MatrixXd Q; ///< P T
};

/// The blocks at λ (R·D entries, r·D + j). Precondition: 4I - T(λ)T(λ)ᵀ ≻ 0 numerically;
/// throws std::domain_error otherwise.
BarrierPoint regularizer_barrier_point(const Eigen::VectorXd& lambda, long R, const Grid& g);

/// T*(A): R·D entries, T*(A)[r·D + j] = sum_k A[(r,k), j - k]. Precondition: A is (R·K)×D.
Eigen::VectorXd regularizer_barrier_adjoint(const Eigen::MatrixXd& A, long R, const Grid& g);

/// Follows the path from z0, which must be strictly feasible (and > 0 when positive), until
/// the stop rule or μ < 1e-300. Preconditions: shapes as documented, options in range;
/// throws std::invalid_argument otherwise.
BarrierPath regularizer_barrier_path(const BarrierPathProblem& p, Eigen::VectorXd z0,
                                     const BarrierPathOptions& o);

} // namespace convcert::regularizer
