// The collapse's subspace, autocorrelation and numerical spectral factor (see collapse_factor.h).
#include "regularizer/collapse_factor.h"

#include "lemma/factor.h"
#include "regularizer/kernel_one_channel.h"
#include "regularizer/numeric/matrix_spectral_factor.h"
#include "support/rational_convert.h"

#include <Eigen/Dense>
#include <flint/fmpq_mat.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// Residual tolerance handed to the matrix factor (the exact rounding loop decides anyway).
constexpr double kFactorTolerance = 1e-13;

Eigen::MatrixXd matrix_to_eigen(const support::FmpqMat& x) {
    Eigen::MatrixXd out(x.rows(), x.cols());
    for (slong i = 0; i < x.rows(); ++i)
        for (slong j = 0; j < x.cols(); ++j)
            out(i, j) = fmpq_get_d(x.at(i, j));
    return out;
}

/// An orthonormal basis of col(B) (R×s), or I when the space is the identity.
Eigen::MatrixXd space_orthonormal(const CollapseSpace& space) {
    if (space.identity) return Eigen::MatrixXd::Identity(space.basis.rows(), space.basis.rows());
    const Eigen::MatrixXd B = matrix_to_eigen(space.basis);
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(B);
    return qr.householderQ() * Eigen::MatrixXd::Identity(B.rows(), B.cols());
}

/// 1 + the last j with H_j != 0 (0 if none).
long effective_length(const std::vector<support::FmpqMat>& H) {
    long n = static_cast<long>(H.size());
    while (n > 0 && fmpq_mat_is_zero(H[static_cast<std::size_t>(n - 1)].m))
        --n;
    return n;
}

/// "%.17e": the double, exactly enough for the rounding loop.
std::string decimal_of(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17e", x);
    return buf;
}

/// Channels from the coefficients P_k (each s×r, k < n) lifted by E (R×s), padded to K lags.
std::optional<std::vector<CollapseChannel>> channels_lift(const std::vector<Eigen::MatrixXd>& P,
                                                          const Eigen::MatrixXd& E, long K) {
    const long R = E.rows(), r = P.empty() ? 0 : P[0].cols();
    std::vector<CollapseChannel> out(static_cast<std::size_t>(r),
                                     CollapseChannel(static_cast<std::size_t>(R * K), "0"));
    for (std::size_t k = 0; k < P.size(); ++k) {
        const Eigen::MatrixXd lifted = E * P[k];
        for (long i = 0; i < r; ++i)
            for (long row = 0; row < R; ++row) {
                if (!std::isfinite(lifted(row, i))) return std::nullopt;
                out[static_cast<std::size_t>(i)][static_cast<std::size_t>(row * K) + k] =
                    decimal_of(lifted(row, i));
            }
    }
    return out;
}

