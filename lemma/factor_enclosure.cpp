// Certified-numerical spectral factorization (lemma-enclosure evidence). The engine of
// spectral_newton.h finds the factor in double precision and sharpens it to the requested
// digits; here the radius is chosen so that the checker's contraction test
// (docs/certificates.md) passes with a wide margin, and the evidence is assembled.
#include "lemma/factor_enclosure.h"

#include "lemma/autocorrelation.h"
#include "lemma/decimal.h"
#include "lemma/factor_error.h"
#include "lemma/spectral_newton.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <arb.h>
#include <flint/fmpq.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_vec.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace convcert::lemma {

namespace {

// ---- tuning constants ----

// Beyond this condition number of J (max norm) a double-precision approximate inverse, the
// checker's Y, is no longer reliably accurate enough for ||I - Y J|| to be well below 1.
constexpr double kMaxCondition = 1e11;
// The radius keeps 2 K ||Y|| r <= 2^-kRhoMarginBits, so the checker's test tolerates any
// ||I - Y J|| up to about 1 - 2^-kRhoMarginBits.
constexpr int kRhoMarginBits = 10;
// The fixed-point grid is 2^-kGridBits times the radius, so ||Y F(center)|| ~ 2^-kGridBits r.
constexpr int kGridBits = 24;

double max_abs(const std::vector<double>& v) {
    double m = 0;
    for (double x : v)
        m = std::max(m, std::fabs(x));
    return m;
}

// ||A||_∞ (maximum absolute row sum).
double norm_inf(const Eigen::MatrixXd& A) {
    return A.cwiseAbs().rowwise().sum().maxCoeff();
}

// x = d as an exact rational; d matches -?D(.D+)?(e[+-]?D+)? (arb_get_decimal's output).
void fmpq_set_decimal(fmpq_t x, const std::string& d) {
    std::string digits;
    long exp10 = 0;
    bool negative = false, in_fraction = false;
    size_t i = 0;
    if (i < d.size() && d[i] == '-') negative = true, ++i;
    for (; i < d.size() && d[i] != 'e'; ++i) {
        if (d[i] == '.') {
            in_fraction = true;
        } else {
            digits += d[i];
            if (in_fraction) --exp10;
        }
    }
    if (i < d.size()) exp10 += std::stol(d.substr(i + 1));
    support::Fmpz num, pow10;
    if (fmpz_set_str(num.x, digits.c_str(), 10) != 0)
        throw std::logic_error("fmpq_set_decimal: bad decimal '" + d + "'");
    if (negative) fmpz_neg(num.x, num.x);
    fmpz_set_ui(pow10.x, 10);
    fmpz_pow_ui(pow10.x, pow10.x, static_cast<ulong>(std::labs(exp10)));
    if (exp10 >= 0) {
        fmpz_mul(num.x, num.x, pow10.x);
        fmpz_set(fmpq_numref(x), num.x);
        fmpz_one(fmpq_denref(x));
    } else {
        fmpq_set_fmpz_frac(x, num.x, pow10.x); // canonicalizes
    }
}

// Higham's / Hager's estimate of ||A^{-1}||_∞ = ||A^{-T}||_1 from an LU of A; a lower bound
// that is in practice within a small factor of the true value.
double inverse_norm_inf_estimate(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu) {
    const long K = lu.matrixLU().rows();
    // B = A^{-T}: B x = lu.transpose().solve(x), B^T x = lu.solve(x).
    Eigen::VectorXd x = Eigen::VectorXd::Constant(K, 1.0 / static_cast<double>(K));
    double estimate = 0;
    long last_index = -1;
    for (int iter = 0; iter < 5; ++iter) {
        const Eigen::VectorXd y = lu.transpose().solve(x);
        const double norm_y = y.lpNorm<1>();
        if (iter > 0 && norm_y <= estimate) break;
        estimate = norm_y;
        Eigen::VectorXd xi(K);
        for (long i = 0; i < K; ++i)
            xi[i] = y[i] >= 0 ? 1.0 : -1.0;
        const Eigen::VectorXd z = lu.solve(xi);
        long j = 0;
        z.cwiseAbs().maxCoeff(&j);
        if (iter > 0 && (j == last_index || std::fabs(z[j]) <= z.dot(x))) break;
        last_index = j;
        x.setZero();
        x[j] = 1.0;
    }
    // Higham's extra check with the alternating-sign vector.
    Eigen::VectorXd v(K);
    for (long i = 0; i < K; ++i)
        v[i] = (i % 2 == 0 ? 1.0 : -1.0) *
               (1.0 + static_cast<double>(i) / std::max<double>(1.0, static_cast<double>(K - 1)));
    const Eigen::VectorXd w = lu.transpose().solve(v);
    const double alt = 2.0 * w.lpNorm<1>() / (3.0 * static_cast<double>(K));
    return std::max(estimate, alt);
}

} // namespace

