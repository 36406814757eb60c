// Benchmark of the regularizer pipeline against general-purpose SDP solvers (run by hand, not a
// test; scripts/bench.sh regularizer builds and runs it). Instances: w Gaussian, deterministic
// from --seed and D, each double read as the exact rational it is. For every (D, K) with
// D in {32, 128, 512, 1024}, K in {1, 4, 16, 64}, K <= D it measures
//   1. convcert: the whole regularizer-bracket pipeline (regularizer/bracket.h: reduced SDP
//      with SDPA or a closed form, polish, exactly verified dual lower bound, one-channel
//      network upper bound from the spectral factor), split into solve (Newton and/or SDPA) and
//      certify (everything else, JSON included), then the checker on the JSON text;
//   2. peers on the same w: the talk's full (K+D)-size SDP with the SDPA callable library and
//      with the CSDP binary on the written .dat-s file (time includes writing it);
// and prints one row per (D, K) with the times, the checked certificate's relative gap and the
// peers' speed ratio (peer seconds / convcert total seconds: generate + check; > 1: convcert is
// faster, and it also certifies, which the peers do not). Times are wall clock (steady_clock), one
// thread everywhere (SDPA setNumThreads(1); CSDP with OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1;
// run scripts/bench.sh, which also sets them for this process's BLAS).
// --2d instead: 2-D w (a seeded integer image, entries uniform in [-9, 9]) at 14×14 and 28×28
// with K = 3×3 and 8×8 (issue 13's target: 28×28, K = 8×8, gap <= 1e-8 in under 60 s end to
// end), one row each with the stages of the pipeline (Gram SDP by SDPA, dual barrier, exact
// lower bound, kernels + exact network with their polish, one-channel search), the total
// (generate + check), the checked gap and C0; then, on the same w in the same run, the peers:
// the previous pipeline (every few-channel candidate built, RegularizerKernelOptions::few_eager,
// and the one-channel report's old limit of 2 starts above K·D = 8192) and CSDP on the reduced
// Gram SDP the pipeline hands SDPA (--write-sdpa's file; a value, no certificate). The talk's
// full (K+D)-size SDP has no 2-D writer, and SDPA did not finish its 1-D equivalent (N = 848)
// in 20 minutes: not run.
#include "bench/peers/csdp_run.h"
#include "bench/peers/sdp_full.h"
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "regularizer/bracket.h"
#include "regularizer/exact/lower_bound.h"
#include "regularizer/sdp/sdp_gram.h"
#include "regularizer/sdp/sdpa_format.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace convcert::regularizer;
namespace support = convcert::support;
using convcert::Certificate;

const char* kHelp =
    R"HELP(usage: bench_regularizer [--quick] [--2d] [--d N] [--max-full-d N] [--seed N] [--timeout S]
  --2d            the 2-D rows instead: w a 14x14 and 28x28 integer image, K = 3x3, 8x8
  --side N        with --2d: only the N x N image (N >= 8)
  --quick         D in {32, 128}, K in {1, 4, 16} (default: D in {32, 128, 512, 1024},
                  K in {1, 4, 16, 64}, K <= D)
  --d N           only this D (N >= 1; the K grid as above, K <= N)
  --max-full-d N  run the full-SDP peers only for D <= N (default 512; the (K+D)^2 block
                  makes them slow: "skipped" is printed otherwise)
  --seed N        seed of the Gaussian w (default 1)
  --timeout S     CSDP peer time limit in seconds (default 1800)
)HELP";

struct Options {
    bool quick = false;
    bool two_d = false;
    long only_d = 0; ///< 0: the D grid
    long side = 0;   ///< --2d: 0 for 14 and 28
    long max_full_d = 512;
    unsigned long seed = 1;
    double timeout = 1800;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "bench_regularizer: " << a << " needs a value\n" << kHelp;
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--quick")
            o.quick = true;
        else if (a == "--2d")
            o.two_d = true;
        else if (a == "--d") {
            o.only_d = std::stol(value());
            if (o.only_d < 1) {
                std::cerr << "bench_regularizer: --d needs N >= 1\n";
                std::exit(2);
            }
        } else if (a == "--side") {
            o.side = std::stol(value());
            if (o.side < 8) {
                std::cerr << "bench_regularizer: --side needs N >= 8\n";
                std::exit(2);
            }
        } else if (a == "--max-full-d")
            o.max_full_d = std::stol(value());
        else if (a == "--seed")
            o.seed = std::stoul(value());
        else if (a == "--timeout")
            o.timeout = std::stod(value());
        else if (a == "--help" || a == "-h") {
            std::cout << kHelp;
            std::exit(0);
        } else {
            std::cerr << "bench_regularizer: unknown option " << a << "\n" << kHelp;
            std::exit(2);
        }
    }
    return o;
}

