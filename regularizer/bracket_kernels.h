// Stages 3 and 4 of the regularizer bracket (bracket.h): numerical kernel candidates, each
// completed to an exact network (bracket_exact.h) until the gap over the certified lower bound
// meets kBracketTargetGap. Closed forms at K = 1 and K = D for any R; otherwise at R = 1 the
// spectral factor of r* (optionally refined on the KKT system), at R > 1 the eigen-kernels of
// the optimal Gram matrix, polished and lifted (polish_kernels.h), the best then collapsed to R
// channels (collapse.h) when that keeps the gap. One kernel of one row (R = 1)
// is balanced and rounded to the fewest bits its cost estimate allows; more kernels try a
// short ladder of grids.
#pragma once

#include "regularizer/bracket_dual.h"
#include "regularizer/bracket_exact.h"
#include "support/flint_raii.h"

#include <optional>
#include <string>
#include <vector>

namespace convcert::regularizer {

/// The relative gap (upper - lower)/upper the kernel search stops at.
inline constexpr double kBracketTargetGap = 1e-9;
/// Rel. tolerance of a single kernel's rounding against the unrounded kernel (cost estimate).
inline constexpr double kUpperRoundingTolerance = 1e-11;

/// What the search found; best is empty when every attempt failed (last_error says why).
struct RegularizerKernelSearch {
    std::optional<RegularizerNetwork> best;
    RegularizerKernelSource source = RegularizerKernelSource::Zero;
    double gap = 0; ///< (best cost - lower)/best cost, exact then rounded
    int attempts = 0;
    int polish_iterations = 0;
    double polish_seconds = 0;
    std::string last_error;
};

/// The inputs of the search: W exact and in double (R rows of D, not zero), the certified lower
/// bound and the numerical estimate of R_{K,∞}(W).
struct RegularizerKernelTarget {
    const support::FmpqMat& W;
    const Rows& wd;
    const Grid& grid; ///< the signal grid; K = grid_kernel_size(grid)
    long K;
    const support::Fmpq& lower;
    double lower_double, estimate;
};

/// Switches of the kernel search (defaults: the certified pipeline).
struct RegularizerKernelOptions {
    /// R > 1: collapse a best network of more than R channels to R (collapse.h). Off only to
    /// measure what the collapse costs (bench/bench_collapse.cpp); C0 is then the network's.
    bool collapse = true;
    /// 2-D, R = 1, 1 < K < D: local searches for a one-channel network after the bracket
    /// (bracket_one_channel.h; report only), 0 to skip.
    int one_channel_starts = 8;
    /// 2-D: complete every few-channel candidate to an exact network as soon as it is polished
    /// and polish every C even after the target is met (the search before the stop at the
    /// target). On only to measure the previous pipeline (bench/bench_regularizer.cpp --2d).
    bool few_eager = false;
};

/// K = 1 or K = D, any R: the closed-form kernels.
RegularizerKernelSearch regularizer_kernels_closed_form(const RegularizerKernelTarget& t);

/// R = 1, 1 < K < D: the one-channel kernel c (the spectral factor of r*, or its KKT
/// refinement), labelled `source`.
RegularizerKernelSearch regularizer_kernels_one(const RegularizerKernelTarget& t,
                                                const std::vector<double>& c,
                                                RegularizerKernelSource source);

/// R > 1 or a 2-D grid (D1 > 1), 1 < K < D: the eigen-kernels of the Gram matrix of stage 1:
/// few of them polished, all of them, polished, then lifted by R channels δ·e_(r,0) and
/// polished; on a 1-D grid a best network with more than R channels is then collapsed to at
/// most R (collapse.h), kept if its gap is within the target or no larger, so that the upper
/// bound holds for every C >= R. In 2-D there is no collapse (the matrix spectral factor is
/// 1-D only): C0 is the number of kernels found, and one channel is not always possible.
RegularizerKernelSearch regularizer_kernels_gram(const RegularizerKernelTarget& t,
                                                 const RegularizerDualNumeric& dual,
                                                 const RegularizerKernelOptions& options = {});

/// R = 1 where SDPA's point is on the boundary (dual source Sdpa): Newton on the KKT system
/// (kkt_newton.h) from (balanced c, its least-norm v, λ0). Empty when K + 2D is too large for
/// the dense solve or the residual does not decrease; otherwise the refined kernel u and dual
/// λ (candidates, not yet verified). w of length D, c of length K, λ0 of length D.
struct RegularizerKktRefinement {
    std::vector<double> u, lambda;
};
std::optional<RegularizerKktRefinement> regularizer_kernel_kkt(const std::vector<double>& w,
                                                               const std::vector<double>& c,
                                                               const std::vector<double>& lambda0);

} // namespace convcert::regularizer
