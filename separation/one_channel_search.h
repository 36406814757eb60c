// The numerical side of the one-channel bound: a double-precision local search for small values
// of φ (random starts, BFGS on a face u_face = 1). Heuristic only: its result sets the target of
// the exact branch and bound and is never trusted as a bound.
#pragma once

#include "separation/one_channel_terms.h"

#include <vector>

namespace convcert::separation {

/// A kernel and φ at it (double).
struct OneChannelPoint {
    std::vector<double> u;
    double phi = 0;
};

/// Local minimization of φ from `start` (size K, nonzero), on the face of its largest entry.
/// Returns the point reached, scaled so that max |u_k| = 1.
OneChannelPoint one_channel_descend(const std::vector<OneChannelTerm>& terms,
                                    std::vector<double> start);

/// The best of `starts` local minimizations from random kernels (uniform in [-1, 1]^K,
/// std::mt19937_64 seeded with `seed`, so deterministic). Precondition: K >= 1, starts >= 1.
OneChannelPoint one_channel_search(const std::vector<OneChannelTerm>& terms, long K, int starts,
                                   unsigned long seed);

} // namespace convcert::separation
