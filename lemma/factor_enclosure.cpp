// Certified-numerical spectral factorization (lemma-enclosure evidence). Wilson's Newton
// iteration in double precision finds the factor, fixed-point iterative refinement with exact
// FLINT residuals sharpens it to the requested digits, and the radius is chosen so that the
// checker's contraction test (docs/certificates.md) passes with a wide margin.
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

constexpr long kMaxNewtonIterations = 100;
// Newton stops after this many steps that fail to halve the smallest step so far.
constexpr long kNewtonPatience = 8;
// Beyond this condition number of J (max norm) a double-precision approximate inverse, the
// checker's Y, is no longer reliably accurate enough for ||I - Y J|| to be well below 1.
constexpr double kMaxCondition = 1e11;
// The radius keeps 2 K ||Y|| r <= 2^-kRhoMarginBits, so the checker's test tolerates any
// ||I - Y J|| up to about 1 - 2^-kRhoMarginBits.
constexpr int kRhoMarginBits = 10;
// The fixed-point grid is 2^-kGridBits times the radius, so ||Y F(center)|| ~ 2^-kGridBits r.
constexpr int kGridBits = 24;
// The refinement's working precision runs this many bits ahead of the accuracy reached.
constexpr long kGrowthBits = 72;
// From this target precision on, the refinement solves each Newton step to many bits with
// cheap inner iterations instead of taking ~50-bit steps with exact residuals at full size.
constexpr long kTwoLevelBits = 512;

const char* const kUnitCircleMessage =
    "q has roots on (or numerically on) the unit circle, which make the Jacobian at the "
    "factor singular; no enclosure can be certified (the exact method applies for small K)";

// f = round(d 2^exp), ties rounded up; d finite.
void fmpz_set_d_2exp_round(fmpz_t f, double d, long exp) {
    if (d == 0) {
        fmpz_zero(f);
        return;
    }
    int e = 0;
    const double m = std::frexp(d, &e); // d = m 2^e, 1/2 <= |m| < 1
    fmpz_set_si(f, static_cast<slong>(std::ldexp(m, 53)));
    const long s = static_cast<long>(e) - 53 + exp;
    if (s >= 0) {
        fmpz_mul_2exp(f, f, static_cast<ulong>(s));
    } else if (s < -60) {
        fmpz_zero(f); // |d 2^exp| < 2^53 2^-61
    } else {
        support::Fmpz half;
        fmpz_one(half.x);
        fmpz_mul_2exp(half.x, half.x, static_cast<ulong>(-s - 1));
        fmpz_add(f, f, half.x);
        fmpz_fdiv_q_2exp(f, f, static_cast<ulong>(-s));
    }
}

// v = G 2^-scale in double with the largest entry in [1/2, 1); false (v untouched) if G = 0.
bool fmpz_vec_to_double_scaled(Eigen::VectorXd& v, const fmpz* G, long n, slong* scale) {
    slong exp_max = std::numeric_limits<slong>::min();
    for (long j = 0; j < n; ++j)
        if (!fmpz_is_zero(G + j)) exp_max = std::max(exp_max, static_cast<slong>(fmpz_bits(G + j)));
    if (exp_max == std::numeric_limits<slong>::min()) return false;
    for (long j = 0; j < n; ++j) {
        slong e = 0;
        const double m = fmpz_get_d_2exp(&e, G + j);
        v[j] = fmpz_is_zero(G + j)
                   ? 0.0
                   : std::ldexp(m, static_cast<int>(std::max<slong>(e - exp_max, -2000)));
    }
    *scale = exp_max;
    return true;
}

std::vector<double> autocorrelation_double(const std::vector<double>& c) {
    const long n = static_cast<long>(c.size());
    std::vector<double> out(n, 0.0);
    for (long j = 0; j < n; ++j) {
        double s = 0;
        for (long k = 0; k + j < n; ++k)
            s += c[k] * c[k + j];
        out[j] = s;
    }
    return out;
}

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

// ---- the numerical engine (declared in spectral_newton.h) ----

Eigen::MatrixXd lemma_jacobian_double(const std::vector<double>& c, long K) {
    const long n = static_cast<long>(c.size());
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(K, K);
    for (long j = 0; j < K; ++j)
        for (long k = 0; k < K; ++k) {
            double v = 0;
            if (k + j < n) v += c[k + j];
            if (k - j >= 0 && k - j < n) v += c[k - j];
            J(j, k) = v;
        }
    return J;
}

