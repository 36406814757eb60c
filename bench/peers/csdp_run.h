// Runs the CSDP binary (coinor-csdp ships no library) on an SDPA-format file and reads its
// objective values from its console output. Used by the tests of sdpa_format.h and by the
// benchmark's CSDP peer (sdp_full.h); not part of the convcert tool.
#pragma once

#include <string>

namespace convcert::regularizer {

/// Where scripts/setup.sh's coinor-csdp installs the solver.
inline constexpr const char* kCsdpPath = "/usr/bin/csdp";

struct RegularizerCsdpRun {
    bool ran = false;            ///< the process started and exited (not killed, not timed out)
    bool timed_out = false;      ///< killed after timeout_seconds
    int exit_code = -1;          ///< CSDP's exit code (0: solved, 3: partial success, ...)
    bool parsed = false;         ///< both objective lines were found
    double primal_objective = 0; ///< "Primal objective value": CSDP's max tr(C X) = SDPA's (D)
    double dual_objective = 0;   ///< "Dual objective value": CSDP's min aᵀy = SDPA's (P)
    double seconds = 0;          ///< wall time from fork to exit
    std::string output;          ///< CSDP's stdout and stderr
};

/// Runs kCsdpPath on problem_path (absolute, or relative to workdir) with workdir as its current
/// directory (CSDP reads an optional param.csdp from there: use a fresh directory) and
/// OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set to `threads` (0: inherit the environment).
/// timeout_seconds <= 0: no limit. Preconditions: workdir exists and is writable (the output is
/// captured in workdir/csdp.out). Throws std::runtime_error if kCsdpPath is not executable or
/// the process cannot be started; CSDP's own failures are reported in the result.
RegularizerCsdpRun regularizer_csdp_run(const std::string& problem_path, const std::string& workdir,
                                        double timeout_seconds = 0, int threads = 1);

} // namespace convcert::regularizer
