// Where the regularizer bracket's pieces came from: the solver choice of the CLI, the source
// of the certified dual λ and the source of the network's kernels, as enums for control flow
// and, through the _name functions, as the words of reports and generator.method.
#pragma once

#include <string>

namespace convcert::regularizer {

/// How 1 < K < D is solved numerically at R = 1 (R > 1 always runs SDPA + central path).
enum class RegularizerSolver {
    /// Damped Newton on the reduction formula from r = ||w|| e_0 first (milliseconds; it
    /// converges in a few steps when the optimum r* is strictly positive on the circle), SDPA's
    /// reduced SDP when it does not converge (a boundary optimum).
    Auto,
    /// SDPA's reduced SDP always, then the Newton refinement from SDPA's r*.
    Sdpa,
};

/// The numerical dual point behind the certified lower bound.
enum class RegularizerDualSource {
    Zero,         ///< W = 0
    ClosedFormK1, ///< K = 1: 2·polar(W)
    ClosedFormKD, ///< K = D: 2 Ŵ_d/||Ŵ_d||
    Newton,       ///< R = 1: Newton on the reduction formula from ||w|| e_0
    Sdpa,         ///< SDPA's reduced SDP as solved
    SdpaNewton,   ///< R = 1: SDPA's r* refined by Newton (an interior optimum)
    SdpaKkt,      ///< R = 1: SDPA's point refined on the KKT system (a boundary optimum)
    Barrier,      ///< R > 1: SDPA's λ refined on the central path
};

/// Where the network's kernels came from.
enum class RegularizerKernelSource {
    Zero,              ///< W = 0: the zero network
    ClosedFormK1,      ///< K = 1: the SVD of W
    ClosedFormKD,      ///< K = D: the Fourier-side kernels
    SpectralFactor,    ///< R = 1: the spectral factor of r*
    SpectralFactorKkt, ///< R = 1: the same after a KKT refinement of the dual
    Gram,              ///< R > 1: eigen-kernels of the optimal Gram matrix
    GramFewPolish,     ///< R > 1: its top R or R + 1 eigen-kernels, polished
    GramPolish,        ///< R > 1: all its eigen-kernels, polished
    GramLiftPolish,    ///< R > 1: with R lift channels, polished
    GramLift,          ///< R > 1: with R lift channels
    GramCollapse,      ///< R > 1: the best of these collapsed to at most R channels (collapse.h)
};

/// R > 1: whose Gram matrix the kernels factor.
enum class RegularizerGramSource { Barrier, Sdpa };

/// Today's words: "zero", "closed-form K=1", "closed-form K=D", "newton", "sdpa",
/// "sdpa+newton", "sdpa+kkt", "sdpa+barrier".
const char* regularizer_dual_source_name(RegularizerDualSource source);

/// Today's words: at R = 1 "zero", "closed-form K=1", "closed-form K=D", "spectral factor",
/// "spectral factor+kkt"; at R > 1 "zero", "svd", "fourier", and "barrier" / "sdpa" (the
/// Gram source) followed by "", "+few+polish", "+polish", "+lift+polish", "+lift" or
/// "+collapse".
std::string regularizer_kernel_source_name(RegularizerKernelSource source, long R,
                                           RegularizerGramSource gram);

} // namespace convcert::regularizer
