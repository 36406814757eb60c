// L-BFGS on the reduced cost of C-channel networks (local_opt.h).
#include "reproduce/local_opt.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <complex>
#include <deque>
#include <limits>
#include <stdexcept>

namespace convcert::reproduce {

namespace {

using cd = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;

struct Shape {
    long C, R, K, D;
};

Shape reproduce_shape(const Rows& W, const Kernels& U) {
    if (W.empty() || W[0].empty() || U.empty())
        throw std::invalid_argument("reproduce_reduced_cost: empty W or U");
    Shape s{static_cast<long>(U.size()), static_cast<long>(W.size()),
            static_cast<long>(U[0].empty() ? 0 : U[0][0].size()), static_cast<long>(W[0].size())};
    for (const auto& row : W)
        if (static_cast<long>(row.size()) != s.D)
            throw std::invalid_argument("reproduce_reduced_cost: ragged W");
    if (s.K < 1 || s.K > s.D) throw std::invalid_argument("reproduce_reduced_cost: K out of range");
    for (const auto& u : U) {
        if (static_cast<long>(u.size()) != s.R)
            throw std::invalid_argument("reproduce_reduced_cost: a kernel has the wrong R");
        for (const auto& row : u)
            if (static_cast<long>(row.size()) != s.K)
                throw std::invalid_argument("reproduce_reduced_cost: ragged kernels");
    }
    return s;
}

std::vector<double> reproduce_flatten(const Kernels& U) {
    std::vector<double> x;
    for (const auto& u : U)
        for (const auto& row : u)
            x.insert(x.end(), row.begin(), row.end());
    return x;
}

Kernels reproduce_unflatten(const std::vector<double>& x, const Shape& s) {
    Kernels U(static_cast<std::size_t>(s.C), Rows(static_cast<std::size_t>(s.R)));
    std::size_t i = 0;
    for (auto& u : U)
        for (auto& row : u) {
            row.assign(x.begin() + static_cast<long>(i), x.begin() + static_cast<long>(i + s.K));
            i += static_cast<std::size_t>(s.K);
        }
    return U;
}

double reproduce_dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

} // namespace

double reproduce_reduced_cost(const Rows& W, const Kernels& U, Kernels* grad) {
    const Shape s = reproduce_shape(W, U);
    const long C = s.C, R = s.R, K = s.K, D = s.D;
    std::vector<cd> tw(static_cast<std::size_t>(D));
    for (long j = 0; j < D; ++j)
        tw[static_cast<std::size_t>(j)] = std::polar(1.0, -2 * kPi * static_cast<double>(j) / D);
    // Ŵ (R×D) and Û (C·R×D)
    std::vector<std::vector<cd>> What(static_cast<std::size_t>(R),
                                      std::vector<cd>(static_cast<std::size_t>(D)));
    double wmax = 0;
    for (long r = 0; r < R; ++r)
        for (long d = 0; d < D; ++d) {
            cd acc = 0;
            for (long j = 0; j < D; ++j)
                acc += W[r][j] * tw[static_cast<std::size_t>((j * d) % D)];
            What[r][d] = acc;
        }
    for (long d = 0; d < D; ++d) {
        double n2 = 0;
        for (long r = 0; r < R; ++r)
            n2 += std::norm(What[r][d]);
        wmax = std::max(wmax, std::sqrt(n2));
    }
    double value = 0;
    for (const auto& u : U)
        for (const auto& row : u)
            for (double x : row)
                value += x * x;
    if (grad) {
        *grad = U;
        for (auto& g : *grad)
            for (auto& row : g)
                for (double& x : row)
                    x *= 2;
    }
    if (wmax == 0) return value;
    Eigen::MatrixXcd Uh(R, C);
    Eigen::VectorXcd wd(R);
    for (long d = 0; d < D; ++d) {
        double n2 = 0;
        for (long r = 0; r < R; ++r) {
            wd(r) = What[r][d];
            n2 += std::norm(What[r][d]);
        }
        if (std::sqrt(n2) <= 1e-13 * wmax) continue;
        for (long c = 0; c < C; ++c)
            for (long r = 0; r < R; ++r) {
                cd acc = 0;
                for (long k = 0; k < K; ++k)
                    acc += U[c][r][k] * tw[static_cast<std::size_t>((k * d) % D)];
                Uh(r, c) = acc;
            }
        const Eigen::MatrixXcd sigma = Uh * Uh.adjoint();
        const Eigen::LLT<Eigen::MatrixXcd> llt(sigma);
        if (llt.info() != Eigen::Success) return std::numeric_limits<double>::infinity();
        const Eigen::VectorXcd y = llt.solve(wd);
        const double fd = std::real(wd.dot(y)); // Ŵᴴ Σ⁻¹ Ŵ
        if (!(fd >= 0) || !std::isfinite(fd)) return std::numeric_limits<double>::infinity();
        // Σ is numerically singular when the solve is inaccurate: reject.
        if ((sigma * y - wd).norm() > 1e-8 * std::sqrt(n2))
            return std::numeric_limits<double>::infinity();
        value += fd / D;
        if (grad) {
            // dF_d = -2 Re(yᴴ dÛ z), z = Ûᴴ y; dÛ[r,c] = sum_k du_c[r,k] tw[kd].
            const Eigen::VectorXcd z = Uh.adjoint() * y;
            for (long c = 0; c < C; ++c)
                for (long r = 0; r < R; ++r) {
                    const cd a = std::conj(y(r)) * z(c);
                    for (long k = 0; k < K; ++k)
                        (*grad)[c][r][k] -=
                            2.0 * std::real(a * tw[static_cast<std::size_t>((k * d) % D)]) / D;
                }
        }
    }
    return value;
}

namespace {

// The last (at most 10) pairs s = x_{k+1} - x_k, y = g_{k+1} - g_k and rho = 1 / <s, y>.
struct LbfgsMemory {
    std::deque<std::vector<double>> S, Y;
    std::deque<double> rho;

