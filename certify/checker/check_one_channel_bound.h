// one-channel-bound (docs/separation.md; the lower half of the channel-separation kind): L1 <=
// R_{K,1}(w) for a signal w on Z_D1 × Z_D2 with K1×K2 kernels and rational DFT cosines (lcm(D1, D2)
// in {1, 2, 3, 4, 6}), from leaves covering every face of the cube ‖u‖_∞ = 1, each carrying a lower
// bound of the scale-invariant cost φ that the checker recomputes from w alone.
#pragma once

#include "certify/checker/checker.h"

#include <string>
#include <vector>

namespace convcert::checker {

/// The claim R_{K,1}(w) >= lower for w (D1·D2 canonical rationals, row-major), R = 1.
struct OneChannelBoundClaim {
    long D1 = 1, D2 = 1, K1 = 1, K2 = 1;
    std::vector<std::string> w;
    std::string lower;
};

/// A leaf (certify/certificate.h): the box lo <= u <= hi (K1·K2 canonical rationals each) of the
/// face u_face = 1, so lo[face] = hi[face] = 1, and bound, a claimed lower bound of φ on it.
using convcert::OneChannelBoundLeaf;

/// The leaves in depth-first order (lower half first) of the bisection trees of the faces
/// 0, 1, ..., ceil(K/2) - 1 (the others are their mirror images under k -> K-1-k), each tree
/// splitting a box at the midpoint of its widest free coordinate (the lowest index on ties).
struct OneChannelBoundEvidence {
    std::vector<OneChannelBoundLeaf> leaves;
};

inline constexpr long kMaxOneChannelSignal = 64;      // D1·D2
inline constexpr long kMaxOneChannelKernel = 16;      // K1·K2
inline constexpr long kMaxOneChannelLeaves = 4000000; // leaves
inline constexpr long kMaxOneChannelHalvings = 64;    // bisections of one coordinate in a leaf

/// Valid when: the shape is valid and within the limits, lcm(D1, D2) in {1, 2, 3, 4, 6}, w ≠ 0,
/// lower > 0; the leaves are exactly the leaves of the bisection trees (so they cover every
/// face); and every leaf's bound is >= (lower/2)² and <= the leaf bound recomputed from w
/// (docs/separation.md, "The leaf bound"). Rejections name the first failing leaf.
Verdict check_one_channel_bound(const OneChannelBoundClaim& claim,
                                const OneChannelBoundEvidence& evidence);

/// The same checks inside a verdict_run of the caller's (check_channel_separation): throws Reject
/// or Undecided (certify/checker/rational.h) on the first failure.
void one_channel_bound_check_leaves(const OneChannelBoundClaim& claim,
                                    const std::vector<OneChannelBoundLeaf>& leaves);

} // namespace convcert::checker
