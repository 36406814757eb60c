// The collapse as a generator, for R >= 1 input channels: from a C-channel network, a network
// with at most R channels (fewer when rank W or the rank of the kernels' spectral density is
// smaller) that realizes the same W at a cost at most the input's, and its network-collapse
// certificate (docs/certificates.md). R = 1 is MATH.md §3 (the scalar spectral factor); R > 1
// is MATH.md "The multi-channel conjecture follows from the matrix Fejér–Riesz theorem" (the
// matrix spectral factor). Untrusted: the checker recomputes both predictors, both costs and
// the inequality.
//
// Precision: for R = 1 the factor comes in double precision, then from the Lemma engine in high
// precision (roundings up to options.max_bits). For R > 1 the matrix factor is double
// precision only, so roundings stop at 53 bits; when none of them reaches cost_in (an input that
// is already optimal or within about 2^-50 relative of it, and that has more than R channels),
// the certificate states the excess as its slack. Inputs with C <= R never need a slack (the
// input kernels, or the input itself projected onto col W, are candidates).
//
// 2-D networks (MATH.md "Two-dimensional signals"): the Lemma fails, so there is no spectral
// factor; the certified construction is the regularizer bracket's network on W (C0 channels,
// regularizer/bracket.h), beside the exact channel reduction (collapse_reduce.h). The output
// has fewer channels than the input, or there is no collapse (CollapseNotReduced).
#pragma once

#include "certify/certificate.h"
#include "regularizer/exact/network.h"
#include "regularizer/input/network_input.h"

#include <stdexcept>
#include <string>

namespace convcert::regularizer {

/// A 2-D collapse whose constructions reach no fewer channels than the input has; what() is
/// one line "no collapse: ..." naming C and C0.
struct CollapseNotReduced : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CollapseOptions {
    /// The most bits a rounding of the spectral factor may keep. Past 53 the factor comes from
    /// the Lemma engine (lemma/factor.h) at about max_bits / 3.3 + 10 decimal digits (R = 1).
    long max_bits = 192;
};

struct CollapseResult {
    Certificate certificate;          ///< kind network-collapse, claim filled in
    RegularizerNetwork network;       ///< the output network, exact (as in the claim)
    long channels = 0;                ///< C of the input
    long channels_out = 0;            ///< channels of the output, 1..R
    double cost_in = 0, cost_out = 0; ///< rounded, for messages (the claim holds them exactly)
    double slack = 0;                 ///< 0 unless the input was (nearly) optimal
    std::string source;               ///< what the output kernels are, e.g. "spectral factor"
    long bits = 0;                    ///< rounding bits of the output kernels (0: exact kernels)
    long tried = 0;                   ///< networks built and costed exactly
    double seconds = 0;
    double factor_seconds = 0; ///< of which the numerical spectral factors (the rest is exact)
};

/// Collapses `net` (a validated instance, see network_input.h). W = sum_c u_c * v_c exactly;
/// s = rank W (W as R×D) and Π the orthogonal projection onto col W (Π = I when s = R; every
/// network realizing W still does with kernels Π u_c, at no higher cost). With H the matrix
/// autocorrelation of the kernels (H_j = sum_c sum_k u_c[:, k] u_c[:, k+j]ᵀ) and P a spectral
/// factor of H restricted to col W (collapse_factor.h; its r <= s columns are channels), for
/// b = 24, 36, 48, 53 (R = 1: then 64, 96, ... up to options.max_bits from the Lemma engine):
/// round each channel to b significant bits, project it exactly by Π, take the exact
/// least-norm V and an exact rational balancing scale, and stop at the first network of exact
/// cost <= cost_in. A rounding whose channels miss W at some frequency builds nothing (the
/// realization is exact). When C <= R the input kernels (with their least-norm V) and, last,
/// the input network with Π u_c are candidates too; when the kernels Π u_c have rank ρ <= R as
/// stacked vectors, so is their exact reduction to ρ channels (collapse_reduce.h). The output is
/// the cheapest candidate; the slack is max(0, cost_out - cost_in). W = 0 gives the one-channel
/// zero network; when nothing else can be built, u_r = e_r e_0ᵀ, v_r = W[r] (R channels). Throws
/// std::runtime_error only if not even that can be built.
///
/// A 2-D network (network_instance_is_2d; D1 = 1 or D2 = 1 is the 1-D case) has two candidates: the
/// exact channel reduction of its kernels, and the regularizer bracket's network for W (cost <=
/// lower bound·(1 + gap), C0 channels). The output is the candidate with the fewest channels (then
/// the cheapest), with the slack max(0, cost_out - cost_in); W = 0 gives the one-channel zero
/// network. Throws CollapseNotReduced (naming C and C0) when no candidate has fewer channels than
/// the input (always when C = 1), std::runtime_error when none can be built.
CollapseResult regularizer_collapse(const NetworkInstance& net,
                                    const CollapseOptions& options = {});

} // namespace convcert::regularizer
