// The regularizer-bracket certificate for single-channel inputs, end to end: the exactly
// verified dual lower bound (dual_bound.h) and a one-channel network upper bound from the
// spectral factor of the optimal autocorrelation r* (network_one_channel.h), or from the
// closed forms at K = 1 and K = D. Format and meaning: docs/certificates.md.
#pragma once

#include "certify/certificate.h"
#include "regularizer/dual_bound.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// What the pipeline did, for the CLI's report and the benchmark.
struct RegularizerBracketReport {
    std::string lower, upper; ///< the certified bracket (exact)
    double lower_double = 0, upper_double = 0;
    double relative_gap = 0;   ///< (upper - lower) / upper, 0 when upper = 0
    double estimate = 0;       ///< numerical R_{K,∞}(w)
    long channels = 1;         ///< C0
    std::string lower_source;  ///< dual_bound's source ("sdpa+newton", "closed-form K=1", ...)
    std::string upper_source;  ///< "spectral factor", "closed-form K=1", "closed-form K=D", "zero"
    std::string sdp_status;    ///< SDPA's phase, empty when no SDP ran
    long kernel_bits = 0;      ///< rounding bits of the kernel
    long denominator_bits = 0; ///< size of v's common denominator
    double lower_seconds = 0;  ///< SDP + polish + exact dual verification
    double sdp_seconds = 0;    ///< the SDPA solve alone (part of lower_seconds)
    double solve_seconds = 0; ///< all numerical solving (Newton and/or SDPA, part of lower_seconds)
    double upper_seconds = 0; ///< factor + rounding + exact least-norm v
};

/// Builds the certificate for w (D canonical rationals, one input channel), 1 <= K <= D.
/// Throws std::invalid_argument on bad input, std::runtime_error when the numerical side
/// fails (no usable SDP point, no spectral factor).
Certificate regularizer_bracket_certificate(const std::vector<std::string>& w, long K,
                                            RegularizerBracketReport* report = nullptr,
                                            RegularizerSolver solver = RegularizerSolver::Auto);

} // namespace convcert::regularizer
