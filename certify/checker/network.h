// Two-layer linear CNNs in exact arithmetic, shared by the regularizer-bracket and
// network-collapse checks: the claim's sizes as a Grid (certify/grid.h), parsing a network, the
// predictor it realizes, w[r] = sum_c u_c[r] * v_c with (u * v)[j] = sum_k u[k] v[j - k] on
// Z_D1 × Z_D2 (Z_D in 1-D), and its cost sum_c ||u_c||² + ||v_c||² (MATH.md §1 and
// "Two-dimensional signals").
#pragma once

#include "certify/checker/rational.h"
#include "certify/grid.h"

#include <string>
#include <vector>

namespace convcert::checker {

inline constexpr long kMaxSignalLength = 4096;    // D
inline constexpr std::size_t kMaxChannels = 4096; // C
inline constexpr long kMaxInputChannels = 64;     // R
inline constexpr long kMaxKernelBlock = 4096;     // R·K

/// R rows of rationals.
using RatRows = std::vector<std::vector<Rat>>;

/// C channels with R input rows: u[c] has R rows of K, v[c] has D entries over one
/// denominator (v[c].num / v[c].den: the second layer of a least-norm network has denominators
/// of D·(bits of u) bits, too long for a gcd per entry). D and K are grid's signal and kernel
/// sizes; rows are flat, row-major.
struct ExactNetwork {
    Grid grid;
    std::size_t D = 0, K = 0, R = 0;
    std::vector<RatRows> u;
    std::vector<IntVector> v;
};

/// The grid of a claim's sizes D, K, R and its optional "shape" and "kernel_shape": grid_1d(D, K)
/// when both are absent, grid_2d(D1, D2, K1, K2) when both are present. Rejects unless
/// 1 <= D <= kMaxSignalLength, 1 <= K <= D, 1 <= R <= kMaxInputChannels and, in 2-D, both fields
/// have two entries, 1 <= K1 <= D1, 1 <= K2 <= D2, D == D1·D2 and K == K1·K2; undecided when a
/// size exceeds its limit or R·K > kMaxKernelBlock. Messages name the field ("claim: D", ...).
Grid network_grid(long D, long K, long R, const std::vector<long>& shape,
                  const std::vector<long>& kernel_shape);

/// R rows of `count` canonical rationals, named what[r][i] (what[i] when R == 1).
RatRows rows_parse(const std::vector<std::vector<std::string>>& rows, std::size_t R,
                   std::size_t count, const std::string& what);

/// Parses C kernels (each R rows of K) and C vectors of D, with D and K the sizes of `grid`.
/// Precondition: grid and R already validated (network_grid). Rejects unless 1 <= C <=
/// kMaxChannels, as many v as u, every row of the stated length and every entry canonical (entries
/// of v: canonical or over a shared denominator, see rational_vector_parse_shared_denominator).
/// `name` starts channel-count messages ("network: no channels"); `prefix` starts entry names (""
/// gives u[0][1], "input." gives input.u[0][1]).
ExactNetwork network_parse(const std::vector<std::vector<std::vector<std::string>>>& u,
                           const std::vector<std::vector<std::string>>& v, const Grid& grid,
                           std::size_t R, const std::string& name, const std::string& prefix);

/// Rejects unless sum_c u_c[r] * v_c == w[r] for every row r and lag: "<name> does not realize
/// w: sum_c u_c * v_c at [j] is .. but w[j] is .." for the first differing entry.
/// Precondition: w has net.R rows of net.D.
void network_check_realizes(const ExactNetwork& net, const RatRows& w, const std::string& name);

/// sum_c ||u_c||² + ||v_c||² (all R rows of each u_c), exactly.
Rat network_cost(const ExactNetwork& net);

/// Every entry of the given rows over one common denominator, rows kept.
struct IntRows {
    std::vector<std::vector<Int>> num;
    Int den;
};
IntRows rows_clear_denominators(const std::vector<const std::vector<Rat>*>& rows);

/// Pointers to the rows of `rows`, for rows_clear_denominators.
std::vector<const std::vector<Rat>*> row_pointers(const RatRows& rows);

} // namespace convcert::checker