namespace {

// The scaling t' = t / 2^shift of the target t = T / L2, shift = 2 e with 2^e ~ sqrt(t_0).
struct ScaledTarget {
    long e = 0, shift = 0;
    std::vector<double> t; // t'_j, j < n, in double
};

ScaledTarget enclosure_target_scale(const fmpz* T, const fmpz_t L2, long n) {
    ScaledTarget out;
    const long log2_t0 = static_cast<long>(fmpz_bits(T + 0)) - static_cast<long>(fmpz_bits(L2));
    out.e = (log2_t0 >= 0 ? log2_t0 : log2_t0 - 1) / 2; // floor(log2_t0 / 2)
    out.shift = 2 * out.e;
    out.t.resize(static_cast<std::size_t>(n));
    support::Arb x;
    for (long j = 0; j < n; ++j) {
        arb_set_fmpz(x.x, T + j);
        arb_div_fmpz(x.x, x.x, L2, 64);
        arb_mul_2exp_si(x.x, x.x, -out.shift);
        out.t[j] = arf_get_d(arb_midref(x.x), ARF_RND_NEAR);
    }
    return out;
}

// The checker tests the leading n x n system (the center is exactly 0 past n). It rounds J to
// 48 bits relative to max|c| and inverts it in double: both errors must stay well below 1 in
// ||I - Y J||. Throws FactorError otherwise; returns the estimate of ||J^-1|| (scaled units).
double enclosure_conditioning(const Eigen::MatrixXd& J_n,
                              const Eigen::PartialPivLU<Eigen::MatrixXd>& lu_n,
                              const std::vector<double>& c, long e, EnclosureStats& st) {
    const long n = static_cast<long>(c.size());
    const double norm_J_n = norm_inf(J_n);
    const double inv_n = inverse_norm_inf_estimate(lu_n);
    const double rounding =
        inv_n * 2.0 * static_cast<double>(n) * max_abs(c) * std::ldexp(1.0, -47);
    if (!std::isfinite(inv_n) || inv_n * norm_J_n > kMaxCondition || rounding > 1.0 / 16)
        throw FactorError(kUnitCircleMessage);
    st.inverse_norm = std::ldexp(inv_n, static_cast<int>(-e));
    st.condition = inv_n * norm_J_n;
    return inv_n;
}

// Radius r' = 2^-q (scaled units): at most 10^-(digits+1) max|c| for the decimals and with
// 2 K ||Y|| r <= 2^-kRhoMarginBits (||Y|| is scale-invariant in that product); returns q.
long enclosure_radius_exponent(const std::vector<double>& c, long K, long digits, double inv_n) {
    const long n = static_cast<long>(c.size());
    const double log2_rmax_digits =
        std::log2(max_abs(c)) - static_cast<double>(digits + 1) * std::log2(10.0);
    // The estimate of ||Y|| is a lower bound, seen up to 2.4 times too small: 3 bits of slack.
    const double log2_rmax_rho =
        -kRhoMarginBits - std::log2(2.0 * static_cast<double>(n) * inv_n) - 3.0;
    // With trailing zeros (n < K) the checker also needs r < |center_0| (so every solution in
    // the box has the zero tail): r <= |c_0| / 4 leaves room for the center's error.
    double log2_rmax_c0 = log2_rmax_rho;
    if (n < K) {
        if (c[0] == 0) throw FactorError("internal error: c_0 = 0 with trailing zeros");
        log2_rmax_c0 = std::log2(std::fabs(c[0])) - 2;
    }
    return static_cast<long>(std::ceil(-std::min({log2_rmax_digits, log2_rmax_rho, log2_rmax_c0})));
}

// The evidence's centers X 2^(e - prec) (0 past n) into ev and centers, with their decimals
// to digits + 5 places.
void enclosure_centers(LemmaEnclosureEvidence& ev, std::vector<support::Fmpq>& centers,
                       const fmpz* X, long n, long e, long prec) {
    const long K = static_cast<long>(centers.size());
    ev.center.reserve(K);
    ev.c_decimal.reserve(K);
    support::Arb a;
    for (long k = 0; k < K; ++k) {
        if (k < n) {
            support::fmpq_set_fmpz_mul_2exp(centers[k].x, X + k, e - prec);
            arb_set_fmpz(a.x, X + k);
            arb_mul_2exp_si(a.x, a.x, e - prec);
        } else {
            fmpq_zero(centers[k].x);
            arb_zero(a.x);
        }
        ev.center.push_back(support::fmpq_get_string(centers[k].x));
        ev.c_decimal.push_back(arb_get_decimal(a.x, ev.digits + 5));
    }
}

// The c_decimal rule, checked exactly: |d_k - center_k| + r <= 10^-digits max_k |d_k|.
void enclosure_decimals_check(const LemmaEnclosureEvidence& ev,
                              const std::vector<support::Fmpq>& centers, const fmpq_t r) {
    const long K = static_cast<long>(centers.size());
    support::Fmpq d, diff, s;
    fmpq_zero(s.x);
    std::vector<support::Fmpq> decimals(static_cast<size_t>(K));
    for (long k = 0; k < K; ++k) {
        fmpq_set_decimal(decimals[k].x, ev.c_decimal[k]);
        fmpq_abs(d.x, decimals[k].x);
        if (fmpq_cmp(d.x, s.x) > 0) fmpq_set(s.x, d.x);
    }
    support::Fmpz pow10;
    fmpz_set_ui(pow10.x, 10);
    fmpz_pow_ui(pow10.x, pow10.x, static_cast<ulong>(ev.digits));
    fmpq_div_fmpz(s.x, s.x, pow10.x);
    for (long k = 0; k < K; ++k) {
        fmpq_sub(diff.x, decimals[k].x, centers[k].x);
        fmpq_abs(diff.x, diff.x);
        fmpq_add(diff.x, diff.x, r);
        if (fmpq_cmp(diff.x, s.x) > 0)
            throw FactorError("internal error: c_decimal does not meet the digits rule");
    }
}

} // namespace

LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<support::Fmpq>& target, long digits,
                                              EnclosureStats* stats) {
    const long K = static_cast<long>(target.size());
    if (K < 1 || K > 4096)
        throw std::invalid_argument("lemma_factor_enclosure: need 1 <= K <= 4096");
    if (digits < 1) throw std::invalid_argument("lemma_factor_enclosure: need digits >= 1");
    const long n = lemma_effective_length(target);
    if (n == 0) throw FactorError("zero target: use the exact method");
    EnclosureStats st;
    st.effective_length = n;

    // Integer target T = L^2 t, and the scaling t' = t / 2^shift with shift = 2 e.
    support::FmpzVec T(K);
    support::Fmpz L, L2;
    lemma_integer_target(T.v, L.x, target);
    fmpz_mul(L2.x, L.x, L.x);
    if (fmpz_sgn(T.v + 0) <= 0)
        throw FactorError("target[0] <= 0: the target is not an autocorrelation");
    const ScaledTarget ts = enclosure_target_scale(T.v, L2.x, n);
    const long e = ts.e;

    // 1. Double-precision factor (scaled units: c' = c / 2^e), its Jacobian's conditioning.
    const std::vector<double> c = lemma_newton_double(ts.t, &st.newton_iterations);
    const Eigen::MatrixXd J_n = lemma_jacobian_double(c, n);
    const Eigen::PartialPivLU<Eigen::MatrixXd> lu_n(J_n);
    const double inv_n = enclosure_conditioning(J_n, lu_n, c, e, st);

    // 2. Radius r' = 2^-q (scaled units).
    const long q = enclosure_radius_exponent(c, K, digits, inv_n);
    const long prec = q + kGridBits;
    st.precision_bits = prec;

    // 3. Fixed-point refinement of X / 2^prec.
    support::FmpzVec X(n);
    const RefineResult refined = lemma_refine_fixed_point(X.v, c, prec, T.v, L2.x, ts.shift, lu_n);
    st.refine_steps = refined.steps;
    st.inner_steps = refined.inner_steps;
    st.correction_log2 = refined.correction_log2 + static_cast<double>(e);
    if (fmpz_sgn(X.v + n - 1) <= 0)
        throw FactorError("internal error: refined factor has a non-positive leading coefficient");

    // 4. Evidence: center X 2^(e - prec), radius 2^(e - q), decimals to digits + 5 places.
    LemmaEnclosureEvidence ev;
    ev.digits = digits;
    std::vector<support::Fmpq> centers(static_cast<size_t>(K));
    enclosure_centers(ev, centers, X.v, n, e, prec);
    support::Fmpq r;
    support::Fmpz one;
    fmpz_one(one.x);
    support::fmpq_set_fmpz_mul_2exp(r.x, one.x, e - q);
    ev.radius = support::fmpq_get_string(r.x);
    st.radius_log2 = static_cast<double>(e - q);
    enclosure_decimals_check(ev, centers, r.x);
    if (stats) *stats = st;
    return ev;
}

LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<support::Fmpq>& target,
                                              long digits) {
    return lemma_factor_enclosure(target, digits, nullptr);
}

} // namespace convcert::lemma