/// The factor of the s×s lags Hs (n >= 1 of them): Wilson's scalar iteration when s = 1.
std::optional<std::vector<Eigen::MatrixXd>> factor_lags(const std::vector<Eigen::MatrixXd>& Hs) {
    if (Hs[0].rows() == 1) {
        std::vector<double> r;
        for (const auto& h : Hs)
            r.push_back(h(0, 0));
        std::vector<double> c;
        try {
            c = regularizer_spectral_factor_double(r);
        } catch (const std::exception&) {
            return std::nullopt;
        }
        std::vector<Eigen::MatrixXd> P;
        for (double x : c)
            P.push_back(Eigen::MatrixXd::Constant(1, 1, x));
        return P;
    }
    try {
        const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(Hs, kFactorTolerance);
        if (f.P.empty() || f.rank < 1) return std::nullopt;
        return f.P;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

CollapseSpace collapse_space(const support::FmpqMat& W) {
    const slong R = W.rows();
    support::FmpqMat rref(R, W.cols());
    const slong s = fmpq_mat_rref(rref.m, W.m);
    CollapseSpace space;
    space.basis = support::FmpqMat(R, R);
    fmpq_mat_one(space.basis.m);
    space.coords = space.basis;
    if (s == R) return space;
    space.identity = false;
    space.basis = support::FmpqMat(R, s);
    for (slong i = 0, col = 0; i < s; ++i) { // the pivot of row i of the rref is a column of W
        while (fmpq_is_zero(rref.at(i, col)))
            ++col;
        for (slong r = 0; r < R; ++r)
            fmpq_set(space.basis.at(r, i), W.at(r, col));
    }
    support::FmpqMat Bt(s, R), gram(s, s), inv(s, s);
    fmpq_mat_transpose(Bt.m, space.basis.m);
    fmpq_mat_mul(gram.m, Bt.m, space.basis.m);
    if (!fmpq_mat_inv(inv.m, gram.m))
        throw std::runtime_error("collapse_space: singular Gram matrix");
    space.coords = support::FmpqMat(s, R);
    fmpq_mat_mul(space.coords.m, inv.m, Bt.m);
    return space;
}

std::vector<support::FmpqMat> collapse_space_coords(const CollapseSpace& space,
                                                    const std::vector<support::FmpqMat>& u) {
    if (space.identity) return u;
    std::vector<support::FmpqMat> out;
    for (const auto& k : u) {
        out.emplace_back(space.coords.rows(), k.cols());
        fmpq_mat_mul(out.back().m, space.coords.m, k.m);
    }
    return out;
}

std::vector<support::FmpqMat> collapse_autocorrelation(const std::vector<support::FmpqMat>& u) {
    const slong R = u.at(0).rows(), K = u[0].cols();
    std::vector<support::FmpqMat> H;
    support::Fmpq t;
    for (slong j = 0; j < K; ++j) {
        H.emplace_back(R, R);
        for (const auto& k : u)
            for (slong m = 0; m + j < K; ++m)
                for (slong a = 0; a < R; ++a)
                    for (slong b = 0; b < R; ++b) {
                        fmpq_mul(t.x, k.at(a, m), k.at(b, m + j));
                        fmpq_add(H.back().at(a, b), H.back().at(a, b), t.x);
                    }
    }
    return H;
}

std::optional<std::vector<CollapseChannel>>
collapse_factor_double(const std::vector<support::FmpqMat>& H, const CollapseSpace& space) {
    const long K = static_cast<long>(H.size()), n = effective_length(H);
    if (n == 0) return std::nullopt;
    const Eigen::MatrixXd E = space_orthonormal(space);
    std::vector<Eigen::MatrixXd> Hs;
    for (long j = 0; j < n; ++j)
        Hs.push_back(E.transpose() * matrix_to_eigen(H[static_cast<std::size_t>(j)]) * E);
    const auto P = factor_lags(Hs);
    if (!P) return std::nullopt;
    return channels_lift(*P, E, K);
}

std::optional<std::vector<CollapseChannel>>
collapse_factor_high(const std::vector<support::FmpqMat>& u, long digits) {
    lemma::LemmaInstance instance{u.at(0).cols(),
                                  support::FmpqMat(static_cast<slong>(u.size()), u[0].cols())};
    for (std::size_t c = 0; c < u.size(); ++c)
        for (slong k = 0; k < u[c].cols(); ++k)
            fmpq_set(instance.vectors.at(static_cast<slong>(c), k), u[c].at(0, k));
    for (const auto method : {lemma::FactorMethod::Enclosure, lemma::FactorMethod::Auto}) {
        try {
            const Certificate cert = lemma::lemma_factor_certificate(instance, {method, digits});
            if (const auto* e = std::get_if<LemmaEnclosureBody>(&cert.body))
                return std::vector<CollapseChannel>{e->evidence.c_decimal};
            return std::vector<CollapseChannel>{
                std::get<LemmaExactBody>(cert.body).evidence.c_decimal};
        } catch (const std::exception&) {
            // try the next method
        }
    }
    return std::nullopt;
}

support::FmpqMat collapse_channel_round(const CollapseChannel& c, long R, long bits) {
    const slong prec = 4 * bits + 64, n = static_cast<slong>(c.size());
    support::ArbVec x(n);
    support::Arf cmax;
    for (slong k = 0; k < n; ++k) {
        if (arb_set_str(x.v + k, c[static_cast<std::size_t>(k)].c_str(), prec) != 0)
            throw std::invalid_argument("collapse: not a decimal: '" +
                                        c[static_cast<std::size_t>(k)] + "'");
        support::Arf m;
        arf_abs(m.x, arb_midref(x.v + k));
        if (arf_cmp(m.x, cmax.x) > 0) arf_set(cmax.x, m.x);
    }
    if (arf_is_zero(cmax.x)) throw std::invalid_argument("collapse: zero kernel");
    const long shift = bits - static_cast<long>(arf_abs_bound_lt_2exp_si(cmax.x));
    support::FmpqMat out(R, n / R);
    support::Arf t;
    support::Fmpz z;
    for (slong k = 0; k < n; ++k) {
        arf_mul_2exp_si(t.x, arb_midref(x.v + k), shift);
        arf_get_fmpz(z.x, t.x, ARF_RND_NEAR);
        support::fmpq_set_fmpz_mul_2exp(out.at(k / (n / R), k % (n / R)), z.x, -shift);
    }
    return out;
}

} // namespace convcert::regularizer
