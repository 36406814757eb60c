// The .npy reader (see npy_read.h): the preamble, a strict parser of the header's Python dict,
// then the payload decoded value by value (byte order explicit, no reinterpretation casts).
#include "support/npy_read.h"

#include "certify/file_read_bounded.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace convcert::support {

namespace {

[[noreturn]] void npy_fail(const std::string& what) {
    throw std::invalid_argument(what);
}

/// The element type: kind 'f', 'i' or 'u', size in bytes, byte order.
struct NpyDtype {
    char kind = 0;
    int size = 0;
    bool big_endian = false;
};

NpyDtype dtype_parse(const std::string& descr) {
    if (descr.size() != 3) npy_fail("unsupported dtype '" + descr + "'");
    NpyDtype t;
    t.kind = descr[1];
    t.size = descr[2] - '0';
    const char order = descr[0];
    const bool known = (t.kind == 'f' && (t.size == 4 || t.size == 8)) ||
                       ((t.kind == 'i' || t.kind == 'u') &&
                        (t.size == 1 || t.size == 2 || t.size == 4 || t.size == 8));
    if (!known) npy_fail("unsupported dtype '" + descr + "' (f4 f8 i1 i2 i4 i8 u1 u2 u4 u8)");
    if (t.size == 1 ? order != '|' : order != '<' && order != '>')
        npy_fail("unsupported byte order in dtype '" + descr + "'");
    t.big_endian = order == '>';
    return t;
}

/// A strict parser of the header dict: {'descr': '<f4', 'fortran_order': False, 'shape': (2,
/// 3), } with single or double quotes, spaces between tokens, each key exactly once.
class HeaderParser {
  public:
    explicit HeaderParser(const std::string& text) : s_(text) {}

    void parse(std::string& descr, std::vector<long>& shape) {
        expect('{');
        bool have_descr = false, have_order = false, have_shape = false;
        while (true) {
            spaces();
            if (peek() == '}') break;
            const std::string key = string();
            expect(':');
            spaces();
            if (key == "descr" && !have_descr) {
                if (peek() != '\'' && peek() != '"')
                    npy_fail("unsupported dtype (structured or sub-array dtypes)");
                descr = string();
                have_descr = true;
            } else if (key == "fortran_order" && !have_order) {
                if (boolean()) npy_fail("Fortran order is not supported (write C order)");
                have_order = true;
            } else if (key == "shape" && !have_shape) {
                shape = tuple();
                have_shape = true;
            } else {
                npy_fail("header has an unknown or repeated key '" + key.substr(0, 40) + "'");
            }
            spaces();
            if (peek() == ',')
                ++pos_;
            else if (peek() != '}')
                npy_fail("header: expected ',' or '}'");
        }
        ++pos_;
        if (!have_descr || !have_order || !have_shape)
            npy_fail("header lacks 'descr', 'fortran_order' or 'shape'");
        while (pos_ < s_.size() && s_[pos_] == ' ')
            ++pos_;
        if (pos_ + 1 != s_.size() || s_[pos_] != '\n')
            npy_fail("header is not padded with spaces and a final newline");
    }

