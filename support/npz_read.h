// NumPy's .npz files (numpy.savez: a zip archive of .npy members, stored; numpy.savez_compressed:
// deflated), read through Debian's libzip (the zip container: central directory, ZIP64,
// deflate, CRC-32) and support/npy_read (each member, with all its checks). Nothing is
// unpickled: members that are not .npy arrays are refused.
#pragma once

#include "support/npy_read.h"

#include <map>
#include <string>

namespace convcert::support {

/// Most members of one archive.
inline constexpr long kNpzMaxMembers = 64;

/// Parses the bytes of an .npz file (at most kNpyMaxBytes) into its arrays by name (the member
/// name without ".npy"). Throws std::invalid_argument with a one-line message: not a zip
/// archive (truncated, bad central directory), an encrypted member or an unsupported
/// compression method, a CRC or size mismatch, a member whose name does not end in ".npy" or
/// appears twice, more than kNpzMaxMembers members, members of more than kNpyMaxBytes bytes in
/// all (uncompressed), and whatever npy_parse refuses (named by member).
std::map<std::string, NpyArray> npz_parse(const std::string& bytes);

} // namespace convcert::support
