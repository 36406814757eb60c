// The SDPA callable library on plain SDP data (see sdpa_run.h).
#include "regularizer/sdp/sdpa_run.h"

#include "support/blas_threads.h"

#include <sdpa_call.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

void check_data(const RegularizerSdpData& data) {
    const int m = static_cast<int>(data.c.size());
    const int nblock = static_cast<int>(data.block_sizes.size());
    if (m < 1 || nblock < 1) throw std::invalid_argument("regularizer_sdpa_run: empty problem");
    for (int size : data.block_sizes)
        if (size < 1) throw std::invalid_argument("regularizer_sdpa_run: block size < 1");
    for (const auto& e : data.entries) {
        if (e.matrix < 0 || e.matrix > m || e.block < 1 || e.block > nblock || e.row < 1 ||
            e.row > e.col || e.col > data.block_sizes[e.block - 1])
            throw std::invalid_argument("regularizer_sdpa_run: entry out of range");
    }
}

// SDPA's thread safety is not documented and the std::cout redirection below is process-wide:
// one solve at a time (convcert reproduce --jobs runs instances in threads).
std::mutex sdpa_solve_mutex;

} // namespace

RegularizerSdpaRaw regularizer_sdpa_run(const RegularizerSdpData& data,
                                        const RegularizerSdpOptions& options) {
    check_data(data);
    const std::lock_guard<std::mutex> lock(sdpa_solve_mutex);
    support::blas_threads_set_one(); // reproducible last digits (blas_threads.h)
    const int m = static_cast<int>(data.c.size());
    const int nblock = static_cast<int>(data.block_sizes.size());

    SDPA sdpa;
    sdpa.setDisplay(nullptr);
    sdpa.setResultFile(nullptr);
    sdpa.setParameterType(SDPA::PARAMETER_DEFAULT);
    sdpa.setParameterEpsilonStar(options.epsilon);
    sdpa.setParameterEpsilonDash(options.epsilon);
    sdpa.setParameterMaxIteration(options.max_iterations);
    sdpa.setNumThreads(options.threads);
    sdpa.inputConstraintNumber(m);
    sdpa.inputBlockNumber(nblock);
    for (int l = 1; l <= nblock; ++l) {
        sdpa.inputBlockSize(l, data.block_sizes[l - 1]);
        sdpa.inputBlockType(l, SDPA::SDP);
    }
    sdpa.initializeUpperTriangleSpace();
    for (int k = 1; k <= m; ++k)
        if (data.c[k - 1] != 0) sdpa.inputCVec(k, data.c[k - 1]);
    for (const auto& e : data.entries)
        sdpa.inputElement(e.matrix, e.block, e.row, e.col, e.value);
    sdpa.initializeUpperTriangle();
    sdpa.initializeSolve();
    {
        // SDPA reports numerical events ("Strange behavior ...") on std::cout; keep them off
        // the tool's output (the phase is returned instead).
        std::ostringstream sink;
        std::streambuf* const saved = std::cout.rdbuf(sink.rdbuf());
        struct Restore {
            std::streambuf* saved;
            ~Restore() { std::cout.rdbuf(saved); }
        } restore{saved};
        sdpa.solve();
    }

    RegularizerSdpaRaw out;
    char phase[64] = {0};
    sdpa.getPhaseString(phase);
    out.phase = phase;
    out.optimal = sdpa.getPhaseValue() == SDPA::pdOPT;
    out.iterations = sdpa.getIteration();
    out.primal_objective = sdpa.getPrimalObj();
    out.dual_objective = sdpa.getDualObj();
    const double* x = sdpa.getResultXVec();
    out.x.assign(x, x + m);
    out.y.resize(nblock);
    for (int l = 1; l <= nblock; ++l) {
        const double* Y = sdpa.getResultYMat(l);
        const long n = data.block_sizes[l - 1];
        out.y[l - 1].assign(Y, Y + n * n);
    }
    sdpa.terminate();
    return out;
}

RegularizerSdpValues regularizer_sdpa_values(const RegularizerSdpaRaw& raw, double scale) {
    RegularizerSdpValues v;
    v.primal = -raw.dual_objective * scale;
    v.dual = -raw.primal_objective * scale;
    v.relative_gap =
        std::abs(v.primal - v.dual) / std::max(1.0, (std::abs(v.primal) + std::abs(v.dual)) / 2.0);
    return v;
}

} // namespace convcert::regularizer
