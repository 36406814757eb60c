// The dataset file of `convcert train`, `maxmargin` and `experiment` (docs/datasets.md):
// n labelled signals with R input channels of length D and integer entries over one common
// denominator ("x_denominator", 1 when absent: float data such as NumPy's are dyadic
// rationals), so that margins y_i <w, x_i> of a rational w are exact rationals. A 2-D dataset
// (images) also has "shape": [D1, D2] with D = D1·D2, each channel flattened row-major (MATH.md,
// "Two-dimensional signals"); a 1-D one has "D" alone.
//   {"format": "convcert-dataset", "name": "...", "source": "...", "R": 1, "D": 49,
//    ["shape": [7, 7],] ["x_denominator": 1024,] "x": [[R·D integers, channel-major: x[r·D + j]],
//    ...], "y": [1, -1, ...]}
#pragma once

#include <string>
#include <vector>

namespace convcert::data {

/// Bound on |x| numerators (each is exact as a double) and on the denominator.
inline constexpr long kDatasetMaxEntry = 1L << 53;

struct Dataset {
    std::string name, source;
    long R = 1, D = 0;
    std::vector<long> shape;          ///< {D1, D2} with D1·D2 = D for 2-D signals; empty in 1-D
    std::vector<std::vector<long>> x; ///< n rows of R·D numerators, channel-major
    long x_den = 1;                   ///< the samples are x / x_den; 1 <= x_den <= kDatasetMaxEntry
    std::vector<int> y;               ///< ±1
    long n() const { return static_cast<long>(y.size()); }
};

/// The largest D a dataset file may declare.
inline constexpr long kDatasetMaxSignal = 1L << 24;

/// Checks shape and values: R >= 1, D >= 1, shape empty or {D1, D2} with D1, D2 >= 1 and
/// D1·D2 = D, n >= 1, every row R·D entries with
/// |entry| <= kDatasetMaxEntry, 1 <= x_den <= kDatasetMaxEntry, labels ±1, both labels present.
/// Throws std::invalid_argument naming the first problem.
void data_dataset_validate(const Dataset& d);

/// Sample i's entry k, x[i][k] / x_den, rounded to double. Preconditions: i < n, k < R·D.
double data_sample_value(const Dataset& d, long i, long k);

/// 1 / max_i ||x_i||_2 of the numerators x (1 when every sample is zero): the scale that brings the
/// inputs into the unit ball, used by training and by the max-margin SDP alike (double precision).
double data_input_scale(const Dataset& d);

/// Parses and validates the JSON text. Throws std::invalid_argument (one line) on bad input.
Dataset data_dataset_from_json(const std::string& text);

/// Deterministic JSON text (one sample per line). Precondition: d is valid.
std::string data_dataset_to_json(const Dataset& d);

} // namespace convcert::data
