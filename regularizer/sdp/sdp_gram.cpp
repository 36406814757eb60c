// The reduced SDP for any R input channels solved with SDPA (see sdp_gram.h).
//
// SDPA's pair: (P) min c·x s.t. sum_k F_k x_k - F_0 ⪰ 0, (D) max F_0•Y s.t. F_k•Y = c_k, Y ⪰ 0.
// Our problem is (D) with Y = diag(X, Y_0, ..., Y_H), H = ⌊D/2⌋. A class block Y_b stands for
// the Hermitian M_b = A + iB of size n = R+1: for self-conjugate classes (b = 0, b = D/2) M_b is
// real and Y_b = M_b; otherwise Y_b = [[P, Q], [Qᵀ, S]] of size 2n and A = (P+S)/2,
// B = (Qᵀ-Q)/2 (Y_b ⪰ 0 ⇒ M_b ⪰ 0: average Y_b with Jᵀ Y_b J, J = [[0,-I],[I,0]]; conversely
// the embedding [[A,-B],[B,A]] of M_b ⪰ 0 is ⪰ 0). Equalities per class and row r:
//   Re M_b[1+r][0] = Re Ŵ_r[b],  Im M_b[1+r][0] = Im Ŵ_r[b]      (multipliers give λ̂)
//   Re/Im M_b[1+r][1+r'] - Re/Im Σ_b(X)[r][r'] = 0                 (r <= r', Im only r < r')
// and F_0 = -(I on X, (m_b/D) on t_b = Re M_b[0][0]). The optimal value is -(D objective) =
// -(sum_k c_k x_k), so ∂R/∂c_k = -x_k; with <λ, W> = (1/D) sum_b m_b Re(conj λ̂_r[b] Ŵ_r[b])
// this gives Re/Im λ̂_r[b] = -(D/m_b) x_{re/im}. Weak duality in MATH.md §7 form: the dual
// constraint sum_d D g_d g_dᴴ ⪯ I with g_d[(r,k)] = exp(2πikd/D) y_d[r] is (1/4) T Tᵀ ⪯ I.
#include "regularizer/sdp/sdp_gram.h"

#include "regularizer/numeric/dft.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_run.h"
#include "support/stopwatch.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

using cd = std::complex<double>;

/// exp(-2πi p/L), the character at frequency b of the offset of kernel entry k1 minus that of
/// k2 (in 1-D exp(-2πi (k1-k2) b / D)), its phase p reduced exactly mod L (grid_phase).
cd unit_root(const Grid& g, long k1, long k2, long b) {
    const double pi = std::acos(-1.0);
    const long n = grid_phase(g, grid_sub(g, grid_offset(g, k1), grid_offset(g, k2)), b);
    const double a = 2.0 * pi * static_cast<double>(n) / static_cast<double>(grid_phase_modulus(g));
    return {std::cos(a), -std::sin(a)};
}

/// The frequency classes {b, -b}, one representative each (b <= -b as flat indices), in
/// increasing order: b = 0..⌊D/2⌋ in 1-D.
std::vector<long> gram_classes(const Grid& g) {
    std::vector<long> out;
    for (long b = 0; b < grid_signal_size(g); ++b)
        if (grid_neg(g, b) >= b) out.push_back(b);
    return out;
}

/// Whether the class of b is one frequency (b = -b): its block is real.
bool gram_class_real(const Grid& g, long b) {
    return grid_neg(g, b) == b;
}

/// Σ_b(X) (R×R Hermitian) from X row-major (R·K)².
Eigen::MatrixXcd sigma_of(const std::vector<double>& X, long R, const Grid& g, long b) {
    const long K = grid_kernel_size(g);
    const long n = R * K;
    Eigen::MatrixXcd S(R, R);
    for (long r = 0; r < R; ++r)
        for (long rr = 0; rr < R; ++rr) {
            cd sum = 0.0;
            for (long k = 0; k < K; ++k)
                for (long kk = 0; kk < K; ++kk)
                    sum += X[(r * K + k) * n + rr * K + kk] * unit_root(g, k, kk, b);
            S(r, rr) = sum;
        }
    return S;
}

