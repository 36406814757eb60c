// Strict parsing of canonical rationals and decimals (docs/certificates.md, "Rationals") and
// the small exact helpers the checks share.
#include "certify/checker/rational.h"

#include <utility>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <algorithm>
#include <cstdio>
#include <new>

namespace convcert::checker {

namespace {

bool is_digit_run(const std::string& s, std::size_t begin, std::size_t end) {
    if (begin >= end) return false;
    for (std::size_t i = begin; i < end; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

} // namespace

void reject(const std::string& reason) {
    throw Reject(reason);
}

void undecided(const std::string& reason) {
    throw Undecided(reason);
}

void limit_check_range(long value, long lo, long hi, const std::string& what) {
    const std::string m = what + " = " + std::to_string(value) + " is outside [" +
                          std::to_string(lo) + ", " + std::to_string(hi) + "]";
    if (value < lo) reject(m);
    if (value > hi) undecided(m);
}

double string_bits_estimate(const std::string& s) {
    return static_cast<double>(s.size()) * kLog2Of10 + 1;
}

namespace {

thread_local double work_spent_ns = 0;
thread_local int verdict_depth = 0;

} // namespace

void work_charge(double ns, const std::string& what) {
    work_spent_ns += ns;
    if (!(work_spent_ns <= kWorkBudgetNs)) {
        char buffer[96];
        std::snprintf(buffer, sizeof buffer,
                      " would bring the estimated work to %.3g s, beyond the limit %.0f s",
                      work_spent_ns * 1e-9, kWorkBudgetNs * 1e-9);
        undecided("work limit: " + what + buffer);
    }
}

double work_charged_ns() {
    return work_spent_ns;
}

double int_limbs(const Int& x) {
    return x.is_zero() ? 1.0 : static_cast<double>(msb(abs(x)) / 64 + 1);
}

double bits_limbs(double bits) {
    return bits / 64 + 1;
}

// Measured on this project's machines (GCC 12 -O2, Boost 1.74): a product 1-5 ns per limb
// pair (schoolbook below ~5000 limbs); a division about 20 ns per quotient-divisor limb pair
// plus a subtraction over the whole dividend per quotient limb (so a long number modulo a short
// one is quadratic in the long one); Boost's gcd 250-570 ns per limb² (binary, also for one
// short operand).
double cost_mul_ns(double la, double lb) {
    return 4 * la * lb + 40;
}

double cost_div_ns(double la, double lb) {
    return std::max(1.0, la - lb + 1) * (20 * lb + 3 * la) + 80;
}

double cost_gcd_ns(double l) {
    return 400 * l * l + 1000;
}

double cost_bareiss_ns(double n, double entry_bits, bool symmetric) {
    double ns = 0;
    for (double k = 0; k < n; ++k) {
        const double l = bits_limbs((k + 2) * entry_bits);
        const double entries = symmetric ? (n - k) * (n - k - 1) / 2 : (n - k - 1) * (n - k - 1);
        ns += entries * (2 * cost_mul_ns(l, l) + cost_div_ns(2 * l, l));
    }
    return symmetric ? kBareissSymmetricCalibration * ns : ns;
}

double cost_psd_float_ns(double n, double entry_bits) {
    const double conversions = n * (n + 1) / 2 * (60 + 2 * bits_limbs(entry_bits));
    return conversions + kPsdFloatNsPerStep * n * n * n / 6;
}

Int int_gcd(const Int& a, const Int& b) {
    const double la = int_limbs(a), lb = int_limbs(b);
    if (la > 2 * lb) {
        work_charge(cost_div_ns(la, lb) + cost_gcd_ns(lb), "a gcd");
        return gcd(b, Int(a % b));
    }
    work_charge(cost_gcd_ns(std::max(la, lb)), "a gcd");
    return gcd(a, b);
}

Int int_lcm_bounded(const Int& a, const Int& b, const std::string& what) {
    if (a == b || b == 1) return a;
    if (a == 1) return b;
    const Int g = int_gcd(a, b);
    if (static_cast<double>(msb(a) + msb(b) - msb(g)) > kMaxDenominatorBits)
        undecided(what + ": the common denominator exceeds the limit of " +
                  std::to_string(static_cast<long>(kMaxDenominatorBits)) + " bits");
    return a / g * b;
}

Verdict verdict_run(const std::function<void()>& checks) {
    struct Depth { // the outermost run starts a fresh work meter
        Depth() {
            if (verdict_depth++ == 0) work_spent_ns = 0;
        }
        ~Depth() { --verdict_depth; }
    } depth;
    try {
        checks();
        return Verdict{true, ""};
    } catch (const Reject& e) {
        return Verdict{false, e.what()};
    } catch (const Undecided& e) {
        return Verdict{false, e.what(), true};
    } catch (const std::bad_alloc&) {
        return Verdict{false, "out of memory while checking", true};
    } catch (const std::exception& e) {
        return Verdict{false, std::string("internal error while checking: ") + e.what()};
    } catch (...) {
        return Verdict{false, "internal error while checking"};
    }
}

std::string string_quote_short(const std::string& s) {
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < 40; ++i)
        out += (s[i] >= 32 && s[i] < 127) ? s[i] : '?';
    return out + (s.size() > 40 ? "...'" : "'");
}

Int integer_parse_canonical(const std::string& s, const std::string& what) {
    const std::size_t b = (!s.empty() && s[0] == '-') ? 1 : 0;
    if (s.size() - b > kMaxRationalDigits)
        undecided(what + ": integer exceeds the limit of 100000 digits");
    if (!is_digit_run(s, b, s.size()))
        reject(what + ": " + string_quote_short(s) + " is not a canonical integer");
    if (s[b] == '0' && (s.size() > b + 1 || b == 1))
        reject(what + ": integer " + string_quote_short(s) +
               " is not canonical (leading zero or -0)");
    const double limbs = bits_limbs(string_bits_estimate(s));
    work_charge(cost_mul_ns(limbs, limbs), "reading " + what); // decimal to binary
    return Int(s);
}

namespace {

/// The syntax shared by both rational spellings: p canonical, then optionally "/q" with q a
/// canonical positive integer. Returns (p, q), q = 1 without a slash.
std::pair<Int, Int> rational_parse_syntax(const std::string& s, const std::string& what) {
    const std::size_t slash = s.find('/');
    if (s.size() - (!s.empty() && s[0] == '-') - (slash != std::string::npos) > kMaxRationalDigits)
        undecided(what + ": rational exceeds the limit of 100000 digits");
    const std::string quoted = "rational " + string_quote_short(s);
    const std::size_t b = (!s.empty() && s[0] == '-') ? 1 : 0;
    const std::size_t end = slash == std::string::npos ? s.size() : slash;
    if (!is_digit_run(s, b, end) ||
        (slash != std::string::npos && !is_digit_run(s, end + 1, s.size())))
        reject(what + ": " + quoted + " is not a canonical rational");
    if ((s[b] == '0' && (end > b + 1 || b == 1)) ||
        (slash != std::string::npos && s[end + 1] == '0'))
        reject(what + ": " + quoted + " is not canonical (leading zero or -0)");
    const double limbs = bits_limbs(string_bits_estimate(s));
    work_charge(cost_mul_ns(limbs, limbs), "reading " + what); // decimal to binary
    const Int p(s.substr(0, end));
    if (slash == std::string::npos) return {p, Int(1)};
    const Int q(s.substr(end + 1));
    if (q < 2) reject(what + ": " + quoted + " has denominator 1");
    return {p, q};
}

} // namespace

Rat rational_parse_canonical(const std::string& s, const std::string& what) {
    const auto [p, q] = rational_parse_syntax(s, what);
    if (q == 1) return Rat(p);
    // Boost normalizes every cpp_rational with its binary gcd, quadratic in the longer part;
    // the charge covers this one and the few later operations on the same value.
    work_charge(3 * cost_gcd_ns(std::max(int_limbs(p), int_limbs(q))), "reading " + what);
    const Rat value(p, q); // one gcd: q is the reduced denominator iff gcd(p, q) = 1
    if (denominator(value) != q)
        reject(what + ": rational " + string_quote_short(s) + " is not in lowest terms");
    return value;
}

IntVector rational_vector_parse_shared_denominator(const std::vector<std::string>& v,
                                                   std::size_t count, const std::string& what) {
    if (v.size() != count)
        reject(what + " has " + std::to_string(v.size()) + " entries, expected " +
               std::to_string(count));
    std::vector<std::pair<Int, Int>> parsed;
    parsed.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        parsed.push_back(rational_parse_syntax(v[i], what + "[" + std::to_string(i) + "]"));
    IntVector out{{}, Int(1)};
    for (const auto& [p, q] : parsed) // equal denominators cost no gcd
        if (p != 0) out.den = int_lcm_bounded(out.den, q, what);
    out.num.reserve(count);
    const double den_limbs = int_limbs(out.den);
    for (const auto& [p, q] : parsed) {
        if (p != 0 && q != out.den)
            work_charge(cost_div_ns(den_limbs, int_limbs(q)) + cost_mul_ns(int_limbs(p), den_limbs),
                        "the common denominator of " + what);
        out.num.push_back(p == 0 ? Int(0) : q == out.den ? p : p * (out.den / q));
    }
    return out;
}

Rat decimal_parse(const std::string& s, const std::string& what) {
    const std::string bad = what + ": " + string_quote_short(s) + " is not a decimal";
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    const std::size_t int_begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    if (i == int_begin) reject(bad);
    std::string mantissa = s.substr(int_begin, i - int_begin);
    long exponent = 0;
    if (i < s.size() && s[i] == '.') {
        const std::size_t frac_begin = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == frac_begin) reject(bad);
        mantissa += s.substr(frac_begin, i - frac_begin);
        exponent = -static_cast<long>(i - frac_begin);
    }
    if (i < s.size() && s[i] == 'e') {
        ++i;
        const bool negative = i < s.size() && s[i] == '-';
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        if (!is_digit_run(s, i, s.size())) reject(bad);
        while (i + 1 < s.size() && s[i] == '0') // the grammar allows leading zeros: "e-0001"
            ++i;
        if (s.size() - i > 6 || std::stol(s.substr(i)) > static_cast<long>(kMaxRationalDigits))
            undecided(what + ": decimal exponent exceeds the limit of 100000");
        exponent += negative ? -std::stol(s.substr(i)) : std::stol(s.substr(i));
        i = s.size();
    }
    if (i != s.size()) reject(bad);
    if (mantissa.size() > kMaxRationalDigits)
        undecided(what + ": decimal exceeds the limit of 100000 digits");
    const double limbs =
        bits_limbs(static_cast<double>(mantissa.size() + std::labs(exponent)) * kLog2Of10);
    work_charge(3 * cost_gcd_ns(limbs), "reading " + what); // parse, power of 10, normalization
    const std::size_t nonzero = mantissa.find_first_not_of('0');
    Rat value(nonzero == std::string::npos ? Int(0) : Int(mantissa.substr(nonzero)));
    const Int scale = pow(Int(10), static_cast<unsigned>(exponent < 0 ? -exponent : exponent));
    value = exponent < 0 ? Rat(value / scale) : Rat(value * scale);
    return s[0] == '-' ? Rat(-value) : value;
}

Int int_floor_div(const Int& a, const Int& b) {
    Int q = a / b; // truncates toward zero
    if (a.sign() < 0 && q * b != a) --q;
    return q;
}

Rat rational_mul_2exp(const Rat& x, long e) {
    if (e >= 0) return Rat(numerator(x) << e, denominator(x));
    return Rat(numerator(x), denominator(x) << -e);
}

long rational_ceil_log2(const Rat& x) {
    long e = static_cast<long>(msb(numerator(x))) - static_cast<long>(msb(denominator(x)));
    while (x > rational_mul_2exp(Rat(1), e))
        ++e;
    while (x <= rational_mul_2exp(Rat(1), e - 1))
        --e;
    return e;
}

std::string rational_to_decimal_string(const Rat& x, int digits) {
    using Float = boost::multiprecision::cpp_bin_float_50;
    const Float f = Float(numerator(x)) / Float(denominator(x));
    return f.str(digits);
}

std::string rational_to_string_short(const Rat& x) {
    std::string s = numerator(x).str();
    if (denominator(x) != 1) s += "/" + denominator(x).str();
    return s.size() > 40 ? s.substr(0, 40) + "..." : s;
}

IntVector rational_vector_clear_denominators(const std::vector<Rat>& v) {
    IntVector out{{}, Int(1)};
    for (const Rat& x : v)
        out.den = int_lcm_bounded(out.den, denominator(x), "a vector");
    out.num.reserve(v.size());
    const double den_limbs = int_limbs(out.den);
    for (const Rat& x : v) {
        if (denominator(x) != out.den)
            work_charge(cost_div_ns(den_limbs, int_limbs(denominator(x))) +
                            cost_mul_ns(int_limbs(numerator(x)), den_limbs),
                        "a common denominator");
        out.num.push_back(numerator(x) * (out.den / denominator(x)));
    }
    return out;
}

} // namespace convcert::checker
