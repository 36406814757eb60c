// A tiny 2-D dataset for the paper-mnist experiment tests (test_experiment_paper,
// test_experiment_paper_report): 6×6 images (K = 1 and 3 fit, 8, 16, 28 do not), 40 samples
// labelled by a fixed pattern.
#pragma once

#include "data/dataset.h"

#include <random>
#include <vector>

namespace convcert::tests {

inline data::Dataset paper_dataset_tiny() {
    std::mt19937 gen(4);
    std::uniform_int_distribution<long> U(-9, 9);
    data::Dataset d;
    d.name = "tiny";
    d.D = 36;
    d.shape = {6, 6};
    for (int i = 0; i < 40; ++i) {
        std::vector<long> row(36);
        long s = 0;
        for (long k = 0; k < 36; ++k)
            s += (k % 3 == 0 ? 1 : -1) * (row[static_cast<std::size_t>(k)] = U(gen));
        d.x.push_back(row);
        d.y.push_back(s >= 0 ? 1 : -1);
    }
    return d;
}

} // namespace convcert::tests
