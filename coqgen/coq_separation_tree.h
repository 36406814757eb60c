// The bisection tree behind a channel-separation Coq export (untrusted generator side): boxes
// of kernels u on the faces {u_k = 1, |u_j| <= 1} of a 2-D grid, each leaf with a dyadic dual
// point lambda such that proofs/Separation.v's leaf_ok (the centred, second-order bound
// L1^2 <= 4 glo) passes. Every leaf is checked here in exact rationals with the same formulas
// as leaf_ok (so the exported file compiles), but nothing here is trusted: Coq re-checks every
// leaf.
#pragma once

#include "certify/grid.h"

// Boost 1.74's rational normalize() trips GCC 12's -Wmaybe-uninitialized (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/multiprecision/cpp_int.hpp>
#pragma GCC diagnostic pop

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace convcert::coqgen {

/// One node of a face's tree: a leaf (lambda = lam / 2^lam_bits) or a split of coordinate j at
/// the box's midpoint into children[0] (lower half) and children[1] (upper half).
struct SeparationNode {
    long split = -1; // -1: a leaf
    std::vector<long long> lam;
    std::vector<SeparationNode> children;
};

struct SeparationTreeOptions {
    std::size_t max_leaves = 60000; // over all faces
    int lam_bits = 16;              // lambda's common denominator 2^lam_bits
};

/// The K faces' trees proving 4 ||u||^2 ||v||^2 >= L1^2 for every one-channel (u, v) with
/// u * v = w on grid g (w: D rationals, flat row-major), or nullopt if more than
/// options.max_leaves leaves would be needed. Precondition: g valid (1 <= K1 <= D1,
/// 1 <= K2 <= D2), w.size() == D, L1 > 0.
std::optional<std::vector<SeparationNode>>
separation_trees(const Grid& g, const std::vector<boost::multiprecision::cpp_rational>& w,
                 const boost::multiprecision::cpp_rational& L1,
                 const SeparationTreeOptions& options);

/// The number of leaves of a tree.
std::size_t separation_tree_leaves(const SeparationNode& t);

} // namespace convcert::coqgen