std::vector<double> gaussian(long D, unsigned long seed) {
    std::mt19937_64 gen(seed * 1000003ULL + static_cast<unsigned long>(D));
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> w(D);
    for (double& x : w)
        x = normal(gen);
    return w;
}

/// The convcert side of one row.
struct Convcert {
    double solve = 0, certify = 0, check = 0, total = 0;
    double lower = 0, upper = 0, gap = 0; ///< the certified bracket and (upper - lower)/upper
    double estimate = 0;                  ///< numerical R_{K,∞}(w)
    std::string source;                   ///< lower bound's source
    bool valid = false;                   ///< the checker accepted the certificate
    std::string reason;                   ///< the checker's reason otherwise
};

/// generate = regularizer_bracket + its certificate + certificate_to_json, split into solve (the
/// numerical solve: Newton from ||w|| e_0 and/or SDPA, with polish) and certify (the rest: exact
/// dual verification, spectral factor, exact least-norm network, JSON); check =
/// certificate_from_json + check_certificate on that text.
Convcert run_convcert(const std::vector<std::string>& w, long K) {
    Convcert out;
    support::Stopwatch watch;
    const auto W = support::fmpq_mat_from_rows({w}, "w");
    const auto report = regularizer_bracket(W, K);
    const Certificate cert = regularizer_bracket_certificate(report, W);
    const std::string json = convcert::certificate_to_json(cert);
    const double generate = watch.seconds();
    watch.restart();
    const auto read = convcert::certificate_from_json(json);
    convcert::checker::Verdict verdict;
    if (read.certificate)
        verdict = convcert::checker::check_certificate(*read.certificate);
    else
        verdict.reason = "certificate_from_json: " + read.error;
    out.check = watch.seconds();
    out.solve = report.solve.seconds;
    out.certify = generate - report.solve.seconds;
    out.total = generate + out.check;
    out.lower = report.lower_double;
    out.upper = report.upper_double;
    out.gap = report.relative_gap;
    out.estimate = report.estimate;
    out.source = regularizer_dual_source_name(report.dual_source);
    out.valid = verdict.valid;
    out.reason = verdict.reason;
    return out;
}

struct Peer {
    bool run = false;
    double seconds = 0, primal = 0, dual = 0;
    bool optimal = false;
    std::string status;
};

