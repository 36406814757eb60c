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

inline constexpr double kLog2Of10 = 3.3219280948873623;

/// "<what> = value is outside [lo, hi]": a rejection below lo (the format's bound), an undecided
/// verdict above hi (a resource limit).
void limit_check_range(long value, long lo, long hi, const std::string& what);

/// The work meter: every costly step charges its estimated time (ns, from sizes and bit lengths,
/// calibrated on Boost's schoolbook cpp_int) *before* it runs; once a check's total would pass
/// kWorkBudgetNs, the check is declined (undecided) naming the step. verdict_run resets it.
inline constexpr double kWorkBudgetNs = 90e9;
void work_charge(double ns, const std::string& what);

/// The estimate charged so far by the current (or last finished) check on this thread, in ns.
double work_charged_ns();

/// 64-bit limbs of |x| (at least 1), and of a number of `bits` bits.
double int_limbs(const Int& x);
double bits_limbs(double bits);

/// Estimated ns of one product (or multiply-add) of integers of la and lb limbs; of one
/// division of a la-limb by a lb-limb integer (quadratic in la when lb is short); of Boost's binary
/// gcd (also every normalization of a cpp_rational) of numbers of at most l limbs.
double cost_mul_ns(double la, double lb);
double cost_div_ns(double la, double lb);
double cost_gcd_ns(double l);

/// Estimated ns of fraction-free (Bareiss) elimination of an n×n integer matrix with entries
/// of at most `entry_bits` bits: step k updates (n-k)² entries (half when symmetric), minors of
/// order k+2 of about (k+2)·entry_bits bits, by two products and an exact division each. About
/// n^5 (entry limbs)² / 30 products: the cost that bounds R·K in the PSD test. The symmetric
/// (PSD) case is scaled by kBareissSymmetricCalibration, measured below.
double cost_bareiss_ns(double n, double entry_bits, bool symmetric);

/// Estimated ns of the floating-point PSD test (psd_float.h) of an n×n integer matrix with
/// entries of at most `entry_bits` bits: n²/2 conversions to double, then the Cholesky's n³/6
/// multiply-subtracts (plain loops, measured below); excludes the exact check of a negative
/// direction, which charges itself.
double cost_psd_float_ns(double n, double entry_bits);

/// The exact test stays below (or at) this size: Bareiss costs little there, and it decides
/// singular matrices, which the floating-point test cannot.
inline constexpr std::size_t kPsdExactMaxN = 32;

/// The schoolbook model overestimates the symmetric elimination of 4 den² I - T Tᵀ 3-6 times
/// (measured, 2 loaded cores: R·K = 120 with 64-bit λ 18 s for 71 s estimated; R·K = 192 with
/// 16-bit λ 25 s for 76 s; a generated D = 160, K = 128 bracket with 93-bit λ 32 s for 198 s),
/// which declined the generator's own K = 128 brackets. Scaled by 0.4 the estimates stay above
/// every measured time (28, 30 and 79 s).
inline constexpr double kBareissSymmetricCalibration = 0.4;

/// ns per multiply-subtract of the floating-point Cholesky (cost_psd_float_ns), an upper
/// estimate: measured 0.9-1.8 ns on 2 loaded cores (bench_checker_psd: N = 1024 in 0.26-0.48 s,
/// N = 2048 in 2.9 s, N = 4096 in 21 s for N³/6 = 1.15e10 steps).
inline constexpr double kPsdFloatNsPerStep = 4.0;

/// gcd(a, b) for b != 0, reducing a modulo b first when a is much longer (Boost's gcd is
/// quadratic in the longer operand even when the other is one limb). Charges the meter.
Int int_gcd(const Int& a, const Int& b);

/// lcm(a, b) for a, b >= 1 via int_gcd; declines (undecided) when the result would exceed
/// kMaxDenominatorBits. `what` names the denominator in that message.
inline constexpr double kMaxDenominatorBits = 1 << 19;
Int int_lcm_bounded(const Int& a, const Int& b, const std::string& what);

/// Bits of the integer or rational spelled s (canonical or decimal digits, at most 100000 of them),
/// an upper bound read off its length: digits * log2(10) + 1.
double string_bits_estimate(const std::string& s);

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
