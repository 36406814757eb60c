// Newton's method on the optimality system of a one-channel network (MATH.md §3, §7): at the
// optimum, weak duality holds with equality, S z = 0 for z = (u; v), i.e.
//     T(λ) v = 2u,   T(λ)ᵀ u = 2v,   u * v = w,
// a square system in (u, v, λ) of size K + 2D. It is smooth also where the SDP optimum lies on
// the boundary of the cone (σ* touches 0 on the circle), where the reduction-formula Newton of
// polish_autocorrelation.h does not apply, so it refines SDPA's point there. Untrusted: λ and u are
// candidates that exact/lower_bound.h and exact/network.h turn into exact bounds.
#pragma once

#include "regularizer/numeric/least_norm_double.h" // regularizer_least_norm_double (1-D)

#include <vector>

namespace convcert::regularizer {

struct RegularizerKkt {
    std::vector<double> u, v, lambda; ///< the refined point
    double residual = 0;              ///< ||F||_2 at the end
    double initial_residual = 0;      ///< ||F||_2 at the start
    int iterations = 0;
};

/// Damped Newton steps (least-squares solves by column-pivoted QR, so a rank-deficient
/// Jacobian is tolerated) from (u0, v0, λ0) while ||F||_2 decreases. Dense: O((K + 2D)³) per
/// step, meant for K + 2D up to a few thousand. Precondition: 1 <= K = u0.size() <= D,
/// w, v0, λ0 of length D, all finite (throws std::invalid_argument otherwise).
RegularizerKkt regularizer_kkt_newton(const std::vector<double>& w, const std::vector<double>& u0,
                                      const std::vector<double>& v0,
                                      const std::vector<double>& lambda0, int max_iterations = 30);

} // namespace convcert::regularizer
