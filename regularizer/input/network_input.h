// A network read from the user's file, the input of `convcert collapse`:
// {"D": 6, "K": 2, "R": 1, "u": [[K rationals], ...], "v": [[D rationals], ...]}, C channels
// with single-channel inputs, rationals as in the factor input (JSON integers, or strings "p",
// "p/q", "-1.25"), canonicalized.
#pragma once

#include "support/input_json.h"
#include <string>
#include <vector>

namespace convcert::regularizer {

inline constexpr long kMaxNetworkChannels = 4096; ///< C

struct NetworkInstance {
    long D = 0, K = 0;
    std::vector<std::vector<std::string>> u; ///< C kernels of K canonical rationals
    std::vector<std::vector<std::string>> v; ///< C vectors of D canonical rationals
};

/// Parses and validates a network. "R" may be omitted; it must be 1. Throws support::InputError
/// with one line naming the problem (malformed JSON, unknown or missing fields, D < 1, K < 1,
/// K > D, R != 1, no channels, as many u as v, wrong lengths, non-rational or non-finite
/// values, limits: D <= 4096, C <= 4096).
NetworkInstance network_instance_from_json(const std::string& text);

} // namespace convcert::regularizer
