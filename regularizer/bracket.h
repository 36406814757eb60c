// The regularizer-bracket certificate for R >= 1 input channels, end to end (MATH.md §3-§8):
// an exactly verified dual λ (lower bound for every C) and an exact rational network with C0
// channels (upper bound for every C >= C0; C0 = 1 at R = 1, so there every C). Five named
// stages, each once for any R: (1) numerical dual candidates (bracket_dual.h), (2) the exact
// lower bound (bracket_exact.h), (3) kernel candidates and (4) their exact networks
// (bracket_kernels.h), (5) this report and the certificate. Untrusted: the checker re-verifies.
// Format and meaning: docs/certificates.md; measurements: docs/regularizer*.md.
#pragma once

#include "certify/certificate.h"
#include "certify/grid.h"
#include "regularizer/bracket_dual.h"
#include "regularizer/bracket_kernels.h"
#include "regularizer/bracket_one_channel.h"
#include "regularizer/bracket_source.h"
#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// What the pipeline built and how: exact values, doubles for display, sources, timings.
struct RegularizerBracket {
    Grid grid;                       ///< the signal grid (grid_1d for 1-D instances)
    long R = 0, D = 0, K = 0;        ///< D = D1·D2, K = K1·K2
    support::FmpqMat lambda;         ///< R×D, exactly dual feasible
    std::vector<support::FmpqMat> u; ///< C0 kernels, R×K
    support::FmpqMat v;              ///< C0×D integers: the second layer times v_den
    support::Fmpz v_den; ///< > 0: v_c[j] = v(c, j)/v_den (one denominator, not reduced: no gcds
                         ///< of long numbers), sum_c u_c[r] * v_c = W[r]
    support::Fmpq lower, upper; ///< lower = <λ, W> <= upper = the network's cost
    double lower_double = 0, upper_double = 0;
    double relative_gap = 0; ///< (upper - lower)/upper exactly, then rounded (0 when upper = 0)
    double estimate = 0;     ///< numerical R_{K,∞}(W)
    long C0 = 1;             ///< channels of the network
    RegularizerDualSource dual_source = RegularizerDualSource::Zero;
    RegularizerKernelSource kernel_source = RegularizerKernelSource::Zero;
    RegularizerDualSolve solve; ///< stage 1: SDPA's outcome, Gram source, timings
    /// 2-D, R = 1, 1 < K < D: whether one channel reached the lower bound (report only)
    RegularizerOneChannel one_channel;
    double one_channel_seconds = 0;
    int polish_iterations = 0; ///< kernel polish steps (R > 1)
    int network_attempts = 0;  ///< exact least-norm solves tried
    int kernel_bits = 0;       ///< rounding grid of the kernels that won
    long denominator_bits = 0; ///< bit length of v's common denominator
    double polish_seconds = 0; ///< kernel polishing, within upper_seconds
    double lower_seconds = 0;  ///< stage 2 (and the KKT refinement's verification at R = 1)
    double upper_seconds = 0;  ///< stages 3 and 4
    double total_seconds = 0;
};

/// W: R×D exact, 1 <= R <= 64, D = grid_signal_size(g) >= 1 (rows row-major), 1 <= K1 <= D1,
/// 1 <= K2 <= D2. A grid with D1 = 1 is a 1-D instance (every 1-D route; the result does not
/// depend on g.dims); with D1 > 1 (2-D) every 1 < K < D goes through the Gram SDP at any R and
/// C0 is the number of kernels found (no collapse: in 2-D one channel is not always possible,
/// MATH.md "Two-dimensional signals"). The solver choice matters at R = 1, D1 = 1, 1 < K < D
/// only. Throws std::invalid_argument on bad input, std::runtime_error when the numerical side
/// fails (no usable dual point, no exact network). `kernels` switches parts of the kernel
/// search (bracket_kernels.h; the defaults are the certified pipeline).
RegularizerBracket regularizer_bracket(const support::FmpqMat& W, const Grid& g,
                                       RegularizerSolver solver = RegularizerSolver::Auto,
                                       const RegularizerKernelOptions& kernels = {});

/// The 1-D bracket: the grid 1×D with kernel 1×K, D = W's columns, 1 <= K <= D.
inline RegularizerBracket regularizer_bracket(const support::FmpqMat& W, long K,
                                              RegularizerSolver solver = RegularizerSolver::Auto,
                                              const RegularizerKernelOptions& kernels = {}) {
    return regularizer_bracket(W, grid_1d(W.cols(), K), solver, kernels);
}

/// "lower: <dual source>; upper: <kernel source>" at R = 1, "multi-channel: lower <...>,
/// upper <...>" at R > 1 (the words of regularizer_*_source_name).
std::string regularizer_bracket_method(const RegularizerBracket& b);

/// The regularizer-bracket certificate of b for W (the W given to regularizer_bracket):
/// claim (D, K, R, shape and kernel_shape in 2-D, w, lower, upper), evidence (λ, u, v),
/// generator method.
Certificate regularizer_bracket_certificate(const RegularizerBracket& b, const support::FmpqMat& W);

} // namespace convcert::regularizer
