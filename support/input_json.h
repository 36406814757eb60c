// Reading the user's input files: JSON text within a size limit, and input rationals (a JSON
// integer, or a string "p", "p/q" or a finite decimal "-1.25") brought to canonical form. Every
// command's reader (lemma instances, regularizer instances, networks) is built on these.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace convcert::support {

inline constexpr std::size_t kMaxRationalChars = 100000;
inline constexpr std::size_t kMaxInputBytes = 256u << 20;

/// Bad user input; what() is one line naming the problem.
class InputError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Canonical form of one input rational ("0.50" -> "1/2", "-6/4" -> "-3/2").
/// Throws InputError naming `where` for anything that is not a finite rational.
std::string rational_canonicalize(const std::string& text, const std::string& where);

/// One input rational from a JSON value: an integer, or a string that rational_canonicalize
/// accepts. Throws InputError naming `where` (JSON floats are refused: quote them).
std::string rational_from_json(const nlohmann::json& x, const std::string& where);

/// Parses the text of an input file (at most kMaxInputBytes) as JSON. Throws InputError
/// "malformed JSON: ..." with nlohmann's reason.
nlohmann::json input_json_parse(const std::string& text);

} // namespace convcert::support
