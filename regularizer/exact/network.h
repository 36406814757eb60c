// The exact network for any R >= 1 (MATH.md §3-§4, §8): rational kernels (given, or rounded
// from doubles to a dyadic grid), the exact least-norm second layer V (least_norm.h), an exact
// balancing scale t (u -> t u, v -> v / t) and the exact cost sum_c ||u_c||² + ||v_c||², an
// upper bound on R_{K,C}(W) for every C >= C0. Untrusted generator code; the checker recomputes
// the realization and the cost.
#pragma once

#include "certify/grid.h"
#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerNetwork {
    std::vector<support::FmpqMat> u; ///< C0 kernels, each R rows of K
    /// C0 rows of D integers: the second layer times v_den (one unreduced denominator, so that
    /// neither the generator nor the checker needs a gcd per entry of these long numbers)
    support::FmpqMat v;
    support::Fmpz v_den; ///< > 0: v_c[j] = v(c, j) / v_den
    support::Fmpq cost;  ///< sum_c ||u_c||² + ||v_c||², exact
    double cost_double = 0;
    int bits = 0;              ///< kernel rounding grid (0: kernels given exactly)
    support::Fmpq scale;       ///< balancing t (u -> t u, v -> v / t), 1 if it did not help
    long denominator_bits = 0; ///< bit length of V's common denominator
    double seconds = 0;
};

/// The network of the exact kernels u (C0 >= 1, each R rows of K, 1 <= K <= D, not all zero)
/// for W (R rows of D): the least-norm V, then t ≈ (||V||/||U||)^(1/2) with 20 significant bits,
/// kept only if it lowers the exact cost; the realization is verified exactly (inside
/// regularizer_least_norm, before the exact rescaling). Throws as
/// regularizer_least_norm (std::invalid_argument on bad shapes or W out of reach,
/// std::runtime_error when no exact least-norm V exists for these kernels).
/// On the grid g (certify/grid.h; kernels of grid_kernel_size(g), W of grid_signal_size(g)).
RegularizerNetwork regularizer_network_from_kernels(std::vector<support::FmpqMat> u,
                                                    const support::FmpqMat& W, const Grid& g);

/// The same for numerical kernels (C0 >= 1, each R rows of K finite doubles, not all zero),
/// first rounded to round(u·2^E)/2^E with max |u|·2^E in [2^(bits-1), 2^bits), bits >= 1.
RegularizerNetwork
regularizer_network_round(const std::vector<std::vector<std::vector<double>>>& kernels,
                          const support::FmpqMat& W, int bits, const Grid& g);

/// True iff sum_c u_c[r] * v_c == W[r] exactly for every r (circular convolution on the grid
/// g, u zero-padded). Throws std::invalid_argument on inconsistent shapes.
bool regularizer_network_realizes(const std::vector<support::FmpqMat>& u, const support::FmpqMat& v,
                                  const support::FmpqMat& W, const Grid& g);

/// The predictor W[r] = sum_c u_c[r] * v_c of the network, exactly (R rows of D). Throws
/// std::invalid_argument on inconsistent shapes (C0 >= 1 kernels of R rows of K <= D, v of C0
/// rows of D).
support::FmpqMat regularizer_network_predictor(const std::vector<support::FmpqMat>& u,
                                               const support::FmpqMat& v, const Grid& g);

/// The 1-D grid 1×D with kernel 1×K of W (or v) and the kernels (0 where missing: rejected).
inline Grid regularizer_network_grid_1d(long D, const std::vector<support::FmpqMat>& u) {
    return grid_1d(D, u.empty() ? 0 : u[0].cols());
}

/// The 1-D forms of the four functions above (regularizer_network_grid_1d).
inline RegularizerNetwork regularizer_network_from_kernels(std::vector<support::FmpqMat> u,
                                                           const support::FmpqMat& W) {
    const Grid g = regularizer_network_grid_1d(W.cols(), u);
    return regularizer_network_from_kernels(std::move(u), W, g);
}
inline RegularizerNetwork
regularizer_network_round(const std::vector<std::vector<std::vector<double>>>& kernels,
                          const support::FmpqMat& W, int bits) {
    const long K =
        kernels.empty() || kernels[0].empty() ? 0 : static_cast<long>(kernels[0][0].size());
    return regularizer_network_round(kernels, W, bits, grid_1d(W.cols(), K));
}
inline bool regularizer_network_realizes(const std::vector<support::FmpqMat>& u,
                                         const support::FmpqMat& v, const support::FmpqMat& W) {
    return regularizer_network_realizes(u, v, W, regularizer_network_grid_1d(W.cols(), u));
}
inline support::FmpqMat regularizer_network_predictor(const std::vector<support::FmpqMat>& u,
                                                      const support::FmpqMat& v) {
    return regularizer_network_predictor(u, v, regularizer_network_grid_1d(v.cols(), u));
}

/// The second layer's exact values v / v_den (C0 rows of D), reduced entry by entry.
support::FmpqMat regularizer_network_v_values(const RegularizerNetwork& net);

/// Sets v to the integers L·v and v_den to L, the lcm of the entries' denominators (v any
/// rational matrix, v_den = 1 on entry): the network's form of a second layer given by value.
void regularizer_network_v_normalize(support::FmpqMat& v, support::Fmpz& v_den);

/// Certificate edge: the rows of num (integers) over the one denominator den > 0, "n/den"
/// ("n" when den = 1, "0" for zero; entries not in lowest terms, docs/certificates.md).
std::vector<std::vector<std::string>> regularizer_rows_over_denominator(const support::FmpqMat& num,
                                                                        const support::Fmpz& den);

} // namespace convcert::regularizer
