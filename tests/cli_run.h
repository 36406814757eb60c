// Running the convcert binary from the end-to-end tests (test_cli, test_cli_gd,
// test_reproduce): one scratch directory per test program, the command's exit code and its
// captured standard output and error. CONVCERT_BINARY is the binary's path (set by CMake).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace convcert::tests {

struct CliRun {
    int exit_code;
    std::string out, err;
};

/// The whole file (empty if it cannot be read).
inline std::string cli_file_read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void cli_file_write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

/// TMPDIR/convcert-NAME-PID, emptied and created on first use (one per test program).
inline std::filesystem::path cli_scratch_create(const std::string& name) {
    const std::filesystem::path d = std::filesystem::temp_directory_path() /
                                    ("convcert-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

/// Runs `CONVCERT_BINARY args` through the shell, capturing stdout and stderr in scratch.
inline CliRun cli_run(const std::filesystem::path& scratch, const std::string& args) {
    const std::filesystem::path out = scratch / "stdout", err = scratch / "stderr";
    const std::string cmd =
        std::string(CONVCERT_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, cli_file_read(out), cli_file_read(err)};
}

inline int cli_count_lines(const std::string& s) {
    int n = 0;
    for (char ch : s)
        n += ch == '\n';
    return n;
}

} // namespace convcert::tests
