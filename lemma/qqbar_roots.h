/* Exact roots of the reduced polynomial of a palindromic q (Calcium qqbar), behind a small C
   interface: the Calcium headers do not compile as C++, so lemma/qqbar_roots.c is the only
   translation unit that includes them.

   A palindromic q of degree 2n with q(0) != 0 is q(x) = x^n R(x + 1/x) for an integer R of
   degree n. Each distinct root w of R of multiplicity mu is a "class": the two roots z, 1/z of
   z^2 - w z + 1, each a root of q of multiplicity mu (of multiplicity 2 mu when w = +-2, where
   z = 1/z = +-1). |z| = 1 exactly when w is real with -2 <= w <= 2, decided exactly here. */
#ifndef CONVCERT_LEMMA_QQBAR_ROOTS_H
#define CONVCERT_LEMMA_QQBAR_ROOTS_H

#include <acb.h>
#include <flint/fmpz_poly.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where the roots z, 1/z of z^2 - w z + 1 lie. */
#define LEMMA_ROOT_OFF_CIRCLE 0 /* |z| != 1: one root strictly inside the unit disk */
#define LEMMA_ROOT_ON_CIRCLE 1  /* w real, -2 < w < 2: z, 1/z = conj(z) on the circle, z != +-1 */
#define LEMMA_ROOT_PLUS_ONE 2   /* w = 2: z = 1/z = 1 */
#define LEMMA_ROOT_MINUS_ONE 3  /* w = -2: z = 1/z = -1 */

typedef struct lemma_roots_struct lemma_roots_struct;

/* The distinct roots of R (deg R >= 1) with multiplicities, exact (qqbar). Order: by the
   irreducible factors of R as fmpz_poly_factor lists them, within a factor Calcium's canonical
   root order; deterministic. Free with lemma_roots_clear. */
lemma_roots_struct* lemma_roots_init(const fmpz_poly_t R);
void lemma_roots_clear(lemma_roots_struct* roots);

slong lemma_roots_count(const lemma_roots_struct* roots);
/* Multiplicity of root i as a root of R. */
slong lemma_roots_multiplicity(const lemma_roots_struct* roots, slong i);
/* One of LEMMA_ROOT_*, decided exactly. */
int lemma_roots_kind(const lemma_roots_struct* roots, slong i);
/* An enclosure of w_i with about prec accurate bits (imaginary part exactly 0 if w_i is real). */
void lemma_roots_get_acb(acb_t w, const lemma_roots_struct* roots, slong i, slong prec);

/* Enclosures of the two roots z1, z2 = 1/z1 of z^2 - w_i z + 1 at precision prec, ordered:
   OFF_CIRCLE: |z1| < 1 < |z2|; ON_CIRCLE: Im z1 > 0 > Im z2; PLUS_ONE / MINUS_ONE: z1 = z2 =
   +-1 exactly. Returns 1 on success, 0 if prec was too low to certify the order. */
int lemma_roots_get_pair(acb_t z1, acb_t z2, const lemma_roots_struct* roots, slong i, slong prec);

#ifdef __cplusplus
}
#endif

#endif
