/* Exact roots of the reduced polynomial R of a palindromic q with Calcium (see qqbar_roots.h).
   The only translation unit of the project that includes <calcium/qqbar.h>. */
#include "lemma/qqbar_roots.h"

#include <calcium/qqbar.h>
#include <flint/fmpz_poly_factor.h>

struct lemma_roots_struct {
    qqbar_ptr w; /* distinct roots */
    slong* mult; /* multiplicities in R */
    int* kind;   /* LEMMA_ROOT_* */
    slong len;   /* distinct roots */
    slong alloc; /* entries of w, mult, kind: deg R */
};

/* Exact position of the roots of z^2 - w z + 1. */
static int lemma_root_classify(const qqbar_t w) {
    qqbar_t two;
    int kind, c;
    if (!qqbar_is_real(w)) return LEMMA_ROOT_OFF_CIRCLE;
    qqbar_init(two);
    qqbar_set_si(two, 2);
    c = qqbar_cmp_re(w, two);
    if (c == 0) {
        kind = LEMMA_ROOT_PLUS_ONE;
    } else if (c > 0) {
        kind = LEMMA_ROOT_OFF_CIRCLE;
    } else {
        qqbar_set_si(two, -2);
        c = qqbar_cmp_re(w, two);
        kind =
            c == 0 ? LEMMA_ROOT_MINUS_ONE : (c < 0 ? LEMMA_ROOT_OFF_CIRCLE : LEMMA_ROOT_ON_CIRCLE);
    }
    qqbar_clear(two);
    return kind;
}

lemma_roots_struct* lemma_roots_init(const fmpz_poly_t R) {
    lemma_roots_struct* roots;
    fmpz_poly_factor_t fac;
    slong i, j, k, n = fmpz_poly_degree(R);
    if (n < 1) return NULL;
    roots = flint_malloc(sizeof(lemma_roots_struct));
    roots->w = _qqbar_vec_init(n);
    roots->mult = flint_malloc(n * sizeof(slong));
    roots->kind = flint_malloc(n * sizeof(int));
    roots->len = 0;
    roots->alloc = n;
    fmpz_poly_factor_init(fac);
    fmpz_poly_factor(fac, R);
    for (i = 0; i < fac->num; i++) {
        slong d = fmpz_poly_degree(fac->p + i);
        qqbar_ptr r = _qqbar_vec_init(d);
        qqbar_roots_fmpz_poly(r, fac->p + i, QQBAR_ROOTS_IRREDUCIBLE);
        for (j = 0; j < d; j++) {
            k = roots->len++;
            qqbar_swap(roots->w + k, r + j);
            roots->mult[k] = fac->exp[i];
            roots->kind[k] = lemma_root_classify(roots->w + k);
        }
        _qqbar_vec_clear(r, d);
    }
    fmpz_poly_factor_clear(fac);
    return roots;
}

void lemma_roots_clear(lemma_roots_struct* roots) {
    if (roots == NULL) return;
    _qqbar_vec_clear(roots->w, roots->alloc);
    flint_free(roots->mult);
    flint_free(roots->kind);
    flint_free(roots);
}

slong lemma_roots_count(const lemma_roots_struct* roots) {
    return roots == NULL ? 0 : roots->len;
}

slong lemma_roots_multiplicity(const lemma_roots_struct* roots, slong i) {
    return roots->mult[i];
}

int lemma_roots_kind(const lemma_roots_struct* roots, slong i) {
    return roots->kind[i];
}

void lemma_roots_get_acb(acb_t w, const lemma_roots_struct* roots, slong i, slong prec) {
    qqbar_get_acb(w, roots->w + i, prec);
    if (qqbar_is_real(roots->w + i)) arb_zero(acb_imagref(w));
}

int lemma_roots_get_pair(acb_t z1, acb_t z2, const lemma_roots_struct* roots, slong i, slong prec) {
    acb_t w, d, s, t1, t2;
    arb_t a1, a2;
    int ok = 1;
    int kind = roots->kind[i];
    if (kind == LEMMA_ROOT_PLUS_ONE || kind == LEMMA_ROOT_MINUS_ONE) {
        acb_set_si(z1, kind == LEMMA_ROOT_PLUS_ONE ? 1 : -1);
        acb_set(z2, z1);
        return 1;
    }
    acb_init(w);
    acb_init(d);
    acb_init(s);
    acb_init(t1);
    acb_init(t2);
    arb_init(a1);
    arb_init(a2);
    lemma_roots_get_acb(w, roots, i, prec + 16);
    if (kind == LEMMA_ROOT_ON_CIRCLE) {
        /* z = w/2 +- i sqrt(1 - w^2/4), w real in (-2, 2) */
        arb_mul_2exp_si(a1, acb_realref(w), -1);
        arb_mul(a2, a1, a1, prec);
        arb_sub_si(a2, a2, 1, prec);
        arb_neg(a2, a2);
        if (!arb_is_positive(a2)) {
            ok = 0;
        } else {
            arb_sqrt(a2, a2, prec);
            acb_set_arb_arb(z1, a1, a2);
            acb_conj(z2, z1);
        }
    } else {
        /* s = sqrt(w^2 - 4), taken away from the branch cut; z2 = (w + s)/2 or (w - s)/2,
           whichever is larger in modulus, and z1 = 1/z2 */
        acb_mul(d, w, w, prec);
        acb_sub_ui(d, d, 4, prec);
        if (arb_is_negative(acb_realref(d))) {
            acb_neg(d, d);
            acb_sqrt(s, d, prec);
            acb_mul_onei(s, s);
        } else {
            acb_sqrt(s, d, prec);
        }
        acb_add(t1, w, s, prec);
        acb_sub(t2, w, s, prec);
        acb_abs(a1, t1, prec);
        acb_abs(a2, t2, prec);
        if (arb_gt(a1, a2)) {
            acb_mul_2exp_si(z2, t1, -1);
        } else if (arb_lt(a1, a2)) {
            acb_mul_2exp_si(z2, t2, -1);
        } else {
            ok = 0;
        }
        if (ok) {
            acb_inv(z1, z2, prec);
            acb_abs(a1, z1, prec);
            arb_sub_ui(a1, a1, 1, prec);
            ok = arb_is_negative(a1);
        }
    }
    acb_clear(w);
    acb_clear(d);
    acb_clear(s);
    acb_clear(t1);
    acb_clear(t2);
    arb_clear(a1);
    arb_clear(a2);
    return ok;
}
