// Test-side helper for the checker tests: the largest eigenvalue of a small symmetric matrix in
// double by cyclic Jacobi rotations (n <= ~64), independent of the checker's PSD tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace convcert::test {

/// The largest eigenvalue of the symmetric matrix a (n×n, n <= ~64).
inline double symmetric_top_eigenvalue(std::vector<std::vector<double>> a) {
    const std::size_t n = a.size();
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q)
                off += a[p][q] * a[p][q];
        if (off < 1e-30) break;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) {
                if (a[p][q] == 0) continue;
                const double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                const double t =
                    (theta >= 0 ? 1 : -1) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (std::size_t k = 0; k < n; ++k) {
                    const double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) {
                    const double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
    }
    double top = 0;
    for (std::size_t p = 0; p < n; ++p)
        top = std::max(top, a[p][p]);
    return top;
}

} // namespace convcert::test
