// Reader for the IDX format of MNIST and Fashion-MNIST (big-endian magic 0x0000 TT NN, NN
// dimension sizes, then the unsigned-byte payload), plain or gzip-compressed (zlib).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::data {

/// An IDX array of unsigned bytes: dims (e.g. {60000, 28, 28} or {60000}), row-major bytes.
struct IdxArray {
    std::vector<long> dims;
    std::vector<std::uint8_t> bytes; ///< product of dims entries
};

/// Largest payload accepted (bytes), so that a corrupt header cannot ask for gigabytes.
inline constexpr long kIdxMaxBytes = 1L << 28;

/// Reads an IDX file of type 0x08 (unsigned byte); the file may be gzip-compressed (detected
/// by zlib). Throws std::runtime_error with a one-line message naming the file and the problem
/// (cannot open, bad magic, unsupported type, zero or oversized dimensions, truncated payload,
/// trailing bytes, corrupt gzip stream).
IdxArray data_idx_read(const std::string& path);

/// The bytes of an IDX file (uncompressed) holding array; for tests and tools.
/// Precondition: product of dims == bytes.size(), 1 <= dims.size() <= 255.
std::string data_idx_encode(const IdxArray& array);

} // namespace convcert::data
