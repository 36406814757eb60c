// Exact spectral factorization (see factor_exact.h). Every solution c of c ⋆ c = T is a choice
// of half the roots of the palindromic q and a sign; the roots come exactly from the degree-n
// reduced polynomial R(x + 1/x) = x^-n q(x) (Calcium, via qqbar_roots.h). A primitive element
// α = Σ w_j c_j separates all solutions, M(y) = Π_S (y - α_S) is rounded to Z[y] from Arb
// balls, and its irreducible factor m through the real α* of the MATH.md factor c* is the
// minimal polynomial. Q_k = Σ_orbit c_k m/(y - α) is integral (a trace) and rounded too;
// P_k = Q_k / (L m') mod m comes from CRT over word primes, and c*_k = P_k(α*) is verified
// exactly before anything is returned.
#include "lemma/factor_exact.h"

#include "lemma/autocorrelation.h"
#include "lemma/decimal.h"
#include "lemma/exact_multimodular.h"
#include "lemma/exact_output.h"
#include "lemma/factor_error.h"
#include "lemma/qqbar_roots.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <acb.h>
#include <acb_poly.h>
#include <arb.h>
#include <arb_fmpz_poly.h>
#include <arb_poly.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_poly_factor.h>
#include <flint/fmpz_vec.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::lemma {

