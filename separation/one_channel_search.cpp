// Double-precision local search for the one-channel cost (one_channel_search.h): BFGS with a
// backtracking (Armijo) line search in the K - 1 free coordinates of a face.
#include "separation/one_channel_search.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace convcert::separation {

namespace {

// φ and its gradient at u: ∂φ/∂u_j = 2 u_j S - 2 ‖u‖² Σ_t c_t (M_t u)_j / q_t².
double phi_gradient(const std::vector<OneChannelTerm>& terms, const std::vector<double>& u,
                    std::vector<double>& grad) {
    const std::size_t K = u.size();
    double n = 0, S = 0;
    for (double x : u)
        n += x * x;
    std::vector<double> acc(K, 0.0), y(K);
    for (const OneChannelTerm& t : terms) {
        double q = 0;
        for (std::size_t k = 0; k < K; ++k) {
            y[k] = 0;
            for (std::size_t l = 0; l < K; ++l)
                y[k] += 0.5 * static_cast<double>(t.M2[k * K + l]) * u[l];
            q += u[k] * y[k];
        }
        if (!(q > 1e-300)) return HUGE_VAL;
        S += t.c_double / q;
        for (std::size_t k = 0; k < K; ++k)
            acc[k] += t.c_double * y[k] / (q * q);
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

} // namespace

OneChannelPoint one_channel_descend(const std::vector<OneChannelTerm>& terms,
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
    return OneChannelPoint{u, one_channel_phi_double(terms, u)};
}

OneChannelPoint one_channel_search(const std::vector<OneChannelTerm>& terms, long K, int starts,
                                   unsigned long seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unif(-1.0, 1.0);
    OneChannelPoint best;
    best.phi = HUGE_VAL;
    for (int s = 0; s < starts; ++s) {
        std::vector<double> u(static_cast<std::size_t>(K));
        for (double& x : u)
            x = unif(rng);
        OneChannelPoint p = one_channel_descend(terms, u);
        if (p.phi < best.phi) best = p;
    }
    return best;
}

} // namespace convcert::separation
