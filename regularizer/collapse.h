// The collapse (MATH.md §3, the Theorem's constructive proof) as a generator: from a C-channel
// network with single-channel inputs, a one-channel network that realizes the same w at a cost
// at most the input's, and its network-collapse certificate (docs/certificates.md). Untrusted:
// the checker recomputes both predictors, both costs and the inequality.
#pragma once

#include "certify/certificate.h"
#include "regularizer/input/network_input.h"

#include <string>

namespace convcert::regularizer {

struct CollapseOptions {
    /// The most bits a rounding of the spectral factor may keep. Past 53 the factor comes from
    /// the Lemma engine (lemma/factor.h) at about max_bits / 3.3 + 10 decimal digits.
    long max_bits = 192;
};

struct CollapseResult {
    Certificate certificate;          ///< kind network-collapse, claim filled in
    long channels = 0;                ///< C of the input
    double cost_in = 0, cost_out = 0; ///< rounded, for messages (the claim holds them exactly)
    double slack = 0;                 ///< 0 unless the input was (nearly) optimal
    std::string source;               ///< what the output kernel is, e.g. "spectral factor"
    long bits = 0;                    ///< rounding bits of the output kernel (0: exact kernel)
    long tried = 0;                   ///< one-channel networks built and costed exactly
    double seconds = 0;
};

/// Collapses `net` (a validated instance, see network_input.h). With r = sum_c u_c ⋆ u_c and
/// c its spectral factor (c ⋆ c = r, found in double precision, then by the Lemma engine), for
/// b = 24, 36, 48, 53, then 64, 96, ... up to options.max_bits: round c to b significant bits,
/// take the exact least-norm v and an exact rational balancing scale
/// (regularizer_network_from_kernel), and stop at the first network of exact cost <= cost_in.
/// For C = 1 the input kernel itself (with its least-norm v, balanced) is a candidate too, so a
/// one-channel input never needs a slack. The output is the cheapest candidate; the claim's
/// slack is max(0, cost_out - cost_in), zero unless no candidate reached cost_in (an already
/// optimal input whose optimum needs an irrational kernel). w = 0 gives the zero network.
/// Throws std::runtime_error only if no candidate can be built at all (the fallback u = e_0,
/// v = w always can).
CollapseResult regularizer_collapse(const NetworkInstance& net,
                                    const CollapseOptions& options = {});

} // namespace convcert::regularizer
