// The runner of `convcert reproduce`: every instance of every claim on a pool of J std::threads
// (instances are independent and seeded by index, so the files do not depend on J), progress
// on standard error, then report.md, report.html, certificates.txt (the manifest) and
// timing.md (the only file with wall-clock times) in the output directory.
#pragma once

#include "reproduce/reproduce_claim.h"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace convcert::reproduce {

struct RunOptions {
    std::filesystem::path out_dir = "reproduce-out";
    SuiteOptions suite;
    int jobs = 1;                  ///< 1..64 worker threads
    bool progress = true;          ///< progress lines on standard error
    std::vector<std::string> only; ///< claim ids to run (all when empty)
};

struct ClaimSummary {
    std::string id, name, math_ref;
    int instances = 0, certificates = 0, certified = 0, failed = 0, errors = 0, exact = 0;
    double worst_gap = -1; ///< -1: no bracket certificate in this claim
    double seconds = 0;    ///< sum of the instances' wall times
};

struct RunSummary {
    std::vector<ClaimSummary> claims;
    double seconds = 0;      ///< wall time of the whole run
    bool any_failed = false; ///< a certificate failed its re-check
    bool any_error = false;  ///< an instance could not build its certificate
    std::string table_text;  ///< the terminal summary table (with times)
};

/// Runs the suite. Throws std::runtime_error when the output directory cannot be created or a
/// report file cannot be written, and report::PlotError when gnuplot is missing or fails.
RunSummary reproduce_run(const RunOptions& options);

/// Re-checks every certificate listed in dir/certificates.txt (read from disk, parsed, checked by
/// the independent checker); prints one line per file to out. Returns the number of files that
/// are missing, unreadable or invalid; throws std::runtime_error when the manifest is missing.
int reproduce_recheck(const std::filesystem::path& dir, std::ostream& out);

/// "1.2e-10", "0" or "-" (for -1): the gap format of the tables.
std::string reproduce_format_gap(double gap);

/// %.*g formatting (deterministic, locale-independent).
std::string reproduce_format(double x, int digits = 6);

} // namespace convcert::reproduce