    void clear() {
        S.clear();
        Y.clear();
        rho.clear();
    }

    // Keeps the pair only when <s, y> > 0 (the curvature condition).
    void push(const std::vector<double>& s, const std::vector<double>& y) {
        const double sy = reproduce_dot(s, y);
        if (!(sy > 1e-300)) return;
        S.push_back(s);
        Y.push_back(y);
        rho.push_back(1 / sy);
        if (S.size() > 10) {
            S.pop_front();
            Y.pop_front();
            rho.pop_front();
        }
    }

    // -H g by the two-loop recursion, H the L-BFGS inverse Hessian (gamma I when empty).
    std::vector<double> direction(const std::vector<double>& g) const {
        std::vector<double> q = g;
        std::vector<double> alpha(S.size());
        for (std::size_t i = S.size(); i-- > 0;) {
            alpha[i] = rho[i] * reproduce_dot(S[i], q);
            for (std::size_t j = 0; j < q.size(); ++j)
                q[j] -= alpha[i] * Y[i][j];
        }
        double gamma = 1;
        if (!S.empty())
            gamma = reproduce_dot(S.back(), Y.back()) / reproduce_dot(Y.back(), Y.back());
        for (double& v : q)
            v *= gamma;
        for (std::size_t i = 0; i < S.size(); ++i) {
            const double beta = rho[i] * reproduce_dot(Y[i], q);
            for (std::size_t j = 0; j < q.size(); ++j)
                q[j] += S[i][j] * (alpha[i] - beta);
        }
        std::vector<double> p(q.size());
        for (std::size_t j = 0; j < q.size(); ++j)
            p[j] = -q[j];
        return p;
    }
};

// The current iterate: point, cost and gradient (flattened kernels).
struct LbfgsPoint {
    std::vector<double> x, g;
    double f = 0;
};

// Backtracking (Armijo, c = 1e-4, halving, at most 60 tries) from `at` along p with the given
// slope <p, g> and first step; false when no step decreases the cost enough.
bool lbfgs_line_search(const Rows& W, const Shape& shape, const LbfgsPoint& at,
                       const std::vector<double>& p, double slope, double step, LbfgsPoint& next) {
    next.x.resize(at.x.size());
    for (int ls = 0; ls < 60; ++ls) {
        for (std::size_t j = 0; j < at.x.size(); ++j)
            next.x[j] = at.x[j] + step * p[j];
        Kernels gnk;
        next.f = reproduce_reduced_cost(W, reproduce_unflatten(next.x, shape), &gnk);
        if (std::isfinite(next.f) && next.f <= at.f + 1e-4 * step * slope) {
            next.g = reproduce_flatten(gnk);
            return true;
        }
        step *= 0.5;
    }
    return false;
}

// x_new - x_old.
std::vector<double> difference(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t j = 0; j < a.size(); ++j)
        d[j] = a[j] - b[j];
    return d;
}

// The L-BFGS direction, or steepest descent (memory cleared) when it is not a descent
// direction; *slope = <p, g>.
std::vector<double> lbfgs_descent(LbfgsMemory& memory, const std::vector<double>& g,
                                  double* slope) {
    std::vector<double> p = memory.direction(g);
    *slope = reproduce_dot(p, g);
    if (!(*slope < 0)) { // not a descent direction: restart from steepest descent
        memory.clear();
        for (std::size_t j = 0; j < p.size(); ++j)
            p[j] = -g[j];
        *slope = reproduce_dot(p, g);
    }
    return p;
}

} // namespace

