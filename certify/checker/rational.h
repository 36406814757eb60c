// Exact numbers for the checker kernel: strict parsing of a certificate's canonical rationals
// and decimals into Boost.Multiprecision types, the internal rejection, and small helpers.
#pragma once

#include "certify/checker/checker.h"

// Boost 1.74's rational normalize() trips GCC 12's -Wmaybe-uninitialized (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/multiprecision/cpp_int.hpp>
#pragma GCC diagnostic pop

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::checker {

using Int = boost::multiprecision::cpp_int;
using Rat = boost::multiprecision::cpp_rational;

inline constexpr std::size_t kMaxRationalDigits = 100000;

/// A failed check; `what()` is the one-line reason. Never leaves a check_* function.
struct Reject : std::runtime_error {
    using std::runtime_error::runtime_error;
};
[[noreturn]] void reject(const std::string& reason);

/// A documented resource limit is exceeded; `what()` names it. The verdict is "undecided", never
/// "invalid": the claim may well be true, the checker only declines the work.
struct Undecided : std::runtime_error {
    using std::runtime_error::runtime_error;
};
[[noreturn]] void undecided(const std::string& reason);

/// Runs `checks`; a Reject (or any other exception) becomes Verdict{false, reason}, an Undecided
/// or an allocation failure an undecided verdict.
Verdict verdict_run(const std::function<void()>& checks);

/// "'text'" for messages: at most 40 printable characters, then "...".
std::string string_quote_short(const std::string& s);

/// "0", "-7", "12": optional '-', no leading zeros, no "-0". `what` names the field.
Int integer_parse_canonical(const std::string& s, const std::string& what);

/// "p" or "p/q" with p canonical, q >= 2 and gcd(p, q) = 1.
Rat rational_parse_canonical(const std::string& s, const std::string& what);

/// `count` rationals of the same syntax as rational_parse_canonical except that p/q need not be
/// in lowest terms, as integers over one denominator (the vector's value is num / den, den >= 1).
/// When the nonzero entries all share one q (the generator writes them so), den = q and no gcd
/// of these long numbers is taken; otherwise den = lcm of the q. Entries are named what[i].
struct IntVector;
IntVector rational_vector_parse_shared_denominator(const std::vector<std::string>& v,
                                                   std::size_t count, const std::string& what);

/// -?D(.D+)?(e[+-]?D+)?, read exactly; |exponent| <= 100000.
Rat decimal_parse(const std::string& s, const std::string& what);

/// floor(a / b) for b > 0.
Int int_floor_div(const Int& a, const Int& b);

/// x * 2^e, exactly.
Rat rational_mul_2exp(const Rat& x, long e);

/// The least e with x <= 2^e, for x > 0.
long rational_ceil_log2(const Rat& x);

/// About `digits` significant decimal digits of x, for messages.
std::string rational_to_decimal_string(const Rat& x, int digits = 6);

/// A short exact spelling of x ("p/q", cut after 40 characters), for messages.
std::string rational_to_string_short(const Rat& x);

/// Integers num with v = num / den, den = lcm of the denominators.
struct IntVector {
    std::vector<Int> num;
    Int den;
};
IntVector rational_vector_clear_denominators(const std::vector<Rat>& v);

} // namespace convcert::checker