std::string fmt(const char* f, double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

std::string seconds(const Peer& p) {
    if (!p.run) return "skipped";
    return fmt("%.4f", p.seconds) + (p.optimal ? "" : "!");
}

std::string ratio(const Peer& p, double convcert_total) {
    if (!p.run || convcert_total <= 0) return "-";
    return fmt("%.1fx", p.seconds / convcert_total);
}

/// max relative deviation of the peer's two objectives from convcert's estimate.
double deviation(const Peer& p, double estimate) {
    const double scale = std::max(std::abs(estimate), 1e-300);
    return std::max(std::abs(p.primal - estimate), std::abs(p.dual - estimate)) / scale;
}

/// The first SDPA solve in a process pays one-time costs (about 0.3 s here) that would
/// otherwise be charged to the first row.
void warm_up() {
    (void)regularizer_bracket(
        support::fmpq_mat_from_rows({{"1", "-2", "3", "1/2", "5", "0", "-1", "2"}}, "w"), 3);
    (void)regularizer_sdp_full_sdpa({1, -2, 3, 0.5, 5, 0, -1, 2}, 3);
}

/// A seeded integer image of side × side, entries uniform in [-9, 9].
std::vector<std::string> image_2d(long side, unsigned long seed) {
    std::mt19937_64 gen(seed * 1000003ULL + static_cast<unsigned long>(side));
    std::uniform_int_distribution<int> entry(-9, 9);
    std::vector<std::string> w(static_cast<std::size_t>(side * side));
    for (auto& x : w)
        x = std::to_string(entry(gen));
    return w;
}

/// The previous pipeline on the same w: every few-channel candidate built, the one-channel
/// report's old limit (2 starts above K·D = 8192). Returns {seconds, gap}.
std::pair<double, double> run_previous_2d(const support::FmpqMat& W, const convcert::Grid& g) {
    RegularizerKernelOptions old;
    old.few_eager = true;
    if (convcert::grid_kernel_size(g) * convcert::grid_signal_size(g) > 8192)
        old.one_channel_starts = 2;
    const support::Stopwatch watch;
    const auto b = regularizer_bracket(W, g, RegularizerSolver::Auto, old);
    (void)convcert::certificate_to_json(regularizer_bracket_certificate(b, W));
    return {watch.seconds(), b.relative_gap};
}

/// CSDP on the reduced Gram SDP (as --write-sdpa writes it); seconds include writing.
Peer run_csdp_gram(const Rows& wd, const convcert::Grid& g, const std::string& workdir,
                   double timeout) {
    const support::Stopwatch watch;
    const auto data = regularizer_sdp_data_gram(wd, g);
    const std::string path = workdir + "/gram.dat-s";
    {
        std::ofstream file(path);
        regularizer_sdpa_write(file, data);
    }
    const auto run = regularizer_csdp_run(path, workdir, timeout);
    Peer p;
    p.run = true;
    p.seconds = watch.seconds();
    p.primal = -data.scale * run.primal_objective;
    p.dual = -data.scale * run.dual_objective;
    p.optimal = run.ran && run.exit_code == 0 && run.parsed;
    p.status = run.timed_out ? "timeout" : "csdp exit " + std::to_string(run.exit_code);
    return p;
}

/// The 2-D rows: every stage of the pipeline timed on one seeded integer image per size, then
/// the peers on the same image.
void run_2d(const Options& o, const std::string& workdir) {
    std::printf("# bench_regularizer --2d: w integer in [-9, 9] (seed %lu); seconds (wall) per "
                "stage: sdp = Gram SDP (SDPA), barrier = dual central path, lower = exact dual, "
                "upper = kernels + exact network (polish within it), one-ch = one-channel "
                "search; total = generate + check\n",
                o.seed);
    std::printf("# peers on the same w: prev = the previous pipeline's generate seconds and gap "
                "(speed-up = prev / generate); csdp = CSDP on the reduced Gram SDP (write + "
                "solve, timeout %.0f s, '!' = not optimal), ratio = csdp / total, dev = its value "
                "against the certified lower bound; the full (K+D) SDP: not run (no 2-D writer; "
                "SDPA did not finish N = 848 in 20 min)\n",
                o.timeout);
    std::printf("%7s %5s | %7s %7s %7s %7s %7s %7s %7s %7s | %-9s %3s | %8s %-9s %7s | %9s %7s "
                "%8s\n",
                "D", "K", "sdp", "barrier", "lower", "upper", "polish", "one-ch", "check", "total",
                "gap", "C0", "prev", "prev-gap", "speedup", "csdp", "ratio", "dev");
    for (long side : {14L, 28L})
        for (long k : {3L, 8L}) {
            if (o.side != 0 && side != o.side) continue;
            const auto w = image_2d(side, o.seed);
            const convcert::Grid g = convcert::grid_2d(side, side, k, k);
            std::fprintf(stderr, "bench_regularizer: %ldx%ld, K = %ldx%ld\n", side, side, k, k);
            support::Stopwatch watch;
            const auto W = support::fmpq_mat_from_rows({w}, "w");
            const auto b = regularizer_bracket(W, g);
            const std::string json =
                convcert::certificate_to_json(regularizer_bracket_certificate(b, W));
            const double generate = watch.seconds();
            watch.restart();
            const auto read = convcert::certificate_from_json(json);
            const bool valid =
                read.certificate && convcert::checker::check_certificate(*read.certificate).valid;
            const double check = watch.seconds();
            std::fprintf(stderr, "bench_regularizer: previous pipeline\n");
            const auto [prev, prev_gap] = run_previous_2d(W, g);
            std::fprintf(stderr, "bench_regularizer: CSDP on the reduced Gram SDP\n");
            const Peer csdp = run_csdp_gram(support::fmpq_mat_to_doubles(W), g, workdir, o.timeout);
            const double dev = std::abs(csdp.primal - b.lower_double) / b.lower_double;
            std::printf("%4ldx%-2ld %2ldx%-2ld | %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f | "
                        "%-9s %3ld | %8.2f %-9s %6.1fx | %9s %7s %8.1e\n",
                        side, side, k, k, b.solve.sdp_seconds, b.solve.barrier_seconds,
                        b.lower_seconds, b.upper_seconds, b.polish_seconds, b.one_channel_seconds,
                        check, generate + check,
                        valid ? fmt("%.2e", b.relative_gap).c_str() : "INVALID", b.C0, prev,
                        fmt("%.2e", prev_gap).c_str(), prev / generate, seconds(csdp).c_str(),
                        ratio(csdp, generate + check).c_str(), dev);
            std::fflush(stdout);
        }
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    const std::vector<long> Ds = options.only_d  ? std::vector<long>{options.only_d}
                                 : options.quick ? std::vector<long>{32, 128}
                                                 : std::vector<long>{32, 128, 512, 1024};
    const std::vector<long> Ks =
        options.quick ? std::vector<long>{1, 4, 16} : std::vector<long>{1, 4, 16, 64};

    std::string tmpl =
        (std::filesystem::temp_directory_path() / "convcert-bench-reg-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
        std::perror("bench_regularizer: mkdtemp");
        return 1;
    }
    const std::string workdir = tmpl;
    if (options.two_d) {
        run_2d(options, workdir);
        std::error_code ec;
        std::filesystem::remove_all(workdir, ec);
        return 0;
    }

    std::printf("# bench_regularizer: seed %lu, Gaussian w, full-SDP peers for D <= %ld, "
                "CSDP timeout %.0f s; times in seconds (wall), '!' = solver did not report "
                "optimal\n",
                options.seed, options.max_full_d, options.timeout);
    std::printf("# convcert: solve = Newton on the reduction formula, or SDPA on the reduced SDP "
                "when Newton does not converge (0 for closed forms), certify = "
                "the rest of the certificate (polish, exact dual verification, spectral factor, "
                "exact network, JSON), check = JSON read + checker\n");
    std::printf("# gap = (upper - lower)/upper of the checked certificate; source = how the "
                "lower bound was found\n");
    std::printf("# ratio = peer seconds / convcert total seconds; solve-x = SDPA full-form "
                "seconds / convcert solve seconds; dev = max relative deviation of the peers' "
                "objectives from convcert's estimate\n");
    std::printf("%5s %3s | %8s %8s %8s %8s %-18s %-16s | %9s %7s | %9s %7s | %8s | %8s\n", "D", "K",
                "solve", "certify", "check", "total", "gap", "source", "sdpa-full", "ratio",
                "csdp-full", "ratio", "solve-x", "dev");
    std::fflush(stdout);

    warm_up();

    for (long D : Ds) {
        const auto wd = gaussian(D, options.seed);
        std::vector<std::string> w(D);
        for (long i = 0; i < D; ++i)
            w[i] = support::rational_from_double(wd[i]);
        for (long K : Ks) {
            if (K > D) continue;
            std::fprintf(stderr, "bench_regularizer: D = %ld, K = %ld: convcert\n", D, K);
            const Convcert cc = run_convcert(w, K);
            Peer sdpa, csdp;
            if (D <= options.max_full_d) {
                std::fprintf(stderr, "bench_regularizer: D = %ld, K = %ld: full SDP, SDPA\n", D, K);
                const auto s = regularizer_sdp_full_sdpa(wd, K);
                sdpa = {true, s.seconds, s.primal, s.dual, s.optimal, s.status};
                std::fprintf(stderr, "bench_regularizer: D = %ld, K = %ld: full SDP, CSDP\n", D, K);
                const auto c = regularizer_sdp_full_csdp(wd, K, workdir, options.timeout);
                csdp = {true, c.seconds, c.primal, c.dual, c.optimal, c.status};
            }
            const std::string gap =
                cc.valid ? fmt("%.2e", cc.gap) : "INVALID: " + cc.reason.substr(0, 40);
            std::string dev = "-";
            if (sdpa.run || csdp.run) {
                double d = 0;
                if (sdpa.run) d = std::max(d, deviation(sdpa, cc.estimate));
                if (csdp.run) d = std::max(d, deviation(csdp, cc.estimate));
                dev = fmt("%.1e", d);
            }
            const std::string solve_x =
                sdpa.run && cc.solve > 0 ? fmt("%.0fx", sdpa.seconds / cc.solve) : "-";
            std::printf(
                "%5ld %3ld | %8.4f %8.4f %8s %8.4f %-18s %-16s | %9s %7s | %9s %7s | %8s | %8s\n",
                D, K, cc.solve, cc.certify, fmt("%.4f", cc.check).c_str(), cc.total, gap.c_str(),
                cc.source.c_str(), seconds(sdpa).c_str(), ratio(sdpa, cc.total).c_str(),
                seconds(csdp).c_str(), ratio(csdp, cc.total).c_str(), solve_x.c_str(), dev.c_str());
            std::fflush(stdout);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(workdir, ec);
    return 0;
}
