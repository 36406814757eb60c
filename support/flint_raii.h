// RAII holders for FLINT and Arb objects used by every generator folder. All are non-copyable; the
// polynomials are also movable, so that they can live in std::vector. Members: scalars .x,
// vectors .v (entries) and .n (length), polynomials .p, factorizations .f.
#pragma once

#include <acb.h>
#include <acb_poly.h>
#include <arb.h>
#include <arb_poly.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_vec.h>
#include <flint/fmpz.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include <flint/fmpz_vec.h>

namespace convcert::support {

// ---- scalars ----

struct Fmpz {
    fmpz_t x;
    Fmpz() { fmpz_init(x); }
    ~Fmpz() { fmpz_clear(x); }
    Fmpz(const Fmpz&) = delete;
    Fmpz& operator=(const Fmpz&) = delete;
};

struct Fmpq {
    fmpq_t x;
    Fmpq() { fmpq_init(x); }
    ~Fmpq() { fmpq_clear(x); }
    Fmpq(const Fmpq&) = delete;
    Fmpq& operator=(const Fmpq&) = delete;
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

} // namespace convcert::support
