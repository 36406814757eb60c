// RAII holders for FLINT and Arb objects used by every generator folder. All are non-copyable; the
// polynomials are also movable, so that they can live in std::vector. Members: scalars .x,
// vectors .v (entries) and .n (length), polynomials .p, factorizations .f.
#pragma once

#include <acb.h>
#include <acb_poly.h>
#include <arb.h>
#include <arb_poly.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include <flint/fmpz_vec.h>

namespace convcert::support {

// ---- scalars ----

/// An integer value: copyable and movable, so that it can be returned and stored.
struct Fmpz {
    fmpz_t x;
    Fmpz() { fmpz_init(x); }
    ~Fmpz() { fmpz_clear(x); }
    Fmpz(const Fmpz& o) { fmpz_init_set(x, o.x); }
    Fmpz(Fmpz&& o) noexcept {
        fmpz_init(x);
        fmpz_swap(x, o.x);
    }
    Fmpz& operator=(const Fmpz& o) {
        fmpz_set(x, o.x);
        return *this;
    }
    Fmpz& operator=(Fmpz&& o) noexcept {
        fmpz_swap(x, o.x);
        return *this;
    }
};

/// A rational value: copyable and movable, so that it can be returned and stored.
struct Fmpq {
    fmpq_t x;
    Fmpq() { fmpq_init(x); }
    ~Fmpq() { fmpq_clear(x); }
    Fmpq(const Fmpq& o) {
        fmpq_init(x);
        fmpq_set(x, o.x);
    }
    Fmpq(Fmpq&& o) noexcept {
        fmpq_init(x);
        fmpq_swap(x, o.x);
    }
    Fmpq& operator=(const Fmpq& o) {
        fmpq_set(x, o.x);
        return *this;
    }
    Fmpq& operator=(Fmpq&& o) noexcept {
        fmpq_swap(x, o.x);
        return *this;
    }
};

struct Arb {
    arb_t x;
    Arb() { arb_init(x); }
    ~Arb() { arb_clear(x); }
    Arb(const Arb&) = delete;
    Arb& operator=(const Arb&) = delete;
};

struct Arf {
    arf_t x;
    Arf() { arf_init(x); }
    ~Arf() { arf_clear(x); }
    Arf(const Arf&) = delete;
    Arf& operator=(const Arf&) = delete;
};

struct Mag {
    mag_t x;
    Mag() { mag_init(x); }
    ~Mag() { mag_clear(x); }
    Mag(const Mag&) = delete;
    Mag& operator=(const Mag&) = delete;
};

struct Acb {
    acb_t x;
    Acb() { acb_init(x); }
    ~Acb() { acb_clear(x); }
    Acb(const Acb&) = delete;
    Acb& operator=(const Acb&) = delete;
};

// ---- vectors (n entries, initialized to zero) ----

struct FmpzVec {
    fmpz* v;
    slong n;
    explicit FmpzVec(slong len) : v(_fmpz_vec_init(len)), n(len) {}
    ~FmpzVec() { _fmpz_vec_clear(v, n); }
    FmpzVec(const FmpzVec&) = delete;
    FmpzVec& operator=(const FmpzVec&) = delete;
};

struct FmpqVec {
    fmpq* v;
    slong n;
    explicit FmpqVec(slong len) : v(_fmpq_vec_init(len)), n(len) {}
    ~FmpqVec() { _fmpq_vec_clear(v, n); }
    FmpqVec(const FmpqVec&) = delete;
    FmpqVec& operator=(const FmpqVec&) = delete;
};

struct ArbVec {
    arb_ptr v;
    slong n;
    explicit ArbVec(slong len) : v(_arb_vec_init(len)), n(len) {}
    ~ArbVec() { _arb_vec_clear(v, n); }
    ArbVec(const ArbVec&) = delete;
    ArbVec& operator=(const ArbVec&) = delete;
};

struct AcbVec {
    acb_ptr v;
    slong n;
    explicit AcbVec(slong len) : v(_acb_vec_init(len)), n(len) {}
    ~AcbVec() { _acb_vec_clear(v, n); }
    AcbVec(const AcbVec&) = delete;
    AcbVec& operator=(const AcbVec&) = delete;
};

// ---- polynomials ----

struct FmpzPoly {
    fmpz_poly_t p;
    FmpzPoly() { fmpz_poly_init(p); }
    ~FmpzPoly() { fmpz_poly_clear(p); }
    FmpzPoly(FmpzPoly&& o) noexcept {
        fmpz_poly_init(p);
        fmpz_poly_swap(p, o.p);
    }
    FmpzPoly(const FmpzPoly&) = delete;
    FmpzPoly& operator=(const FmpzPoly&) = delete;
};

struct FmpqPoly {
    fmpq_poly_t p;
    FmpqPoly() { fmpq_poly_init(p); }
    ~FmpqPoly() { fmpq_poly_clear(p); }
    FmpqPoly(FmpqPoly&& o) noexcept {
        fmpq_poly_init(p);
        fmpq_poly_swap(p, o.p);
    }
    FmpqPoly(const FmpqPoly&) = delete;
    FmpqPoly& operator=(const FmpqPoly&) = delete;
};

struct ArbPoly {
    arb_poly_t p;
    ArbPoly() { arb_poly_init(p); }
    ~ArbPoly() { arb_poly_clear(p); }
    ArbPoly(const ArbPoly&) = delete;
    ArbPoly& operator=(const ArbPoly&) = delete;
};

struct AcbPoly {
    acb_poly_t p;
    AcbPoly() { acb_poly_init(p); }
    ~AcbPoly() { acb_poly_clear(p); }
    AcbPoly(const AcbPoly&) = delete;
    AcbPoly& operator=(const AcbPoly&) = delete;
};

// ---- factorizations ----

struct FmpzPolyFactor {
    fmpz_poly_factor_t f;
    FmpzPolyFactor() { fmpz_poly_factor_init(f); }
    ~FmpzPolyFactor() { fmpz_poly_factor_clear(f); }
    FmpzPolyFactor(const FmpzPolyFactor&) = delete;
    FmpzPolyFactor& operator=(const FmpzPolyFactor&) = delete;
};

// ---- matrices ----

/// RAII holder for an fmpz_mat_t (.m), zero-initialized, non-copyable.
struct FmpzMat {
    fmpz_mat_t m;
    FmpzMat(slong rows, slong cols) { fmpz_mat_init(m, rows, cols); }
    ~FmpzMat() { fmpz_mat_clear(m); }
    FmpzMat(const FmpzMat&) = delete;
    FmpzMat& operator=(const FmpzMat&) = delete;
};

/// A rows × cols matrix of rationals (FLINT's fmpq_mat_t, .m), zero-initialized; copyable and
/// movable: the generator's exact value type for signals (R rows of D), dual points, kernels
/// (R rows of K) and second layers (C rows of D). Entry (i, j) is fmpq_mat_entry(m, i, j).
struct FmpqMat {
    fmpq_mat_t m;
    FmpqMat() : FmpqMat(0, 0) {}
    FmpqMat(slong rows, slong cols) { fmpq_mat_init(m, rows, cols); }
    ~FmpqMat() { fmpq_mat_clear(m); }
    FmpqMat(const FmpqMat& o) {
        fmpq_mat_init(m, fmpq_mat_nrows(o.m), fmpq_mat_ncols(o.m));
        fmpq_mat_set(m, o.m);
    }
    FmpqMat(FmpqMat&& o) noexcept {
        fmpq_mat_init(m, 0, 0);
        fmpq_mat_swap(m, o.m);
    }
    FmpqMat& operator=(const FmpqMat& o) {
        if (this != &o) {
            FmpqMat t(o);
            fmpq_mat_swap(m, t.m);
        }
        return *this;
    }
    FmpqMat& operator=(FmpqMat&& o) noexcept {
        fmpq_mat_swap(m, o.m);
        return *this;
    }
    slong rows() const { return fmpq_mat_nrows(m); }
    slong cols() const { return fmpq_mat_ncols(m); }
    fmpq* at(slong i, slong j) { return fmpq_mat_entry(m, i, j); }
    const fmpq* at(slong i, slong j) const { return fmpq_mat_entry(m, i, j); }
};

} // namespace convcert::support