/// The SDP data for W / alpha and the first constraint index of each frequency class.
struct GramData {
    RegularizerSdpData data;
    std::vector<int> first;
};

/// Appends the entries of the constraint matrices F_k to `data` (0-based indices within a
/// block; a symmetric pair is counted once). np = R + 1, the size of a complex class block.
struct GramWriter {
    RegularizerSdpData& data;
    long np;

    /// F_k•Y gains coeff·Y[i][j].
    void put(int k, int block, long i, long j, double coeff) {
        if (coeff == 0) return;
        if (i > j) std::swap(i, j);
        data.entries.push_back({k, block, static_cast<int>(i + 1), static_cast<int>(j + 1),
                                i == j ? coeff : coeff / 2.0});
    }
    /// Re M[i][j] of the class block (real: the block itself, else its real embedding).
    void put_re(int k, int block, bool real, long i, long j, double coeff) {
        if (real) {
            put(k, block, i, j, coeff);
        } else {
            put(k, block, i, j, coeff / 2.0);
            put(k, block, np + i, np + j, coeff / 2.0);
        }
    }
    /// Im M[i][j] (i != j) of a complex class block.
    void put_im(int k, int block, long i, long j, double coeff) {
        put(k, block, np + i, j, coeff / 2.0);
        put(k, block, i, np + j, -coeff / 2.0);
    }
};

/// " on the D1xD2 grid with K1xK2 kernels" for a 2-D grid, "" in 1-D.
std::string grid_words(const Grid& g) {
    if (g.dims != 2) return "";
    return " on the " + std::to_string(g.D1) + "x" + std::to_string(g.D2) + " grid with " +
           std::to_string(g.K1) + "x" + std::to_string(g.K2) + " kernels (row-major)";
}

/// The problem's frame: comments, block sizes, c = 0 of length m, for the classes.
RegularizerSdpData gram_data_frame(long R, const Grid& g, double alpha, int m) {
    const long D = grid_signal_size(g), K = grid_kernel_size(g);
    RegularizerSdpData data;
    data.D = D;
    data.K = K;
    data.scale = alpha;
    data.comments = {
        "convcert: reduced SDP of R_{K,inf}(W) for R = " + std::to_string(R) +
            " input channels (MATH.md sections 6, 8), D = " + std::to_string(D) +
            ", K = " + std::to_string(K) + grid_words(g),
        "W scaled to unit Frobenius norm: R_{K,inf}(W) = -||W||_F * (optimal objective)",
        g.dims == 2
            ? "Y = diag(X, Y_b...): X the (RK)x(RK) Gram matrix of the stacked kernels, Y_b the "
              "Hermitian (R+1)x(R+1) block [[t_b, W^_b^H], [W^_b, Sigma_b(X)]] of each class "
              "{b, -b} (real embedding of size 2(R+1) unless b = -b)"
            : "Y = diag(X, Y_0, ..., Y_H), H = floor(D/2): X the (RK)x(RK) Gram matrix of the "
              "stacked kernels, Y_b the Hermitian (R+1)x(R+1) class block [[t_b, W^_b^H], "
              "[W^_b, Sigma_b(X)]] (real embedding of size 2(R+1) unless b = 0 or 2b = D)"};
    data.block_sizes.push_back(static_cast<int>(R * K));
    for (long b : gram_classes(g))
        data.block_sizes.push_back(static_cast<int>(gram_class_real(g, b) ? R + 1 : 2 * (R + 1)));
    data.c.assign(static_cast<std::size_t>(m), 0.0);
    return data;
}