  private:
    const std::string& s_;
    std::size_t pos_ = 0;

    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void spaces() {
        while (peek() == ' ')
            ++pos_;
    }
    void expect(char c) {
        spaces();
        if (peek() != c) npy_fail(std::string("header: expected '") + c + "'");
        ++pos_;
    }
    std::string string() {
        spaces();
        const char q = peek();
        if (q != '\'' && q != '"') npy_fail("header: expected a quoted string");
        const std::size_t end = s_.find(q, pos_ + 1);
        if (end == std::string::npos) npy_fail("header: unterminated string");
        std::string out = s_.substr(pos_ + 1, end - pos_ - 1);
        if (out.find('\n') != std::string::npos) npy_fail("header: a newline inside a string");
        pos_ = end + 1;
        return out;
    }
    bool boolean() {
        spaces();
        for (const char* word : {"True", "False"})
            if (s_.compare(pos_, std::strlen(word), word) == 0) {
                pos_ += std::strlen(word);
                return word[0] == 'T';
            }
        npy_fail("header: 'fortran_order' is not True or False");
    }
    long integer() {
        spaces();
        long v = 0;
        const std::size_t start = pos_;
        while (peek() >= '0' && peek() <= '9') {
            if (v > kNpyMaxBytes) npy_fail("shape has a dimension that is too large");
            v = v * 10 + (s_[pos_++] - '0');
        }
        if (pos_ == start) npy_fail("shape entries must be non-negative integers");
        return v;
    }
    std::vector<long> tuple() {
        expect('(');
        std::vector<long> dims;
        bool comma = false; // the last token was ','
        spaces();
        while (peek() != ')') {
            dims.push_back(integer());
            if (static_cast<long>(dims.size()) > kNpyMaxDims) npy_fail("too many dimensions");
            spaces();
            comma = peek() == ',';
            if (comma)
                ++pos_;
            else if (peek() != ')')
                npy_fail("shape: expected ',' or ')'");
            spaces();
        }
        ++pos_;
        if (dims.size() == 1 && !comma) npy_fail("shape: a one-element tuple needs a comma");
        return dims;
    }
};

/// The header text and the payload's offset, from the preamble (magic, version, length).
std::size_t header_locate(const std::string& b, std::string& header) {
    if (b.size() < 10 || b.compare(0, 6, "\x93NUMPY") != 0) npy_fail("bad magic (not a .npy file)");
    const int major = static_cast<unsigned char>(b[6]), minor = static_cast<unsigned char>(b[7]);
    if (major < 1 || major > 3 || minor != 0)
        npy_fail("unsupported version " + std::to_string(major) + "." + std::to_string(minor));
    const std::size_t width = major == 1 ? 2 : 4;
    if (b.size() < 8 + width) npy_fail("truncated header");
    std::uint64_t len = 0;
    for (std::size_t k = 0; k < width; ++k)
        len |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[8 + k])) << (8 * k);
    if (len > static_cast<std::uint64_t>(kNpyMaxHeader)) npy_fail("header is too long");
    const std::size_t start = 8 + width;
    if (b.size() < start + len) npy_fail("truncated header");
    header = b.substr(start, len);
    for (char c : header)
        if (static_cast<unsigned char>(c) > 0x7e || (c < 0x20 && c != '\n'))
            npy_fail("header is not printable ASCII");
    return start + len;
}

/// The value at p (size bytes, the dtype's order), exactly; refuses NaN, Inf and 64-bit
/// integers beyond 2^53.
double value_decode(const unsigned char* p, const NpyDtype& t) {
    std::uint64_t bits = 0;
    for (int k = 0; k < t.size; ++k)
        bits |= static_cast<std::uint64_t>(p[t.big_endian ? t.size - 1 - k : k]) << (8 * k);
    double v = 0;
    if (t.kind == 'f' && t.size == 4) {
        float f;
        const std::uint32_t b32 = static_cast<std::uint32_t>(bits);
        std::memcpy(&f, &b32, 4);
        v = f;
    } else if (t.kind == 'f') {
        std::memcpy(&v, &bits, 8);
    } else if (t.kind == 'u') {
        if (bits > (std::uint64_t{1} << 53)) npy_fail("an integer exceeds 2^53");
        v = static_cast<double>(bits);
    } else {
        const int shift = 64 - 8 * t.size;
        const std::int64_t s = static_cast<std::int64_t>(bits << shift) >> shift;
        if (s > (std::int64_t{1} << 53) || s < -(std::int64_t{1} << 53))
            npy_fail("an integer exceeds 2^53 in absolute value");
        v = static_cast<double>(s);
    }
    if (!std::isfinite(v)) npy_fail("NaN or infinite value");
    return v;
}

NpyArray npy_parse_bare(const std::string& bytes) {
    std::string header;
    const std::size_t offset = header_locate(bytes, header);
    NpyArray a;
    HeaderParser(header).parse(a.descr, a.shape);
    const NpyDtype t = dtype_parse(a.descr);
    a.integer = t.kind != 'f';
    long count = 1;
    for (long d : a.shape) {
        if (d > 0 && count > kNpyMaxValues / d)
            npy_fail("shape is too large (more than 2^26 values)");
        count *= d;
    }
    const std::size_t want = static_cast<std::size_t>(count) * static_cast<std::size_t>(t.size);
    const std::size_t have = bytes.size() - offset;
    if (have < want)
        npy_fail("truncated payload (" + std::to_string(have) + " of " + std::to_string(want) +
                 " bytes)");
    if (have > want) npy_fail("trailing bytes after the payload");
    a.values.resize(static_cast<std::size_t>(count));
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + offset;
    for (long i = 0; i < count; ++i)
        a.values[static_cast<std::size_t>(i)] = value_decode(p + i * t.size, t);
    return a;
}

} // namespace

NpyArray npy_parse(const std::string& bytes) {
    try {
        return npy_parse_bare(bytes);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string(".npy: ") + e.what());
    }
}

NpyArray npy_read(const std::string& path) {
    const std::string bytes = file_read_bounded(path, static_cast<std::size_t>(kNpyMaxBytes));
    try {
        return npy_parse_bare(bytes);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path + ": " + e.what());
    }
}

} // namespace convcert::support
