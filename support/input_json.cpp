// Reading input JSON and input rationals (see input_json.h).
#include "support/input_json.h"

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <flint/fmpq.h>

#include <cctype>

namespace convcert::support {

namespace {

bool all_digits(const std::string& s, std::size_t from, std::size_t to) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

} // namespace

std::string rational_canonicalize(const std::string& text, const std::string& where) {
    if (text.size() > kMaxRationalChars)
        throw InputError(where + ": rational longer than " + std::to_string(kMaxRationalChars) +
                         " characters");
    const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    const std::size_t start = (!text.empty() && text[0] == '-') ? 1 : 0;
    const std::size_t slash = text.find('/');
    const std::size_t dot = text.find('.');
    Fmpq q;
    if (slash != std::string::npos) {
        if (!all_digits(text, start, slash) || !all_digits(text, slash + 1, text.size()))
            throw InputError(where + ": '" + shown + "' is not a rational p/q");
        fmpq_set_str(q.x, text.c_str(), 10);
        if (fmpz_is_zero(fmpq_denref(q.x)))
            throw InputError(where + ": '" + shown + "' has a zero denominator");
        fmpq_canonicalise(q.x);
    } else if (dot != std::string::npos) {
        if (!all_digits(text, start, dot) || !all_digits(text, dot + 1, text.size()))
            throw InputError(where + ": '" + shown + "' is not a finite decimal");
        const std::string digits = text.substr(0, dot) + text.substr(dot + 1);
        const std::string ratio = digits + "/1" + std::string(text.size() - dot - 1, '0');
        fmpq_set_str(q.x, ratio.c_str(), 10);
        fmpq_canonicalise(q.x);
    } else {
        if (!all_digits(text, start, text.size()))
            throw InputError(where + ": '" + shown + "' is not a rational");
        fmpq_set_str(q.x, text.c_str(), 10);
    }
    return fmpq_get_string(q.x);
}

std::string rational_from_json(const nlohmann::json& x, const std::string& where) {
    if (x.is_number_integer()) return x.dump();
    if (x.is_string()) return rational_canonicalize(x.get<std::string>(), where);
    if (x.is_number_float())
        throw InputError(where + ": JSON number " + x.dump() +
                         " is not an integer; write it as a string such as \"1/3\" or "
                         "\"-1.25\" (huge integers too)");
    throw InputError(where + " is not a number or a rational string");
}

nlohmann::json input_json_parse(const std::string& text) {
    if (text.size() > kMaxInputBytes) throw InputError("input larger than 256 MiB");
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for 1e400
        const std::string what = e.what();
        const auto bracket = what.find("] ");
        throw InputError("malformed JSON: " +
                         (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

} // namespace convcert::support
