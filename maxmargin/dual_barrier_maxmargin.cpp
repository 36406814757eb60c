// The max-margin dual on the central path (see dual_barrier_maxmargin.h).
#include "maxmargin/dual_barrier_maxmargin.h"

#include "maxmargin/barrier_spectral.h"
#include "regularizer/numeric/barrier_path.h"
#include "regularizer/numeric/toeplitz_stacked.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace convcert::maxmargin {

namespace {

using regularizer::BarrierPathProblem;

void barrier_validate(const data::Dataset& d, const Grid& g) {
    data::data_dataset_validate(d);
    if (g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2 || grid_signal_size(g) != d.D)
        throw std::invalid_argument("maxmargin_dual_barrier: the grid does not fit the data");
}

/// B = [y_i x̃_i] ((R·D)×n) for x̃ = σx, σ = 1/max ||x_i|| of the samples' values.
Eigen::MatrixXd barrier_columns(const data::Dataset& d, double& sigma) {
    const long m = d.R * d.D, n = d.n();
    Eigen::MatrixXd B(m, n);
    for (long i = 0; i < n; ++i)
        for (long k = 0; k < m; ++k)
            B(k, i) = d.y[static_cast<std::size_t>(i)] * data::data_sample_value(d, i, k);
    const double largest = B.colwise().norm().maxCoeff();
    if (!(largest > 0)) throw std::invalid_argument("maxmargin_dual_barrier: every sample is 0");
    sigma = 1.0 / largest;
    B *= sigma;
    return B;
}

/// The closed form of the LMI (barrier_spectral.h) with AB = A·B, when the problem has one.
struct SpectralPath {
    BarrierSpectral s;
    Eigen::MatrixXd AB;
};

/// The uniform start a = t·1 with ||T(B a)||_op = 1 (half the bound 2); the norm from the
/// spectrum when there is one.
Eigen::VectorXd barrier_start(const BarrierPathProblem& p, const std::optional<SpectralPath>& sp) {
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(p.B.cols());
    double op = 0;
    if (sp) {
        op = std::sqrt(maxmargin_barrier_spectral_norms(sp->s, sp->AB * ones).maxCoeff());
    } else {
        const Eigen::VectorXd lambda = p.B * ones;
        const Eigen::MatrixXd T =
            regularizer::regularizer_toeplitz_stacked(lambda.data(), p.R, p.g);
        op = Eigen::JacobiSVD<Eigen::MatrixXd>(T).singularValues()(0);
    }
    return ones * (op > 0 ? 1.0 / op : 1.0);
}

/// The primal of the central point (a, μ) of the scaled problem, scaled by 1/m (m its
/// smallest margin) so that every margin is >= 1: Z̃/m, W̃/m and the value tr Z̃/m.
struct BarrierPrimal {
    Eigen::MatrixXd Z;
    Eigen::VectorXd W;
    double value = INFINITY;
};

BarrierPrimal barrier_primal(const BarrierPathProblem& p, const Eigen::VectorXd& a, double mu) {
    const long D = grid_signal_size(p.g), RK = p.R * grid_kernel_size(p.g), N = RK + D;
    const Eigen::VectorXd lambda = p.B * a;
    const regularizer::BarrierPoint pt = regularizer::regularizer_barrier_point(lambda, p.R, p.g);
    BarrierPrimal out;
    out.W = 2.0 * mu * regularizer::regularizer_barrier_adjoint(pt.Q, p.R, p.g);
    const double m = (p.B.transpose() * out.W).minCoeff();
    if (!(m > 0)) return out;
    out.Z.resize(N, N);
    out.Z.topLeftCorner(RK, RK) = 4.0 * mu * pt.P;
    out.Z.topRightCorner(RK, D) = 2.0 * mu * pt.Q;
    out.Z.bottomLeftCorner(D, RK) = 2.0 * mu * pt.Q.transpose();
    out.Z.bottomRightCorner(D, D) = mu * (pt.T.transpose() * pt.Q);
    out.Z.bottomRightCorner(D, D).diagonal().array() += mu;
    out.Z /= m;
    out.W /= m;
    out.value = out.Z.trace();
    return out;
}

/// The primal value tr Z̃/m of the central point (a, μ) from the spectrum, Z̃ not formed: W̃ = μ∇φ
/// and tr Z̃ = <λ, W̃> + μ(K + D) (barrier_path.h); +inf when W̃ does not separate. The rows'
/// values are the path's own, (AB)a (barrier_spectral.h).
double barrier_value_spectral(const BarrierPathProblem& p, const SpectralPath& sp,
                              const Eigen::VectorXd& a, double mu) {
    const Eigen::VectorXd W = mu * maxmargin_barrier_spectral_gradient(sp.s, sp.AB * a);
    const double m = (p.B.transpose() * W).minCoeff();
    if (!(m > 0)) return INFINITY;
    const auto size = static_cast<double>(grid_kernel_size(p.g) + grid_signal_size(p.g));
    return ((p.B * a).dot(W) + mu * size) / m;
}

/// The primal of the central point (a, μ) from the spectrum, scaled as barrier_primal's.
BarrierPrimal barrier_primal_spectral(const BarrierPathProblem& p, const SpectralPath& sp,
                                      const Eigen::VectorXd& a, double mu) {
    const Eigen::VectorXd y = sp.AB * a;
    BarrierPrimal out;
    out.W = mu * maxmargin_barrier_spectral_gradient(sp.s, y);
    const double m = (p.B.transpose() * out.W).minCoeff();
    if (!(m > 0)) return out;
    out.Z = maxmargin_barrier_spectral_primal(sp.s, y, mu) / m;
    out.W /= m;
    out.value = out.Z.trace();
    return out;
}

/// The result for the unscaled x from the scaled primal and the multipliers a.
void barrier_fill(const BarrierPrimal& primal, const Eigen::VectorXd& a, double sigma,
                  MaxmarginSdpResult& out) {
    const long N = primal.Z.rows();
    out.W.resize(static_cast<std::size_t>(primal.W.size()));
    for (long k = 0; k < primal.W.size(); ++k)
        out.W[static_cast<std::size_t>(k)] = sigma * primal.W(k);
    out.gram.resize(static_cast<std::size_t>(N * N));
    for (long col = 0; col < N; ++col)
        for (long row = 0; row < N; ++row)
            out.gram[static_cast<std::size_t>(col * N + row)] = sigma * primal.Z(row, col);
    out.primal = sigma * primal.value;
    out.alpha.resize(static_cast<std::size_t>(a.size()));
    out.dual = 0;
    for (long i = 0; i < a.size(); ++i) {
        out.alpha[static_cast<std::size_t>(i)] = sigma * a(i);
        out.dual += sigma * a(i);
    }
}

} // namespace