/// The constraints of class b from index k: M[1+r][0] = Ŵ_r[b] (Re, then Im unless
/// self-conjugate) and M[1+r][1+rr] = Σ_b(X)[r][rr]; the objective's t_b term.
void gram_data_class(GramWriter& out, const std::vector<std::vector<cd>>& what, const Grid& g,
                     long b, int block, int k) {
    const long R = static_cast<long>(what.size()), D = static_cast<long>(what[0].size());
    const long K = grid_kernel_size(g);
    const bool real = gram_class_real(g, b);
    out.put_re(0, block, real, 0, 0, -(real ? 1.0 : 2.0) / static_cast<double>(D));
    for (long r = 0; r < R; ++r, ++k) {
        out.data.c[k - 1] = what[r][b].real();
        out.put_re(k, block, real, 1 + r, 0, 1.0);
    }
    if (!real)
        for (long r = 0; r < R; ++r, ++k) {
            out.data.c[k - 1] = what[r][b].imag();
            out.put_im(k, block, 1 + r, 0, 1.0);
        }
    for (long r = 0; r < R; ++r)
        for (long rr = r; rr < R; ++rr) {
            // Re Σ[r][rr] = sum X[(r,k1),(rr,k2)] cos θ(k1-k2); Im = -sum X sin θ(k1-k2).
            out.put_re(k, block, real, 1 + r, 1 + rr, 1.0);
            for (long k1 = 0; k1 < K; ++k1)
                for (long k2 = 0; k2 < K; ++k2) {
                    if (r == rr && k2 < k1) continue;
                    double c = unit_root(g, k1, k2, b).real();
                    if (r == rr && k1 != k2) c *= 2.0; // (k1,k2) and (k2,k1) share a variable
                    out.put(k, 1, r * K + k1, rr * K + k2, -c);
                }
            ++k;
            if (real || r == rr) continue;
            out.put_im(k, block, 1 + r, 1 + rr, 1.0);
            for (long k1 = 0; k1 < K; ++k1)
                for (long k2 = 0; k2 < K; ++k2)
                    out.put(k, 1, r * K + k1, rr * K + k2, -unit_root(g, k1, k2, b).imag());
            ++k;
        }
}

GramData gram_data_build(const std::vector<std::vector<double>>& W, const Grid& g, double alpha) {
    const long R = static_cast<long>(W.size());
    const long K = grid_kernel_size(g);
    std::vector<std::vector<cd>> what(R);
    for (long r = 0; r < R; ++r) {
        std::vector<double> row(W[r]);
        for (double& x : row)
            x /= alpha;
        what[r] = regularizer_dft(row, g);
    }
    // Constraint numbering (1-based): per class, R "Re" rows, then (not self-conjugate) R "Im"
    // rows, then the Σ equalities.
    const std::vector<long> classes = gram_classes(g);
    const int nclass = static_cast<int>(classes.size());
    std::vector<int> first(nclass + 1, 1);
    for (int i = 0; i < nclass; ++i) {
        const long cnt = gram_class_real(g, classes[i]) ? R + R * (R + 1) / 2 : 2 * R + R * R;
        first[i + 1] = first[i] + static_cast<int>(cnt);
    }
    RegularizerSdpData data = gram_data_frame(R, g, alpha, first[nclass] - 1);
    GramWriter out{data, R + 1};
    for (long i = 0; i < R * K; ++i)
        out.put(0, 1, i, i, -1.0);
    for (int i = 0; i < nclass; ++i)
        gram_data_class(out, what, g, classes[i], i + 2, first[i]);
    return {std::move(data), std::move(first)};
}

/// Throws std::invalid_argument unless W has R >= 1 rows of D finite entries on the grid g
/// (1 <= K1 <= D1, 1 <= K2 <= D2); returns ||W||_F².
double gram_check(const std::vector<std::vector<double>>& W, const Grid& g, const char* who) {
    const long D = grid_signal_size(g);
    if (W.empty() || D < 1 || g.K1 < 1 || g.K2 < 1 || g.K1 > g.D1 || g.K2 > g.D2)
        throw std::invalid_argument(std::string(who) + ": need R >= 1 and 1 <= K <= D");
    double norm2 = 0;
    for (const auto& row : W) {
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument(std::string(who) + ": rows of unequal length");
        for (double x : row) {
            if (!std::isfinite(x)) throw std::invalid_argument(std::string(who) + ": non-finite W");
            norm2 += x * x;
        }
    }
    return norm2;
}

} // namespace

