// Newton refinement of r* on the reduction formula (see polish_autocorrelation.h).
#include "regularizer/numeric/polish_autocorrelation.h"

#include "regularizer/numeric/dft.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Oversampling of the positivity grid: r must stay an autocorrelation (σ >= 0 on the whole
/// circle), not only positive at the D frequencies f sees, or Newton leaves the cone when the
/// optimum touches it between grid points (seen at D = 128, K = 64). Such boundary optima are
/// not polished at all: kInteriorMargin is the relative clearance r0 must have.
constexpr long kFine = 16;
constexpr double kInteriorMargin = 1e-3;

struct Problem {
    long D, K;
    std::vector<double> weight; ///< |ŵ[d]|² / D
    Eigen::MatrixXd basis;      ///< basis(d, j) = c_j(d): 1 for j = 0, 2cos(2πjd/D) otherwise
    Eigen::MatrixXd fine;       ///< the same on the kFine-times finer grid of the circle

    /// σ = basis · r; returns false unless σ > 0 on the fine grid (hence on the D grid).
    bool sigma(const Eigen::VectorXd& r, Eigen::VectorXd& s) const {
        if (!((fine * r).minCoeff() > 0)) return false;
        s = basis * r;
        return true;
    }
    double value(const Eigen::VectorXd& r, const Eigen::VectorXd& s) const {
        double f = r(0);
        for (long d = 0; d < D; ++d)
            if (weight[d] > 0) f += weight[d] / s(d);
        return f;
    }
};

/// The cosine basis on N points of the circle: c_j(t) = 1 for j = 0, 2cos(2πjt/N) otherwise.
Eigen::MatrixXd cosine_basis(long N, long K) {
    const double pi = std::acos(-1.0);
    Eigen::MatrixXd c(N, K);
    for (long t = 0; t < N; ++t)
        for (long j = 0; j < K; ++j)
            c(t, j) = j == 0 ? 1.0
                             : 2.0 * std::cos(2.0 * pi * static_cast<double>((j * t) % N) /
                                              static_cast<double>(N));
    return c;
}

Problem problem_build(const std::vector<std::complex<double>>& what, long K) {
    const long D = static_cast<long>(what.size());
    Problem P{D, K, std::vector<double>(D), cosine_basis(D, K), cosine_basis(kFine * D, K)};
    for (long d = 0; d < D; ++d)
        P.weight[d] = std::norm(what[d]) / static_cast<double>(D);
    return P;
}

/// The damped Newton direction at σ = s: gradient g_j = δ_j0 - sum_d weight_d c_j(d) / σ_d²,
/// Hessian 2 sum_d weight_d c cᵀ / σ_d³ (slightly regularized). Returns false when the
/// Hessian does not factor or the decrement -g·step is not a finite nonnegative number.
bool newton_direction(const Problem& P, const Eigen::VectorXd& s, Eigen::VectorXd& step,
                      double& decrement) {
    Eigen::VectorXd g = Eigen::VectorXd::Zero(P.K);
    g(0) = 1.0;
    Eigen::VectorXd h(P.D);
    Eigen::VectorXd a(P.D);
    for (long d = 0; d < P.D; ++d) {
        a(d) = P.weight[d] > 0 ? P.weight[d] / (s(d) * s(d)) : 0.0;
        h(d) = P.weight[d] > 0 ? std::sqrt(2.0 * P.weight[d] / (s(d) * s(d) * s(d))) : 0.0;
    }
    g -= P.basis.transpose() * a;
    const Eigen::MatrixXd B = h.asDiagonal() * P.basis;
    Eigen::MatrixXd H = B.transpose() * B;
    H.diagonal().array() += 1e-14 * H.diagonal().maxCoeff();
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
    if (ldlt.info() != Eigen::Success) return false;
    step = ldlt.solve(-g);
    decrement = -g.dot(step);
    return std::isfinite(decrement) && decrement >= 0;
}

/// Backtracking from the full step, keeping σ > 0 on the fine grid; in the quadratic regime
/// (local) the first such step is taken, otherwise the first with Armijo decrease. Updates
/// (r, s, f) and returns true when it moved.
bool newton_line_search(const Problem& P, const Eigen::VectorXd& step, double decrement, bool local,
                        Eigen::VectorXd& r, Eigen::VectorXd& s, double& f) {
    double t = 1.0;
    for (int ls = 0; ls < 60; ++ls, t *= 0.5) {
        const Eigen::VectorXd rn = r + t * step;
        Eigen::VectorXd sn;
        if (!P.sigma(rn, sn)) continue;
        const double fn = P.value(rn, sn);
        if (local || fn <= f - 0.25 * t * decrement) {
            r = rn;
            s = sn;
            f = fn;
            return true;
        }
    }
    return false;
}

/// The dual of §7 at σ = s: λ = IDFT(2ŵ/σ), 0 where ŵ[d] = 0.
std::vector<double> dual_at(const Problem& P, const std::vector<std::complex<double>>& what,
                            const Eigen::VectorXd& s) {
    std::vector<std::complex<double>> lhat(P.D, 0.0);
    for (long d = 0; d < P.D; ++d)
        if (P.weight[d] > 0) lhat[d] = 2.0 * what[d] / s(d);
    return regularizer_idft_real(lhat);
}

} // namespace

RegularizerPolishAutocorrelation regularizer_polish_autocorrelation(const std::vector<double>& w,
                                                                    const std::vector<double>& r0,
                                                                    int max_iterations) {
    const long D = static_cast<long>(w.size()), K = static_cast<long>(r0.size());
    if (K < 1 || K > D)
        throw std::invalid_argument("regularizer_polish_autocorrelation: need 1 <= K <= D");
    const auto what = regularizer_dft(w);
    const Problem P = problem_build(what, K);
    Eigen::VectorXd r = Eigen::Map<const Eigen::VectorXd>(r0.data(), K), s;
    if (!P.sigma(r, s))
        throw std::invalid_argument("regularizer_polish_autocorrelation: σ(r0) not positive");
    double f = P.value(r, s);

    RegularizerPolishAutocorrelation out;
    out.interior = (P.fine * r).minCoeff() > kInteriorMargin * r(0);
    double previous = HUGE_VAL;
    for (int it = 0; out.interior && it < max_iterations; ++it) {
        Eigen::VectorXd step;
        double decrement = 0;
        if (!newton_direction(P, s, step, decrement)) break;
        // Quadratic regime: f's rounding (~1e-16 f) hides decreases below it, so take full
        // steps and stop at the noise floor, where the decrement stops shrinking.
        const bool local = decrement < 1e-8 * std::abs(f);
        if (local && (decrement <= 1e-30 * f * f || decrement >= previous)) {
            out.converged = true;
            break;
        }
        previous = decrement;
        const bool moved = newton_line_search(P, step, decrement, local, r, s, f);
        ++out.iterations;
        if (!moved) break;
    }
    out.r.assign(r.data(), r.data() + K);
    out.value = f;
    out.min_sigma = s.minCoeff();
    out.lambda = dual_at(P, what, s);
    return out;
}

} // namespace convcert::regularizer
