// The talk's full (K+D)-size SDP of MATH.md §6 solved by general-purpose SDP solvers: the
// benchmark's peers for convcert's reduced pipeline. SDPA through its callable library (the same
// linking as sdp_autocorrelation.h) and CSDP through its binary on the file sdpa_format.h writes.
// Benchmark and test code only (library convcert_regularizer_peers).
#pragma once

#include "regularizer/sdp/sdpa_run.h"

#include <string>
#include <vector>

namespace convcert::regularizer {

struct RegularizerSdpFullResult {
    double primal = 0;        ///< tr Z at the solver's primal point (≈ R_{K,∞}(w), w unscaled)
    double dual = 0;          ///< <λ, w> at the solver's dual point
    std::string status;       ///< SDPA's phase / "csdp exit N" / "csdp timeout"
    bool optimal = false;     ///< SDPA: pdOPT; CSDP: exit code 0 and both objectives parsed
    double seconds = 0;       ///< wall time: SDPA build + solve; CSDP write + process
    double write_seconds = 0; ///< CSDP only: writing the .dat-s file
    std::vector<double> lambda; ///< SDPA only: λ = -x (MATH.md §7), length D
};

/// min tr Z s.t. <Z, A_j> = w[j], Z ⪰ 0 of size K+D, with SDPA's callable library on
/// regularizer_sdp_data_full(w, K) (w scaled to unit norm for the solve, values scaled back).
/// Preconditions: 1 <= K <= D = w.size(), w finite (else std::invalid_argument). The (K+D)²
/// block makes this slow for large D (about 3 minutes at D = 1024, K = 64, one thread).
RegularizerSdpFullResult regularizer_sdp_full_sdpa(const std::vector<double>& w, long K,
                                                   const RegularizerSdpOptions& options = {});

/// The same problem with the CSDP binary: writes workdir/full.dat-s (regularizer_sdpa_write_full)
/// and runs csdp_run.h on it; seconds covers writing and the process. CSDP's default tolerances
/// (about 1e-8 relative) and one thread. Preconditions as above, plus workdir an existing
/// writable directory (a fresh one: CSDP reads param.csdp from it). Throws std::runtime_error if
/// the file cannot be written or CSDP cannot be started.
RegularizerSdpFullResult regularizer_sdp_full_csdp(const std::vector<double>& w, long K,
                                                   const std::string& workdir,
                                                   double timeout_seconds = 0);

} // namespace convcert::regularizer
