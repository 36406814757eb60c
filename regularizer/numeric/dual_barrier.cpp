// Central-path refinement of the dual (see dual_barrier.h): the path of
// regularizer/numeric/barrier_path.h with λ = z and objective <λ, W>.
#include "regularizer/numeric/dual_barrier.h"

#include "regularizer/numeric/barrier_path.h"
#include "regularizer/numeric/toeplitz_stacked.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// The path problem of W on g, and λ0 flattened (r·D + j). Throws std::invalid_argument on
/// bad shapes or a W that is zero or not finite.
BarrierPathProblem barrier_problem(const Rows& W, const Grid& g, const Rows& lambda0,
                                   Eigen::VectorXd& x) {
    BarrierPathProblem p;
    p.g = g;
    p.R = static_cast<long>(W.size());
    if (p.R < 1) throw std::invalid_argument("regularizer_dual_barrier: W has no rows");
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    if (K < 1 || K > D || static_cast<long>(W[0].size()) != D)
        throw std::invalid_argument("regularizer_dual_barrier: need K <= D and rows of D");
    if (static_cast<long>(lambda0.size()) != p.R)
        throw std::invalid_argument("regularizer_dual_barrier: λ0 needs R rows");
    p.c.resize(p.R * D);
    x.resize(p.R * D);
    for (long r = 0; r < p.R; ++r) {
        if (static_cast<long>(W[r].size()) != D || static_cast<long>(lambda0[r].size()) != D)
            throw std::invalid_argument("regularizer_dual_barrier: rows of unequal length");
        for (long j = 0; j < D; ++j) {
            p.c(r * D + j) = W[r][j];
            x(r * D + j) = lambda0[r][j];
        }
    }
    const double wnorm = p.c.norm();
    if (!(wnorm > 0) || !std::isfinite(wnorm))
        throw std::invalid_argument("regularizer_dual_barrier: W must be finite and nonzero");
    return p;
}

/// λ and the primal Gram estimate 4μ M⁻¹ at the final point.
void barrier_result(const BarrierPathProblem& p, const BarrierPath& path,
                    RegularizerDualBarrier& out) {
    const long D = grid_signal_size(p.g);
    out.mu = path.mu;
    out.value = path.z.dot(p.c);
    out.newton_steps = path.newton_steps;
    const BarrierPoint pt = regularizer_barrier_point(path.z, p.R, p.g);
    const long n = pt.P.rows();
    out.X.resize(n * n);
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            out.X[i * n + j] = 4.0 * path.mu * pt.P(i, j);
    out.lambda.assign(p.R, std::vector<double>(D));
    for (long r = 0; r < p.R; ++r)
        for (long j = 0; j < D; ++j)
            out.lambda[r][j] = path.z(r * D + j);
}

} // namespace

RegularizerDualBarrier regularizer_dual_barrier(const Rows& W, const Grid& g, const Rows& lambda0) {
    const support::Stopwatch watch;
    Eigen::VectorXd x;
    const BarrierPathProblem p = barrier_problem(W, g, lambda0, x);
    const double n = static_cast<double>(p.R * grid_kernel_size(g));
    {
        const Eigen::MatrixXd t = regularizer_toeplitz_stacked(x.data(), p.R, g);
        const double op = Eigen::JacobiSVD<Eigen::MatrixXd>(t).singularValues()(0);
        x *= op > 0 && std::isfinite(op) ? 0.99 * 2.0 / op : 0.0;
    }
    // Scale of the objective: at least <x, W>; μ·n ends near 1e-13 of <λ, W>.
    const double scale = std::max(x.dot(p.c), 1e-3 * p.c.norm());
    BarrierPathOptions o;
    o.mu0 = 1e-4 * scale / n;
    o.nu = n;
    o.relative_gap = 1e-13;
    RegularizerDualBarrier out;
    barrier_result(p, regularizer_barrier_path(p, x, o), out);
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
