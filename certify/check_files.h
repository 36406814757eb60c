// The check command, shared by `convcert check` and the standalone `convcert-check`: for each
// certificate file, a bounded read, the JSON reader, the checker kernel and one output line.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace convcert {

/// Exit codes, the same as app/commands.h's; precedence unreadable > invalid > undecided > ok.
inline constexpr int kCheckExitOk = 0;
inline constexpr int kCheckExitInvalid = 1;
inline constexpr int kCheckExitUnreadable = 2;
inline constexpr int kCheckExitUndecided = 4;

/// Certificate files larger than this are refused unread (docs/certificates.md, Reading limits).
inline constexpr std::size_t kCheckMaxFileBytes = std::size_t(64) << 20;

/// One file's verdict: its exit code and its line without the "FILE: " prefix ("valid (...)",
/// "INVALID: ...", "undecided (resource limit): ...", "malformed: ...").
struct CheckOutcome {
    int status = kCheckExitOk;
    std::string line;
};

/// Reads and checks one certificate text. Never throws (an allocation failure while reading is
/// reported as malformed, exit 2; one while checking as undecided, exit 4).
CheckOutcome check_text(const std::string& text);

/// The worse of two exit codes under the precedence above.
int check_status_combine(int a, int b);

/// The whole command: `args` are the command line after the program (and subcommand) name,
/// `program` names it in messages ("convcert check" or "convcert-check"). Prints the help, or
/// one line per file to `out` (and timings to `err`); returns the exit code.
int check_command_run(const std::vector<std::string>& args, const std::string& program,
                      std::ostream& out, std::ostream& err);

} // namespace convcert