std::vector<double> lemma_newton_double(const std::vector<double>& t, long* iterations) {
    const long n = static_cast<long>(t.size());
    if (n < 1 || !(t[0] > 0) || !std::isfinite(t[0]))
        throw std::invalid_argument("lemma_newton_double: need 0 < t[0] < inf");
    // Wilson's orientation: w has the roots of p_w outside the unit disk and w[0] > 0.
    std::vector<double> w(n, 0.0);
    w[0] = std::sqrt(t[0]);
    const double eps = std::numeric_limits<double>::epsilon();
    double previous_step = std::numeric_limits<double>::infinity();
    double best_step = previous_step, best_residual = previous_step;
    long since_best = 0;
    bool converged = false;
    long it = 0;
    Eigen::PartialPivLU<Eigen::MatrixXd> lu;
    Eigen::VectorXd rhs(n);
    while (it < kMaxNewtonIterations && !converged) {
        ++it;
        // Newton for F(w) = w ⋆ w - t: J(w) w_new = t + w ⋆ w (as J(w) w = 2 w ⋆ w).
        const std::vector<double> ww = autocorrelation_double(w);
        double residual = 0;
        for (long j = 0; j < n; ++j) {
            rhs[j] = t[j] + ww[j];
            residual = std::max(residual, std::fabs(ww[j] - t[j]) / t[0]);
        }
        best_residual = std::min(best_residual, residual);
        lu.compute(lemma_jacobian_double(w, n));
        const Eigen::VectorXd next = lu.solve(rhs);
        if (!next.allFinite()) break;
        double step = 0, size = 0;
        for (long k = 0; k < n; ++k) {
            step = std::max(step, std::fabs(next[k] - w[k]));
            size = std::max(size, std::fabs(next[k]));
            w[k] = next[k];
        }
        if (step <= 8 * eps * size) converged = true;
        // At the rounding floor the steps stop shrinking: one more step gains nothing.
        else if (step <= 1e-9 * size && step > 0.75 * previous_step)
            converged = true;
        previous_step = step;
        // No progress for many steps: a singular Jacobian at the limit, or no real factor.
        if (step < 0.5 * best_step) {
            best_step = step;
            since_best = 0;
        } else if (++since_best >= kNewtonPatience) {
            break;
        }
    }
    *iterations = it;
    // Tiny residuals without convergence: Newton crawls toward a zero with singular Jacobian.
    if (!converged && best_residual < 1e-8) throw FactorError(kUnitCircleMessage);
    if (!converged)
        throw FactorError("Newton's method for the spectral factor did not converge (the target "
                          "is not an autocorrelation, or q has roots on the unit circle)");
    if (!(w[0] > 0)) throw FactorError("Newton's method converged to a factor with w[0] <= 0");
    std::reverse(w.begin(), w.end());
    return w;
}

