// The reduced and full regularizer SDPs as SDPA-convention data (see sdp_data.h).
//
// Reduced form, SDPA's (D) with Y = diag(X, Z_0, ..., Z_H) and two equalities per class b:
//   Z_b[1][2] = a_b                       (F_{2b+1}: 1/2 at block b+2, (1, 2); c = a_b)
//   Z_b[2][2] - <C_b, X> = 0              (F_{2b+2}: 1 at (2, 2), -C_b on block 1; c = 0)
// with C_b[i][k] = cos(2π(i-k)b/D) and F_0 = -diag(I_K, diag(m_b/D, 0)). sdp_autocorrelation.cpp
// reads the multipliers back (λ̂ from x[2b], r from block 1 of Y).
#include "regularizer/sdp/sdp_data.h"

#include "regularizer/numeric/dft.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// ||w||_2 after checking the preconditions; `who` names the caller in the exception.
double checked_norm(const std::vector<double>& w, long K, const char* who) {
    const long D = static_cast<long>(w.size());
    if (D < 1 || K < 1 || K > D)
        throw std::invalid_argument(std::string(who) + ": need 1 <= K <= D");
    double norm2 = 0;
    for (double x : w) {
        if (!std::isfinite(x)) throw std::invalid_argument(std::string(who) + ": non-finite w");
        norm2 += x * x;
    }
    return std::sqrt(norm2);
}

/// x with 17 significant digits (round-trip).
std::string g17(double x) {
    std::ostringstream s;
    s.precision(17);
    s << x;
    return s.str();
}

std::string dims(long D, long K) {
    std::ostringstream s;
    s << "D = " << D << ", K = " << K;
    return s.str();
}

void add(RegularizerSdpData& data, int matrix, int block, long row, long col, double value) {
    if (value == 0) return;
    data.entries.push_back({matrix, block, static_cast<int>(row), static_cast<int>(col), value});
}

/// The data's D, K and scale (||w||_2, 1 for w = 0), after checking w and K.
RegularizerSdpData data_start(const std::vector<double>& w, long K, const char* who) {
    const double alpha = checked_norm(w, K, who);
    RegularizerSdpData data;
    data.D = static_cast<long>(w.size());
    data.K = K;
    data.scale = alpha == 0 ? 1.0 : alpha;
    return data;
}

} // namespace

bool regularizer_sdp_class_self_conjugate(long b, long D) {
    return b == 0 || 2 * b == D;
}

double regularizer_sdp_class_size(long b, long D) {
    return regularizer_sdp_class_self_conjugate(b, D) ? 1.0 : 2.0;
}

RegularizerSdpData regularizer_sdp_data_autocorrelation(const std::vector<double>& w, long K) {
    RegularizerSdpData data = data_start(w, K, "regularizer_sdp_data_autocorrelation");
    const long D = data.D;
    std::vector<double> wn(w);
    for (double& x : wn)
        x /= data.scale;
    const auto what = regularizer_dft(wn);

    const long H = D / 2;
    const int nclass = static_cast<int>(H + 1);
    const double pi = std::acos(-1.0);

    data.comments = {
        "convcert: reduced SDP of R_{K,inf}(w) (MATH.md section 6), " + dims(D, K),
        "w scaled to unit norm: R_{K,inf}(w) = -||w||_2 * (optimal objective); ||w||_2 = " +
            g17(data.scale),
        "Y = diag(X, Z_0, ..., Z_H), H = floor(D/2): X (KxK) the kernel Gram matrix, Z_b = "
        "[[t_b, a_b], [a_b, sigma_b(X)]]",
        "objective max -(tr X + sum_b (m_b/D) t_b), m_b = |{b, D-b}|; constraint 2b+1: "
        "Z_b[1][2] = a_b = |w^[b]|/||w||_2; 2b+2: Z_b[2][2] = sigma_b(X)"};
    data.block_sizes.assign(1 + nclass, 2);
    data.block_sizes[0] = static_cast<int>(K);
    data.c.assign(2 * nclass, 0.0);

    for (long i = 1; i <= K; ++i)
        add(data, 0, 1, i, i, -1.0);
    for (int b = 0; b < nclass; ++b) {
        const int p = 2 * b + 1, q = 2 * b + 2, block = b + 2;
        add(data, 0, block, 1, 1, -regularizer_sdp_class_size(b, D) / static_cast<double>(D));
        data.c[p - 1] = std::abs(what[b]);
        add(data, p, block, 1, 2, 0.5);
        add(data, q, block, 2, 2, 1.0);
        for (long lag = 0; lag < K; ++lag) {
            const double c =
                std::cos(2.0 * pi * static_cast<double>((lag * b) % D) / static_cast<double>(D));
            for (long i = 0; i + lag < K; ++i)
                add(data, q, 1, i + 1, i + lag + 1, -c);
        }
    }
    return data;
}

RegularizerSdpData regularizer_sdp_data_full(const std::vector<double>& w, long K) {
    RegularizerSdpData data = data_start(w, K, "regularizer_sdp_data_full");
    const long D = data.D;
    data.comments = {
        "convcert: full (K+D)-size SDP of R_{K,inf}(w) (MATH.md section 6), " + dims(D, K),
        "w scaled to unit norm: R_{K,inf}(w) = -||w||_2 * (optimal objective); ||w||_2 = " +
            g17(data.scale),
        "Y = Z = [U;V][U;V]^T relaxed to Z psd, size K+D; objective max -tr Z",
        "constraint j+1: <Z, A_j> = w[j]/||w||_2, A_j = 1/2 at (k, K+((j-k) mod D)) and mirror, "
        "k < K; lambda = -x"};
    data.block_sizes = {static_cast<int>(K + D)};
    data.c.resize(D);
    for (long j = 0; j < D; ++j)
        data.c[j] = w[j] / data.scale;
    for (long i = 1; i <= K + D; ++i)
        add(data, 0, 1, i, i, -1.0);
    for (long j = 0; j < D; ++j)
        for (long k = 0; k < K; ++k)
            add(data, static_cast<int>(j + 1), 1, k + 1, K + ((j - k + D) % D) + 1, 0.5);
    return data;
}

} // namespace convcert::regularizer
