// Option-parsing helpers (see arguments.h).
#include "app/arguments.h"

#include <iostream>

namespace convcert::app {

const std::string* argument_value(const std::vector<std::string>& args, std::size_t& i,
                                  const std::string& command, const std::string& flag) {
    if (i + 1 >= args.size()) {
        std::cerr << "convcert " << command << ": " << flag << " needs a value\n";
        return nullptr;
    }
    return &args[++i];
}

bool argument_integer(const std::string& text, long lo, long hi, long& out,
                      const std::string& command, const std::string& what) {
    std::size_t used = 0;
    long n = 0;
    try {
        n = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size() || n < lo || n > hi) {
        std::cerr << "convcert " << command << ": " << what << "\n";
        return false;
    }
    out = n;
    return true;
}

} // namespace convcert::app
