// The reduced SDP of MATH.md §6 solved with SDPA (see sdp_autocorrelation.h).
//
// SDPA's pair: (P) min c·x s.t. sum_k F_k x_k - F_0 ⪰ 0, (D) max F_0•Y s.t. F_k•Y = c_k, Y ⪰ 0.
// Our problem is (D) with Y = diag(X, Z_0, ..., Z_H), H = ⌊D/2⌋, built by
// regularizer_sdp_data_autocorrelation (sdp_data.cpp) with two equalities per class b:
//   Z_b[1][2] = a_b (= |ŵ[b]|)            multiplier p_b = x[2b]
//   Z_b[2][2] - <C_b, X> = 0              multiplier q_b = x[2b+1]
// with C_b[i][k] = cos(2π(i-k)b/D) and F_0 = -diag(I_K, diag(m_b/D, 0)). Then (P) reads
//   min sum_b a_b p_b  s.t.  I - sum_b q_b C_b ⪰ 0,  [[m_b/D, p_b/2], [p_b/2, q_b]] ⪰ 0,
// and with β_b = -p_b/(2 m_b) this is max 2 sum_b m_b a_b β_b s.t. sum_b m_b D β_b² C_b ⪯ I,
// which is MATH.md §7 for λ̂[d] = 2Dβ_d ŵ[d]/|ŵ[d]| (then T Tᵀ = 4 sum_b m_b D β_b² C_b).
#include "regularizer/sdp/sdp_autocorrelation.h"

#include "regularizer/numeric/dft.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_run.h"
#include "support/stopwatch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

RegularizerSdpAutocorrelationResult
regularizer_sdp_autocorrelation_solve(const std::vector<double>& w, long K,
                                      const RegularizerSdpOptions& options) {
    const long D = static_cast<long>(w.size());
    if (D < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_sdp_autocorrelation_solve: need 1 <= K <= D");
    double norm2 = 0;
    for (double x : w) {
        if (!std::isfinite(x))
            throw std::invalid_argument("regularizer_sdp_autocorrelation_solve: non-finite w");
        norm2 += x * x;
    }
    const support::Stopwatch watch;
    RegularizerSdpAutocorrelationResult out;
    out.lambda.assign(D, 0.0);
    out.r.assign(K, 0.0);
    if (norm2 == 0) {
        out.status = "trivial";
        out.optimal = true;
        return out;
    }
    const RegularizerSdpData data = regularizer_sdp_data_autocorrelation(w, K);
    const double alpha = data.scale;
    std::vector<double> wn(w);
    for (double& x : wn)
        x /= alpha;
    const auto what = regularizer_dft(wn);
    const long H = D / 2;
    const double pi = std::acos(-1.0);

    const RegularizerSdpaRaw raw = regularizer_sdpa_run(data, options);
    regularizer_sdpa_report(raw, alpha, out);

    std::vector<std::complex<double>> lhat(D, 0.0);
    for (long d = 0; d < D; ++d) {
        const long b = d <= H ? d : D - d;
        const double a = std::abs(what[d]);
        if (a == 0) continue;
        lhat[d] = -(static_cast<double>(D) / regularizer_sdp_class_size(b, D)) * raw.x[2 * b] *
                  (what[d] / a);
    }
    out.lambda = regularizer_idft_real(lhat);

    const std::vector<double>& X = raw.y[0];
    for (long j = 0; j < K; ++j) {
        double sum = 0;
        for (long i = 0; i + j < K; ++i)
            sum += X[i + K * (i + j)];
        out.r[j] = sum * alpha;
    }

    // The reduction formula at r (MATH.md §3.1), far more accurate than SDPA's objective
    // because SDPA's t_d are interior: f(r) = r[0] + (1/D) sum_d |ŵ[d]|² / σ_d(r).
    out.value_r = out.r[0];
    for (long d = 0; d < D; ++d) {
        const double a = std::abs(what[d]) * alpha;
        if (a == 0) continue;
        double sigma = out.r[0];
        for (long j = 1; j < K; ++j)
            sigma += 2.0 * out.r[j] *
                     std::cos(2.0 * pi * static_cast<double>((j * d) % D) / static_cast<double>(D));
        out.value_r += a * a / sigma / static_cast<double>(D);
    }
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
