// Structural PNG validation (png_check.h).
#include "report/png_check.h"

#include <fstream>
#include <sstream>

namespace convcert::report {

namespace {

std::uint32_t png_be32(const std::string& b, std::size_t at) {
    return (std::uint32_t(static_cast<unsigned char>(b[at])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(b[at + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(b[at + 2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(b[at + 3]));
}

PngInfo png_fail(const std::string& why) {
    PngInfo info;
    info.error = why;
    return info;
}

} // namespace

std::uint32_t png_crc32(const unsigned char* data, std::size_t n) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

PngInfo png_bytes_check(const std::string& b) {
    static const char kSignature[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
    if (b.size() < 8 + 25 + 12) return png_fail("too short for a PNG file");
    if (b.compare(0, 8, std::string(kSignature, 8)) != 0) return png_fail("no PNG signature");
    if (png_be32(b, 8) != 13 || b.compare(12, 4, "IHDR") != 0)
        return png_fail("the first chunk is not a 13-byte IHDR");
    const auto* ihdr = reinterpret_cast<const unsigned char*>(b.data() + 12);
    if (png_crc32(ihdr, 17) != png_be32(b, 29)) return png_fail("IHDR CRC mismatch");
    PngInfo info;
    info.width = png_be32(b, 16);
    info.height = png_be32(b, 20);
    if (info.width == 0 || info.height == 0) return png_fail("zero width or height");
    const int depth = static_cast<unsigned char>(b[24]);
    const int colour = static_cast<unsigned char>(b[25]);
    const bool ok =
        (colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
        (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
        ((colour == 2 || colour == 4 || colour == 6) && (depth == 8 || depth == 16));
    if (!ok) return png_fail("invalid bit depth / colour type");
    const std::size_t end = b.size() - 12;
    if (png_be32(b, end) != 0 || b.compare(end + 4, 4, "IEND") != 0)
        return png_fail("no IEND chunk at the end");
    info.valid = true;
    return info;
}

PngInfo png_file_check(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return png_fail("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return png_bytes_check(s.str());
}

} // namespace convcert::report