LocalOptRun reproduce_lbfgs(const Rows& W, const Kernels& start, int max_iterations,
                            double gradient_tolerance) {
    const Shape shape = reproduce_shape(W, start);
    LbfgsPoint at;
    at.x = reproduce_flatten(start);
    Kernels gk;
    at.f = reproduce_reduced_cost(W, start, &gk);
    if (!std::isfinite(at.f))
        throw std::invalid_argument("reproduce_lbfgs: the start has an infinite cost");
    at.g = reproduce_flatten(gk);
    LbfgsMemory memory;
    LocalOptRun run;
    int stalls = 0;
    for (int it = 0; it < max_iterations; ++it) {
        double gmax = 0;
        for (double v : at.g)
            gmax = std::max(gmax, std::abs(v));
        if (gmax <= gradient_tolerance * (1 + std::abs(at.f))) {
            run.converged = true;
            break;
        }
        double slope = 0;
        const std::vector<double> p = lbfgs_descent(memory, at.g, &slope);
        const double step = memory.S.empty() ? std::min(1.0, 1.0 / std::max(gmax, 1e-300)) : 1;
        LbfgsPoint next;
        const bool accepted = lbfgs_line_search(W, shape, at, p, slope, step, next);
        run.iterations = it + 1;
        if (!accepted) break;
        memory.push(difference(next.x, at.x), difference(next.g, at.g));
        stalls = (at.f - next.f <= 1e-16 * std::abs(at.f)) ? stalls + 1 : 0;
        at = std::move(next);
        if (stalls >= 5) break;
    }
    run.kernels = reproduce_unflatten(at.x, shape);
    run.value = at.f;
    return run;
}

std::uint64_t reproduce_seed_mix(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Kernels reproduce_random_kernels(const Rows& W, long C, long K, std::uint64_t seed) {
    const long R = static_cast<long>(W.size());
    double norm2 = 0;
    for (const auto& row : W)
        for (double x : row)
            norm2 += x * x;
    const double scale = std::sqrt(std::sqrt(norm2) / static_cast<double>(C * R * K));
    std::uint64_t state = seed;
    auto uniform = [&state]() {
        state = reproduce_seed_mix(state, 0);
        return (static_cast<double>(state >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    };
    Kernels U(static_cast<std::size_t>(C),
              Rows(static_cast<std::size_t>(R), std::vector<double>(static_cast<std::size_t>(K))));
    for (auto& u : U)
        for (auto& row : u)
            for (double& x : row) {
                const double a = uniform(), b = uniform();
                x = scale * std::sqrt(-2 * std::log(a)) * std::cos(2 * kPi * b);
            }
    return U;
}

LocalSearch reproduce_local_search(const Rows& W, long K, long C, int starts, std::uint64_t seed,
                                   int max_iterations) {
    LocalSearch out;
    out.best = std::numeric_limits<double>::infinity();
    for (int s = 0; s < starts; ++s) {
        Kernels start;
        double f0 = std::numeric_limits<double>::infinity();
        for (int redraw = 0; redraw < 10 && !std::isfinite(f0); ++redraw) {
            start = reproduce_random_kernels(
                W, C, K, reproduce_seed_mix(seed, static_cast<std::uint64_t>(s * 16 + redraw)));
            f0 = reproduce_reduced_cost(W, start);
        }
        if (!std::isfinite(f0)) {
            out.values.push_back(f0);
            continue;
        }
        const LocalOptRun run = reproduce_lbfgs(W, start, max_iterations);
        out.values.push_back(run.value);
        out.iterations += run.iterations;
        if (run.value < out.best) {
            out.best = run.value;
            out.best_kernels = run.kernels;
        }
    }
    return out;
}

} // namespace convcert::reproduce