namespace {

struct RootsDeleter {
    void operator()(lemma_roots_struct* r) const { lemma_roots_clear(r); }
};
using Roots = std::unique_ptr<lemma_roots_struct, RootsDeleter>;

// ---- small exact helpers ----

constexpr slong kFirstPrec = 128;  // bits of the first numerical attempt
constexpr int kMaxAttempts = 10;   // precision raises before giving up
constexpr int kMaxCandidates = 64; // primitive-element candidates tried per precision

// R with x^n R(x + 1/x) = q(x) = Σ_j T[|j-n|] x^j, n = len - 1: R(w) = T0 + Σ_{k>=1} T_k V_k(w)
// with the Lucas polynomials V_0 = 2, V_1 = w, V_{k+1} = w V_k - V_{k-1} (V_k(x+1/x) = x^k+x^-k).
void lemma_reduced_poly(fmpz_poly_t R, const fmpz* T, slong len) {
    support::FmpzPoly v0, v1, v2, w;
    fmpz_poly_set_si(v0.p, 2);
    fmpz_poly_set_coeff_si(w.p, 1, 1);
    fmpz_poly_set(v1.p, w.p);
    fmpz_poly_set_fmpz(R, T + 0);
    for (slong k = 1; k < len; ++k) {
        fmpz_poly_scalar_addmul_fmpz(R, v1.p, T + k);
        fmpz_poly_mul(v2.p, w.p, v1.p);
        fmpz_poly_sub(v2.p, v2.p, v0.p);
        fmpz_poly_swap(v0.p, v1.p);
        fmpz_poly_swap(v1.p, v2.p);
    }
    // Exact self-check: x^n R(x + 1/x) = Σ_i R_i (x^2 + 1)^i x^(n-i) must equal q.
    const slong n = len - 1;
    support::FmpzPoly q, acc, x2p1, pw, term;
    lemma_palindromic_poly(q.p, T, len);
    fmpz_poly_set_coeff_si(x2p1.p, 0, 1);
    fmpz_poly_set_coeff_si(x2p1.p, 2, 1);
    fmpz_poly_one(pw.p);
    for (slong i = 0; i <= n; ++i) {
        fmpz_poly_shift_left(term.p, pw.p, n - i);
        fmpz_poly_scalar_addmul_fmpz(acc.p, term.p, fmpz_poly_get_coeff_ptr(R, i));
        fmpz_poly_mul(pw.p, pw.p, x2p1.p);
    }
    if (fmpz_poly_degree(R) != n || !fmpz_poly_equal(acc.p, q.p))
        throw std::logic_error("lemma_reduced_poly: x^n R(x + 1/x) != q");
}

// The unique integer in the ball x (real part radius < 1/4, imaginary part containing 0).
bool acb_round_fmpz(fmpz_t z, const acb_t x) {
    if (!arb_contains_zero(acb_imagref(x))) return false;
    if (mag_cmp_2exp_si(arb_radref(acb_realref(x)), -2) >= 0) return false;
    return arb_get_unique_fmpz(z, acb_realref(x)) != 0;
}

// rad(x) <= 2^(-prec/2) (1 + |x|): two overlapping tight balls are taken to be equal (a
// candidate is then skipped, which affects the choice of α, never soundness).
bool acb_is_tight(const acb_t x, slong prec) {
    support::Mag r, a, t;
    mag_add(r.x, arb_radref(acb_realref(x)), arb_radref(acb_imagref(x)));
    acb_get_mag(a.x, x);
    mag_one(t.x);
    mag_add(a.x, a.x, t.x);
    mag_mul_2exp_si(a.x, a.x, -(prec / 2));
    return mag_cmp(r.x, a.x) <= 0;
}

// A square root of x away from Arb's branch cut (the sign does not matter to the caller).
void acb_sqrt_any(acb_t r, const acb_t x, slong prec) {
    if (arb_is_negative(acb_realref(x))) {
        support::Acb t;
        acb_neg(t.x, x);
        acb_sqrt(r, t.x, prec);
        acb_mul_onei(r, r);
    } else {
        acb_sqrt(r, x, prec);
    }
}

// ---- the root classes of q and the enumeration of all solutions ----

struct RootClass {
    int kind;    // LEMMA_ROOT_*
    slong mult;  // multiplicity of z (and of 1/z) in q; of ±1 it is 2 * mult
    slong radix; // number of choices j: mult + 1, or 1 for z = ±1
    slong star;  // the choice of c*: all inside roots, half of each circle pair
};

// The weights w of the primitive-element candidates α = Σ_j w_j c_j, in a fixed order:
// c_0, c_n, c_0 ± s c_j (s = 1, 2), then p_c(s) = Σ c_j s^j (s = 2, 3, ...), which separates any
// two distinct solutions for all but at most n values of s.
std::vector<std::vector<slong>> lemma_primitive_candidates(slong len) {
    std::vector<std::vector<slong>> out;
    const slong n = len - 1;
    auto push = [&](std::vector<slong> w) {
        if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
    };
    std::vector<slong> e(len, 0);
    e[0] = 1;
    push(e);
    if (n > 0) {
        std::vector<slong> en(len, 0);
        en[n] = 1;
        push(en);
    }
    for (slong s : {1, -1, 2, -2})
        for (slong j = 1; j <= n; ++j) {
            std::vector<slong> w = e;
            w[j] = s;
            push(w);
        }
    for (slong s = 2; s < 2 + kMaxCandidates && static_cast<int>(out.size()) < kMaxCandidates;
         ++s) {
        std::vector<slong> w(len);
        slong p = 1;
        bool fits = true;
        for (slong j = 0; j < len; ++j) {
            w[j] = p;
            if (j + 1 < len && p > (WORD(1) << 40) / s) fits = false;
            p *= fits ? s : 1;
        }
        if (!fits) break;
        push(w);
    }
    return out;
}

enum class Attempt { Done, NeedPrec };

struct Instance {
    const std::vector<support::Fmpq>& target;
    slong len; // Keff
    const fmpz* T;
    const fmpz_t& L;
    const lemma_roots_struct* roots;
    std::vector<RootClass> classes;
    slong half = 1; // number of root choices; solutions = 2 * half
};

// ---- the steps of one attempt at precision prec ----

// The root pairs z1 (inside / upper), z2 = 1/z1 of every class; false if prec is too low.
bool lemma_root_pairs(acb_ptr z1, acb_ptr z2, const Instance& in, slong prec) {
    for (slong i = 0; i < static_cast<slong>(in.classes.size()); ++i)
        if (!lemma_roots_get_pair(z1 + i, z2 + i, in.roots, i, prec)) return false;
    return true;
}

// The n = len - 1 roots of the solution with choice index t (mixed radix over the classes)
// into h; *is_star: t is the choice of c*.
void lemma_solution_roots(acb_ptr h, bool* is_star, const Instance& in, slong t, acb_srcptr z1,
                          acb_srcptr z2) {
    slong rest = t, pos = 0;
    *is_star = true;
    for (slong i = 0; i < static_cast<slong>(in.classes.size()); ++i) {
        const RootClass& rc = in.classes[i];
        const slong j = rest % rc.radix;
        rest /= rc.radix;
        const slong take = rc.radix == 1 ? rc.mult : j;
        if (rc.radix > 1 && j != rc.star) *is_star = false;
        for (slong r = 0; r < take; ++r)
            acb_set(h + pos++, z1 + i);
        if (rc.radix > 1)
            for (slong r = take; r < rc.mult; ++r)
                acb_set(h + pos++, z2 + i);
    }
    if (pos != in.len - 1) throw std::logic_error("lemma_factor_exact: root count mismatch");
}

// All solutions: C[S * len + k] = c_k(S), S = 2 t + s (s = 0: +γ, 1: -γ); *star is the S of
// c*. Throws FactorError when c* is not real (the target is not a sum of autocorrelations).
Attempt lemma_solutions(acb_ptr C, slong* star, const Instance& in, acb_srcptr z1, acb_srcptr z2,
                        slong prec) {
    const slong len = in.len, n = len - 1;
    support::AcbVec h(std::max<slong>(n, 1));
    support::AcbPoly f;
    support::Acb g2, g;
    for (slong t = 0; t < in.half; ++t) {
        bool is_star = true;
        lemma_solution_roots(h.v, &is_star, in, t, z1, z2);
        acb_poly_product_roots(f.p, h.v, n, prec);
        // γ^2 = T[n] / f(0)
        acb_set_fmpz(g2.x, in.T + n);
        acb_div(g2.x, g2.x, acb_poly_get_coeff_ptr(f.p, 0), prec);
        if (acb_contains_zero(g2.x)) return Attempt::NeedPrec;
        if (is_star) {
            *star = 2 * t;
            if (arb_is_negative(acb_realref(g2.x)))
                throw FactorError("the target has no real factor (it is not a sum of "
                                  "autocorrelations)");
            if (!arb_is_positive(acb_realref(g2.x))) return Attempt::NeedPrec;
        }
        acb_sqrt_any(g.x, g2.x, prec);
        for (slong k = 0; k < len; ++k) {
            acb_mul(C + 2 * t * len + k, g.x, acb_poly_get_coeff_ptr(f.p, k), prec);
            acb_neg(C + (2 * t + 1) * len + k, C + 2 * t * len + k);
        }
    }
    return Attempt::Done;
}

enum class Separation { Distinct, Collide, Undecided };

// Whether the N balls alpha are pairwise distinct, provably colliding (two tight overlapping
// balls) or undecided at this precision.
Separation lemma_separation(acb_srcptr alpha, slong N, slong prec) {
    bool collide = false, undecided = false;
    for (slong S = 0; S < N && !collide; ++S)
        for (slong U = S + 1; U < N && !collide; ++U)
            if (acb_overlaps(alpha + S, alpha + U)) {
                if (acb_is_tight(alpha + S, prec) && acb_is_tight(alpha + U, prec))
                    collide = true;
                else
                    undecided = true;
            }
    return collide ? Separation::Collide : undecided ? Separation::Undecided : Separation::Distinct;
}

// Primitive element: alpha[S] = Σ_k w_k c_k(S) for the first candidate w whose values are not
// provably colliding; it must separate all N solutions at this precision.
Attempt lemma_primitive_element(acb_ptr alpha, acb_srcptr C, slong N, slong len, slong prec) {
    for (const auto& w : lemma_primitive_candidates(len)) {
        for (slong S = 0; S < N; ++S) {
            acb_zero(alpha + S);
            for (slong k = 0; k < len; ++k)
                if (w[k] != 0) acb_addmul_si(alpha + S, C + S * len + k, w[k], prec);
        }
        const Separation sep = lemma_separation(alpha, N, prec);
        if (sep == Separation::Collide) continue;
        return sep == Separation::Distinct ? Attempt::Done : Attempt::NeedPrec;
    }
    return Attempt::NeedPrec;
}

// M = Π (y - α_S), rounded to Z[y]; on failure *hint comes from the widest coefficient.
Attempt lemma_product_round(fmpz_poly_t M, acb_srcptr alpha, slong N, slong prec, slong* hint) {
    support::AcbPoly Mc;
    acb_poly_product_roots(Mc.p, alpha, N, prec);
    support::Fmpz z;
    double worst = -static_cast<double>(prec);
    bool ok = true;
    for (slong i = 0; i <= N; ++i) {
        const acb_struct* ci = acb_poly_get_coeff_ptr(Mc.p, i);
        worst = std::max(worst, mag_get_d_log2_approx(arb_radref(acb_realref(ci))));
        if (!acb_round_fmpz(z.x, ci))
            ok = false;
        else
            fmpz_poly_set_coeff_fmpz(M, i, z.x);
    }
    if (ok) return Attempt::Done;
    if (worst < 1e6) *hint = std::max(2 * prec, prec + static_cast<slong>(worst) + 32);
    return Attempt::NeedPrec;
}

// The irreducible factor of M (squarefree) vanishing on the real ball astar, into m.
Attempt lemma_factor_through(fmpz_poly_t m, const fmpz_poly_t M, const arb_t astar, slong prec) {
    support::FmpzPolyFactor fac;
    fmpz_poly_factor(fac.f, M);
    slong which = -1;
    support::Arb v;
    for (slong i = 0; i < fac.f->num; ++i) {
        if (fac.f->exp[i] != 1) return Attempt::NeedPrec; // M is squarefree
        arb_fmpz_poly_evaluate_arb(v.x, fac.f->p + i, astar, prec);
        if (arb_contains_zero(v.x)) {
            if (which >= 0) return Attempt::NeedPrec;
            which = i;
        }
    }
    if (which < 0) return Attempt::NeedPrec;
    fmpz_poly_set(m, fac.f->p + which);
    return Attempt::Done;
}

// The minimal polynomial m of α* (real, monic; m' != 0 on the ball astar) into out.m.
Attempt lemma_minimal_poly(ExactFactor& out, arb_t astar, const fmpz_poly_t M,
                           const acb_t alpha_star, slong prec) {
    if (!arb_contains_zero(acb_imagref(alpha_star))) return Attempt::NeedPrec;
    arb_set(astar, acb_realref(alpha_star));
    if (lemma_factor_through(out.m.p, M, astar, prec) != Attempt::Done) return Attempt::NeedPrec;
    if (fmpz_sgn(fmpz_poly_lead(out.m.p)) < 0) fmpz_poly_neg(out.m.p, out.m.p);
    if (!fmpz_is_one(fmpz_poly_lead(out.m.p))) return Attempt::NeedPrec; // M is monic
    // Newton start: m' must not vanish on the ball around α*.
    support::FmpzPoly dm;
    support::Arb v;
    fmpz_poly_derivative(dm.p, out.m.p);
    arb_fmpz_poly_evaluate_arb(v.x, dm.p, astar, prec);
    return arb_contains_zero(v.x) ? Attempt::NeedPrec : Attempt::Done;
}

// The Galois orbit of c*: the solutions S with m(α_S) = 0 (exactly deg m of them if prec
// suffices).
std::vector<slong> lemma_orbit(const fmpz_poly_t m, acb_srcptr alpha, slong N, slong prec) {
    std::vector<slong> orbit;
    support::Acb v;
    for (slong S = 0; S < N; ++S) {
        arb_fmpz_poly_evaluate_acb(v.x, m, alpha + S, prec);
        if (acb_contains_zero(v.x)) orbit.push_back(S);
    }
    return orbit;
}

// Q_k(y) = Σ_{S in orbit} c_k(S) m(y) / (y - α_S) in Arb, Q[k * d + i] the coefficient of y^i:
// Σ_i ys_i Π_{j != i} (y - x_j) is Arb's fast interpolation with unit weights.
void lemma_traces(acb_ptr Q, const std::vector<slong>& orbit, acb_srcptr alpha, acb_srcptr C,
                  slong len, slong prec) {
    const slong d = static_cast<slong>(orbit.size());
    support::AcbVec xs(d), ys(d), ones(d);
    for (slong i = 0; i < d; ++i) {
        acb_set(xs.v + i, alpha + orbit[i]);
        acb_one(ones.v + i);
    }
    acb_ptr* tree = _acb_poly_tree_alloc(d);
    _acb_poly_tree_build(tree, xs.v, d, prec);
    for (slong k = 0; k < len; ++k) {
        for (slong i = 0; i < d; ++i)
            acb_set(ys.v + i, C + orbit[i] * len + k);
        _acb_poly_interpolate_fast_precomp(Q + k * d, ys.v, tree, ones.v, d, prec);
    }
    _acb_poly_tree_free(tree, d);
}

// The traces Q_k rounded to Z[y] (they are integral); on failure *hint from the radius.
Attempt lemma_traces_round(std::vector<support::FmpzPoly>& Qk, acb_srcptr Q, slong d, slong prec,
                           slong* hint) {
    support::Fmpz z;
    for (slong k = 0; k < static_cast<slong>(Qk.size()); ++k)
        for (slong i = 0; i < d; ++i) {
            if (!acb_round_fmpz(z.x, Q + k * d + i)) {
                const double e = mag_get_d_log2_approx(arb_radref(acb_realref(Q + k * d + i)));
                if (e < 1e6) *hint = std::max(2 * prec, prec + static_cast<slong>(e) + 32);
                return Attempt::NeedPrec;
            }
            fmpz_poly_set_coeff_fmpz(Qk[k].p, i, z.x);
        }
    return Attempt::Done;
}

// One attempt at precision prec. On NeedPrec, *hint is a suggested next precision.
Attempt lemma_exact_attempt(ExactFactor& out, const Instance& in, slong prec, slong* hint) {
    const slong len = in.len, N = 2 * in.half;
    *hint = 2 * prec;
    const slong nc = std::max<slong>(static_cast<slong>(in.classes.size()), 1);
    support::AcbVec z1(nc), z2(nc), C(N * len), alpha(N);
    slong star = 0;
    if (!lemma_root_pairs(z1.v, z2.v, in, prec) ||
        lemma_solutions(C.v, &star, in, z1.v, z2.v, prec) != Attempt::Done ||
        lemma_primitive_element(alpha.v, C.v, N, len, prec) != Attempt::Done)
        return Attempt::NeedPrec;
    support::FmpzPoly M;
    support::Arb astar;
    if (lemma_product_round(M.p, alpha.v, N, prec, hint) != Attempt::Done ||
        lemma_minimal_poly(out, astar.x, M.p, alpha.v + star, prec) != Attempt::Done)
        return Attempt::NeedPrec;
    const std::vector<slong> orbit = lemma_orbit(out.m.p, alpha.v, N, prec);
    const slong d = fmpz_poly_degree(out.m.p);
    if (static_cast<slong>(orbit.size()) != d) return Attempt::NeedPrec;
    // P_k = Q_k / m' mod m / L.
    support::AcbVec Q(len * d);
    lemma_traces(Q.v, orbit, alpha.v, C.v, len, prec);
    std::vector<support::FmpzPoly> Qk(len);
    if (lemma_traces_round(Qk, Q.v, d, prec, hint) != Attempt::Done ||
        !lemma_solve_multimodular(out.P, out.m.p, Qk, in.L, in.target))
        return Attempt::NeedPrec;
    arb_set(out.alpha.x, astar.x);
    return Attempt::Done;
}

// ---- lemma_factor_exact's steps ----

// c = 0: m = y, α = 0 in (-1, 1).
LemmaExactEvidence lemma_evidence_zero(slong K, long digits) {
    LemmaExactEvidence ev;
    ev.digits = digits;
    ev.minpoly = {"0", "1"};
    ev.interval_lo = "-1";
    ev.interval_hi = "1";
    ev.c.assign(K, {});
    ev.c_decimal.assign(K, "0");
    return ev;
}

// The root classes of q into in.classes and the number of root choices into in.half; throws
// FactorError for an odd unit-circle multiplicity or more than max_degree solutions.
void lemma_classes_set(Instance& in, long max_degree) {
    for (slong i = 0; i < lemma_roots_count(in.roots); ++i) {
        RootClass rc;
        rc.kind = lemma_roots_kind(in.roots, i);
        rc.mult = lemma_roots_multiplicity(in.roots, i);
        if (rc.kind == LEMMA_ROOT_ON_CIRCLE && rc.mult % 2 != 0)
            throw FactorError("the target has no real factor: q has a unit-circle root of odd "
                              "multiplicity");
        const bool fixed = rc.kind == LEMMA_ROOT_PLUS_ONE || rc.kind == LEMMA_ROOT_MINUS_ONE;
        rc.radix = fixed ? 1 : rc.mult + 1;
        rc.star = rc.kind == LEMMA_ROOT_ON_CIRCLE ? rc.mult / 2 : rc.mult;
        in.classes.push_back(rc);
        if (in.half > max_degree / rc.radix)
            throw FactorError("the exact factor needs more than max_degree = " +
                              std::to_string(max_degree) + " conjugate solutions");
        in.half *= rc.radix;
    }
    if (2 * in.half > max_degree)
        throw FactorError(
            "the exact factor needs " + std::to_string(2 * in.half) +
            " conjugate solutions, more than max_degree = " + std::to_string(max_degree));
}

// Attempts at rising precision until one succeeds (into ex); FactorError at the limit.
void lemma_exact_solve(ExactFactor& ex, const Instance& in) {
    for (slong prec = kFirstPrec, attempt = 0; attempt < kMaxAttempts; ++attempt) {
        slong hint = 2 * prec;
        if (lemma_exact_attempt(ex, in, prec, &hint) == Attempt::Done) return;
        prec = std::min<slong>(std::max(hint, prec + 1), WORD(1) << 24);
    }
    throw FactorError("exact factorization failed: the numerical precision limit was reached");
}

// The evidence's strings: m, [l, h], the coefficients of P_k and the decimals of c_k.
LemmaExactEvidence lemma_evidence_make(const ExactFactor& ex, const fmpq_t l, const fmpq_t h,
                                       const support::ArbVec& c, slong K, long digits) {
    LemmaExactEvidence ev;
    ev.digits = digits;
    for (slong i = 0; i <= fmpz_poly_degree(ex.m.p); ++i) {
        char* s = fmpz_get_str(nullptr, 10, fmpz_poly_get_coeff_ptr(ex.m.p, i));
        ev.minpoly.emplace_back(s);
        flint_free(s);
    }
    ev.interval_lo = support::fmpq_get_string(l);
    ev.interval_hi = support::fmpq_get_string(h);
    ev.c.assign(K, {});
    ev.c_decimal.assign(K, "0");
    support::Fmpq v;
    for (slong k = 0; k < static_cast<slong>(ex.P.size()); ++k) {
        for (slong i = 0; i < fmpq_poly_length(ex.P[k].p); ++i) {
            fmpq_poly_get_coeff_fmpq(v.x, ex.P[k].p, i);
            ev.c[k].push_back(support::fmpq_get_string(v.x));
        }
        if (!fmpq_poly_is_zero(ex.P[k].p)) ev.c_decimal[k] = arb_get_decimal(c.v + k, digits + 5);
    }
    return ev;
}

} // namespace

LemmaExactEvidence lemma_factor_exact(const std::vector<support::Fmpq>& target, long digits,
                                      long max_degree) {
    if (target.empty()) throw std::invalid_argument("lemma_factor_exact: empty target");
    if (digits < 30 || digits > 10000)
        throw std::invalid_argument("lemma_factor_exact: digits must be in [30, 10000]");
    const slong K = static_cast<slong>(target.size());
    const slong len = lemma_effective_length(target);
    if (len == 0) return lemma_evidence_zero(K, digits);

    support::FmpzVec T(K);
    support::Fmpz L;
    lemma_integer_target(T.v, L.x, target);
    Roots roots;
    if (len > 1) {
        support::FmpzPoly R;
        lemma_reduced_poly(R.p, T.v, len);
        roots.reset(lemma_roots_init(R.p));
    }
    Instance in{target, len, T.v, L.x, roots.get(), {}, 1};
    lemma_classes_set(in, max_degree);
    ExactFactor ex;
    lemma_exact_solve(ex, in);

    support::Fmpq l, h;
    support::ArbVec c(len);
    lemma_exact_output(l.x, h.x, c, ex, digits);
    return lemma_evidence_make(ex, l.x, h.x, c, K, digits);
}

} // namespace convcert::lemma
