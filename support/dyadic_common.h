// Finite doubles as integer numerators over one common power-of-two denominator: every double
// is a dyadic rational m·2^e, so float data (NumPy's float32/float64) is kept exactly.
#pragma once

#include <vector>

namespace convcert::support {

/// values[i] = num[i] / den exactly, den = 2^exponent the smallest power of two making every
/// value an integer (1 for integers), |num[i]| <= 2^53.
struct DyadicCommon {
    std::vector<long> num;
    long den = 1;
    int exponent = 0;
};

/// The common dyadic form of finite doubles. Throws std::invalid_argument (one line) on a
/// non-finite value, when den would exceed 2^53, or when a numerator would exceed 2^53 in
/// absolute value (the values then span more than 53 bits: too wide to keep exactly in the
/// dataset's 64-bit integers with exact double arithmetic).
DyadicCommon dyadic_common_denominator(const std::vector<double>& values);

} // namespace convcert::support
