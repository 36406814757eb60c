// The index maps of circular convolution on the group Z_D1 × Z_D2 with a K1×K2 kernel support
// (MATH.md, "Two-dimensional signals"). A 1-D signal of length D with kernel size K is the grid
// 1×D with kernel 1×K, so every 1-D formula is the case D1 = K1 = 1 and flat indices coincide.
// Signals and kernels are flattened row-major: (i1, i2) is i1·D2 + i2, (k1, k2) is k1·K2 + k2.
// Shared by the generator and the checker (std only, no arithmetic beyond long).
#pragma once

#include <numeric>
#include <vector>

namespace convcert {

/// The signal group Z_D1 × Z_D2 and the kernel support {0..K1-1} × {0..K2-1}. `dims` is how the
/// shape is written in files: 1 for "D"/"K" only, 2 for "shape": [D1, D2] and
/// "kernel_shape": [K1, K2]. Invariant (checked by the readers, not here):
/// 1 <= K1 <= D1, 1 <= K2 <= D2, and D1 = K1 = 1 when dims == 1.
struct Grid {
    long D1 = 1, D2 = 1, K1 = 1, K2 = 1;
    int dims = 1;
};

/// The 1-D grid: signals of length D, kernels of size K.
inline Grid grid_1d(long D, long K) {
    return Grid{1, D, 1, K, 1};
}

/// The 2-D grid D1×D2 with K1×K2 kernels.
inline Grid grid_2d(long D1, long D2, long K1, long K2) {
    return Grid{D1, D2, K1, K2, 2};
}

/// The claim's "shape" field: {D1, D2} for a 2-D grid, empty for a 1-D one.
inline std::vector<long> grid_shape(const Grid& g) {
    return g.dims == 2 ? std::vector<long>{g.D1, g.D2} : std::vector<long>{};
}

/// The claim's "kernel_shape" field: {K1, K2} for a 2-D grid, empty for a 1-D one.
inline std::vector<long> grid_kernel_shape(const Grid& g) {
    return g.dims == 2 ? std::vector<long>{g.K1, g.K2} : std::vector<long>{};
}

/// D = D1·D2, the signal length.
inline long grid_signal_size(const Grid& g) {
    return g.D1 * g.D2;
}

/// K = K1·K2, the number of kernel entries.
inline long grid_kernel_size(const Grid& g) {
    return g.K1 * g.K2;
}

/// The flat signal index of (i1 + j1, i2 + j2) for flat signal indices i, j (group addition).
inline long grid_add(const Grid& g, long i, long j) {
    return ((i / g.D2 + j / g.D2) % g.D1) * g.D2 + (i % g.D2 + j % g.D2) % g.D2;
}

/// The flat signal index of -i.
inline long grid_neg(const Grid& g, long i) {
    return ((g.D1 - i / g.D2) % g.D1) * g.D2 + (g.D2 - i % g.D2) % g.D2;
}

/// The flat signal index of i - j.
inline long grid_sub(const Grid& g, long i, long j) {
    return grid_add(g, i, grid_neg(g, j));
}

/// The flat signal index of kernel entry k = (k1, k2): k1·D2 + k2.
inline long grid_offset(const Grid& g, long k) {
    return (k / g.K2) * g.D2 + k % g.K2;
}

/// The feature-map index i + k (T(λ)[k][i] = λ[grid_shift(g, i, k)]).
inline long grid_shift(const Grid& g, long i, long k) {
    return grid_add(g, i, grid_offset(g, k));
}

/// The convolution index j - k ((u * v)[j] = sum_k u[k] v[grid_unshift(g, j, k)]).
inline long grid_unshift(const Grid& g, long j, long k) {
    return grid_sub(g, j, grid_offset(g, k));
}

/// L = lcm(D1, D2): every character value exp(-2πi (j1 d1/D1 + j2 d2/D2)) is an L-th root of
/// unity. L = D in 1-D.
inline long grid_phase_modulus(const Grid& g) {
    return std::lcm(g.D1, g.D2);
}

/// p in [0, L) with j1 d1/D1 + j2 d2/D2 = p/L (mod 1), for flat signal indices j and d; the DFT
/// is ŵ[d] = sum_j w[j] exp(-2πi p/L). In 1-D, p = j·d mod D.
inline long grid_phase(const Grid& g, long j, long d) {
    const long L = grid_phase_modulus(g);
    const long a = ((j / g.D2) * (d / g.D2)) % g.D1 * (L / g.D1);
    const long b = ((j % g.D2) * (d % g.D2)) % g.D2 * (L / g.D2);
    return (a + b) % L;
}

} // namespace convcert
