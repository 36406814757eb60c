// Common dyadic denominator (see dyadic_common.h): frexp gives v = m·2^e with m·2^53 an integer,
// whose trailing zero bits give the exact power of two v needs.
#include "support/dyadic_common.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace convcert::support {

namespace {

/// The smallest t >= 0 with v·2^t an integer. Precondition: v finite.
int dyadic_exponent_needed(double v) {
    if (v == 0) return 0;
    int e = 0;
    const double m = std::frexp(std::fabs(v), &e);             // |v| = m·2^e, m in [1/2, 1)
    auto mant = static_cast<std::uint64_t>(std::ldexp(m, 53)); // exact: 53-bit integer
    int t = 53 - e;                                            // |v| = mant·2^-t
    while (t > 0 && (mant & 1) == 0) {
        mant >>= 1;
        --t;
    }
    return t > 0 ? t : 0;
}

} // namespace

DyadicCommon dyadic_common_denominator(const std::vector<double>& values) {
    int t = 0;
    for (double v : values) {
        if (!std::isfinite(v)) throw std::invalid_argument("NaN or infinite value");
        t = std::max(t, dyadic_exponent_needed(v));
    }
    if (t > 53)
        throw std::invalid_argument("a value needs the denominator 2^" + std::to_string(t) +
                                    ", beyond 2^53");
    DyadicCommon out;
    out.exponent = t;
    out.den = 1L << t;
    out.num.reserve(values.size());
    const double limit = std::ldexp(1.0, 53);
    for (double v : values) {
        const double n = std::ldexp(v, t); // exact: a power-of-two scaling
        if (std::fabs(n) > limit)
            throw std::invalid_argument("over the common denominator 2^" + std::to_string(t) +
                                        " a numerator exceeds 2^53 (values span too many bits)");
        out.num.push_back(static_cast<long>(n));
    }
    return out;
}

} // namespace convcert::support
