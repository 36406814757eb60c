// Reader for the CIFAR-10 binary format (data_batch_N.bin / test_batch.bin): records of one
// label byte (0-9) and 3072 pixel bytes, the 32×32 red plane, then green, then blue, each
// row-major.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::data {

inline constexpr long kCifarSide = 32;
inline constexpr long kCifarPixels = 3 * kCifarSide * kCifarSide; ///< 3072
inline constexpr long kCifarRecord = 1 + kCifarPixels;            ///< 3073

struct CifarImages {
    std::vector<int> labels;          ///< 0..9
    std::vector<std::uint8_t> pixels; ///< labels.size() × 3072, channel-major per image
};

/// Reads a CIFAR-10 binary file (at most max_records records; 0 = all). Throws
/// std::runtime_error with a one-line message: cannot open, empty, size not a multiple of
/// 3073 bytes (truncated), label > 9 (naming the record).
CifarImages data_cifar_read(const std::string& path, long max_records = 0);

} // namespace convcert::data
