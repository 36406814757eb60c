// The exact lower bound of the one-channel cost φ on a box of a face of the cube ‖u‖_∞ = 1
// (docs/separation.md, "The leaf bound"): the larger of a first-order bound (a lower bound of
// ‖u‖² times upper bounds of each uᵀ M_t u) and a second-order one (φ >= ‖u‖² (A0 - uᵀ P u), the
// tangent of 1/q at the box centre, expanded around the centre). The checker recomputes the same
// formula independently (certify/checker/check_one_channel_bound.cpp).
#pragma once

#include "separation/one_channel_terms.h"

#include <vector>

namespace convcert::separation {

/// The box lo[k] <= u_k <= hi[k] (k < K) with lo[face] = hi[face] = 1.
struct OneChannelBox {
    long face = 0;
    std::vector<support::Fmpq> lo, hi;
};

/// bound = a lower bound of φ on the box (every u in the box with all uᵀ M_t u > 0 has
/// φ(u) >= bound). Returns false (bound untouched) when some term's upper bound of uᵀ M_t u is
/// <= 0, which cannot happen on a box with lo < hi off the face (docs/separation.md).
/// Precondition: terms nonempty, lo <= hi entrywise, sizes K.
bool one_channel_box_bound(fmpq_t bound, const std::vector<OneChannelTerm>& terms,
                           const OneChannelBox& box);

} // namespace convcert::separation
