// The floating-point Cholesky PSD test with Rump's a-priori error bound (see psd_float.h and
// docs/certificates.md, "The PSD test"). Every step below names the hypothesis it discharges.
#include "certify/checker/psd_float.h"

#include <algorithm>
#include <cfenv>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>

// The bound holds for IEEE 754 binary64 with every operation rounded once to nearest: no
// extended-precision evaluation, no reassociation, no contraction (the checker is compiled
// with -ffp-contract=off).
static_assert(std::numeric_limits<double>::is_iec559, "the PSD test needs IEEE 754 doubles");
static_assert(FLT_EVAL_METHOD == 0, "the PSD test needs double expressions evaluated in double");
#ifdef __FAST_MATH__
#error "the checker's PSD test must not be compiled with -ffast-math"
#endif

namespace convcert::checker {

namespace {

/// The unit roundoff u = 2^-53 and the underflow constant eta = 2^-1022 (the smallest normal:
/// it bounds the absolute error of an underflowing operation with or without gradual underflow,
/// so flush-to-zero modes are covered too).
constexpr int kLog2UnitRoundoff = -53;
constexpr int kLog2Eta = -1022;

/// Lower triangle of an n×n double matrix, row j at offset j(j+1)/2 holding columns 0..j.
struct LowerMatrix {
    std::size_t n;
    std::vector<double> a;
    explicit LowerMatrix(std::size_t size) : n(size), a(size * (size + 1) / 2) {}
    double* row(std::size_t j) { return a.data() + j * (j + 1) / 2; }
    const double* row(std::size_t j) const { return a.data() + j * (j + 1) / 2; }
};

/// A double y with |y - x·2^-s| <= 2^-52 |x·2^-s| + eta, and y = 0 when |y| would be below
/// 2^-1022 (no subnormal enters the factorization). Precondition: |x| < 2^s, so |y| < 1.
double int_to_double_scaled(const Int& x, long s) {
    if (x.is_zero()) return 0;
    const Int magnitude = abs(x);
    const long bits = static_cast<long>(msb(magnitude)); // |x| in [2^bits, 2^(bits+1))
    const long drop = std::max(0L, bits - 63);
    const auto top = static_cast<std::uint64_t>(magnitude >> drop); // relative error < 2^-63
    if (bits - s < -1022) return 0; // |x·2^-s| < 2^(bits+1-s) <= 2^-1022 = eta
    // One rounding to nearest (relative error <= 2^-53), then an exact power of two: the
    // result is at least 2^(bits-s) >= 2^-1022, a normal number.
    const double y = std::ldexp(static_cast<double>(top), static_cast<int>(drop - s));
    return x.sign() < 0 ? -y : y;
}

/// x exactly, for a finite double x.
Rat rational_from_double(double x) {
    int e = 0;
    const double f = std::frexp(x, &e); // x = f·2^e, |f| in [1/2, 1)
    const auto m = static_cast<std::int64_t>(std::ldexp(f, 53));
    return rational_mul_2exp(Rat(m), static_cast<long>(e) - 53);
}

/// A double <= q: Boost's approximation, stepped down until it is <= q (the largest such double
/// when the approximation is within a few ulps); -DBL_MAX, which fails the factorization, if
/// 64 steps do not suffice.
double double_at_most(const Rat& q) {
    constexpr double lowest = std::numeric_limits<double>::lowest();
    double d = q.convert_to<double>();
    for (int step = 0; step < 64; ++step) {
        if (std::isfinite(d) && rational_from_double(d) <= q) return d;
        d = std::isfinite(d) ? std::nextafter(d, lowest) : lowest;
    }
    return lowest;
}

/// gamma_k = k u / (1 - k u), exactly; k u < 1.
Rat gamma_exact(long k) {
    const Rat ku = rational_mul_2exp(Rat(k), kLog2UnitRoundoff);
    return ku / (1 - ku);
}

/// The diagonal shift sigma = c + N r for the rounded matrix A (n = N, its diagonal `diag`, every
/// entry within 2^-52 + eta <= r = 2^-51 of the exact scaled one; r is a double, as the formal
/// statement's radius matrix must be): Corollary 2.7 of Rump with Roux's
/// computable bound c = gamma_{2(N+1)}/2 · tr A + 4 eta N (2(N+1) + max_i A_ii). Negative
/// diagonal entries count as 0, so sigma also bounds every leading block whose diagonal is >= 0.
Rat psd_float_shift(const std::vector<double>& diag) {
    const long N = static_cast<long>(diag.size());
    Rat trace = 0;
    double max_diag = 0;
    for (const double d : diag) {
        if (d > 0) trace += rational_from_double(d);
        max_diag = std::max(max_diag, d);
    }
    const Rat eta = rational_mul_2exp(Rat(1), kLog2Eta);
    const Rat c = gamma_exact(2 * (N + 1)) / 2 * trace +
                  4 * eta * N * (2 * (N + 1) + rational_from_double(max_diag));
    const Rat r = rational_mul_2exp(Rat(1), -51);
    return c + N * r;
}

/// Rounds m·2^-s to doubles in the lower triangle, s the least with every |m_ij| < 2^s.
LowerMatrix lower_matrix_from_scaled(const SymMatrix& m) {
    long s = 0;
    for (const Int& x : m.a)
        if (!x.is_zero()) s = std::max(s, static_cast<long>(msb(abs(x))) + 1);
    LowerMatrix A(m.n);
    for (std::size_t j = 0; j < m.n; ++j)
        for (std::size_t i = 0; i <= j; ++i)
            A.row(j)[i] = int_to_double_scaled(m.at(i, j), s);
    return A;
}

/// l_jc = (a_jc - sum_{k<c} l_ck l_jk) / l_cc with the sum taken left to right: Rump's (2.1).
double cholesky_entry(const double* lc, const double* rj, std::size_t c) {
    double t = rj[c];
    for (std::size_t k = 0; k < c; ++k)
        t -= lc[k] * rj[k];
    return t / lc[c];
}

/// Columns [i0, i0 + B) of row j >= i0 + B, once columns < i0 are done: the B sums over
/// k < i0 side by side (independent chains, one pass over row j), then each finished over
/// k in [i0, c) in order. Every l_jc gets the operations of cholesky_entry, in the same order.
template <std::size_t B> void cholesky_row_panel(LowerMatrix& L, std::size_t j, std::size_t i0) {
    double* rj = L.row(j);
    const double* lc[B];
    double t[B];
    for (std::size_t c = 0; c < B; ++c) {
        lc[c] = L.row(i0 + c);
        t[c] = rj[i0 + c];
    }
    for (std::size_t k = 0; k < i0; ++k) {
        const double x = rj[k];
        for (std::size_t c = 0; c < B; ++c)
            t[c] -= lc[c][k] * x;
    }
    for (std::size_t c = 0; c < B; ++c) {
        for (std::size_t k = i0; k < i0 + c; ++k)
            t[c] -= lc[c][k] * rj[k];
        rj[i0 + c] = t[c] / lc[c][i0 + c];
    }
}

/// Factors the panel of columns [i0, i0 + B): its pivots and the rows inside it, then every
/// row below. -1, or the first pivot a_cc - sum_k l_ck² that is not > 0.
template <std::size_t B> long cholesky_panel(LowerMatrix& L, std::size_t i0) {
    for (std::size_t c = i0; c < i0 + B; ++c) {
        double* lc = L.row(c);
        double s = lc[c];
        for (std::size_t k = 0; k < c; ++k)
            s -= lc[k] * lc[k];
        if (!(s > 0)) return static_cast<long>(c);
        lc[c] = std::sqrt(s);
        for (std::size_t j = c + 1; j < i0 + B; ++j)
            L.row(j)[c] = cholesky_entry(lc, L.row(j), c);
    }
    for (std::size_t j = i0 + B; j < L.n; ++j)
        cholesky_row_panel<B>(L, j, i0);
    return -1;
}

/// Cholesky of A in place (A = L Lᵀ, L lower), in panels of 8 columns (then 1): -1 when every
/// pivot a_ii - sum_k l_ik² is > 0 (so finite: it is at most a_ii; a NaN or infinite entry of
/// L makes a later pivot -inf or NaN), else the first failing index i, with rows <= i of L
/// complete left of column i. The values are those of the plain column-by-column loop.
long cholesky_failure(LowerMatrix& L) {
    constexpr std::size_t kPanel = 8;
    std::size_t i0 = 0;
    for (; i0 + kPanel <= L.n; i0 += kPanel)
        if (const long failed = cholesky_panel<kPanel>(L, i0); failed >= 0) return failed;
    for (; i0 < L.n; ++i0)
        if (const long failed = cholesky_panel<1>(L, i0); failed >= 0) return failed;
    return -1;
}

/// The candidate x = (-A11^-1 a, 1) for a failed pivot k (A11 = L11 L11ᵀ the leading block,
/// a = L11 l_k), as integers X with x ≈ X / X[k]; empty if not finite.
std::vector<Int> witness_candidate(const LowerMatrix& L, std::size_t k) {
    std::vector<double> y(L.row(k), L.row(k) + k); // solve L11ᵀ y = l_k
    for (std::size_t i = k; i-- > 0;) {
        for (std::size_t j = i + 1; j < k; ++j)
            y[i] -= L.row(j)[i] * y[j];
        y[i] /= L.row(i)[i];
    }
    double top = 1;
    for (const double v : y) {
        if (!std::isfinite(v)) return {};
        top = std::max(top, std::fabs(v));
    }
    const int e = 60 - std::ilogb(top); // every |y_i| 2^e < 2^61
    if (e < 0) return {};
    std::vector<Int> X(k + 1);
    for (std::size_t i = 0; i < k; ++i)
        X[i] = Int(std::llround(-std::ldexp(y[i], e)));
    X[k] = Int(1) << e;
    return X;
}

/// Whether Xᵀ m X < 0 over the leading block of size X.size(), exactly; charges the meter.
bool quadratic_form_negative(const SymMatrix& m, const std::vector<Int>& X) {
    const std::size_t k = X.size();
    double limbs = 1;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i; j < k; ++j)
            limbs = std::max(limbs, int_limbs(m.at(i, j)));
    work_charge(static_cast<double>(k * k) * cost_mul_ns(limbs + 2, 1),
                "the exact check of a negative direction of a matrix of size " + std::to_string(k));
    Int q = 0, row;
    for (std::size_t i = 0; i < k; ++i) {
        row = 0;
        for (std::size_t j = i + 1; j < k; ++j)
            row += m.at(i, j) * X[j];
        q += X[i] * (2 * row + m.at(i, i) * X[i]);
    }
    return q < 0;
}

} // namespace

PsdFloatResult sym_matrix_psd_float(const SymMatrix& m) {
    if (m.n == 0) return {PsdFloat::positive_definite, -1};
    if (std::fegetround() != FE_TONEAREST) return {};
    LowerMatrix L = lower_matrix_from_scaled(m);
    std::vector<double> diag(m.n);
    for (std::size_t i = 0; i < m.n; ++i)
        diag[i] = L.row(i)[i];
    // A negative A_ii (exact: rounding keeps signs) makes pivot i fail at the latest, so the
    // blocks the factorization proves positive definite all have a diagonal >= 0.
    const Rat shift = psd_float_shift(diag);
    for (std::size_t i = 0; i < m.n; ++i) // At_ii <= A_ii - sigma, rounded down exactly
        L.row(i)[i] = double_at_most(rational_from_double(diag[i]) - shift);
    const long failed = cholesky_failure(L);
    if (failed < 0) return {PsdFloat::positive_definite, -1};
    const auto k = static_cast<std::size_t>(failed);
    const std::vector<Int> X = witness_candidate(L, k);
    if (!X.empty() && quadratic_form_negative(m, X)) return {PsdFloat::not_psd, failed};
    return {};
}

} // namespace convcert::checker