namespace {

// The fixed data of the refinement (see lemma_refine_fixed_point): at precision p,
// F_j = G_j / D with D = L2 2^(2p + shift_pos) = mant_D 2^(exp_L2 + 2p + shift_pos).
struct RefineProblem {
    long n;
    const fmpz* T;
    const fmpz* L2;
    long shift;
    ulong shift_pos; // max(shift, 0)
    slong exp_L2;
    double mant_D;
    const Eigen::PartialPivLU<Eigen::MatrixXd>& lu;
};

// Work space of the refinement, allocated once.
struct RefineScratch {
    support::FmpzVec Xrev, S, G, H, Hrev, Xg, B, R, P2, delta;
    support::Fmpz tmp, den;
    Eigen::VectorXd rhs;
    explicit RefineScratch(long n)
        : Xrev(n), S(n), G(n), H(n), Hrev(n), Xg(n), B(n), R(n), P2(2 * n - 1), delta(n), rhs(n) {}
};

// w.G = the residual numerators at x = X / 2^p: S = X ⋆ X and
// G_j = L2 2^shift_pos S_j - T_j 2^(2p + max(-shift, 0)).
void refine_residual(RefineScratch& w, const RefineProblem& pb, const fmpz* X, long p) {
    const long n = pb.n;
    for (long k = 0; k < n; ++k)
        fmpz_set(w.Xrev.v + k, X + n - 1 - k);
    // Coefficient n-1-j of X(x) Xrev(x) is lag j of X ⋆ X.
    _fmpz_poly_mullow(w.S.v, X, n, w.Xrev.v, n, n);
    const ulong shift_t = static_cast<ulong>(2 * p + std::max(-pb.shift, 0L));
    for (long j = 0; j < n; ++j) {
        fmpz_mul(w.G.v + j, w.S.v + n - 1 - j, pb.L2);
        fmpz_mul_2exp(w.G.v + j, w.G.v + j, pb.shift_pos);
        fmpz_mul_2exp(w.tmp.x, pb.T + j, shift_t);
        fmpz_sub(w.G.v + j, w.G.v + j, w.tmp.x);
    }
}

// The Newton step h 2^scale = -J^-1 F from w.G by one double solve; false if F = 0 exactly.
bool refine_newton_step(Eigen::VectorXd& h, slong* scale, RefineScratch& w, const RefineProblem& pb,
                        long p) {
    if (!fmpz_vec_to_double_scaled(w.rhs, w.G.v, pb.n, scale)) return false; // rhs = G 2^-scale
    w.rhs /= -pb.mant_D; // now rhs = -F 2^-scale with scale below
    *scale -= pb.exp_L2 + 2 * p + static_cast<slong>(pb.shift_pos);
    h = pb.lu.solve(w.rhs);
    if (!h.allFinite()) throw FactorError(kUnitCircleMessage);
    return true;
}

// The inner system Xg ⋆ H + H ⋆ Xg = B, i.e. J(x_g) h = -F with h = H / 2^p: x_g = Xg / 2^pg
// is x = X / 2^p_old to pg bits and B = -F 2^(p + pg) (truncated).
void refine_inner_system(RefineScratch& w, const RefineProblem& pb, const fmpz* X, long p,
                         long p_old, long pg) {
    const long n = pb.n;
    if (p_old >= pg)
        _fmpz_vec_scalar_fdiv_q_2exp(w.Xg.v, X, n, static_cast<ulong>(p_old - pg));
    else
        _fmpz_vec_scalar_mul_2exp(w.Xg.v, X, n, static_cast<ulong>(pg - p_old));
    const long E = p + pg - 2 * p_old - static_cast<long>(pb.shift_pos);
    fmpz_set(w.den.x, pb.L2);
    if (E < 0) fmpz_mul_2exp(w.den.x, w.den.x, static_cast<ulong>(-E));
    for (long j = 0; j < n; ++j) {
        fmpz_neg(w.tmp.x, w.G.v + j);
        if (E > 0) fmpz_mul_2exp(w.tmp.x, w.tmp.x, static_cast<ulong>(E));
        fmpz_fdiv_q(w.B.v + j, w.tmp.x, w.den.x);
    }
}

// Inner refinement: improves w.H to about inner_bits relative bits by iterative refinement
// with the double LU and exact residuals R = B - (Xg ⋆ H + H ⋆ Xg); a stall is left to the
// outer loop.
void refine_inner(RefineScratch& w, RefineResult& result, const RefineProblem& pb, const fmpz* X,
                  long p, long p_old, long inner_bits) {
    const long n = pb.n;
    // x_g = Xg / 2^pg: x to inner_bits + kGrowthBits bits (|x| is about 1).
    const long pg = inner_bits + kGrowthBits;
    refine_inner_system(w, pb, X, p, p_old, pg);
    const long max_inner = 4 * inner_bits / 40 + 4;
    slong previous_bits = std::numeric_limits<slong>::max();
    for (long inner = 0; inner < max_inner; ++inner) {
        for (long k = 0; k < n; ++k)
            fmpz_set(w.Hrev.v + k, w.H.v + n - 1 - k);
        // Xg(x) Hrev(x): coefficient n-1-j is (Xg ⋆ H)_j, n-1+j is (H ⋆ Xg)_j.
        _fmpz_poly_mul(w.P2.v, w.Xg.v, n, w.Hrev.v, n);
        fmpz_sub(w.R.v + 0, w.B.v + 0, w.P2.v + n - 1);
        fmpz_sub(w.R.v + 0, w.R.v + 0, w.P2.v + n - 1);
        for (long j = 1; j < n; ++j) {
            fmpz_add(w.tmp.x, w.P2.v + n - 1 - j, w.P2.v + n - 1 + j);
            fmpz_sub(w.R.v + j, w.B.v + j, w.tmp.x);
        }
        slong r_scale = 0;
        if (!fmpz_vec_to_double_scaled(w.rhs, w.R.v, n, &r_scale)) break; // solved exactly
        const Eigen::VectorXd d = pb.lu.solve(w.rhs);                     // J(x_g) Δ = R 2^-pg
        if (!d.allFinite()) throw FactorError(kUnitCircleMessage);
        for (long k = 0; k < n; ++k)
            fmpz_set_d_2exp_round(w.delta.v + k, d[k], static_cast<long>(r_scale) - pg);
        const slong delta_bits = std::labs(_fmpz_vec_max_bits(w.delta.v, n));
        if (delta_bits == 0) break;
        _fmpz_vec_add(w.H.v, w.H.v, w.delta.v, n);
        ++result.inner_steps;
        const slong h_bits = std::labs(_fmpz_vec_max_bits(w.H.v, n));
        // Done at inner_bits relative accuracy; a stall is left to the outer loop.
        if (delta_bits + inner_bits <= h_bits || delta_bits > previous_bits - 3) break;
        previous_bits = delta_bits;
    }
}

} // namespace

