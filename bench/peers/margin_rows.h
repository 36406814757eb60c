// The margin constraints' rows a_i = y_i x_i / x_den of a dataset in double, the input of the
// independent peers (svm_dual_ascent.h, fourier_l1_csdp.h).
#pragma once

#include "data/dataset.h"

#include <vector>

namespace convcert::peers {

/// Row i is y_i · x_i / x_den (R·D entries, channel-major). Callers link convcert_data.
inline std::vector<std::vector<double>> peers_margin_rows(const data::Dataset& d) {
    std::vector<std::vector<double>> a(static_cast<std::size_t>(d.n()));
    for (long i = 0; i < d.n(); ++i)
        for (long k = 0; k < d.R * d.D; ++k)
            a[static_cast<std::size_t>(i)].push_back(d.y[static_cast<std::size_t>(i)] *
                                                     data::data_sample_value(d, i, k));
    return a;
}

} // namespace convcert::peers
