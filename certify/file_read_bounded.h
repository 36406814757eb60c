// Bounded file reading: a whole file (or standard input) into memory, refused beyond a size
// bound. Part of the certificate model library, so the checker and the generator's commands
// read their inputs with the same code and the checker depends on nothing of the generator.
#pragma once

#include <cstddef>
#include <string>

namespace convcert {

/// The whole content of `path` ("-" is standard input). Throws std::runtime_error with a
/// one-line message when the file cannot be read or holds more than max_bytes bytes; never
/// reads more than max_bytes + 1 bytes, so memory stays bounded whatever the file's size.
std::string file_read_bounded(const std::string& path, std::size_t max_bytes);

} // namespace convcert
