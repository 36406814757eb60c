// Reading spatial shapes at the edge: the CLI's `--kernel K` / `--kernel K1xK2`, an input file's
// "D" or "shape": [D1, D2], and signals given flat (row-major) or as D1 rows of D2. The result
// is a certify/grid.h Grid, validated here; all later code indexes through it.
#pragma once

#include "certify/grid.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace convcert::support {

/// A kernel shape as the user wrote it: "K" (dims 1, K1 = 1, K2 = K) or "K1xK2" (dims 2).
struct KernelSpec {
    long K1 = 1, K2 = 1;
    int dims = 1;
};

/// Parses "K" or "K1xK2" (positive integers below 2^31). Throws InputError naming `option`.
KernelSpec kernel_spec_parse(const std::string& text, const std::string& option);

/// The input's spatial shape: {"D": n} gives {n}; {"shape": [D1, D2]} gives {D1, D2}; both
/// present must agree (D = D1·D2). Throws InputError: neither or a malformed field, a shape of
/// other than 1 or 2 entries, a dimension below 1, or D above `max_signal`.
std::vector<long> input_shape_read(const nlohmann::json& j, long max_signal);

/// The grid of a signal of shape `shape` (one or two dimensions) with kernel `k`. A 1-D kernel
/// "K" on a 2-D signal means K×K (the paper's K×K kernels); a 2-D kernel on a 1-D signal is
/// refused unless K1 = 1. Throws InputError unless 1 <= K1 <= D1 and 1 <= K2 <= D2.
Grid grid_from_input(const std::vector<long>& shape, const KernelSpec& k);

/// One signal of the grid: a flat list of D1·D2 rationals (row-major) or, for a 2-D grid, a
/// list of D1 rows of D2. Canonical rationals out; throws InputError naming `where`.
std::vector<std::string> signal_from_json(const nlohmann::json& x, const Grid& g,
                                          const std::string& where);

/// True if `x` is a signal written as nested rows (its first entry is an array).
bool signal_is_nested(const nlohmann::json& x);

} // namespace convcert::support
