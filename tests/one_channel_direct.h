// Test-side helper for the one-channel tests: φ(u) of a kernel for a signal by a direct complex
// DFT with explicit (j1, j2) indexing, independent of certify/grid.h and of the search engine.
#pragma once

#include <cmath>
#include <complex>
#include <vector>

namespace convcert::test {

/// φ(u) = ‖u‖² (1/D) Σ_{ŵ(d) ≠ 0} |ŵ(d)|² / |û(d)|² for w on D1×D2 and u K1×K2 (zero-padded),
/// both row-major; |ŵ(d)|² < 1e-9 counts as zero; +inf when û misses ŵ. The one-channel cost
/// is 2 sqrt(φ).
inline double one_channel_phi_direct(long D1, long D2, long K1, long K2,
                                     const std::vector<double>& w, const std::vector<double>& u) {
    const double pi = std::acos(-1.0);
    auto dft = [&](const std::vector<double>& x, long n1, long n2, long d1, long d2) {
        std::complex<double> s = 0;
        for (long j1 = 0; j1 < n1; ++j1)
            for (long j2 = 0; j2 < n2; ++j2)
                s += x[static_cast<std::size_t>(j1 * n2 + j2)] *
                     std::polar(1.0, -2 * pi *
                                         (static_cast<double>(j1 * d1) / static_cast<double>(D1) +
                                          static_cast<double>(j2 * d2) / static_cast<double>(D2)));
        return s;
    };
    double s = 0, uu = 0;
    for (double x : u)
        uu += x * x;
    for (long d1 = 0; d1 < D1; ++d1)
        for (long d2 = 0; d2 < D2; ++d2) {
            const double pw = std::norm(dft(w, D1, D2, d1, d2));
            if (pw < 1e-9) continue;
            const double pu = std::norm(dft(u, K1, K2, d1, d2));
            if (pu == 0) return INFINITY;
            s += pw / pu;
        }
    return uu * s / static_cast<double>(D1 * D2);
}

} // namespace convcert::test
