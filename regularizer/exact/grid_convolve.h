// Exact circular convolution and its adjoint on the grid Z_D1 × Z_D2 (certify/grid.h) for
// integer vectors: a kernel a of K = K1·K2 entries against a signal of D = D1·D2 entries.
// The non-cyclic counterpart of poly_fold.h (which covers 1-D signals as polynomials).
#pragma once

#include "certify/grid.h"

#include <flint/fmpz.h>

namespace convcert::regularizer {

/// out[j] += (a * b)[j] = sum_k a[k] b[j - o(k)] for every signal index j (o = grid_offset).
inline void regularizer_grid_convolve_add(fmpz* out, const Grid& g, const fmpz* a, const fmpz* b) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    for (long k = 0; k < K; ++k) {
        if (fmpz_is_zero(a + k)) continue;
        for (long i = 0; i < D; ++i)
            fmpz_addmul(out + grid_shift(g, i, k), a + k, b + i);
    }
}

/// out[j] += (a ⋆ y)[j] = sum_k a[k] y[j + o(k)], the adjoint of b -> a * b.
inline void regularizer_grid_correlate_add(fmpz* out, const Grid& g, const fmpz* a, const fmpz* y) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    for (long k = 0; k < K; ++k) {
        if (fmpz_is_zero(a + k)) continue;
        for (long j = 0; j < D; ++j)
            fmpz_addmul(out + j, a + k, y + grid_shift(g, j, k));
    }
}

} // namespace convcert::regularizer
