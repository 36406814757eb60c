// Writing NumPy's .npz archives of float64 arrays (what numpy.savez writes: a zip archive of
// stored .npy members, version 1.0 headers), through Debian's libzip in memory; numpy.load and
// convcert.npz.network_load read them, and so does support/npz_read.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace convcert::support {

/// A float64 array in C order: its shape and shape-product many values.
struct NpzArrayOut {
    std::string name; ///< member name without ".npy"
    std::vector<long> shape;
    std::vector<double> values;
};

/// The bytes of an .npz archive holding the arrays (stored, little-endian "<f8"). Throws
/// std::runtime_error if libzip fails, std::invalid_argument if a shape and its values
/// disagree.
std::string npz_bytes(const std::vector<NpzArrayOut>& arrays);

} // namespace convcert::support
