// The regularizer-bracket generator for R >= 1 input channels (MATH.md §8): an exactly
// verified dual λ (lower bound, every C) and an exact rational network with C0 channels
// (upper bound, every C >= C0). Closed forms at K = 1 (2||W||_*) and K = D ((2/D) sum_d
// ||Ŵ[:,d]||), otherwise the reduced SDP of sdp_multi.h refined on the central path
// (dual_barrier_multi.h) and by a kernel polish (polish_multi.h). Untrusted: the checker
// re-verifies. Pipeline and measurements: docs/regularizer_multi.md.
//
// Sizes: the SDP has about (D/2)(R² + 2R) constraints, the central-path Newton system R·D
// unknowns, the exact PSD test is cubic in R·K (R·K up to a few hundred), the polish runs at
// most 90 s, and the exact least-norm V has denominators of about D·R·(2·bits + log) bits
// (least_norm_multi.h).
#pragma once

#include "certify/certificate.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// The relative gap (upper - lower)/upper the generator aims for when the SDP is accurate.
inline constexpr double kBracketTargetGapMulti = 1e-9;

struct RegularizerBracketMulti {
    long R = 0, D = 0, K = 0;
    std::vector<std::vector<std::string>> lambda;         ///< R rows of D, exactly dual feasible
    std::vector<std::vector<std::vector<std::string>>> u; ///< C0 kernels, R rows of K
    std::vector<std::vector<std::string>> v;              ///< C0 vectors of D
    std::string lower, upper;                             ///< exact, lower <= upper
    double lower_double = 0, upper_double = 0;
    double relative_gap = 0; ///< (upper - lower)/upper (0 when upper = 0), exact then rounded
    double estimate = 0; ///< numerical R_{K,∞}(W): closed form, else the central-path dual value
    long C0 = 0;         ///< channels of the network
    std::string source;  ///< "zero", "closed-form K=1", "closed-form K=D", "sdpa"
    /// where the kernels came from: "svd", "fourier", or "barrier"/"sdpa" (the central or SDPA's
    /// Gram matrix) + "+few+polish" (its top R or R + 1 eigen-kernels polished), "+polish",
    /// "+lift+polish" or "+lift"; "zero" for W = 0
    std::string network;
    int kernel_bits = 0;       ///< rounding grid of the kernels that won
    long denominator_bits = 0; ///< bit length of the common denominator of v
    int network_attempts = 0;  ///< exact least-norm solves tried
    std::string sdp_status;    ///< SDPA's phase, empty for closed forms
    double sdp_gap = 0;        ///< SDPA's relative duality gap
    int sdp_iterations = 0;
    int polish_iterations = 0; ///< Levenberg–Marquardt steps, all polishes (polish_multi.h)
    int barrier_steps = 0;     ///< Newton steps refining SDPA's λ (dual_barrier_multi.h)
    double sdp_seconds = 0, polish_seconds = 0, barrier_seconds = 0, lower_seconds = 0,
           upper_seconds = 0, total_seconds = 0;
};

/// W: R >= 1 rows (R <= 64) of D >= 1 rationals "p" / "p/q"; 1 <= K <= D. Throws
/// std::invalid_argument on bad input, std::runtime_error when SDPA returns no usable point
/// or no exact network could be built (e.g. the optimal Gram matrix has rank < R and every
/// lifted attempt failed).
RegularizerBracketMulti regularizer_bracket_multi(const std::vector<std::vector<std::string>>& W,
                                                  long K);

/// The regularizer-bracket certificate of b for W (the same W as given to
/// regularizer_bracket_multi): claim (D, K, R, w, lower, upper), evidence (λ, u, v), method.
Certificate regularizer_bracket_multi_certificate(const RegularizerBracketMulti& b,
                                                  const std::vector<std::vector<std::string>>& W);

} // namespace convcert::regularizer
