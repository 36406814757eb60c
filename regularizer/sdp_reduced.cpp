// The reduced SDP of MATH.md §6 solved with SDPA (see sdp_reduced.h).
//
// SDPA's pair: (P) min c·x s.t. sum_k F_k x_k - F_0 ⪰ 0, (D) max F_0•Y s.t. F_k•Y = c_k, Y ⪰ 0.
// Our problem is (D) with Y = diag(X, Z_0, ..., Z_H), H = ⌊D/2⌋, and two equalities per class b:
//   Z_b[1][2] = a_b (= |ŵ[b]|)            multiplier p_b = x[2b]
//   Z_b[2][2] - <C_b, X> = 0              multiplier q_b = x[2b+1]
// with C_b[i][k] = cos(2π(i-k)b/D) and F_0 = -diag(I_K, diag(m_b/D, 0)). Then (P) reads
//   min sum_b a_b p_b  s.t.  I - sum_b q_b C_b ⪰ 0,  [[m_b/D, p_b/2], [p_b/2, q_b]] ⪰ 0,
// and with β_b = -p_b/(2 m_b) this is max 2 sum_b m_b a_b β_b s.t. sum_b m_b D β_b² C_b ⪯ I,
// which is MATH.md §7 for λ̂[d] = 2Dβ_d ŵ[d]/|ŵ[d]| (then T Tᵀ = 4 sum_b m_b D β_b² C_b).
#include "regularizer/sdp_reduced.h"

#include "regularizer/dft.h"

#include <sdpa_call.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace convcert::regularizer {

RegularizerSdpResult regularizer_sdp_solve(const std::vector<double>& w, long K,
                                           const RegularizerSdpOptions& options) {
    const long D = static_cast<long>(w.size());
    if (D < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_sdp_solve: need 1 <= K <= D");
    double norm2 = 0;
    for (double x : w) {
        if (!std::isfinite(x)) throw std::invalid_argument("regularizer_sdp_solve: non-finite w");
        norm2 += x * x;
    }
    const auto start = std::chrono::steady_clock::now();
    RegularizerSdpResult out;
    out.lambda.assign(D, 0.0);
    out.r.assign(K, 0.0);
    if (norm2 == 0) {
        out.status = "trivial";
        out.optimal = true;
        return out;
    }
    const double alpha = std::sqrt(norm2);
    std::vector<double> wn(w);
    for (double& x : wn)
        x /= alpha;
    const auto what = regularizer_dft(wn);

    const long H = D / 2;
    const int nclass = static_cast<int>(H + 1);
    auto multiplicity = [&](long b) { return (b == 0 || 2 * b == D) ? 1.0 : 2.0; };
    const double pi = std::acos(-1.0);

    SDPA sdpa;
    sdpa.setDisplay(nullptr);
    sdpa.setResultFile(nullptr);
    sdpa.setParameterType(SDPA::PARAMETER_DEFAULT);
    sdpa.setParameterEpsilonStar(options.epsilon);
    sdpa.setParameterEpsilonDash(options.epsilon);
    sdpa.setParameterMaxIteration(options.max_iterations);
    sdpa.setNumThreads(options.threads);
    sdpa.inputConstraintNumber(2 * nclass);
    sdpa.inputBlockNumber(1 + nclass);
    sdpa.inputBlockSize(1, static_cast<int>(K));
    sdpa.inputBlockType(1, SDPA::SDP);
    for (int b = 0; b < nclass; ++b) {
        sdpa.inputBlockSize(b + 2, 2);
        sdpa.inputBlockType(b + 2, SDPA::SDP);
    }
    sdpa.initializeUpperTriangleSpace();

    for (int i = 1; i <= K; ++i)
        sdpa.inputElement(0, 1, i, i, -1.0);
    for (int b = 0; b < nclass; ++b) {
        const int p = 2 * b + 1, q = 2 * b + 2, block = b + 2;
        sdpa.inputElement(0, block, 1, 1, -multiplicity(b) / static_cast<double>(D));
        sdpa.inputCVec(p, std::abs(what[b]));
        sdpa.inputElement(p, block, 1, 2, 0.5);
        sdpa.inputCVec(q, 0.0);
        sdpa.inputElement(q, block, 2, 2, 1.0);
        for (long lag = 0; lag < K; ++lag) {
            const double c =
                std::cos(2.0 * pi * static_cast<double>((lag * b) % D) / static_cast<double>(D));
            for (long i = 0; i + lag < K; ++i)
                sdpa.inputElement(q, 1, static_cast<int>(i + 1), static_cast<int>(i + lag + 1), -c);
        }
    }
    sdpa.initializeUpperTriangle();
    sdpa.initializeSolve();
    {
        // SDPA reports numerical events ("Strange behavior ...") on std::cout; keep them off
        // the tool's output (the phase and gap are returned instead).
        std::ostringstream sink;
        std::streambuf* const saved = std::cout.rdbuf(sink.rdbuf());
        struct Restore {
            std::streambuf* saved;
            ~Restore() { std::cout.rdbuf(saved); }
        } restore{saved};
        sdpa.solve();
    }

    char phase[64] = {0};
    sdpa.getPhaseString(phase);
    out.status = phase;
    out.optimal = sdpa.getPhaseValue() == SDPA::pdOPT;
    out.iterations = sdpa.getIteration();
    out.primal = -sdpa.getDualObj() * alpha;
    out.dual = -sdpa.getPrimalObj() * alpha;
    out.relative_gap = std::abs(out.primal - out.dual) /
                       std::max(1.0, (std::abs(out.primal) + std::abs(out.dual)) / 2.0);

    const double* x = sdpa.getResultXVec();
    std::vector<std::complex<double>> lhat(D, 0.0);
    for (long d = 0; d < D; ++d) {
        const long b = d <= H ? d : D - d;
        const double a = std::abs(what[d]);
        if (a == 0) continue;
        lhat[d] = -(static_cast<double>(D) / multiplicity(b)) * x[2 * b] * (what[d] / a);
    }
    out.lambda = regularizer_idft_real(lhat);

    const double* X = sdpa.getResultYMat(1);
    for (long j = 0; j < K; ++j) {
        double sum = 0;
        for (long i = 0; i + j < K; ++i)
            sum += X[i + K * (i + j)];
        out.r[j] = sum * alpha;
    }
    sdpa.terminate();

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
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

} // namespace convcert::regularizer
