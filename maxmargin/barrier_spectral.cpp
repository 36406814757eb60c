// The max-margin dual's LMI in closed form at K = 1 and K = D (see barrier_spectral.h).
#include "maxmargin/barrier_spectral.h"

#include <cmath>
#include <memory>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// The margins 4 - ||A_j λ||² of the blocks from the rows' values y = Aλ.
Eigen::VectorXd block_gaps(const std::vector<long>& block, long blocks, const Eigen::VectorXd& y) {
    Eigen::VectorXd gap = Eigen::VectorXd::Constant(blocks, 4.0);
    for (long r = 0; r < y.size(); ++r)
        gap(block[static_cast<std::size_t>(r)]) -= y(r) * y(r);
    return gap;
}

/// Row r of A at K = D: Re (even r) or Im (odd r) of exp(-2πi (j1 d1/D1 + j2 d2/D2)), d = r/2,
/// with the angle reduced exactly modulo the grid before it is multiplied by 2π.
void dft_rows(Eigen::MatrixXd& A, const Grid& g) {
    const long D = grid_signal_size(g);
    A.resize(2 * D, D);
    for (long d = 0; d < D; ++d)
        for (long j = 0; j < D; ++j) {
            const long a1 = ((d / g.D2) * (j / g.D2)) % g.D1, a2 = ((d % g.D2) * (j % g.D2)) % g.D2;
            const double t = 2 * std::acos(-1.0) *
                             (static_cast<double>(a1) / static_cast<double>(g.D1) +
                              static_cast<double>(a2) / static_cast<double>(g.D2));
            A(2 * d, j) = std::cos(t);
            A(2 * d + 1, j) = -std::sin(t);
        }
}

/// ∇φ and ∇²φ in z for the rows' values y = (AB)z and the gaps g: sum_j 2 (AB)_jᵀ y_j / g_j and
/// sum_j 2 (AB)_jᵀ(AB)_j / g_j + 4 v_j v_jᵀ / g_j², v_j = (AB)_jᵀ y_j.
void form_derivatives(const Eigen::MatrixXd& AB, const std::vector<long>& block,
                      const Eigen::VectorXd& y, const Eigen::VectorXd& gap, Eigen::VectorXd& grad,
                      Eigen::MatrixXd& hess) {
    const long rows = AB.rows(), n = AB.cols();
    Eigen::VectorXd w(rows), root(rows);
    Eigen::MatrixXd V = Eigen::MatrixXd::Zero(n, gap.size());
    for (long r = 0; r < rows; ++r) {
        const double g = gap(block[static_cast<std::size_t>(r)]);
        w(r) = 2 * y(r) / g;
        root(r) = std::sqrt(2 / g);
        V.col(block[static_cast<std::size_t>(r)]) += y(r) * AB.row(r).transpose();
    }
    grad = AB.transpose() * w;
    const Eigen::MatrixXd S = root.asDiagonal() * AB;
    V = V * (2 / gap.array()).matrix().asDiagonal();
    hess = S.transpose() * S + V * V.transpose();
}

} // namespace

bool maxmargin_barrier_spectral_applies(long R, const Grid& g) {
    return R == 1 && (grid_kernel_size(g) == 1 || (g.K1 == g.D1 && g.K2 == g.D2));
}

BarrierSpectral maxmargin_barrier_spectral(const Grid& g) {
    if (!maxmargin_barrier_spectral_applies(1, g))
        throw std::invalid_argument("maxmargin_barrier_spectral: needs K = 1x1 or K = D1xD2");
    BarrierSpectral s;
    s.g = g;
    const long D = grid_signal_size(g);
    if (grid_kernel_size(g) == 1) {
        s.A = Eigen::MatrixXd::Identity(D, D);
        s.block.assign(static_cast<std::size_t>(D), 0);
        s.blocks = 1;
        return s;
    }
    dft_rows(s.A, g);
    for (long r = 0; r < 2 * D; ++r)
        s.block.push_back(r / 2);
    s.blocks = D;
    return s;
}

Eigen::VectorXd maxmargin_barrier_spectral_norms(const BarrierSpectral& s,
                                                 const Eigen::VectorXd& y) {
    return Eigen::VectorXd::Constant(s.blocks, 4.0) - block_gaps(s.block, s.blocks, y);
}

