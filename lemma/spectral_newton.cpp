// The numerical engine of spectral_newton.h: Wilson's Newton iteration in double precision and
// the fixed-point refinement X / 2^prec with exact FLINT residuals (two-level: Newton steps
// with inner iterative refinement of each linear solve).
#include "lemma/spectral_newton.h"

#include "lemma/factor_error.h"
#include "support/flint_raii.h"

#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_vec.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace convcert::lemma {

const char* const kUnitCircleMessage =
    "q has roots on (or numerically on) the unit circle, which make the Jacobian at the "
    "factor singular; no enclosure can be certified (the exact method applies for small K)";

namespace {

// Newton's method in double precision gives up after this many steps.
constexpr long kMaxNewtonIterations = 100;
// Newton stops after this many steps that fail to halve the smallest step so far.
constexpr long kNewtonPatience = 8;
// The refinement's working precision runs this many bits ahead of the accuracy reached.
constexpr long kGrowthBits = 72;
// From this target precision on, the refinement solves each Newton step to many bits with
// cheap inner iterations instead of taking ~50-bit steps with exact residuals at full size.
constexpr long kTwoLevelBits = 512;

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

} // namespace

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

} // namespace convcert::lemma
