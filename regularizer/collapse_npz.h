// The collapse's input from NumPy (`convcert collapse --npz NET.npz`): the arrays "u" and "v" of
// an .npz file as python/convcert/npz.py's network_save writes them, every value kept exactly (a
// float is a dyadic rational), then the checks of network_instance_from_json; and the collapsed
// network back as an .npz (`--npz-out`), float64, each value rounded to the nearest double.
#pragma once

#include "regularizer/exact/network.h"
#include "regularizer/input/network_input.h"
#include "support/npy_read.h"

#include <map>
#include <string>

namespace convcert::regularizer {

/// The network of arrays["u"] and arrays["v"] (other members are ignored). Shapes: u (C, R, K)
/// with v (C, D) is 1-D; u (C, R, K1, K2) or (C, K1, K2) (R = 1) with v (C, D1, D2) is 2-D.
/// Throws support::InputError (one line): u or v missing, other shapes, a zero dimension,
/// C, D or R·K beyond the limits of network_input.h (checked before any value is converted),
/// and whatever network_instance_from_json refuses (K > D, ...).
NetworkInstance network_instance_from_npz(const std::map<std::string, support::NpyArray>& arrays);

/// The .npz bytes (support/npz_write.h) of a network on the grid g with R input channels: "u" of
/// shape (C0, R, K) and "v" (C0, D) in 1-D, (C0, R, K1, K2) and (C0, D1, D2) in 2-D, float64,
/// each exact value rounded to the nearest double (MPFR, ties to even). `rounded` receives how
/// many values were not exactly representable (0: the file is the exact network).
std::string collapse_network_npz(const RegularizerNetwork& net, const Grid& g, long R,
                                 long& rounded);

} // namespace convcert::regularizer