Eigen::VectorXd maxmargin_barrier_spectral_gradient(const BarrierSpectral& s,
                                                    const Eigen::VectorXd& y) {
    const Eigen::VectorXd gap = block_gaps(s.block, s.blocks, y);
    if (!(gap.minCoeff() > 0))
        throw std::domain_error("maxmargin_barrier_spectral: λ is outside the LMI's interior");
    Eigen::VectorXd w(y.size());
    for (long r = 0; r < y.size(); ++r)
        w(r) = 2 * y(r) / gap(s.block[static_cast<std::size_t>(r)]);
    return s.A.transpose() * w;
}

regularizer::BarrierLmiForm maxmargin_barrier_spectral_form(const BarrierSpectral& s,
                                                            const Eigen::MatrixXd& AB) {
    auto shared = std::make_shared<const Eigen::MatrixXd>(AB);
    const std::vector<long> block = s.block;
    const long blocks = s.blocks;
    regularizer::BarrierLmiForm form;
    form.value = [shared, block, blocks](const Eigen::VectorXd& z) {
        const Eigen::VectorXd gap = block_gaps(block, blocks, *shared * z);
        if (!(gap.minCoeff() > 0)) return static_cast<double>(INFINITY);
        return -gap.array().log().sum();
    };
    form.derivatives = [shared, block, blocks](const Eigen::VectorXd& z, Eigen::VectorXd& grad,
                                               Eigen::MatrixXd& hess) {
        const Eigen::VectorXd y = *shared * z;
        form_derivatives(*shared, block, y, block_gaps(block, blocks, y), grad, hess);
    };
    return form;
}

Eigen::MatrixXd maxmargin_barrier_spectral_primal(const BarrierSpectral& s,
                                                  const Eigen::VectorXd& y, double mu) {
    const Grid& g = s.g;
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    const Eigen::VectorXd gap = block_gaps(s.block, s.blocks, y);
    if (!(gap.minCoeff() > 0))
        throw std::domain_error("maxmargin_barrier_spectral: λ is outside the LMI's interior");
    Eigen::MatrixXd Z(K + D, K + D);
    if (K == 1) {                  // P = 1/g, Q = λᵀ/g, TᵀQ = λλᵀ/g
        Z(0, 0) = 4 * mu / gap(0); // y = λ (A = I)
        Z.block(0, 1, 1, D) = 2 * mu / gap(0) * y.transpose();
        Z.block(1, 0, D, 1) = Z.block(0, 1, 1, D).transpose();
        Z.block(1, 1, D, D) = mu / gap(0) * y * y.transpose();
        Z.block(1, 1, D, D).diagonal().array() += mu;
        return Z;
    }
    // K = D: P, Q and TᵀQ are circulant on the grid with symbols 1/g, λ̂/g and |λ̂|²/g; their
    // sequences are (1/D) Re of the inverse DFT, i.e. Aᵀu/D with u the symbols' (Re, Im) rows.
    Eigen::VectorXd up = Eigen::VectorXd::Zero(2 * D), uq(2 * D), ur = Eigen::VectorXd::Zero(2 * D);
    for (long d = 0; d < D; ++d) {
        up(2 * d) = 1 / gap(d);
        uq(2 * d) = y(2 * d) / gap(d);
        uq(2 * d + 1) = y(2 * d + 1) / gap(d);
        ur(2 * d) = (4 - gap(d)) / gap(d);
    }
    const double scale = 1.0 / static_cast<double>(D);
    const Eigen::VectorXd p = scale * (s.A.transpose() * up), q = scale * (s.A.transpose() * uq),
                          r = scale * (s.A.transpose() * ur);
    for (long k = 0; k < K; ++k)
        for (long k2 = 0; k2 < K; ++k2)
            Z(k, k2) = 4 * mu * p(grid_sub(g, grid_offset(g, k2), grid_offset(g, k)));
    for (long k = 0; k < K; ++k)
        for (long i = 0; i < D; ++i)
            Z(k, K + i) = Z(K + i, k) = 2 * mu * q(grid_shift(g, i, k));
    for (long i = 0; i < D; ++i)
        for (long i2 = 0; i2 < D; ++i2)
            Z(K + i, K + i2) = mu * ((i == i2 ? 1.0 : 0.0) + r(grid_sub(g, i2, i)));
    return Z;
}

} // namespace convcert::maxmargin
