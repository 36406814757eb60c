// A strict reader of NumPy's .npy files (NEP 1, numpy.lib.format, versions 1.0, 2.0 and 3.0):
// numeric arrays in C order, every value kept exactly as a double (float32, float64 and
// integers up to 2^53 are all exact doubles). Our own small reader rather than a packaged one:
// Debian 12 ships no cnpy, and xtensor's xnpy.hpp pulls in xtensor and checks neither the
// padding, nor trailing bytes, nor NaN/Inf (docs/datasets.md, "NumPy files").
#pragma once

#include <string>
#include <vector>

namespace convcert::support {

/// Largest .npy file read (bytes): 2^29.
inline constexpr long kNpyMaxBytes = 1L << 29;
/// Largest number of values (each becomes a double: 512 MiB): 2^26.
inline constexpr long kNpyMaxValues = 1L << 26;
/// Largest header (the Python dict and its padding), in bytes.
inline constexpr long kNpyMaxHeader = 1L << 16;
/// Largest number of dimensions.
inline constexpr long kNpyMaxDims = 32;

/// A numeric array: shape (empty for a scalar), the dtype as written ("<f4", "|u1", ...), and
/// every value in C (row-major) order as an exact double.
struct NpyArray {
    std::vector<long> shape;
    std::string descr;
    bool integer = false; ///< an integer dtype (else float32/float64)
    std::vector<double> values;
};

/// Parses the bytes of a .npy file. Accepted: magic "\x93NUMPY", version 1.0 (2-byte header
/// length), 2.0 or 3.0 (4-byte), an ASCII header
/// "{'descr': ..., 'fortran_order': False, 'shape': (...), }" (keys in any order, each once,
/// trailing comma optional) padded with spaces and ending in '\n'; dtypes f4 f8 i2 i4 i8 u2 u4
/// u8 with byte order '<' or '>', and |i1 |u1; a payload of exactly prod(shape)·itemsize bytes.
/// Throws std::invalid_argument with a one-line message on anything else: bad magic, version
/// or header, Fortran order, other dtypes (objects, strings, complex, bool, structured),
/// negative dimensions, more than kNpyMaxValues values, truncated or trailing payload, NaN or
/// infinite values, 64-bit integers beyond 2^53 in absolute value.
NpyArray npy_parse(const std::string& bytes);

/// npy_parse of the file at path (at most kNpyMaxBytes bytes); messages start with the path.
/// Throws std::invalid_argument (bad content) or std::runtime_error (cannot read).
NpyArray npy_read(const std::string& path);

} // namespace convcert::support
