// The certified lower bound L1 <= R_{K,1}(w) on the one-channel cost of a signal w on a grid with
// rational DFT cosines (issue 18; docs/separation.md): a numerical search for the best kernel
// sets a target, then an exact branch and bound over the faces of the cube ‖u‖_∞ = 1 (half of
// them, by the symmetry k -> K-1-k) proves
// φ >= (L1/2)² on every leaf. The leaves, in depth-first order of the bisection tree, are the
// evidence that certify/checker/check_one_channel_bound verifies.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::separation {

/// One leaf: the box lo <= u <= hi of the face u_face = 1 (lo[face] = hi[face] = "1"), and a
/// claimed lower bound of φ on it (canonical rationals).
struct OneChannelLeaf {
    long face = 0;
    std::vector<std::string> lo, hi;
    std::string bound;
};

struct OneChannelBoundOptions {
    double margin = 1e-3;        ///< L1 = the best cost found times (1 - margin), rounded down
    int starts = 64;             ///< random starts of the numerical search
    unsigned long seed = 1;      ///< its seed (the result is deterministic)
    long max_leaves = 2'000'000; ///< the branch and bound gives up beyond this
};

struct OneChannelBound {
    Grid grid;
    std::string lower; ///< L1, a decimal rational p/10^6 (canonical)
    double lower_double = 0;
    std::vector<std::string> best_u; ///< the best kernel found, rational, max |u_k| = 1
    std::string best_phi;            ///< φ(best_u) exactly
    double best_cost = 0;            ///< 2 sqrt(best_phi): a one-channel network's cost
    std::vector<OneChannelLeaf> leaves;
    long nodes = 0;    ///< boxes visited (internal nodes + leaves)
    long terms = 0;    ///< pairs {d, -d} with ŵ(d) ≠ 0
    int retargets = 0; ///< times the tree found a better kernel and restarted
    double search_seconds = 0, tree_seconds = 0;
};

/// L1 and its evidence for w (D1·D2 exact values, row-major; w ≠ 0) on the grid g (valid,
/// lcm(D1, D2) in {1, 2, 3, 4, 6}). R = 1 only. Throws std::invalid_argument on a refused shape
/// or w = 0, std::runtime_error when the tree passes options.max_leaves.
OneChannelBound one_channel_bound(const Grid& g, const std::vector<support::Fmpq>& w,
                                  const OneChannelBoundOptions& options = {});

} // namespace convcert::separation
