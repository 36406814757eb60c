// The exact upper bound for R input channels: numerical kernels rounded to a dyadic grid, the
// exact least-norm second layer (least_norm_multi.h), an exact rational balancing scale, the
// exact cost sum_c ||u_c||² + ||v_c||², and an exact check that the network realizes W.
#pragma once

#include "regularizer/numeric/closed_form_multi.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerNetworkMulti {
    std::vector<std::vector<std::vector<std::string>>> u; ///< C0 kernels, R rows of K rationals
    /// C0 vectors of D rationals, each nonzero entry over the one shared denominator, not
    /// reduced (docs/certificates.md permits this for v: no gcds of long numbers anywhere)
    std::vector<std::vector<std::string>> v;
    std::string cost; ///< exact sum_c ||u_c||² + ||v_c||²
    double cost_double = 0;
    long C0 = 0;
    int bits = 0;              ///< kernel rounding grid (bits relative to max |u|)
    std::string scale;         ///< balancing t (u -> t u, v -> v/t), "1" if it did not help
    long denominator_bits = 0; ///< bit length of the least-norm V's common denominator
    double seconds = 0;
};

/// kernels: C0 >= 1 numerical kernels, each R rows of K doubles (not all zero); W: R rows of D
/// rationals "p" / "p/q", 1 <= K <= D. Rounds u to round(u·2^E)/2^E with max |u|·2^E in
/// [2^(bits-1), 2^bits), computes the exact least-norm V, balances with a 20-bit dyadic t ≈
/// (||V||/||U||)^(1/2) when that lowers the exact cost, and verifies sum_c u_c[r] * v_c = W[r]
/// exactly. Throws std::invalid_argument on bad shapes, std::runtime_error when no exact
/// least-norm V exists for the rounded kernels (see least_norm_multi.h) or on a realization
/// mismatch (a bug). Cost: dominated by the least-norm step.
RegularizerNetworkMulti regularizer_network_multi(const Kernels& kernels,
                                                  const std::vector<std::vector<std::string>>& W,
                                                  int bits);

/// True iff sum_c u_c[r] * v_c == W[r] exactly for every r (circular convolution on Z_D, u
/// zero-padded); shapes as in RegularizerNetworkMulti. Throws std::invalid_argument on shape
/// mismatches or entries that are not rationals.
bool regularizer_network_realizes_multi(const std::vector<std::vector<std::vector<std::string>>>& u,
                                        const std::vector<std::vector<std::string>>& v,
                                        const std::vector<std::vector<std::string>>& W);

} // namespace convcert::regularizer