RefineResult lemma_refine_fixed_point(fmpz* X, const std::vector<double>& c, long prec,
                                      const fmpz* T, const fmpz_t L2, long shift,
                                      const Eigen::PartialPivLU<Eigen::MatrixXd>& lu) {
    const long n = static_cast<long>(c.size());
    RefineResult result;
    // Outer steps: Newton x <- x + h, J(x) h = -F(x), F exact at the working precision p, which
    // grows with the accuracy up to prec. At precision p, x = X / 2^p and
    // F_j = S_j / 2^(2p) - T_j / (L2 2^shift), S = X ⋆ X, with integer numerators
    // G_j = L2 2^max(shift,0) S_j - T_j 2^(2p + max(-shift,0)), F_j = G_j / D,
    // D = L2 2^(2p + max(shift,0)).
    // Inner steps: h to about `gain` bits by iterative refinement with the double LU and exact
    // residuals of the linear system at about 2 gain bits (cheap next to F at prec bits), so an
    // outer step gains min(gain, its accuracy) bits instead of the ~50 of one double solve.
    const long gain =
        prec >= kTwoLevelBits ? static_cast<long>(std::sqrt(32.0 * static_cast<double>(prec))) : 0;
    slong exp_L2 = 0;
    const double mant_D = fmpz_get_d_2exp(&exp_L2, L2);
    const RefineProblem pb{n,      T,      L2, shift, static_cast<ulong>(std::max(shift, 0L)),
                           exp_L2, mant_D, lu};

    long p = std::min(prec, kGrowthBits);
    for (long k = 0; k < n; ++k)
        fmpz_set_d_2exp_round(X + k, c[k], p);

    RefineScratch w(n);
    Eigen::VectorXd h(n);
    const long max_steps = prec / 4 + 20;
    double previous = std::numeric_limits<double>::infinity();
    int slow_steps = 0;
    for (long steps = 0;; ++steps) {
        refine_residual(w, pb, X, p);
        slong scale = 0;
        if (!refine_newton_step(h, &scale, w, pb, p)) { // F = 0 exactly: x is the factor
            _fmpz_vec_scalar_mul_2exp(X, X, n, static_cast<ulong>(prec - p));
            result.steps = steps;
            result.correction_log2 = -std::numeric_limits<double>::infinity();
            return result;
        }
        const double hmax = h.cwiseAbs().maxCoeff();
        const double size_log2 = hmax > 0 ? std::log2(hmax) + static_cast<double>(scale)
                                          : -std::numeric_limits<double>::infinity();
        result.correction_log2 = size_log2;
        if (p == prec && size_log2 <= 1.0 - static_cast<double>(prec)) {
            result.steps = steps;
            return result;
        }
        // Each step should gain many bits (about 53 - log2 cond); fewer than 3 twice: stall.
        if (size_log2 > previous - 3.0 && ++slow_steps >= 2) throw FactorError(kUnitCircleMessage);
        if (steps >= max_steps) throw FactorError(kUnitCircleMessage);
        previous = size_log2;

        // The new iterate is accurate to about 2^(size_log2 - min(gain, -size_log2)) (or ~50
        // bits better with one solve): a grid kGrowthBits finer than that.
        const long accuracy = static_cast<long>(std::ceil(-size_log2));
        const long p_old = p;
        p = std::min(prec, std::max(p, accuracy + gain + kGrowthBits));
        for (long k = 0; k < n; ++k)
            fmpz_set_d_2exp_round(w.H.v + k, h[k], p + static_cast<long>(scale));
        // Inner refinement, worthwhile when the grid is much finer than one double solve gives.
        if (gain > 0 && p - accuracy > 2 * kGrowthBits)
            refine_inner(w, result, pb, X, p, p_old, std::min(gain, p - accuracy - kGrowthBits));
        _fmpz_vec_scalar_mul_2exp(X, X, n, static_cast<ulong>(p - p_old));
        _fmpz_vec_add(X, X, w.H.v, n);
    }
}

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

LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<std::string>& target, long digits,
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

LemmaEnclosureEvidence lemma_factor_enclosure(const std::vector<std::string>& target, long digits) {
    return lemma_factor_enclosure(target, digits, nullptr);
}

} // namespace convcert::lemma
