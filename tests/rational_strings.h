// Test-side helper shared by the checker tests: exact rationals to the canonical strings of
// certificates ("p" or "p/q"), computed independently of the kernel's own formatting.
#pragma once

#include "certify/checker/rational.h"

#include <string>
#include <vector>

namespace convcert::test {

inline std::string S(const checker::Rat& x) {
    std::string s = numerator(x).str();
    if (denominator(x) != 1) s += "/" + denominator(x).str();
    return s;
}

inline std::vector<std::string> S(const std::vector<checker::Rat>& v) {
    std::vector<std::string> out;
    for (const checker::Rat& x : v)
        out.push_back(S(x));
    return out;
}

} // namespace convcert::test
