// A dataset from two NumPy arrays (`convcert dataset npy X.npy Y.npy`): samples of shape
// (N, R, D1, D2), (N, D1, D2) or (N, D) and labels of shape (N,) equal to ±1, values kept exactly
// as integer numerators over one common power-of-two denominator (x_den).
#pragma once

#include "data/dataset.h"
#include "support/npy_read.h"

#include <string>

namespace convcert::data {

/// The dataset of samples x and labels y: (N, R, D1, D2) gives R channels of shape [D1, D2],
/// (N, D1, D2) one channel of shape [D1, D2], (N, D) 1-D signals of length D; x_den the
/// smallest power of two making every sample value an integer (1 for integer data). Throws
/// std::invalid_argument (one line) on other shapes, N mismatch, labels other than ±1,
/// numerators or x_den beyond 2^53, or a dataset data_dataset_validate refuses.
Dataset data_dataset_from_npy(const support::NpyArray& x, const support::NpyArray& y,
                              const std::string& name, const std::string& source);

/// The dataset of the files x_path and y_path (support::npy_read, then data_dataset_from_npy):
/// named `name`, or the file name of x_path without its folders when name is empty, with
/// source "npy X Y" (file names only), so that the same files give the same dataset text on
/// every machine and in every folder. Throws as npy_read and data_dataset_from_npy.
Dataset data_dataset_npy_files(const std::string& x_path, const std::string& y_path,
                               const std::string& name = "");

} // namespace convcert::data
