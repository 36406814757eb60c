// Generated separable image datasets for the max-margin tests: integer pixels in [-3, 3] on a
// D1×D2 grid with R channels, labelled by a random planted predictor.
#pragma once

#include "data/dataset.h"

#include <cmath>
#include <random>
#include <utility>
#include <vector>

namespace convcert::tests {

/// n samples of R channels on the D1×D2 grid, integer entries in [-3, 3], labelled by a planted
/// predictor (so linearly separable); both labels present, no sample on the planted plane.
inline data::Dataset image_dataset(long D1, long D2, long R, long n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<long> entry(-3, 3);
    std::normal_distribution<double> normal;
    std::vector<double> planted(static_cast<std::size_t>(R * D1 * D2));
    for (double& p : planted)
        p = normal(rng);
    data::Dataset d;
    d.R = R;
    d.D = D1 * D2;
    d.shape = {D1, D2};
    while (d.n() < n) {
        std::vector<long> x(planted.size());
        double m = 0;
        for (std::size_t k = 0; k < x.size(); ++k) {
            x[k] = entry(rng);
            m += planted[k] * static_cast<double>(x[k]);
        }
        if (std::abs(m) < 0.5) continue;
        d.x.push_back(std::move(x));
        d.y.push_back(m > 0 ? 1 : -1);
    }
    d.y[0] = 1; // keep both labels: flip a sample with its label (still separable)
    d.y[1] = -1;
    for (std::size_t i : {0, 1}) {
        double m = 0;
        for (std::size_t k = 0; k < planted.size(); ++k)
            m += planted[k] * static_cast<double>(d.x[i][k]);
        if ((m > 0) != (d.y[i] > 0))
            for (long& v : d.x[i])
                v = -v;
    }
    return d;
}

} // namespace convcert::tests
