// `convcert check CERT.json...`: a convenience entry to the same check command as the standalone
// `convcert-check` (certify/check_files.h): same kernel, same lines, same exit codes.
#include "app/commands.h"
#include "certify/check_files.h"

#include <iostream>

namespace convcert::app {

static_assert(kCheckExitOk == kExitOk && kCheckExitInvalid == kExitInvalid &&
                  kCheckExitUnreadable == kExitUsage && kCheckExitUndecided == kExitUndecided,
              "the check command's exit codes are the tool's");

int command_check(const std::vector<std::string>& args) {
    return check_command_run(args, "convcert check", std::cout, std::cerr);
}

} // namespace convcert::app
