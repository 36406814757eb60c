// The full (K+D)-size SDP with SDPA and CSDP (see sdp_full.h).
#include "bench/peers/sdp_full.h"

#include "bench/peers/csdp_run.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_format.h"
#include "support/stopwatch.h"

#include <fstream>
#include <stdexcept>

namespace convcert::regularizer {

RegularizerSdpFullResult regularizer_sdp_full_sdpa(const std::vector<double>& w, long K,
                                                   const RegularizerSdpOptions& options) {
    const support::Stopwatch watch;
    const RegularizerSdpData data = regularizer_sdp_data_full(w, K);
    const RegularizerSdpaRaw raw = regularizer_sdpa_run(data, options);
    RegularizerSdpFullResult out;
    const auto values = regularizer_sdpa_values(raw, data.scale);
    out.primal = values.primal;
    out.dual = values.dual;
    out.status = raw.phase;
    out.optimal = raw.optimal;
    out.lambda.resize(raw.x.size());
    for (std::size_t j = 0; j < raw.x.size(); ++j)
        out.lambda[j] = -raw.x[j];
    out.seconds = watch.seconds();
    return out;
}

RegularizerSdpFullResult regularizer_sdp_full_csdp(const std::vector<double>& w, long K,
                                                   const std::string& workdir,
                                                   double timeout_seconds) {
    const support::Stopwatch watch;
    const RegularizerSdpData data = regularizer_sdp_data_full(w, K);
    const std::string path = workdir + "/full.dat-s";
    {
        std::ofstream file(path);
        if (!file) throw std::runtime_error("cannot write " + path);
        regularizer_sdpa_write(file, data);
        if (!file.flush()) throw std::runtime_error("cannot write " + path);
    }
    RegularizerSdpFullResult out;
    out.write_seconds = watch.seconds();
    const RegularizerCsdpRun run = regularizer_csdp_run(path, workdir, timeout_seconds);
    out.primal = -run.primal_objective * data.scale;
    out.dual = -run.dual_objective * data.scale;
    out.optimal = run.ran && run.exit_code == 0 && run.parsed;
    out.status = run.timed_out ? "csdp timeout" : "csdp exit " + std::to_string(run.exit_code);
    out.seconds = watch.seconds();
    return out;
}

} // namespace convcert::regularizer
