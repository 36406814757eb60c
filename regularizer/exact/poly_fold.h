// Circular convolution on Z_D as polynomial arithmetic: reduction modulo x^D - 1 (the fold).
#pragma once

#include <flint/fmpz_poly.h>

namespace convcert::regularizer {

/// P <- P mod (x^D - 1), in place: coefficient i is added to coefficient i mod D. D >= 1.
inline void regularizer_poly_fold(fmpz_poly_t P, slong D) {
    const slong len = fmpz_poly_length(P);
    if (len <= D) return;
    for (slong i = D; i < len; ++i)
        fmpz_add(P->coeffs + i % D, P->coeffs + i % D, P->coeffs + i);
    fmpz_poly_truncate(P, D); // also normalises the length
}

} // namespace convcert::regularizer
