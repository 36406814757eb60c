// The exact terms of the one-channel cost (one_channel_terms.h).
#include "separation/one_channel_terms.h"

#include <cmath>
#include <stdexcept>

namespace convcert::separation {

using support::Fmpq;

long twocos_rational(long p, long L) {
    // 2 cos(30° x) with x = p · 12 / L in twelfths of a turn; rational exactly when x is even or
    // x = 3, 9 (the L in {1, 2, 3, 4, 6} give no other x).
    static const long table[12] = {2, 0, 1, 0, -1, 0, -2, 0, -1, 0, 1, 0};
    const long x = (p * (12 / L)) % 12;
    if (x % 2 != 0 && x != 3 && x != 9)
        throw std::invalid_argument("2 cos(2π·" + std::to_string(p) + "/" + std::to_string(L) +
                                    ") is irrational");
    return table[x];
}

bool grid_cosines_rational(const Grid& g) {
    const long L = grid_phase_modulus(g);
    return L == 1 || L == 2 || L == 3 || L == 4 || L == 6;
}

void quadratic_form_half(fmpq_t q, const std::vector<long>& M2, const std::vector<Fmpq>& u) {
    const std::size_t K = u.size();
    Fmpq s, t;
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t l = 0; l < K; ++l) {
            if (M2[k * K + l] == 0) continue;
            fmpq_mul(t.x, u[k].x, u[l].x);
            fmpq_mul_si(t.x, t.x, M2[k * K + l]);
            fmpq_add(s.x, s.x, t.x);
        }
    fmpq_div_2exp(q, s.x, 1);
}

namespace {

// |ŵ(d)|² = (1/2) Σ_j Σ_j' w_j w_j' 2cos(2π phase(j - j', d) / L).
void dft_power(fmpq_t a, const Grid& g, const std::vector<Fmpq>& w, long d) {
    const long D = grid_signal_size(g), L = grid_phase_modulus(g);
    Fmpq s, t;
    for (long j = 0; j < D; ++j)
        for (long jp = 0; jp < D; ++jp) {
            const long c2 = twocos_rational(grid_phase(g, grid_sub(g, j, jp), d), L);
            if (c2 == 0) continue;
            fmpq_mul(t.x, w[static_cast<std::size_t>(j)].x, w[static_cast<std::size_t>(jp)].x);
            fmpq_mul_si(t.x, t.x, c2);
            fmpq_add(s.x, s.x, t.x);
        }
    fmpq_div_2exp(a, s.x, 1);
}

std::vector<long> term_matrix(const Grid& g, long d) {
    const long K = grid_kernel_size(g), L = grid_phase_modulus(g);
    std::vector<long> M2(static_cast<std::size_t>(K * K));
    for (long k = 0; k < K; ++k)
        for (long l = 0; l < K; ++l)
            M2[static_cast<std::size_t>(k * K + l)] = twocos_rational(
                grid_phase(g, grid_sub(g, grid_offset(g, k), grid_offset(g, l)), d), L);
    return M2;
}

} // namespace

std::vector<OneChannelTerm> one_channel_terms(const Grid& g, const std::vector<Fmpq>& w) {
    if (!grid_cosines_rational(g))
        throw std::invalid_argument("shape " + std::to_string(g.D1) + "x" + std::to_string(g.D2) +
                                    " has lcm(D1, D2) = " + std::to_string(grid_phase_modulus(g)) +
                                    ": its DFT cosines are irrational (the one-channel bound needs "
                                    "lcm in {1, 2, 3, 4, 6})");
    const long D = grid_signal_size(g);
    if (static_cast<long>(w.size()) != D)
        throw std::invalid_argument("w has " + std::to_string(w.size()) + " entries, expected " +
                                    std::to_string(D));
    std::vector<OneChannelTerm> terms;
    for (long d = 0; d < D; ++d) {
        const long nd = grid_neg(g, d);
        if (nd < d) continue;
        OneChannelTerm t;
        t.d = d;
        dft_power(t.c.x, g, w, d);
        if (fmpq_is_zero(t.c.x)) continue;
        Fmpq scale;
        fmpq_set_si(scale.x, nd == d ? 1 : 2, static_cast<ulong>(D));
        fmpq_mul(t.c.x, t.c.x, scale.x);
        t.c_double = fmpq_get_d(t.c.x);
        t.M2 = term_matrix(g, d);
        terms.push_back(std::move(t));
    }
    return terms;
}

std::vector<regularizer::OneChannelTermDouble>
one_channel_terms_double(const std::vector<OneChannelTerm>& terms) {
    std::vector<regularizer::OneChannelTermDouble> out;
    for (const OneChannelTerm& t : terms)
        out.push_back({t.c_double, std::vector<double>(t.M2.begin(), t.M2.end())});
    return out;
}

bool one_channel_phi_exact(fmpq_t phi, const std::vector<OneChannelTerm>& terms,
                           const std::vector<Fmpq>& u) {
    Fmpq n, s, q, r;
    for (const Fmpq& x : u)
        fmpq_addmul(n.x, x.x, x.x);
    for (const OneChannelTerm& t : terms) {
        quadratic_form_half(q.x, t.M2, u);
        if (fmpq_is_zero(q.x)) return false;
        fmpq_div(r.x, t.c.x, q.x);
        fmpq_add(s.x, s.x, r.x);
    }
    fmpq_mul(phi, n.x, s.x);
    return true;
}

} // namespace convcert::separation
