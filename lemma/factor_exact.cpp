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
#include <flint/nmod_poly.h>
#include <flint/ulong_extras.h>

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

constexpr slong kFirstPrec = 128;   // bits of the first numerical attempt
constexpr int kMaxAttempts = 10;    // precision raises before giving up
constexpr int kMaxCandidates = 64;  // primitive-element candidates tried per precision
constexpr slong kEstimatePrec = 64; // bits for size estimates (rigorous bounds)
constexpr double kLog2Of10 = 3.3219280948873623;

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

// Smallest e with |x| < 2^e for every point of the ball x (x finite, not exactly 0).
slong arb_log2_upper(const arb_t x) {
    support::Arf u;
    arb_get_abs_ubound_arf(u.x, x, kEstimatePrec);
    if (arf_is_zero(u.x)) return -(WORD(1) << 40);
    return arf_abs_bound_lt_2exp_si(u.x);
}

// Some e with |x| >= 2^e for every point of x; x must exclude 0.
slong arb_log2_lower(const arb_t x) {
    support::Arf l;
    arb_get_abs_lbound_arf(l.x, x, kEstimatePrec);
    return arf_abs_bound_lt_2exp_si(l.x) - 1;
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

// Σ_k P_k P_{k+j} - t_j ≡ 0 mod m for every lag j = 0..K-1 (P_k = 0 for k >= P.size()).
bool lemma_verify_exact(const fmpz_poly_t m, const std::vector<support::FmpqPoly>& P,
                        const std::vector<std::string>& target) {
    support::FmpqPoly mq, acc, prod, rem;
    support::Fmpq t;
    fmpq_poly_set_fmpz_poly(mq.p, m);
    const slong K = static_cast<slong>(target.size());
    const slong len = static_cast<slong>(P.size());
    for (slong j = 0; j < K; ++j) {
        fmpq_poly_zero(acc.p);
        for (slong k = 0; k + j < len; ++k) {
            fmpq_poly_mul(prod.p, P[k].p, P[k + j].p);
            fmpq_poly_add(acc.p, acc.p, prod.p);
        }
        if (fmpq_set_str(t.x, target[j].c_str(), 10) != 0) return false;
        fmpq_canonicalise(t.x);
        fmpq_poly_sub_fmpq(acc.p, acc.p, t.x);
        fmpq_poly_rem(rem.p, acc.p, mq.p);
        if (!fmpq_poly_is_zero(rem.p)) return false;
    }
    return true;
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

// What the exact phase produces.
struct ExactFactor {
    support::FmpzPoly m;              // monic irreducible, m(α*) = 0
    std::vector<support::FmpqPoly> P; // c*_k = P_k(α*), k < len (divided by L)
    support::Arb alpha;               // real ball around α*, m' != 0 on it
};

enum class Attempt { Done, NeedPrec };

struct Instance {
    const std::vector<std::string>& target;
    slong len; // Keff
    const fmpz* T;
    const fmpz_t& L;
    const lemma_roots_struct* roots;
    std::vector<RootClass> classes;
    slong half = 1; // number of root choices; solutions = 2 * half
};

// P_k = Q_k / (L m') mod m for every k, by Chinese remaindering over word-size primes and
// rational reconstruction (bounded so that a premature reconstruction is vanishingly unlikely);
// accepted only once lemma_verify_exact confirms c ⋆ c = target mod m. False if that fails
// within the prime budget.
bool lemma_solve_multimodular(std::vector<support::FmpqPoly>& P, const fmpz_poly_t m,
                              const std::vector<support::FmpzPoly>& Q, const fmpz_t L,
                              const std::vector<std::string>& target) {
    const slong len = static_cast<slong>(Q.size());
    const slong d = fmpz_poly_degree(m);
    P.clear();
    if (d == 1) { // m' = 1: the constants Q_k / L
        for (slong k = 0; k < len; ++k) {
            support::FmpqPoly pk;
            fmpq_poly_set_fmpz_poly(pk.p, Q[k].p);
            fmpq_poly_scalar_div_fmpz(pk.p, pk.p, L);
            P.push_back(std::move(pk));
        }
        return lemma_verify_exact(m, P, target);
    }
    std::vector<support::FmpzPoly> acc(len); // P_k * (product of primes) residues, in [0, modulus)
    support::Fmpz modulus, bound, a;
    fmpz_one(modulus.x);
    mp_limb_t p = UWORD(1) << 62;
    slong used = 0, next_check = 16;
    for (slong tries = 0; tries < 100000 && used < 8192; ++tries) {
        p = n_nextprime(p, 1);
        if (fmpz_fdiv_ui(L, p) == 0) continue;
        nmod_poly_t mp, dmp, inv, qp, t;
        nmod_poly_init(mp, p);
        nmod_poly_init(dmp, p);
        nmod_poly_init(inv, p);
        nmod_poly_init(qp, p);
        nmod_poly_init(t, p);
        fmpz_poly_get_nmod_poly(mp, m);
        nmod_poly_derivative(dmp, mp);
        const bool ok = nmod_poly_invmod(inv, dmp, mp) != 0;
        if (ok) {
            const mp_limb_t linv = n_invmod(fmpz_fdiv_ui(L, p), p);
            nmod_poly_scalar_mul_nmod(inv, inv, linv);
            for (slong k = 0; k < len; ++k) {
                fmpz_poly_get_nmod_poly(qp, Q[k].p);
                nmod_poly_mulmod(t, qp, inv, mp);
                fmpz_poly_CRT_ui(acc[k].p, acc[k].p, modulus.x, t, 0);
            }
            fmpz_mul_ui(modulus.x, modulus.x, p);
            ++used;
        }
        nmod_poly_clear(mp);
        nmod_poly_clear(dmp);
        nmod_poly_clear(inv);
        nmod_poly_clear(qp);
        nmod_poly_clear(t);
        if (!ok || used < next_check) continue;
        next_check += next_check / 2;
        // |numerator|, denominator <= 2^-33 sqrt(modulus): 2 N D < modulus with 2^-65 to spare.
        fmpz_fdiv_q_2exp(bound.x, modulus.x, 66);
        fmpz_sqrt(bound.x, bound.x);
        P.clear();
        bool all = true;
        support::Fmpq r;
        for (slong k = 0; k < len && all; ++k) {
            support::FmpqPoly pk;
            for (slong i = 0; i < fmpz_poly_length(acc[k].p) && all; ++i) {
                fmpz_poly_get_coeff_fmpz(a.x, acc[k].p, i);
                if (!fmpq_reconstruct_fmpz_2(r.x, a.x, modulus.x, bound.x, bound.x))
                    all = false;
                else
                    fmpq_poly_set_coeff_fmpq(pk.p, i, r.x);
            }
            P.push_back(std::move(pk));
        }
        if (all && lemma_verify_exact(m, P, target)) return true;
    }
    P.clear();
    return false;
}

// One attempt at precision prec. On NeedPrec, *hint is a suggested next precision.
Attempt lemma_exact_attempt(ExactFactor& out, const Instance& in, slong prec, slong* hint) {
    const slong len = in.len, n = len - 1, N = 2 * in.half;
    *hint = 2 * prec;

    // Root pairs z1 (inside / upper), z2 = 1/z1 of every class.
    const slong nc = static_cast<slong>(in.classes.size());
    support::AcbVec z1(std::max<slong>(nc, 1)), z2(std::max<slong>(nc, 1));
    for (slong i = 0; i < nc; ++i)
        if (!lemma_roots_get_pair(z1.v + i, z2.v + i, in.roots, i, prec)) return Attempt::NeedPrec;

    // All solutions: C[S * len + k] = c_k(S), S = 2 t + s (s = 0: +γ, 1: -γ).
    support::AcbVec C(N * len), h(std::max<slong>(n, 1));
    support::AcbPoly f;
    support::Acb g2, g;
    slong star = 0;
    for (slong t = 0; t < in.half; ++t) {
        slong rest = t, pos = 0;
        bool is_star = true;
        for (slong i = 0; i < nc; ++i) {
            const RootClass& rc = in.classes[i];
            const slong j = rest % rc.radix;
            rest /= rc.radix;
            const slong take = rc.radix == 1 ? rc.mult : j;
            if (rc.radix > 1 && j != rc.star) is_star = false;
            for (slong r = 0; r < take; ++r)
                acb_set(h.v + pos++, z1.v + i);
            if (rc.radix > 1)
                for (slong r = take; r < rc.mult; ++r)
                    acb_set(h.v + pos++, z2.v + i);
        }
        if (pos != n) throw std::logic_error("lemma_factor_exact: root count mismatch");
        acb_poly_product_roots(f.p, h.v, n, prec);
        // γ^2 = T[n] / f(0)
        acb_set_fmpz(g2.x, in.T + n);
        acb_div(g2.x, g2.x, acb_poly_get_coeff_ptr(f.p, 0), prec);
        if (acb_contains_zero(g2.x)) return Attempt::NeedPrec;
        if (is_star) {
            star = 2 * t;
            if (arb_is_negative(acb_realref(g2.x)))
                throw FactorError("the target has no real factor (it is not a sum of "
                                  "autocorrelations)");
            if (!arb_is_positive(acb_realref(g2.x))) return Attempt::NeedPrec;
        }
        acb_sqrt_any(g.x, g2.x, prec);
        for (slong k = 0; k < len; ++k) {
            acb_mul(C.v + 2 * t * len + k, g.x, acb_poly_get_coeff_ptr(f.p, k), prec);
            acb_neg(C.v + (2 * t + 1) * len + k, C.v + 2 * t * len + k);
        }
    }

    // Primitive element: the first candidate whose values are not provably colliding must
    // separate all solutions at this precision.
    support::AcbVec alpha(N);
    bool found = false;
    for (const auto& w : lemma_primitive_candidates(len)) {
        for (slong S = 0; S < N; ++S) {
            acb_zero(alpha.v + S);
            for (slong k = 0; k < len; ++k)
                if (w[k] != 0) acb_addmul_si(alpha.v + S, C.v + S * len + k, w[k], prec);
        }
        bool collide = false, undecided = false;
        for (slong S = 0; S < N && !collide; ++S)
            for (slong U = S + 1; U < N && !collide; ++U)
                if (acb_overlaps(alpha.v + S, alpha.v + U)) {
                    if (acb_is_tight(alpha.v + S, prec) && acb_is_tight(alpha.v + U, prec))
                        collide = true;
                    else
                        undecided = true;
                }
        if (collide) continue;
        if (undecided) return Attempt::NeedPrec;
        found = true;
        break;
    }
    if (!found) return Attempt::NeedPrec;

    // M = Π (y - α_S), rounded to Z[y].
    support::AcbPoly Mc;
    acb_poly_product_roots(Mc.p, alpha.v, N, prec);
    support::FmpzPoly M;
    {
        support::Fmpz z;
        double worst = -static_cast<double>(prec);
        bool ok = true;
        for (slong i = 0; i <= N; ++i) {
            const acb_struct* ci = acb_poly_get_coeff_ptr(Mc.p, i);
            worst = std::max(worst, mag_get_d_log2_approx(arb_radref(acb_realref(ci))));
            if (!acb_round_fmpz(z.x, ci))
                ok = false;
            else
                fmpz_poly_set_coeff_fmpz(M.p, i, z.x);
        }
        if (!ok) {
            if (worst < 1e6) *hint = std::max(2 * prec, prec + static_cast<slong>(worst) + 32);
            return Attempt::NeedPrec;
        }
    }

    // The irreducible factor m through α* (real).
    support::Arb astar;
    if (!arb_contains_zero(acb_imagref(alpha.v + star))) return Attempt::NeedPrec;
    arb_set(astar.x, acb_realref(alpha.v + star));
    support::FmpzPolyFactor fac;
    fmpz_poly_factor(fac.f, M.p);
    slong which = -1;
    {
        support::Arb v;
        for (slong i = 0; i < fac.f->num; ++i) {
            if (fac.f->exp[i] != 1) return Attempt::NeedPrec; // M is squarefree
            arb_fmpz_poly_evaluate_arb(v.x, fac.f->p + i, astar.x, prec);
            if (arb_contains_zero(v.x)) {
                if (which >= 0) return Attempt::NeedPrec;
                which = i;
            }
        }
    }
    if (which < 0) return Attempt::NeedPrec;
    fmpz_poly_set(out.m.p, fac.f->p + which);
    if (fmpz_sgn(fmpz_poly_lead(out.m.p)) < 0) fmpz_poly_neg(out.m.p, out.m.p);
    const slong d = fmpz_poly_degree(out.m.p);
    if (!fmpz_is_one(fmpz_poly_lead(out.m.p))) return Attempt::NeedPrec; // M is monic

    // Newton start: m' must not vanish on the ball around α*.
    {
        support::FmpzPoly dm;
        support::Arb v;
        fmpz_poly_derivative(dm.p, out.m.p);
        arb_fmpz_poly_evaluate_arb(v.x, dm.p, astar.x, prec);
        if (arb_contains_zero(v.x)) return Attempt::NeedPrec;
    }

    // The Galois orbit of c*: the solutions with m(α_S) = 0; exactly d of them.
    std::vector<slong> orbit;
    {
        support::Acb v;
        for (slong S = 0; S < N; ++S) {
            arb_fmpz_poly_evaluate_acb(v.x, out.m.p, alpha.v + S, prec);
            if (acb_contains_zero(v.x)) orbit.push_back(S);
        }
    }
    if (static_cast<slong>(orbit.size()) != d) return Attempt::NeedPrec;

    // Q_k(y) = Σ_{S in orbit} c_k(S) m(y) / (y - α_S), in Z[y]; P_k = Q_k / m' mod m / L.
    // Σ_i ys_i Π_{j != i} (y - x_j) is Arb's fast interpolation with unit weights.
    support::AcbVec Q(len * d), xs(d), ys(d), ones(d);
    for (slong i = 0; i < d; ++i) {
        acb_set(xs.v + i, alpha.v + orbit[i]);
        acb_one(ones.v + i);
    }
    acb_ptr* tree = _acb_poly_tree_alloc(d);
    _acb_poly_tree_build(tree, xs.v, d, prec);
    for (slong k = 0; k < len; ++k) {
        for (slong i = 0; i < d; ++i)
            acb_set(ys.v + i, C.v + orbit[i] * len + k);
        _acb_poly_interpolate_fast_precomp(Q.v + k * d, ys.v, tree, ones.v, d, prec);
    }
    _acb_poly_tree_free(tree, d);
    std::vector<support::FmpzPoly> Qk(len);
    {
        support::Fmpz z;
        for (slong k = 0; k < len; ++k)
            for (slong i = 0; i < d; ++i) {
                if (!acb_round_fmpz(z.x, Q.v + k * d + i)) {
                    const double e =
                        mag_get_d_log2_approx(arb_radref(acb_realref(Q.v + k * d + i)));
                    if (e < 1e6) *hint = std::max(2 * prec, prec + static_cast<slong>(e) + 32);
                    return Attempt::NeedPrec;
                }
                fmpz_poly_set_coeff_fmpz(Qk[k].p, i, z.x);
            }
    }
    if (!lemma_solve_multimodular(out.P, out.m.p, Qk, in.L, in.target)) return Attempt::NeedPrec;

    arb_set(out.alpha.x, astar.x);
    return Attempt::Done;
}

// ---- output: refine α*, the interval, the decimals ----

// a = Σ_i |p_i| y^i in Arb (a starts as the zero polynomial).
void lemma_abs_coeff_poly(arb_poly_t a, const fmpq_poly_t P) {
    support::Fmpq c;
    for (slong i = 0; i < fmpq_poly_length(P); ++i) {
        fmpq_poly_get_coeff_fmpq(c.x, P, i);
        fmpq_abs(c.x, c.x);
        support::Arb v;
        arb_set_fmpq(v.x, c.x, kEstimatePrec);
        arb_poly_set_coeff_arb(a, i, v.x);
    }
}

// Upper bound of Σ_i i |p_i| R^(i-1) (the checker's Lipschitz bound on [-R, R]), R >= 0.
void lemma_derivative_bound(arb_t res, const fmpq_poly_t P, const arb_t R) {
    support::ArbPoly a, da;
    lemma_abs_coeff_poly(a.p, P);
    arb_poly_derivative(da.p, a.p, kEstimatePrec);
    arb_poly_evaluate(res, da.p, R, kEstimatePrec);
    support::Arf u;
    arb_get_ubound_arf(u.x, res, kEstimatePrec);
    arb_set_arf(res, u.x);
}

// Upper bound of Σ_i |p_i| R^i.
void lemma_abs_value_bound(arb_t res, const fmpq_poly_t P, const arb_t R) {
    support::ArbPoly a;
    lemma_abs_coeff_poly(a.p, P);
    arb_poly_evaluate(res, a.p, R, kEstimatePrec);
}

// Interval Newton on the simple root α* of m inside x until rad(x) <= 2^-goal (or no progress).
void lemma_refine_root(arb_t x, const fmpz_poly_t m, slong goal, slong prec) {
    support::FmpzPoly dm;
    fmpz_poly_derivative(dm.p, m);
    support::Arb mid, fm, dfx, nx;
    for (int it = 0; it < 200 && mag_cmp_2exp_si(arb_radref(x), -goal) > 0; ++it) {
        arb_set_arf(mid.x, arb_midref(x));
        arb_fmpz_poly_evaluate_arb(fm.x, m, mid.x, prec);
        arb_fmpz_poly_evaluate_arb(dfx.x, dm.p, x, prec);
        if (arb_contains_zero(dfx.x)) break;
        arb_div(nx.x, fm.x, dfx.x, prec);
        arb_sub(nx.x, mid.x, nx.x, prec);
        support::Mag before;
        mag_set(before.x, arb_radref(x));
        if (!arb_intersection(x, x, nx.x, prec))
            throw std::logic_error("lemma_refine_root: empty Newton intersection");
        if (mag_cmp(arb_radref(x), before.x) >= 0) break;
    }
}

// P(x) for P in Q[y]: the numerator evaluated in Arb, divided by the denominator.
void lemma_evaluate_fmpq_poly(arb_t res, const fmpq_poly_t P, const arb_t x, slong prec) {
    _arb_fmpz_poly_evaluate_arb(res, fmpq_poly_numref(P), fmpq_poly_length(P), x, prec);
    arb_div_fmpz(res, res, fmpq_poly_denref(P), prec);
}

// max(0, the least e with x <= 2^e), x >= 0: the checker's exponent of R = max(|l|, |h|).
slong fmpq_ceil_log2(const fmpq_t x) {
    if (fmpq_cmp_ui(x, 1) <= 0) return 0;
    slong e = static_cast<slong>(fmpz_bits(fmpq_numref(x))) -
              static_cast<slong>(fmpz_bits(fmpq_denref(x))) + 1; // x < 2^e
    support::Fmpq t;
    for (;;) {
        fmpq_one(t.x);
        fmpq_mul_2exp(t.x, t.x, static_cast<ulong>(e - 1));
        if (e <= 0 || fmpq_cmp(x, t.x) > 0) return std::max<slong>(e, 0);
        --e;
    }
}

// Output data for α* of degree >= 2: [l, h] with m(l) m(h) < 0 tight enough for the checker
// (no bisection), and c*_k = P_k(α*) accurate to `significant` digits.
void lemma_output_interval(fmpq_t l, fmpq_t h, support::ArbVec& c, const ExactFactor& ex,
                           long digits) {
    const slong len = static_cast<slong>(ex.P.size());
    const long significant = digits + 5;
    const slong need_rel = static_cast<slong>(3.33 * significant) + 8; // as arb_get_decimal
    const slong tight_bits = static_cast<slong>((digits + 3) * kLog2Of10) + 3;

    support::Arb x, R, bound, cmax, v;
    arb_set(x.x, ex.alpha.x);
    // R = 2^max(0, e) with |α*| < 2^e: the checker's power-of-two radius for [l, h] ⊂ x.
    arb_one(R.x);
    arb_mul_2exp_si(R.x, R.x, std::max<slong>(0, arb_log2_upper(x.x)));
    slong size_bits = 0;
    {
        support::FmpqPoly mq;
        fmpq_poly_set_fmpz_poly(mq.p, ex.m.p);
        lemma_abs_value_bound(bound.x, mq.p, R.x);
        size_bits = std::max(size_bits, arb_log2_upper(bound.x));
        for (slong k = 0; k < len; ++k) {
            if (fmpq_poly_is_zero(ex.P[k].p)) continue;
            lemma_abs_value_bound(bound.x, ex.P[k].p, R.x);
            size_bits = std::max(size_bits, arb_log2_upper(bound.x));
        }
    }
    slong Bbits = -(WORD(1) << 30); // log2 of max_k Σ i |p_i| R^(i-1)
    for (slong k = 0; k < len; ++k) {
        if (fmpq_poly_length(ex.P[k].p) < 2) continue;
        lemma_derivative_bound(bound.x, ex.P[k].p, R.x);
        Bbits = std::max(Bbits, arb_log2_upper(bound.x));
    }

    slong goal = need_rel + 32, extra = size_bits + 64;
    auto grow = [&] {
        goal += goal / 2 + 16;
        extra += extra / 2 + 16;
    };
    for (int iter = 0; iter < 16; ++iter) {
        const slong prec = goal + extra;
        lemma_refine_root(x.x, ex.m.p, goal, prec);
        // c_k and their accuracy
        bool ok = true;
        arb_zero(cmax.x);
        for (slong k = 0; k < len; ++k) {
            if (fmpq_poly_is_zero(ex.P[k].p)) {
                arb_zero(c.v + k);
                continue;
            }
            lemma_evaluate_fmpq_poly(c.v + k, ex.P[k].p, x.x, prec);
            if (arb_contains_zero(c.v + k) || arb_rel_accuracy_bits(c.v + k) < need_rel + 8)
                ok = false;
            arb_abs(v.x, c.v + k);
            arb_max(cmax.x, cmax.x, v.x, prec);
        }
        if (!ok || arb_contains_zero(cmax.x)) {
            grow();
            continue;
        }
        // [l, h] = [k, k + 1] / 2^g, the grid cell holding α* (irrational: never on the grid).
        // With g >= (digits+3) log2(10) + log2(max B / max|c|) + 1 the checker's enclosure
        // half width 2^-(g+1) max B stays below 10^-(digits+3) max|c|; the cell depends on α*
        // and g only, not on the path of the numerics.
        // (g rounded up to a multiple of 16 makes it insensitive to the last bit of cmax.)
        const slong g =
            (std::max<slong>(tight_bits + Bbits - arb_log2_lower(cmax.x), 1) + 15) / 16 * 16;
        if (goal < g + 8) {
            goal = g + 8;
            continue;
        }
        support::Arf u;
        support::Fmpz kl, kh;
        arb_get_lbound_arf(u.x, x.x, prec);
        arf_mul_2exp_si(u.x, u.x, g);
        arf_get_fmpz(kl.x, u.x, ARF_RND_FLOOR);
        arb_get_ubound_arf(u.x, x.x, prec);
        arf_mul_2exp_si(u.x, u.x, g);
        arf_get_fmpz(kh.x, u.x, ARF_RND_FLOOR);
        if (!fmpz_equal(kl.x, kh.x)) { // α* too close to the grid for this accuracy
            grow();
            continue;
        }
        support::fmpq_set_fmpz_mul_2exp(l, kl.x, -g);
        fmpz_add_ui(kh.x, kh.x, 1);
        support::fmpq_set_fmpz_mul_2exp(h, kh.x, -g);
        // exact sign change
        support::Fmpq ml, mh;
        fmpz_poly_evaluate_fmpq(ml.x, ex.m.p, l);
        fmpz_poly_evaluate_fmpq(mh.x, ex.m.p, h);
        if (fmpq_sgn(ml.x) * fmpq_sgn(mh.x) >= 0) {
            grow();
            continue;
        }
        // the checker's enclosure width with the exact endpoints
        support::Arb w, Rx, lhs, rhs;
        support::Fmpq diff, al, ah;
        fmpq_sub(diff.x, h, l);
        arb_set_fmpq(w.x, diff.x, kEstimatePrec);
        fmpq_abs(al.x, l);
        fmpq_abs(ah.x, h);
        arb_one(Rx.x);
        arb_mul_2exp_si(Rx.x, Rx.x, fmpq_ceil_log2(fmpq_cmp(al.x, ah.x) > 0 ? al.x : ah.x));
        bool tight = true;
        arb_set_ui(rhs.x, 10);
        arb_pow_ui(rhs.x, rhs.x, static_cast<ulong>(digits + 3), kEstimatePrec);
        arb_div(rhs.x, cmax.x, rhs.x, kEstimatePrec);
        for (slong k = 0; k < len && tight; ++k) {
            if (fmpq_poly_length(ex.P[k].p) < 2) continue;
            lemma_derivative_bound(bound.x, ex.P[k].p, Rx.x);
            arb_mul(lhs.x, bound.x, w.x, kEstimatePrec);
            arb_mul_2exp_si(lhs.x, lhs.x, -1);
            if (!arb_lt(lhs.x, rhs.x)) tight = false;
        }
        if (tight) return;
        grow();
    }
    throw FactorError("could not isolate the primitive element to the requested digits");
}

} // namespace

LemmaExactEvidence lemma_factor_exact(const std::vector<std::string>& target, long digits,
                                      long max_degree) {
    if (target.empty()) throw std::invalid_argument("lemma_factor_exact: empty target");
    if (digits < 30 || digits > 10000)
        throw std::invalid_argument("lemma_factor_exact: digits must be in [30, 10000]");
    const slong K = static_cast<slong>(target.size());
    LemmaExactEvidence ev;
    ev.digits = digits;
    const slong len = lemma_effective_length(target);
    if (len == 0) { // c = 0: m = y, α = 0 in (-1, 1)
        ev.minpoly = {"0", "1"};
        ev.interval_lo = "-1";
        ev.interval_hi = "1";
        ev.c.assign(K, {});
        ev.c_decimal.assign(K, "0");
        return ev;
    }

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
    for (slong i = 0; i < lemma_roots_count(roots.get()); ++i) {
        RootClass rc;
        rc.kind = lemma_roots_kind(roots.get(), i);
        rc.mult = lemma_roots_multiplicity(roots.get(), i);
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

    ExactFactor ex;
    bool done = false;
    for (slong prec = kFirstPrec, attempt = 0; attempt < kMaxAttempts && !done; ++attempt) {
        slong hint = 2 * prec;
        if (lemma_exact_attempt(ex, in, prec, &hint) == Attempt::Done) done = true;
        prec = std::min<slong>(std::max(hint, prec + 1), WORD(1) << 24);
    }
    if (!done)
        throw FactorError("exact factorization failed: the numerical precision limit was reached");

    // Output.
    const slong d = fmpz_poly_degree(ex.m.p);
    support::Fmpq l, h;
    support::ArbVec c(len);
    if (d == 1) { // α* = -m_0, rational c: constants P_k
        fmpz_neg(fmpq_numref(l.x), fmpz_poly_get_coeff_ptr(ex.m.p, 0));
        fmpq_set(h.x, l.x);
        fmpq_sub_si(l.x, l.x, 1);
        fmpq_add_si(h.x, h.x, 1);
        const slong prec = static_cast<slong>(3.33 * (digits + 5)) + 64;
        support::Fmpq v;
        for (slong k = 0; k < len; ++k) {
            fmpq_poly_get_coeff_fmpq(v.x, ex.P[k].p, 0);
            arb_set_fmpq(c.v + k, v.x, prec);
        }
    } else {
        lemma_output_interval(l.x, h.x, c, ex, digits);
    }

    for (slong i = 0; i <= d; ++i) {
        char* s = fmpz_get_str(nullptr, 10, fmpz_poly_get_coeff_ptr(ex.m.p, i));
        ev.minpoly.emplace_back(s);
        flint_free(s);
    }
    ev.interval_lo = support::fmpq_get_string(l.x);
    ev.interval_hi = support::fmpq_get_string(h.x);
    ev.c.assign(K, {});
    ev.c_decimal.assign(K, "0");
    support::Fmpq v;
    for (slong k = 0; k < len; ++k) {
        for (slong i = 0; i < fmpq_poly_length(ex.P[k].p); ++i) {
            fmpq_poly_get_coeff_fmpq(v.x, ex.P[k].p, i);
            ev.c[k].push_back(support::fmpq_get_string(v.x));
        }
        if (!fmpq_poly_is_zero(ex.P[k].p)) ev.c_decimal[k] = arb_get_decimal(c.v + k, digits + 5);
    }
    return ev;
}

} // namespace convcert::lemma
