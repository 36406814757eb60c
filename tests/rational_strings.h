// Test-side helpers shared by the checker tests: exact rationals to the canonical strings of
// certificates ("p" or "p/q"), computed independently of the kernel's own formatting, and
// small integer vectors as rationals.
#pragma once

#include "certify/checker/rational.h"

#include <initializer_list>
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

inline std::vector<checker::Rat> ints(std::initializer_list<long> v) {
    std::vector<checker::Rat> out;
    for (long x : v)
        out.push_back(checker::Rat(x));
    return out;
}

} // namespace convcert::test
