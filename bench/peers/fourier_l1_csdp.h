// The K = D max-margin value min (2/D) sum_d |ŵ(d)| s.t. <a_i, w> >= 1 (2-D Fourier ℓ1, MATH.md
// "Two-dimensional signals"; a_i = y_i x_i on the D1×D2 grid) solved by CSDP on its dual,
// max sum α s.t. α >= 0 and |λ̂(d)| <= 2 at every frequency, λ = sum α_i a_i, written with one
// small block per conjugate pair of frequencies: [[2, a, b], [a, 2, 0], [b, 0, 2]] ⪰ 0 ⇔
// a² + b² <= 4 with a + ib = λ̂(d) (a 2×2 block [[2, a], [a, 2]] where d = -d). The DFT is
// summed directly from its definition, not by FFTW. Independent of convcert's maxmargin/.
#pragma once

#include "regularizer/sdp/sdp_data.h"

#include <string>
#include <vector>

namespace convcert::peers {

/// The dual above in SDPA's convention (sdp_data.h): (P) min -sum α s.t. sum_i α_i F_i - F_0 ⪰ 0,
/// block 1 the n×n diagonal of α, then one block per frequency class in row-major order of its
/// first member. The max-margin value is -(the common optimal value) (scale = 1).
/// Preconditions: D1, D2 >= 1, rows a nonempty of length D1·D2 (std::invalid_argument).
regularizer::RegularizerSdpData peers_fourier_l1_sdp_data(const std::vector<std::vector<double>>& a,
                                                          long D1, long D2);

struct PeersFourierL1Result {
    bool solved = false;         ///< CSDP ran, exited 0 and both objectives were read
    double lower = 0, upper = 0; ///< sum α of CSDP's dual point, and CSDP's primal bound
    double seconds = 0;          ///< CSDP's wall time
    std::string output;          ///< CSDP's console output
};

/// Writes the data to workdir/fourier_l1.dat-s and CSDP's parameters to workdir/param.csdp
/// (tolerances 1e-10, no objective perturbation), and runs the CSDP binary on it (csdp_run.h; one
/// thread, timeout_seconds <= 0: no limit). lower = -(CSDP's dual objective) and upper =
/// -(CSDP's primal objective) bracket the value up to CSDP's tolerances and its 8-digit output.
/// Preconditions as peers_fourier_l1_sdp_data; workdir exists and is writable. Throws
/// std::runtime_error if the file cannot be written or CSDP is not installed.
PeersFourierL1Result peers_fourier_l1_csdp(const std::vector<std::vector<double>>& a, long D1,
                                           long D2, const std::string& workdir,
                                           double timeout_seconds);

} // namespace convcert::peers
