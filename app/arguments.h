// Small helpers for the subcommands' option parsing: the value that follows an option, and an
// integer option checked against its range. Messages go to standard error, one line each.
#pragma once

#include <string>
#include <vector>

namespace convcert::app {

/// The argument after args[i] (i is advanced to it), or nullptr after printing
/// "convcert <command>: <flag> needs a value".
const std::string* argument_value(const std::vector<std::string>& args, std::size_t& i,
                                  const std::string& command, const std::string& flag);

/// text as a decimal integer in [lo, hi], or false after printing
/// "convcert <command>: <what>" (what says what was expected).
bool argument_integer(const std::string& text, long lo, long hi, long& out,
                      const std::string& command, const std::string& what);

} // namespace convcert::app
