// Datasets from NumPy arrays (see dataset_npy.h).
#include "data/dataset_npy.h"

#include "support/dyadic_common.h"

#include <filesystem>
#include <stdexcept>

namespace convcert::data {

namespace {

/// R, D and shape of d from the sample array's shape (N first).
void dataset_shape_from_npy(const std::vector<long>& s, Dataset& d) {
    if (s.size() == 4) {
        d.R = s[1];
        d.shape = {s[2], s[3]};
    } else if (s.size() == 3) {
        d.shape = {s[1], s[2]};
    } else if (s.size() != 2) {
        throw std::invalid_argument("samples must have shape (N, R, D1, D2), (N, D1, D2) or "
                                    "(N, D)");
    }
    for (std::size_t k = 1; k < s.size(); ++k)
        if (s[k] < 1) throw std::invalid_argument("samples have a zero dimension");
    d.D = s.size() == 2 ? s[1] : s[s.size() - 2] * s[s.size() - 1];
    if (d.D > kDatasetMaxSignal)
        throw std::invalid_argument("samples: D exceeds " + std::to_string(kDatasetMaxSignal));
}

std::vector<int> labels_from_npy(const support::NpyArray& y, long n) {
    if (y.shape.size() != 1 || y.shape[0] != n)
        throw std::invalid_argument("labels must have shape (N,) with N = " + std::to_string(n) +
                                    " (the samples' first dimension)");
    std::vector<int> out;
    for (std::size_t i = 0; i < y.values.size(); ++i) {
        if (y.values[i] != 1 && y.values[i] != -1)
            throw std::invalid_argument("label " + std::to_string(i) + " is not 1 or -1");
        out.push_back(y.values[i] > 0 ? 1 : -1);
    }
    return out;
}

} // namespace

Dataset data_dataset_from_npy(const support::NpyArray& x, const support::NpyArray& y,
                              const std::string& name, const std::string& source) {
    Dataset d;
    d.name = name;
    d.source = source;
    dataset_shape_from_npy(x.shape, d);
    const long n = x.shape[0];
    if (n < 1) throw std::invalid_argument("samples: N must be >= 1");
    d.y = labels_from_npy(y, n);
    const support::DyadicCommon c = support::dyadic_common_denominator(x.values);
    d.x_den = c.den;
    const long row = d.R * d.D;
    for (long i = 0; i < n; ++i)
        d.x.emplace_back(c.num.begin() + i * row, c.num.begin() + (i + 1) * row);
    data_dataset_validate(d);
    return d;
}

Dataset data_dataset_npy_files(const std::string& x_path, const std::string& y_path,
                               const std::string& name) {
    const std::string x_file = std::filesystem::path(x_path).filename().string();
    const std::string y_file = std::filesystem::path(y_path).filename().string();
    return data_dataset_from_npy(support::npy_read(x_path), support::npy_read(y_path),
                                 name.empty() ? x_file : name, "npy " + x_file + " " + y_file);
}

} // namespace convcert::data
