// Double-precision local search for the one-channel cost (one_channel_search.h): the terms by a
// direct DFT, then BFGS with a backtracking (Armijo) line search in the K - 1 free coordinates
// of a face.
#include "regularizer/one_channel_search.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace convcert::regularizer {

namespace {

// φ and its gradient at u: ∂φ/∂u_j = 2 u_j S - 2 ‖u‖² Σ_t c_t (M_t u)_j / q_t².
double phi_gradient(const std::vector<OneChannelTermDouble>& terms, const std::vector<double>& u,
                    std::vector<double>& grad) {
    const std::size_t K = u.size();
    double n = 0, S = 0;
    for (double x : u)
        n += x * x;
    std::vector<double> acc(K, 0.0), y(K);
    for (const OneChannelTermDouble& t : terms) {
        double q = 0;
        for (std::size_t k = 0; k < K; ++k) {
            y[k] = 0;
            for (std::size_t l = 0; l < K; ++l)
                y[k] += 0.5 * t.m2[k * K + l] * u[l];
            q += u[k] * y[k];
        }
        if (!(q > 1e-300)) return HUGE_VAL;
        S += t.c / q;
        for (std::size_t k = 0; k < K; ++k)
            acc[k] += t.c * y[k] / (q * q);
    }
    grad.assign(K, 0.0);
    for (std::size_t k = 0; k < K; ++k)
        grad[k] = 2 * u[k] * S - 2 * n * acc[k];
    return n * S;
}

// Scales u so that max |u_k| = 1 with that entry positive.
void face_normalize(std::vector<double>& u) {
    std::size_t i = 0;
    for (std::size_t k = 1; k < u.size(); ++k)
        if (std::fabs(u[k]) > std::fabs(u[i])) i = k;
    const double s = u[i];
    for (double& x : u)
        x /= s;
}

// |ŵ(d)|² by a direct DFT with the grid's characters.
double dft_power(const std::vector<double>& w, const Grid& g, long d) {
    const double turn = 2 * std::acos(-1.0) / static_cast<double>(grid_phase_modulus(g));
    double re = 0, im = 0;
    for (long j = 0; j < grid_signal_size(g); ++j) {
        const double a = turn * static_cast<double>(grid_phase(g, j, d));
        re += w[static_cast<std::size_t>(j)] * std::cos(a);
        im -= w[static_cast<std::size_t>(j)] * std::sin(a);
    }
    return re * re + im * im;
}

// 2 M_d: 2 cos(2π phase(offset(k) - offset(l), d) / L), row-major K×K.
std::vector<double> term_matrix(const Grid& g, long d) {
    const long K = grid_kernel_size(g);
    const double turn = 2 * std::acos(-1.0) / static_cast<double>(grid_phase_modulus(g));
    std::vector<double> m2(static_cast<std::size_t>(K * K));
    for (long k = 0; k < K; ++k)
        for (long l = 0; l < K; ++l) {
            const long p = grid_phase(g, grid_sub(g, grid_offset(g, k), grid_offset(g, l)), d);
            m2[static_cast<std::size_t>(k * K + l)] = 2 * std::cos(turn * static_cast<double>(p));
        }
    return m2;
}

} // namespace

std::vector<OneChannelTermDouble> regularizer_one_channel_terms(const std::vector<double>& w,
                                                                const Grid& g) {
    const long D = grid_signal_size(g);
    double energy = 0;
    for (double x : w)
        energy += x * x;
    const double floor = 1e-20 * static_cast<double>(D) * energy;
    std::vector<OneChannelTermDouble> terms;
    for (long d = 0; d < D; ++d) {
        const long nd = grid_neg(g, d);
        if (nd < d) continue;
        const double power = dft_power(w, g, d);
        if (!(power > floor)) continue;
        const double mult = nd == d ? 1.0 : 2.0;
        terms.push_back({mult * power / static_cast<double>(D), term_matrix(g, d)});
    }
    return terms;
}

