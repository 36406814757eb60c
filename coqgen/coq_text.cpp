// Sanitizing names for Coq comments and escaping strings for one-line messages (coq_text.h).
#include "coqgen/coq_text.h"

namespace convcert::coqgen {

namespace {

bool coq_name_char(unsigned char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
}

} // namespace

std::string coq_name_sanitize(const std::string& name) {
    std::string out;
    for (std::size_t i = 0; i < name.size() && i < kCoqNameMax; ++i) {
        const unsigned char ch = static_cast<unsigned char>(name[i]);
        out += coq_name_char(ch) ? static_cast<char>(ch) : '_';
    }
    return out;
}

std::string coq_message_escape(const std::string& s, std::size_t max_bytes) {
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < max_bytes; ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        if (ch >= 0x20 && ch < 0x7f) {
            out += static_cast<char>(ch);
        } else {
            out += "\\x";
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
    if (s.size() > max_bytes) out += "...";
    return out;
}

} // namespace convcert::coqgen
