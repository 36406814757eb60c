// The terms of the one-channel cost on a grid with rational DFT cosines (docs/separation.md):
// for a kernel u, |û(d)|² = uᵀ M_d u and φ(u) = ‖u‖² Σ_t c_t / (uᵀ M_t u), one term t per pair
// {d, -d} with ŵ(d) ≠ 0. Exact (FLINT) and double copies of the same numbers.
#pragma once

#include "certify/grid.h"
#include "regularizer/one_channel_search.h"
#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::separation {

/// One term of φ: c = mult · |ŵ(d)|² / D (mult = 2 when d ≠ -d, the pair's two equal terms) and
/// M2 = 2 M_d, the K×K integer matrix 2 cos(2π (phase of offset(k) - offset(k') at d) / L),
/// entries in {2, 1, 0, -1, -2}, row-major.
struct OneChannelTerm {
    long d = 0;
    support::Fmpq c;
    double c_double = 0;
    std::vector<long> M2;
};

/// 2 cos(2π p / L) for L in {1, 2, 3, 4, 6} and 0 <= p < L (an integer).
long twocos_rational(long p, long L);

/// True when every DFT cosine of the grid is rational: L = lcm(D1, D2) in {1, 2, 3, 4, 6}.
bool grid_cosines_rational(const Grid& g);

/// The terms of φ for the signal w (D1·D2 exact values, row-major). Precondition: the grid is
/// valid and grid_cosines_rational(g); throws std::invalid_argument naming the shape otherwise,
/// and when w = 0. Terms come in increasing d, d <= -d, ŵ(d) ≠ 0.
std::vector<OneChannelTerm> one_channel_terms(const Grid& g, const std::vector<support::Fmpq>& w);

/// The double copies (c_double, M2) as the one-channel search engine takes them
/// (regularizer/one_channel_search.h; φ in double is regularizer_one_channel_phi of these).
std::vector<regularizer::OneChannelTermDouble>
one_channel_terms_double(const std::vector<OneChannelTerm>& terms);

/// φ(u) exactly; false (and phi untouched) when some uᵀ M_t u = 0.
bool one_channel_phi_exact(fmpq_t phi, const std::vector<OneChannelTerm>& terms,
                           const std::vector<support::Fmpq>& u);

/// uᵀ M u for M = M2 / 2, exactly.
void quadratic_form_half(fmpq_t q, const std::vector<long>& M2,
                         const std::vector<support::Fmpq>& u);

} // namespace convcert::separation
