// One-channel kernels in double precision (MATH.md §2-§4): the spectral factor of an
// autocorrelation, the balanced cost of a kernel direction, its balancing scale and the rounding
// grid that keeps that cost. The R = 1 strategies of the bracket's kernel stage and of the
// collapse; the exact network is built from them by regularizer/exact/network.h.
#pragma once

#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// The balanced cost of the direction c in double: min over s > 0 and v of ||s c||² + ||v||²
/// with (s c) * v = w, i.e. 2 ||c|| ((1/D) sum_{ŵ[d] != 0} |ŵ[d]|² / |ĉ[d]|²)^(1/2) (MATH.md
/// §3.1, §4; |ŵ[d]| <= 1e-13 max |ŵ| counts as 0). +infinity when ĉ[d] = 0 at a frequency with ŵ[d]
/// != 0; 0 when w = 0.
double regularizer_cost_estimate(const std::vector<double>& w, const std::vector<double>& c);

/// The direction c (1 <= c.size() <= D = w.size(), finite) scaled by s = (||v||/||c||)^(1/2)
/// for its least-norm v, so that ||s c||² = ||v / s||² (balance, MATH.md §4). Throws
/// std::invalid_argument on bad input, a zero c or a c that misses a frequency of w.
std::vector<double> regularizer_kernel_balance(const std::vector<double>& w,
                                               const std::vector<double>& c);

/// The fewest bits b in {16, 24, ..., 64} such that c rounded to round(c·2^E)/2^E with
/// max |c|·2^E in [2^(b-1), 2^b) has a cost estimate within rel_tol of c's (64 if none).
/// Precondition: c not zero, finite cost estimate (e.g. the output of regularizer_kernel_balance).
int regularizer_kernel_bits(const std::vector<double>& w, const std::vector<double>& c,
                            double rel_tol);

/// A spectral factor in double: c with c ⋆ c ≈ r (length K = r.size(), MATH.md §2), by
/// Wilson's Newton iteration (lemma/spectral_newton.h). When r is not strictly positive on
/// the unit circle (an SDP optimum on the boundary of the cone, or rounding), r[0] is raised
/// by the smallest ε r[0] in {0, 1e-14, 1e-13, ..., 1e-4} that lets the iteration converge.
/// Precondition: r[0] > 0, r finite. Throws std::invalid_argument otherwise and
/// std::runtime_error when no ε works.
std::vector<double> regularizer_spectral_factor_double(const std::vector<double>& r);

} // namespace convcert::regularizer
