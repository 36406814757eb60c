// A structural PNG check for tests and reports: signature, the IHDR chunk (length 13, CRC
// verified, nonzero width and height, a valid bit depth / colour type pair), and an IEND
// chunk at the end. It does not decode the image data.
#pragma once

#include <cstdint>
#include <string>

namespace convcert::report {

struct PngInfo {
    bool valid = false;
    std::string error; ///< empty when valid; one line otherwise
    std::uint32_t width = 0, height = 0;
};

/// Checks the bytes of a PNG file.
PngInfo png_bytes_check(const std::string& bytes);

/// Reads path and checks it (error "cannot read PATH" when it cannot be opened).
PngInfo png_file_check(const std::string& path);

/// CRC-32 (ISO 3309, as PNG uses it) of the bytes.
std::uint32_t png_crc32(const unsigned char* data, std::size_t n);

} // namespace convcert::report