MaxmarginSdpResult maxmargin_dual_barrier(const data::Dataset& d, const Grid& g,
                                          const MaxmarginBarrierOptions& options) {
    const support::Stopwatch clock;
    barrier_validate(d, g);
    BarrierPathProblem p;
    p.g = g;
    p.R = d.R;
    double sigma = 1;
    p.B = barrier_columns(d, sigma);
    p.c = Eigen::VectorXd::Ones(d.n());
    p.positive = true;
    std::optional<SpectralPath> spectral;
    if (maxmargin_barrier_spectral_applies(d.R, g)) {
        spectral = SpectralPath{maxmargin_barrier_spectral(g), {}};
        spectral->AB = spectral->s.A * p.B;
        p.lmi = maxmargin_barrier_spectral_form(spectral->s, spectral->AB);
    }
    const Eigen::VectorXd a0 = barrier_start(p, spectral);
    regularizer::BarrierPathOptions o;
    o.nu = static_cast<double>(d.R * grid_kernel_size(g) + d.D + d.n());
    // Ten times the start's gap: centering a0 there is easy; at a0's own gap the first Newton
    // steps slid along the LMI's boundary to a point far off the path (MNIST 14×14, K = 3×3).
    o.mu0 = 10.0 * a0.sum() / o.nu;
    o.relative_gap = options.relative_gap;
    // Tenfold steps in μ let Newton slide along the LMI's boundary far off the path (MNIST
    // 14×14 with K = 8×8, 28×28 with K = 3×3: duals 5-10% below the optimum).
    o.shrink = 0.3;
    o.max_newton_per_mu = 25;
    BarrierPrimal best;
    // With a spectrum, each centering costs only its value; Z is formed once, at the best point.
    double best_value = INFINITY, best_mu = 0;
    Eigen::VectorXd best_a;
    o.centered = [&](const Eigen::VectorXd& a, double mu) {
        if (spectral) {
            const double value = barrier_value_spectral(p, *spectral, a, mu);
            if (value < best_value) std::tie(best_value, best_mu, best_a) = std::tie(value, mu, a);
            return;
        }
        BarrierPrimal primal = barrier_primal(p, a, mu);
        if (primal.value < best.value) best = std::move(primal);
    };
    const regularizer::BarrierPath path = regularizer::regularizer_barrier_path(p, a0, o);
    if (spectral && std::isfinite(best_value))
        best = barrier_primal_spectral(p, *spectral, best_a, best_mu);
    if (!std::isfinite(best.value))
        throw std::runtime_error("maxmargin_dual_barrier: no central point separates the data");
    MaxmarginSdpResult out;
    barrier_fill(best, path.z, sigma, out);
    out.phase = "barrier";
    // Centerings may fail near the rounding floor (μ·ν below about 1e-9 of the value on MNIST)
    // without harm: what counts is the gap of the pair reported.
    out.optimal = out.primal - out.dual <= options.optimal_gap * out.primal;
    out.iterations = path.newton_steps;
    out.seconds = clock.seconds();
    return out;
}

} // namespace convcert::maxmargin
