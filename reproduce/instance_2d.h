// The 2-D instances of `convcert reproduce` (claims 7a and 7b, MATH.md "Two-dimensional
// signals"): a seeded small-integer signal on a D1×D2 grid with a K1×K2 kernel, its regularizer
// bracket written as a certificate and re-checked, and text for the report's tables.
#pragma once

#include "certify/grid.h"
#include "regularizer/bracket.h"
#include "report/report_table.h"
#include "reproduce/reproduce_claim.h"
#include "support/flint_raii.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::reproduce {

struct Instance2d {
    std::string id; ///< "3x3-k2x2-s7" (file-name safe)
    Grid grid;
    std::vector<std::string> w; ///< D1·D2 integers, row-major
};

/// The instance of `seed` on the grid g (valid, dims = 2): D1·D2 integers uniform in [-3, 3],
/// not all zero, from ReproduceRandom(reproduce_seed_mix(a fixed salt, seed)). It depends on
/// g's sizes and seed only (not on the suite's --seed), so a seed found by a search names the
/// same w for good.
Instance2d reproduce_instance_2d(const Grid& g, std::uint64_t seed);

/// MATH.md's instance (3×3 with 2×2 kernels, w = [[2, -2, -3], [3, 2, -1], [0, 1, -3]]), id
/// "3x3-k2x2-mathmd": one channel costs about 4.9% more than two (MATH.md "Numerically,
/// C-independence fails in 2-D").
Instance2d reproduce_instance_2d_mathmd();

/// The instances of seeds 1..seeds on each grid of `grids`, grid by grid.
std::vector<Instance2d> reproduce_instances_2d_sweep(const std::vector<Grid>& grids, int seeds);

/// "3x3" and "2x2": the signal and kernel shapes (D and K in 1-D).
std::string reproduce_shape_text(const Grid& g);
std::string reproduce_kernel_text(const Grid& g);

/// "[[2, -2, -3], [3, 2, -1]]": w by rows of D2 (the 1-D vector text when g.dims = 1).
std::string reproduce_signal_text(const Grid& g, const std::vector<std::string>& w);

/// r.values[key] formatted with `digits` significant digits, "-" when absent.
std::string reproduce_result_value(const InstanceResult& r, const std::string& key, int digits);

/// r.fields[key], "" when absent.
std::string reproduce_result_field(const InstanceResult& r, const std::string& key);

/// The leading cells of a 2-D claim's table row: the instance (linked to its first
/// certificate), fields shape, kernel and w.
std::vector<report::ReportCell> reproduce_instance_cells(const InstanceResult& r);

/// w as exact values (canonical integer or rational strings).
std::vector<support::Fmpq> reproduce_signal_exact(const std::vector<std::string>& w);

/// The bracket of w (R = 1) on g with the kernel options `kernels`; its regularizer-bracket
/// certificate is written to reproduce_cert_path(ctx, name) and re-checked into r, and r gets
/// values lower, upper, C0 and gap. Throws what regularizer_bracket throws.
regularizer::RegularizerBracket
reproduce_bracket_record(const InstanceContext& ctx, const std::string& name, const Grid& g,
                         const std::vector<std::string>& w,
                         const regularizer::RegularizerKernelOptions& kernels, InstanceResult& r);

} // namespace convcert::reproduce
