// A network read from the user's file, the input of `convcert collapse`: C channels with R >= 1
// input channels, {"D": 6, "K": 2, "R": 1, "u": [[K rationals], ...], "v": [[D rationals], ...]}
// for R = 1 (a kernel is a flat list), or with "R": 2 and "u": [[[K], [K]], ...] (a kernel is R
// rows of K, the layout of the regularizer-bracket certificate's network). Rationals as in the
// factor input (JSON integers, or strings "p", "p/q", "-1.25"), parsed into exact FLINT values
// here, at the edge. A 2-D network (MATH.md "Two-dimensional signals") states "shape": [D1, D2]
// and "kernel_shape": [K1, K2] ("D" and "K" then optional); each kernel row is K1·K2 rationals
// (row-major) or K1 rows of K2, each v is D1·D2 rationals or D1 rows of D2.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"
#include "support/input_json.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

inline constexpr long kMaxNetworkChannels = 4096;    ///< C
inline constexpr long kMaxNetworkKernelBlock = 4096; ///< R·K (the checker's limit)

struct NetworkInstance {
    long D = 0, K = 0, R = 1; ///< D = D1·D2, K = K1·K2 in 2-D
    /// dims 2: the 2-D grid (D1×D2, K1×K2); dims 1 (the default): 1-D, the grid is
    /// grid_1d(D, K) (network_instance_grid), whatever the other fields hold
    Grid grid;
    std::vector<support::FmpqMat> u; ///< C kernels, each R rows of K
    support::FmpqMat v;              ///< C rows of D: the second layer
};

/// The network's grid: net.grid in 2-D, grid_1d(D, K) in 1-D.
inline Grid network_instance_grid(const NetworkInstance& net) {
    return net.grid.dims == 2 ? net.grid : grid_1d(net.D, net.K);
}

/// True for a grid with D1, D2 > 1, where the Lemma fails (MATH.md); a 2-D network with D1 = 1
/// or D2 = 1 has the index maps of the 1-D one.
inline bool network_instance_is_2d(const NetworkInstance& net) {
    return net.grid.dims == 2 && net.grid.D1 > 1 && net.grid.D2 > 1;
}

/// Parses and validates a network. "R" may be omitted (R = 1). Throws support::InputError with
/// one line naming the problem (malformed JSON, unknown or missing fields, D < 1, K < 1, K > D,
/// R < 1 or R > 64, R·K > 4096, no channels, as many u as v, a kernel without R rows, wrong
/// lengths, non-rational or non-finite values, limits: D <= 4096, C <= 4096; in 2-D "shape"
/// without "kernel_shape" or the other way round, K1 > D1 or K2 > D2, "D" or "K" disagreeing
/// with the shapes).
NetworkInstance network_instance_from_json(const std::string& text);

} // namespace convcert::regularizer
