// Text from certificates and the command line made safe for Coq files and messages (untrusted
// generator side, but the one place that decides what input-controlled text may reach a .v file):
// a name sanitized to [A-Za-z0-9._-] for a Coq comment, and a string escaped for a one-line
// error message. Numbers never pass through here: the exporters print them from parsed values.
#pragma once

#include <cstddef>
#include <string>

namespace convcert::coqgen {

/// The longest name coq_name_sanitize returns (longer names are cut).
inline constexpr std::size_t kCoqNameMax = 64;

/// `name` with every byte outside [A-Za-z0-9._-] replaced by '_', cut to kCoqNameMax bytes.
/// The result can be written anywhere in a Coq comment: it can neither close the comment (no
/// "*)"), open a nested one ("(*"), nor start a string literal ('"'), and has no line break.
/// Any input is allowed (also empty, which gives empty).
std::string coq_name_sanitize(const std::string& name);

/// `s` for a one-line message: printable ASCII kept, every other byte (newline, other control
/// characters, non-ASCII) written as \xHH; inputs longer than max_bytes are cut there and "..."
/// is appended. Any input is allowed.
std::string coq_message_escape(const std::string& s, std::size_t max_bytes = 80);

} // namespace convcert::coqgen
