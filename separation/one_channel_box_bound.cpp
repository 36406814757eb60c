// The exact leaf bound of the one-channel branch and bound (one_channel_box_bound.h). The
// formulas and their proofs are in docs/separation.md, "The leaf bound"; names follow it.
#include "separation/one_channel_box_bound.h"

namespace convcert::separation {

using support::Fmpq;

namespace {

using Vec = std::vector<Fmpq>;

// Σ_j |a_j| r_j.
void abs_dot(fmpq_t out, const Vec& a, const Vec& r) {
    Fmpq s, t;
    for (std::size_t j = 0; j < a.size(); ++j) {
        fmpq_abs(t.x, a[j].x);
        fmpq_addmul(s.x, t.x, r[j].x);
    }
    fmpq_set(out, s.x);
}

// y = M m for M = M2 / 2.
Vec matrix_half_apply(const std::vector<long>& M2, const Vec& m) {
    const std::size_t K = m.size();
    Vec y(K);
    Fmpq t;
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t l = 0; l < K; ++l) {
            fmpq_mul_si(t.x, m[l].x, M2[k * K + l]);
            fmpq_add(y[k].x, y[k].x, t.x);
        }
        fmpq_div_2exp(y[k].x, y[k].x, 1);
    }
    return y;
}

// π = Σ_jk |M_jk| r_j r_k for M = M2 / 2.
void abs_form_half(fmpq_t out, const std::vector<long>& M2, const Vec& r) {
    const std::size_t K = r.size();
    Fmpq s, t;
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t l = 0; l < K; ++l) {
            const long a = M2[k * K + l] < 0 ? -M2[k * K + l] : M2[k * K + l];
            if (a == 0) continue;
            fmpq_mul(t.x, r[k].x, r[l].x);
            fmpq_mul_si(t.x, t.x, a);
            fmpq_add(s.x, s.x, t.x);
        }
    fmpq_div_2exp(out, s.x, 1);
}

// Per term: q(m), y = M m, π_t.
struct TermAtCentre {
    Fmpq qm, pi;
    Vec y;
};

// The first-order bound N_lo Σ_t c_t / Q_t, Q_t = q(m) + 2 Σ|y_j| r_j + π_t; false if a Q_t <= 0.
bool bound_first_order(fmpq_t out, const std::vector<OneChannelTerm>& terms,
                       const std::vector<TermAtCentre>& at, const OneChannelBox& box,
                       const Vec& r) {
    Fmpq nlo, t, Q, s;
    for (std::size_t k = 0; k < r.size(); ++k) {
        if (fmpq_sgn(box.lo[k].x) > 0)
            fmpq_addmul(nlo.x, box.lo[k].x, box.lo[k].x);
        else if (fmpq_sgn(box.hi[k].x) < 0)
            fmpq_addmul(nlo.x, box.hi[k].x, box.hi[k].x);
    }
    for (std::size_t i = 0; i < terms.size(); ++i) {
        abs_dot(t.x, at[i].y, r);
        fmpq_mul_2exp(t.x, t.x, 1);
        fmpq_add(Q.x, at[i].qm.x, t.x);
        fmpq_add(Q.x, Q.x, at[i].pi.x);
        if (fmpq_sgn(Q.x) <= 0) return false;
        fmpq_div(t.x, terms[i].c.x, Q.x);
        fmpq_add(s.x, s.x, t.x);
    }
    fmpq_mul(out, nlo.x, s.x);
    return true;
}

