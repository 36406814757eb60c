// A regularizer instance read from the user's file: {"D": 8, "w": [...]} for single-channel
// inputs or {"R": 2, "D": 6, "w": [[...], [...]]} for R input channels, rationals as in the
// factor input (JSON integers, or strings "p", "p/q", "-1.25"), canonicalized.
#pragma once

#include "support/input_json.h"
#include <string>
#include <vector>

namespace convcert::regularizer {

inline constexpr long kMaxSignalLength = 4096; ///< D
inline constexpr long kMaxInputChannels = 64;  ///< R

struct RegularizerInstance {
    long D = 0;
    long R = 1;
    std::vector<std::vector<std::string>> w; ///< R rows of D canonical rationals
};

/// Parses and validates an instance for kernel size K (1 <= K <= D is checked here). Throws
/// support::InputError with one line naming the problem (malformed JSON, D < 1, K > D, wrong
/// lengths, a flat w with R > 1, non-rational or non-finite values, limits).
RegularizerInstance regularizer_instance_from_json(const std::string& text, long K);

} // namespace convcert::regularizer
