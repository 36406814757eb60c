// A regularizer instance read from the user's file: {"D": 8, "w": [...]} for single-channel
// inputs or {"R": 2, "D": 6, "w": [[...], [...]]} for R input channels, rationals as in the
// factor input (JSON integers, or strings "p", "p/q", "-1.25"), canonicalized. 2-D signals
// (MATH.md, "Two-dimensional signals") give "shape": [D1, D2] instead of (or beside) "D" and
// each w flat (row-major) or as D1 rows of D2 (support/grid_input.h).
#pragma once

#include "certify/grid.h"
#include "support/grid_input.h"
#include "support/input_json.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

inline constexpr long kMaxSignalLength = 4096; ///< D = D1·D2
inline constexpr long kMaxInputChannels = 64;  ///< R

struct RegularizerInstance {
    Grid grid;  ///< the signal group and kernel support (grid_1d for "D" inputs)
    long D = 0; ///< grid_signal_size(grid)
    long R = 1;
    std::vector<std::vector<std::string>> w; ///< R rows of D canonical rationals, row-major
};

/// Parses and validates an instance for the kernel shape `kernel` (--kernel K or K1xK2; the
/// grid rules of support::grid_from_input). Throws support::InputError with one line naming
/// the problem (malformed JSON, a dimension < 1, K1 > D1 or K2 > D2, "D" and "shape"
/// disagreeing, wrong lengths, a flat w with R > 1, non-rational or non-finite values, limits).
RegularizerInstance regularizer_instance_from_json(const std::string& text,
                                                   const support::KernelSpec& kernel);

} // namespace convcert::regularizer