// The second-order bound (docs/separation.md), for q(m) > 0 in every term:
// n0 h0 - Σ|g1_j| r_j + min(h0, 0) ρ2 - n0 π - 4 ρm ρp - 2 ρm π - 2 ρp ρ2 - ρ2 π.
void bound_second_order(fmpq_t out, const std::vector<OneChannelTerm>& terms,
                        const std::vector<TermAtCentre>& at, const Vec& m, const Vec& r) {
    const std::size_t K = m.size();
    Fmpq A0, s, t, pi, n0, h0, rho2, rhom, rhop, lin;
    Vec p(K), g1(K);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        fmpq_div(t.x, terms[i].c.x, at[i].qm.x); // c/q
        fmpq_add(A0.x, A0.x, t.x);
        fmpq_div(s.x, t.x, at[i].qm.x); // s_t = c/q²
        for (std::size_t j = 0; j < K; ++j)
            fmpq_addmul(p[j].x, s.x, at[i].y[j].x);
        fmpq_addmul(pi.x, s.x, at[i].pi.x);
    }
    fmpq_mul_2exp(A0.x, A0.x, 1);
    fmpq_zero(t.x); // t = m·p
    for (std::size_t j = 0; j < K; ++j) {
        fmpq_addmul(n0.x, m[j].x, m[j].x);
        fmpq_addmul(t.x, m[j].x, p[j].x);
    }
    fmpq_sub(h0.x, A0.x, t.x);
    for (std::size_t j = 0; j < K; ++j) {
        fmpq_mul(g1[j].x, h0.x, m[j].x);
        fmpq_submul(g1[j].x, n0.x, p[j].x);
        fmpq_mul_2exp(g1[j].x, g1[j].x, 1);
        fmpq_addmul(rho2.x, r[j].x, r[j].x);
    }
    abs_dot(lin.x, g1, r);
    abs_dot(rhom.x, m, r);
    abs_dot(rhop.x, p, r);
    Fmpq b;
    fmpq_mul(b.x, n0.x, h0.x);
    fmpq_sub(b.x, b.x, lin.x);
    if (fmpq_sgn(h0.x) < 0) fmpq_addmul(b.x, h0.x, rho2.x);
    fmpq_submul(b.x, n0.x, pi.x);
    fmpq_mul(t.x, rhom.x, rhop.x);
    fmpq_mul_2exp(t.x, t.x, 2);
    fmpq_sub(b.x, b.x, t.x);
    fmpq_mul(t.x, rhom.x, pi.x);
    fmpq_mul_2exp(t.x, t.x, 1);
    fmpq_sub(b.x, b.x, t.x);
    fmpq_mul(t.x, rhop.x, rho2.x);
    fmpq_mul_2exp(t.x, t.x, 1);
    fmpq_sub(b.x, b.x, t.x);
    fmpq_submul(b.x, rho2.x, pi.x);
    fmpq_set(out, b.x);
}

} // namespace

bool one_channel_box_bound(fmpq_t bound, const std::vector<OneChannelTerm>& terms,
                           const OneChannelBox& box) {
    const std::size_t K = box.lo.size();
    Vec m(K), r(K);
    for (std::size_t k = 0; k < K; ++k) {
        fmpq_add(m[k].x, box.lo[k].x, box.hi[k].x);
        fmpq_div_2exp(m[k].x, m[k].x, 1);
        fmpq_sub(r[k].x, box.hi[k].x, box.lo[k].x);
        fmpq_div_2exp(r[k].x, r[k].x, 1);
    }
    std::vector<TermAtCentre> at(terms.size());
    bool centre_positive = true;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        quadratic_form_half(at[i].qm.x, terms[i].M2, m);
        at[i].y = matrix_half_apply(terms[i].M2, m);
        abs_form_half(at[i].pi.x, terms[i].M2, r);
        centre_positive = centre_positive && fmpq_sgn(at[i].qm.x) > 0;
    }
    Fmpq first, second;
    if (!bound_first_order(first.x, terms, at, box, r)) return false;
    if (centre_positive) {
        bound_second_order(second.x, terms, at, m, r);
        if (fmpq_cmp(second.x, first.x) > 0) fmpq_set(first.x, second.x);
    }
    fmpq_set(bound, first.x);
    return true;
}

} // namespace convcert::separation