double regularizer_reduced_value_gram(const std::vector<std::vector<double>>& W, const Grid& g,
                                      const std::vector<double>& X) {
    const long R = static_cast<long>(W.size());
    const long D = grid_signal_size(g);
    const long n = R * grid_kernel_size(g);
    double value = 0;
    for (long i = 0; i < n; ++i)
        value += X[i * n + i];
    std::vector<std::vector<cd>> what(R);
    for (long r = 0; r < R; ++r)
        what[r] = regularizer_dft(W[r], g);
    for (long d = 0; d < D; ++d) {
        Eigen::VectorXcd w(R);
        for (long r = 0; r < R; ++r)
            w(r) = what[r][d];
        if (w.norm() == 0) continue;
        const Eigen::MatrixXcd S = sigma_of(X, R, g, d);
        Eigen::LDLT<Eigen::MatrixXcd> ldlt(S);
        if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().real().minCoeff() > 0))
            return INFINITY;
        value += (w.adjoint() * ldlt.solve(w))(0).real() / static_cast<double>(D);
    }
    return value;
}

RegularizerSdpData regularizer_sdp_data_gram(const std::vector<std::vector<double>>& W,
                                             const Grid& g) {
    const double norm2 = gram_check(W, g, "regularizer_sdp_data_gram");
    return gram_data_build(W, g, norm2 > 0 ? std::sqrt(norm2) : 1.0).data;
}

RegularizerSdpGramResult regularizer_sdp_gram_solve(const std::vector<std::vector<double>>& W,
                                                    const Grid& g,
                                                    const RegularizerSdpOptions& options) {
    const double norm2 = gram_check(W, g, "regularizer_sdp_gram_solve");
    const long R = static_cast<long>(W.size());
    const long D = grid_signal_size(g);
    const support::Stopwatch watch;
    const long n = R * grid_kernel_size(g);
    RegularizerSdpGramResult out;
    out.lambda.assign(R, std::vector<double>(D, 0.0));
    out.X.assign(n * n, 0.0);
    if (norm2 == 0) {
        out.status = "trivial";
        out.optimal = true;
        return out;
    }
    const double alpha = std::sqrt(norm2);
    const auto built = gram_data_build(W, g, alpha);
    const RegularizerSdpData& data = built.data;
    const auto& first = built.first;
    const std::vector<long> classes = gram_classes(g);
    out.constraints = static_cast<long>(data.c.size());
    const RegularizerSdpaRaw raw = regularizer_sdpa_run(data, options);
    regularizer_sdpa_report(raw, alpha, out);

    const std::vector<double>& x = raw.x;
    for (long r = 0; r < R; ++r) {
        std::vector<cd> lhat(D, 0.0);
        for (std::size_t i = 0; i < classes.size(); ++i) {
            const long b = classes[i];
            const bool real = gram_class_real(g, b);
            const double scale = -static_cast<double>(D) / (real ? 1.0 : 2.0);
            const int k = first[i] + static_cast<int>(r);
            const double re = scale * x[k - 1];
            const double im = real ? 0.0 : scale * x[k - 1 + R];
            lhat[b] = {re, im};
            if (!real) lhat[grid_neg(g, b)] = {re, -im};
        }
        out.lambda[r] = regularizer_idft_real(lhat, g);
    }
    const std::vector<double>& Y = raw.y[0];
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < n; ++j)
            out.X[i * n + j] = Y[i + n * j] * alpha;

    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            out.lambda_dot_w += out.lambda[r][j] * W[r][j];
    out.value_x = regularizer_reduced_value_gram(W, g, out.X);
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
