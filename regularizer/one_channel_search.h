// The one-channel local search, the single engine for every user (the 2-D bracket's report,
// reproduce claim 7b, the separation engine's target): for a signal w on a grid, the cost of one
// channel u is 2 sqrt(φ(u)) with φ(u) = ‖u‖² Σ_t c_t / (uᵀ M_t u), one term t per pair {d, -d}
// with ŵ(d) ≠ 0 (docs/separation.md); BFGS on a face u_face = 1 from seeded random starts.
// Double precision, heuristic only: a result is evidence or a target, never a bound.
#pragma once

#include "certify/grid.h"

#include <vector>

namespace convcert::regularizer {

/// One term of φ in double: c = mult · |ŵ(d)|² / D (mult = 2 when d ≠ -d) and m2 = 2 M_d, the
/// K×K matrix 2 cos(2π (phase of offset(k) - offset(k') at d) / L), row-major.
struct OneChannelTermDouble {
    double c = 0;
    std::vector<double> m2;
};

/// A kernel and φ at it.
struct OneChannelPoint {
    std::vector<double> u;
    double phi = 0;
};

/// The terms of φ for w (D = grid_signal_size(g) doubles, row-major) on any valid grid, in
/// increasing d with d <= -d, skipping |ŵ(d)|² <= 1e-20 · D ‖w‖² (zero up to rounding).
std::vector<OneChannelTermDouble> regularizer_one_channel_terms(const std::vector<double>& w,
                                                                const Grid& g);

/// φ(u) (+inf when some uᵀ M_t u <= 0). Precondition: u.size() = K of the terms.
double regularizer_one_channel_phi(const std::vector<OneChannelTermDouble>& terms,
                                   const std::vector<double>& u);

/// Local minimization of φ from `start` (size K, nonzero), on the face of its largest entry.
/// Returns the point reached, scaled so that max |u_k| = 1.
OneChannelPoint regularizer_one_channel_descend(const std::vector<OneChannelTermDouble>& terms,
                                                std::vector<double> start);

/// The best of `starts` local minimizations from random kernels (uniform in [-1, 1]^K,
/// std::mt19937_64 seeded with `seed`, so deterministic). Precondition: K >= 1, starts >= 1.
OneChannelPoint regularizer_one_channel_search(const std::vector<OneChannelTermDouble>& terms,
                                               long K, int starts, unsigned long seed);

} // namespace convcert::regularizer
