// The generator's exact PSD test (regularizer/exact/psd_exact.h): the checker's floating-point
// test first, Bareiss only when it cannot decide. Its verdicts are compared with Bareiss alone
// and with matrices of known inertia (positive definite, singular PSD, just outside the cone,
// entries beyond 64 bits), and the dual scaling at R·K = 196 no longer waits for Bareiss.
#include "certify/grid.h"
#include "regularizer/exact/dual_scale.h"
#include "regularizer/exact/psd_exact.h"
#include "support/flint_raii.h"
#include "support/stopwatch.h"

#include <catch2/catch.hpp>

#include <flint/flint.h>

using namespace convcert;
using convcert::checker::PsdFloat;

namespace {

/// Bᵀ B + shift·I for a random rows×n integer B of `bits`-bit entries (either sign): positive
/// definite for shift > 0 or rows >= n (generically), PSD of rank min(rows, n) otherwise.
void random_gram(fmpz_mat_t M, slong rows, unsigned bits, long shift, flint_rand_t state) {
    const slong n = fmpz_mat_nrows(M);
    support::FmpzMat B(rows, n), Bt(n, rows);
    fmpz_mat_randbits(B.m, state, bits);
    fmpz_mat_transpose(Bt.m, B.m);
    fmpz_mat_mul(M, Bt.m, B.m);
    for (slong i = 0; i < n; ++i)
        fmpz_add_si(fmpz_mat_entry(M, i, i), fmpz_mat_entry(M, i, i), shift);
}

/// The combined test's verdict on a copy of M, which must equal Bareiss's on another copy.
bool psd_both_ways(const fmpz_mat_t M) {
    const slong n = fmpz_mat_nrows(M);
    support::FmpzMat a(n, n), b(n, n);
    fmpz_mat_set(a.m, M);
    fmpz_mat_set(b.m, M);
    const bool combined = regularizer::regularizer_psd_integer(a.m);
    CHECK(combined == regularizer::regularizer_psd_integer_exact(b.m));
    return combined;
}

struct Rand {
    flint_rand_t s;
    Rand() { flint_randinit(s); }
    ~Rand() { flint_randclear(s); }
};

} // namespace

TEST_CASE("generator psd: positive definite matrices are decided by the float test",
          "[regularizer][psd]") {
    Rand r;
    for (unsigned bits : {10u, 40u, 100u, 300u}) {
        support::FmpzMat M(48, 48);
        random_gram(M.m, 96, bits, 1, r.s);
        CHECK(regularizer::regularizer_psd_float(M.m) == PsdFloat::positive_definite);
        CHECK(psd_both_ways(M.m));
    }
}

TEST_CASE("generator psd: singular PSD matrices fall back to the exact test",
          "[regularizer][psd]") {
    Rand r;
    for (unsigned bits : {20u, 90u}) {
        support::FmpzMat M(40, 40);
        random_gram(M.m, 30, bits, 0, r.s); // rank 30
        CHECK(regularizer::regularizer_psd_float(M.m) == PsdFloat::inconclusive);
        CHECK(psd_both_ways(M.m));
    }
}

TEST_CASE("generator psd: matrices just outside the cone are rejected", "[regularizer][psd]") {
    Rand r;
    for (unsigned bits : {20u, 90u}) {
        support::FmpzMat M(40, 40);
        random_gram(M.m, 39, bits, 0, r.s); // rank 39: a null vector z, generically z_0 != 0
        fmpz_sub_ui(fmpz_mat_entry(M.m, 0, 0), fmpz_mat_entry(M.m, 0, 0), 1); // zᵀMz = -z_0²
        CHECK(regularizer::regularizer_psd_float(M.m) != PsdFloat::positive_definite);
        CHECK_FALSE(psd_both_ways(M.m));
    }
}

TEST_CASE("generator psd: clearly indefinite matrices are rejected by the float test",
          "[regularizer][psd]") {
    Rand r;
    support::FmpzMat M(50, 50);
    random_gram(M.m, 100, 70, 0, r.s);
    fmpz_neg(fmpz_mat_entry(M.m, 17, 17), fmpz_mat_entry(M.m, 17, 17));
    CHECK(regularizer::regularizer_psd_float(M.m) == PsdFloat::not_psd);
    CHECK_FALSE(psd_both_ways(M.m));
}

TEST_CASE("generator psd: small matrices keep the exact test's zero-pivot rules",
          "[regularizer][psd]") {
    support::FmpzMat M(3, 3); // diag(0, 1, 0) with a zero row: PSD
    fmpz_one(fmpz_mat_entry(M.m, 1, 1));
    CHECK(psd_both_ways(M.m));
    fmpz_one(fmpz_mat_entry(M.m, 0, 2)); // [[0, ., 1], ., [1, ., 0]]: not PSD
    fmpz_one(fmpz_mat_entry(M.m, 2, 0));
    CHECK_FALSE(psd_both_ways(M.m));
}

// Regression: at R·K = 196 the generator's dual scaling ran Bareiss on a 196×196 matrix of
// ~190-bit entries (103 s in a 14×14 maxmargin run); the float test decides it at once.
TEST_CASE("generator psd: the dual scaling at R*K = 196 does not wait for Bareiss",
          "[regularizer][psd]") {
    Rand r;
    const Grid g = grid_2d(14, 14, 14, 14);
    support::FmpzMat Lambda(1, 196);
    fmpz_mat_randbits(Lambda.m, r.s, 44);
    const support::Stopwatch clock;
    const regularizer::RegularizerDualScale s =
        regularizer::regularizer_dual_scale(Lambda.m, 44, g);
    CHECK(s.attempts == 1);
    CHECK(clock.seconds() < 20);
}
