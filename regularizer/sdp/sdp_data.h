// The regularizer SDPs of MATH.md §6 as plain block-sparse data in SDPA's convention, built once
// and consumed both by the SDPA callable library (sdpa_run.h) and by the SDPA-format writer
// (sdpa_format.h), so that a written file is exactly the problem the library solves.
#pragma once

#include <string>
#include <vector>

namespace convcert::regularizer {

/// One nonzero of a constraint matrix: F_matrix[block](row, col), 1-based, row <= col (the
/// upper triangle of a symmetric block; the lower triangle is implied). matrix 0 is F_0.
struct RegularizerSdpEntry {
    int matrix = 0;
    int block = 0;
    int row = 0;
    int col = 0;
    double value = 0;
};

/// SDPA's primal-dual pair on this data:
///   (P) min c·x  s.t.  sum_k F_k x_k - F_0 ⪰ 0,       (D) max F_0•Y  s.t.  F_k•Y = c_k, Y ⪰ 0.
/// Every regularizer problem here is (D), and R_{K,∞}(w) = -scale · (the common optimal value).
struct RegularizerSdpData {
    long D = 0;
    long K = 0;
    double scale = 1;                  ///< ||w||_2 (w is scaled to unit norm), 1 for w = 0
    std::vector<std::string> comments; ///< one line each, describing the variables (no newlines)
    std::vector<int> block_sizes;      ///< all blocks are SDP blocks
    std::vector<double> c;             ///< c_1..c_m (c[k-1] is c_k), m = c.size()
    std::vector<RegularizerSdpEntry> entries; ///< no two with the same (matrix, block, row, col)
};

/// The frequency class {b, D-b} of 0 <= b <= ⌊D/2⌋ is one frequency (self-conjugate, its
/// blocks real) iff b = 0 or 2b = D.
bool regularizer_sdp_class_self_conjugate(long b, long D);

/// m_b, the number of frequencies in the class {b, D-b}: 1 if self-conjugate, else 2.
double regularizer_sdp_class_size(long b, long D);

/// The reduced form of MATH.md §6, as regularizer_sdp_autocorrelation_solve (sdp_autocorrelation.h)
/// solves it: Y = diag(X, Z_0, ..., Z_H), H = ⌊D/2⌋, X the K×K Gram matrix of the kernels and Z_b
/// 2×2; (D) is max -(tr X + sum_b (m_b/D) Z_b[1][1]) s.t. Z_b[1][2] = a_b and Z_b[2][2] - sum_{i,k}
/// X[i][k] cos(2π(i-k)b/D) = 0, with a_b = |ŵ[b]|/||w||_2 and m_b the size of the frequency class
/// {b, D-b} (Z_b[1][1] is t_b). Constraint 2b+1 is the first equation of class b, 2b+2 the second.
/// Preconditions: 1 <= K <= D = w.size(), w finite (else std::invalid_argument).
RegularizerSdpData regularizer_sdp_data_autocorrelation(const std::vector<double>& w, long K);

/// The talk's full form of MATH.md §6: Y = Z of size K+D, Z = [U;V][U;V]ᵀ relaxed to any Z ⪰ 0;
/// (D) is max -tr Z s.t. <Z, A_j> = w[j]/||w||_2 for j = 0..D-1 (constraint j+1), A_j holding 1/2
/// at (k, K + ((j-k) mod D)) and its mirror for k < K. The multipliers give λ = -x (MATH.md §7).
/// Same preconditions as regularizer_sdp_data_autocorrelation.
RegularizerSdpData regularizer_sdp_data_full(const std::vector<double>& w, long K);

} // namespace convcert::regularizer