double regularizer_one_channel_phi(const std::vector<OneChannelTermDouble>& terms,
                                   const std::vector<double>& u) {
    const std::size_t K = u.size();
    double n = 0, s = 0;
    for (double x : u)
        n += x * x;
    for (const OneChannelTermDouble& t : terms) {
        double q = 0;
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t l = 0; l < K; ++l)
                q += 0.5 * t.m2[k * K + l] * u[k] * u[l];
        if (!(q > 0)) return HUGE_VAL;
        s += t.c / q;
    }
    return n * s;
}

OneChannelPoint regularizer_one_channel_descend(const std::vector<OneChannelTermDouble>& terms,
                                                std::vector<double> u) {
    face_normalize(u);
    const std::size_t K = u.size();
    std::size_t face = 0;
    while (u[face] != 1.0)
        ++face;
    std::vector<double> g, gn, un;
    double f = phi_gradient(terms, u, g);
    g[face] = 0;
    std::vector<double> H(K * K, 0.0); // inverse Hessian estimate, zero in the face row/column
    for (std::size_t k = 0; k < K; ++k)
        H[k * K + k] = k == face ? 0.0 : 1.0 / std::max(f, 1e-12);
    for (int it = 0; it < 500 && std::isfinite(f); ++it) {
        std::vector<double> dir(K, 0.0);
        double slope = 0;
        for (std::size_t k = 0; k < K; ++k) {
            for (std::size_t l = 0; l < K; ++l)
                dir[k] -= H[k * K + l] * g[l];
            slope += dir[k] * g[k];
        }
        if (!(slope < 0)) { // not a descent direction: restart from steepest descent
            for (std::size_t k = 0; k < K; ++k)
                for (std::size_t l = 0; l < K; ++l)
                    H[k * K + l] = (k == l && k != face) ? 1.0 / std::max(f, 1e-12) : 0.0;
            continue;
        }
        double step = 1, fn = HUGE_VAL;
        for (int bt = 0; bt < 60; ++bt, step *= 0.5) {
            un = u;
            for (std::size_t k = 0; k < K; ++k)
                un[k] += step * dir[k];
            fn = phi_gradient(terms, un, gn);
            if (fn <= f + 1e-4 * step * slope) break;
        }
        if (!(fn < f)) break;
        gn[face] = 0;
        std::vector<double> s(K), yv(K), Hy(K, 0.0);
        double sy = 0, yHy = 0;
        for (std::size_t k = 0; k < K; ++k) {
            s[k] = un[k] - u[k];
            yv[k] = gn[k] - g[k];
            sy += s[k] * yv[k];
        }
        for (std::size_t k = 0; k < K; ++k) {
            for (std::size_t l = 0; l < K; ++l)
                Hy[k] += H[k * K + l] * yv[l];
            yHy += yv[k] * Hy[k];
        }
        if (sy > 1e-300) // BFGS update of the inverse Hessian
            for (std::size_t k = 0; k < K; ++k)
                for (std::size_t l = 0; l < K; ++l)
                    H[k * K + l] +=
                        (sy + yHy) * s[k] * s[l] / (sy * sy) - (Hy[k] * s[l] + s[k] * Hy[l]) / sy;
        const bool small = f - fn <= 1e-15 * f;
        u = un;
        g = gn;
        f = fn;
        if (small) break;
    }
    face_normalize(u);
    return OneChannelPoint{u, regularizer_one_channel_phi(terms, u)};
}

OneChannelPoint regularizer_one_channel_search(const std::vector<OneChannelTermDouble>& terms,
                                               long K, int starts, unsigned long seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unif(-1.0, 1.0);
    OneChannelPoint best;
    best.phi = HUGE_VAL;
    for (int s = 0; s < starts; ++s) {
        std::vector<double> u(static_cast<std::size_t>(K));
        for (double& x : u)
            x = unif(rng);
        OneChannelPoint p = regularizer_one_channel_descend(terms, u);
        if (p.phi < best.phi) best = p;
    }
    return best;
}

} // namespace convcert::regularizer
