// Writers of SDPA's sparse input format (.dat-s) for the regularizer SDPs of MATH.md §6, so that
// any SDP solver reading that format (SDPA, CSDP, ...) can solve the same problem; the CLI's
// `--write-sdpa FILE` uses them. The data come from sdp_data.h, the very struct the SDPA callable
// library is given, so the file is the problem convcert solves.
//
// The file: comment lines starting with '*' (what the variables mean, and the scaling), then
// m (constraints), the number of blocks, the block sizes, c_1..c_m, and one line
// "matrix block row col value" per nonzero of the upper triangles (matrix 0 is F_0). Numbers
// have 17 significant digits, so every double reads back exactly. In SDPA's convention
// (P) min c·x s.t. sum_k F_k x_k - F_0 ⪰ 0, (D) max F_0•Y s.t. F_k•Y = c_k, Y ⪰ 0 (CSDP's
// "primal" is SDPA's (D)), both forms are written as (D) with w scaled to unit norm, and
//   R_{K,∞}(w) = -||w||_2 · (the optimal value),
// the relaxation of MATH.md §6 (= R_{K,C}(w) for every C with single-channel inputs, §3).
#pragma once

#include "regularizer/sdp/sdp_data.h"

#include <ostream>
#include <vector>

namespace convcert::regularizer {

/// Writes data in SDPA sparse format: the comments as '*' lines, then the problem. Precondition:
/// data as built by sdp_data.h (std::invalid_argument if a comment contains a newline).
void regularizer_sdpa_write(std::ostream& out, const RegularizerSdpData& data);

/// The reduced SDP exactly as regularizer_sdp_autocorrelation_solve gives it to SDPA (one K×K block
/// X and one 2×2 block per frequency class b = 0..⌊D/2⌋; see regularizer_sdp_data_autocorrelation).
/// The optimal value is -R_{K,∞}(w)/||w||_2. Preconditions: 1 <= K <= D = w.size(), w finite (else
/// std::invalid_argument). For w = 0 the value is 0 and w is not scaled.
void regularizer_sdpa_write_autocorrelation(std::ostream& out, const std::vector<double>& w,
                                            long K);

/// The talk's full form: one (K+D)×(K+D) block Z, min tr Z s.t. <Z, A_j> = w[j] written as
/// max -tr Z with w scaled to unit norm (see regularizer_sdp_data_full). The optimal value is
/// -R_{K,∞}(w)/||w||_2, and the (P) vector x is -λ (MATH.md §7). Same preconditions.
void regularizer_sdpa_write_full(std::ostream& out, const std::vector<double>& w, long K);

} // namespace convcert::regularizer
