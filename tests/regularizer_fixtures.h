// Test helper for the regularizer tests: seeded random inputs and the rational strings the
// tests state their expectations in ("p" / "p/q", the certificates' fields). Shared so that
// every test file draws the same kind of w and reads rationals the same strict way.
#pragma once

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace convcert::tests {

/// D independent standard normal entries from std::mt19937(seed).
inline std::vector<double> random_w_normal(long D, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> w(D);
    for (double& x : w)
        x = normal(gen);
    return w;
}

/// x = the rational s; the test fails (REQUIRE) if s is not one.
inline void set_q(fmpq_t x, const std::string& s) {
    REQUIRE(fmpq_set_str(x, s.c_str(), 10) == 0);
}

/// The rational string s·(1 + 1e-6): just above s (for s > 0), to probe strict inequalities.
inline std::string inflate(const std::string& s) {
    support::Fmpq x, f;
    set_q(x.x, s);
    fmpq_set_si(f.x, 1000001, 1000000);
    fmpq_mul(x.x, x.x, f.x);
    return support::fmpq_get_string(x.x);
}

} // namespace convcert::tests
