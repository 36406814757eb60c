// Test helper for the paper-mnist experiment tests (test_experiment_paper,
// test_experiment_paper_certify): each bad option of `convcert experiment paper-mnist` exits 2
// with a one-line message and leaves no output directory.
#pragma once

#include "tests/cli_run.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace convcert::tests {

/// Runs `experiment paper-mnist DATA EXTRA --out OUT` in `scratch` for each EXTRA of `extras`
/// and checks the refusal: exit 2, one line on standard error, OUT not created. Requires that
/// OUT does not exist before.
inline void paper_cli_require_refused(const std::filesystem::path& scratch, const std::string& data,
                                      const std::string& out,
                                      const std::vector<std::string>& extras) {
    for (const std::string& extra : extras) {
        const CliRun r =
            cli_run(scratch, "experiment paper-mnist " + data + " " + extra + " --out " + out);
        INFO(extra << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(cli_count_lines(r.err) == 1);
        CHECK_FALSE(std::filesystem::exists(out));
    }
}

} // namespace convcert::tests
