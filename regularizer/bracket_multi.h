// The pre-issue-12 entry points of the regularizer bracket, as thin wrappers of the one
// pipeline (bracket.h), for their last caller, maxmargin/bracket.cpp (owned by the exact
// branch; not editable from the pipeline branch). Delete this file when it calls
// regularizer_bracket directly.
#pragma once

#include "regularizer/bracket.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

/// Deprecated: the full result is RegularizerBracket.
struct RegularizerBracketReport {
    RegularizerBracket bracket;
};

/// Deprecated: regularizer_bracket + regularizer_bracket_certificate for one row w of
/// rationals. Throws as regularizer_bracket does.
Certificate regularizer_bracket_certificate(const std::vector<std::string>& w, long K,
                                            RegularizerBracketReport* report = nullptr,
                                            RegularizerSolver solver = RegularizerSolver::Auto);

/// Deprecated: the network and upper bound of regularizer_bracket for rows W of rationals.
struct RegularizerBracketMulti {
    std::vector<std::vector<std::vector<std::string>>> u; ///< C0 kernels, R rows of K
    std::vector<std::vector<std::string>> v;              ///< C0 vectors of D
    std::string upper;                                    ///< exact
    long C0 = 0;
    std::string network; ///< regularizer_kernel_source_name
};

RegularizerBracketMulti regularizer_bracket_multi(const std::vector<std::vector<std::string>>& W,
                                                  long K);

} // namespace convcert::regularizer
