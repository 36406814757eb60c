// The least-norm second layer in double (see least_norm_double.h).
#include "regularizer/numeric/least_norm_double.h"

#include "regularizer/numeric/dft.h"

#include <Eigen/Dense>

#include <complex>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

using Spectrum = std::vector<std::complex<double>>;

/// The DFTs of the kernels' rows, zero-padded on the grid: out[c][r][d] = û_c[r](d).
std::vector<std::vector<Spectrum>> kernel_spectra(const Kernels& kernels, const Grid& g, long R) {
    const long K = grid_kernel_size(g), D = grid_signal_size(g);
    std::vector<std::vector<Spectrum>> out;
    for (const auto& k : kernels) {
        if (static_cast<long>(k.size()) != R)
            throw std::invalid_argument("regularizer_least_norm_double: kernels need R rows");
        out.emplace_back();
        for (const auto& row : k) {
            if (static_cast<long>(row.size()) != K)
                throw std::invalid_argument("regularizer_least_norm_double: kernel rows of K");
            std::vector<double> padded(static_cast<std::size_t>(D), 0.0);
            for (long j = 0; j < K; ++j)
                padded[static_cast<std::size_t>(grid_offset(g, j))] = row[j];
            out.back().push_back(regularizer_dft(padded, g));
        }
    }
    return out;
}

/// v̂_c(d) for every c at one frequency d: the minimum-norm solution of Û_d x = Ŵ_d.
void least_norm_at(std::vector<Spectrum>& vhat, const std::vector<std::vector<Spectrum>>& uhat,
                   const std::vector<Spectrum>& what, long d) {
    const long C0 = static_cast<long>(uhat.size()), R = static_cast<long>(what.size());
    if (R == 1) {
        double sigma = 0;
        for (long c = 0; c < C0; ++c)
            sigma += std::norm(uhat[c][0][d]);
        for (long c = 0; c < C0; ++c)
            vhat[c][d] = sigma == 0 ? 0.0 : std::conj(uhat[c][0][d]) * what[0][d] / sigma;
        return;
    }
    Eigen::MatrixXcd U(R, C0);
    Eigen::VectorXcd w(R);
    for (long r = 0; r < R; ++r) {
        w(r) = what[r][d];
        for (long c = 0; c < C0; ++c)
            U(r, c) = uhat[c][r][d];
    }
    const Eigen::VectorXcd x = U.completeOrthogonalDecomposition().solve(w);
    for (long c = 0; c < C0; ++c)
        vhat[c][d] = x(c);
}

} // namespace

Rows regularizer_least_norm_double(const Rows& W, const Grid& g, const Kernels& kernels) {
    const long R = static_cast<long>(W.size()), D = grid_signal_size(g);
    if (R < 1 || kernels.empty() || grid_kernel_size(g) < 1 || g.K1 > g.D1 || g.K2 > g.D2)
        throw std::invalid_argument("regularizer_least_norm_double: need W, kernels and a grid");
    std::vector<Spectrum> what;
    for (const auto& row : W) {
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument("regularizer_least_norm_double: W rows of D");
        what.push_back(regularizer_dft(row, g));
    }
    const auto uhat = kernel_spectra(kernels, g, R);
    std::vector<Spectrum> vhat(kernels.size(), Spectrum(static_cast<std::size_t>(D)));
    for (long d = 0; d < D; ++d)
        least_norm_at(vhat, uhat, what, d);
    Rows out;
    for (const auto& x : vhat)
        out.push_back(regularizer_idft_real(x, g));
    return out;
}

} // namespace convcert::regularizer
