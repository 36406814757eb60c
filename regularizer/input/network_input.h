// A network read from the user's file, the input of `convcert collapse`: C channels with R >= 1
// input channels, {"D": 6, "K": 2, "R": 1, "u": [[K rationals], ...], "v": [[D rationals], ...]}
// for R = 1 (a kernel is a flat list), or with "R": 2 and "u": [[[K], [K]], ...] (a kernel is R
// rows of K, the layout of the regularizer-bracket certificate's network). Rationals as in the
// factor input (JSON integers, or strings "p", "p/q", "-1.25"), parsed into exact FLINT values
// here, at the edge.
#pragma once

#include "support/flint_raii.h"
#include "support/input_json.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

inline constexpr long kMaxNetworkChannels = 4096;    ///< C
inline constexpr long kMaxNetworkKernelBlock = 4096; ///< R·K (the checker's limit)

struct NetworkInstance {
    long D = 0, K = 0, R = 1;
    std::vector<support::FmpqMat> u; ///< C kernels, each R rows of K
    support::FmpqMat v;              ///< C rows of D: the second layer
};

/// Parses and validates a network. "R" may be omitted (R = 1). Throws support::InputError with
/// one line naming the problem (malformed JSON, unknown or missing fields, D < 1, K < 1, K > D,
/// R < 1 or R > 64, R·K > 4096, no channels, as many u as v, a kernel without R rows, wrong
/// lengths, non-rational or non-finite values, limits: D <= 4096, C <= 4096).
NetworkInstance network_instance_from_json(const std::string& text);

} // namespace convcert::regularizer
