// The two-channel network of `convcert separate` (issue 18): the upper half U2 >= R_{K,2}(w) of
// a channel separation, taken from the 2-D regularizer bracket (regularizer/bracket.h). Its
// network is used as it is when it has two channels; a network of more channels is reduced to
// two by local searches (polish_kernels.h with C = 2 from each pair of its kernels), rounded,
// and completed by the exact least-norm second layer. Untrusted: the checker re-verifies.
#pragma once

#include "regularizer/bracket.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::separation {

/// An exact network realizing w: kernels u (C×K) and second layer v (C×D), cost its exact
/// ||u||² + ||v||².
struct SeparateNetwork {
    support::FmpqMat u, v;
    support::Fmpq cost;
};

/// The network of b (the bracket of w, R = 1) as it is: C = b.C0 channels, cost b.upper.
SeparateNetwork separate_network_of_bracket(const regularizer::RegularizerBracket& b);

/// A two-channel network for w (D exact values on b.grid) from the bracket b of w with
/// b.C0 > 2: every pair of its kernels polished with C = 2 (no wall-clock cap, so the result is
/// deterministic), the best rounded to multiples of 2^-30, with the exact least-norm v. Cost:
/// C0(C0-1)/2 polishes of 2K variables. Throws std::runtime_error when no pair reaches every
/// frequency of w.
SeparateNetwork separate_network_two(const regularizer::RegularizerBracket& b,
                                     const std::vector<support::Fmpq>& w);

/// The upper half of a separation: the bracket's own network when b.C0 <= 2, else
/// separate_network_two(b, w). Same preconditions and exceptions.
SeparateNetwork separate_network_upper(const regularizer::RegularizerBracket& b,
                                       const std::vector<support::Fmpq>& w);

} // namespace convcert::separation
