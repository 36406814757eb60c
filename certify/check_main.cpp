// convcert-check CERT.json...: the standalone checker, the program to trust. It links only the
// certificate reader, the checker kernel, the C++ standard library and Boost (header-only).
#include "certify/check_files.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return convcert::check_command_run(args, "convcert-check", std::cout, std::cerr);
}
