// The words of the bracket's sources (see bracket_source.h).
#include "regularizer/bracket_source.h"

namespace convcert::regularizer {

const char* regularizer_dual_source_name(RegularizerDualSource source) {
    switch (source) {
    case RegularizerDualSource::Zero:
        return "zero";
    case RegularizerDualSource::ClosedFormK1:
        return "closed-form K=1";
    case RegularizerDualSource::ClosedFormKD:
        return "closed-form K=D";
    case RegularizerDualSource::Newton:
        return "newton";
    case RegularizerDualSource::Sdpa:
        return "sdpa";
    case RegularizerDualSource::SdpaNewton:
        return "sdpa+newton";
    case RegularizerDualSource::SdpaKkt:
        return "sdpa+kkt";
    case RegularizerDualSource::Barrier:
        return "sdpa+barrier";
    }
    return "?";
}

std::string regularizer_kernel_source_name(RegularizerKernelSource source, long R,
                                           RegularizerGramSource gram) {
    const std::string prefix = gram == RegularizerGramSource::Barrier ? "barrier" : "sdpa";
    switch (source) {
    case RegularizerKernelSource::Zero:
        return "zero";
    case RegularizerKernelSource::ClosedFormK1:
        return R == 1 ? "closed-form K=1" : "svd";
    case RegularizerKernelSource::ClosedFormKD:
        return R == 1 ? "closed-form K=D" : "fourier";
    case RegularizerKernelSource::SpectralFactor:
        return "spectral factor";
    case RegularizerKernelSource::SpectralFactorKkt:
        return "spectral factor+kkt";
    case RegularizerKernelSource::Gram:
        return prefix;
    case RegularizerKernelSource::GramFewPolish:
        return prefix + "+few+polish";
    case RegularizerKernelSource::GramPolish:
        return prefix + "+polish";
    case RegularizerKernelSource::GramLiftPolish:
        return prefix + "+lift+polish";
    case RegularizerKernelSource::GramLift:
        return prefix + "+lift";
    case RegularizerKernelSource::GramCollapse:
        return prefix + "+collapse";
    }
    return "?";
}

} // namespace convcert::regularizer
