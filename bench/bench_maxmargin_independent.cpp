// Issue 14's acceptance check at the paper's size (run by hand, not a test): the certified
// max-margin brackets at K = 1×1 and K = D1×D2 of an npy dataset (default: the paper's 128
// MNIST images, third_party/paper-mnist) against two independent methods from bench/peers, a
// hard-margin SVM by dual coordinate ascent (K = 1: 2·||w_svm||_2) and CSDP on the dual of the
// 2-D Fourier-ℓ1 program (K = D). Prints one row per method: the value or bracket in our units
// and in the paper's (√D times ours), the seconds, and whether the peer meets the certified
// bracket. The certificate is checked by the independent checker.
#include "bench/peers/fourier_l1_csdp.h"
#include "bench/peers/margin_rows.h"
#include "bench/peers/svm_dual_ascent.h"
#include "certify/checker/checker.h"
#include "data/dataset_npy.h"
#include "maxmargin/denominator.h"
#include "support/stopwatch.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace convcert;

const char* kHelp = R"HELP(usage: bench_maxmargin_independent [X.npy Y.npy] [--timeout S]
  X.npy Y.npy   images (n, D1, D2) and labels (default: third_party/paper-mnist/train_{x,y}.npy)
  --timeout S   CSDP time limit in seconds (default 600)
With BENCH_KEEP set, CSDP's folder (its .dat-s, param.csdp, output) is kept and its output printed
to stderr.
)HELP";

/// One table row: a bracket [lo, hi] in our units and the paper's, and the seconds.
void print_row(const char* kernel, const char* method, double lo, double hi, double sqrt_d,
               double seconds, const char* verdict) {
    std::printf("%-7s %-22s %.12f %.12f %.8f %.8f %9.2f  %s\n", kernel, method, lo, hi, lo * sqrt_d,
                hi * sqrt_d, seconds, verdict);
}

/// The certified bracket at kernel K1×K2; prints its row and the checker's verdict.
maxmargin::MaxmarginReport certified_row(const data::Dataset& d, long K1, long K2,
                                         const char* kernel) {
    const Grid g = grid_2d(d.shape[0], d.shape[1], K1, K2);
    maxmargin::MaxmarginReport rep;
    const support::Stopwatch watch;
    const Certificate c = maxmargin::maxmargin_certificate_denominated(d, g, &rep);
    const double make = watch.seconds();
    const support::Stopwatch check_watch;
    const auto v = checker::check_certificate(c);
    const double check = check_watch.seconds();
    const std::string verdict = (v.valid ? "checker: valid" : "checker: INVALID " + v.reason) +
                                " (" + std::to_string(check) + " s)";
    print_row(kernel, "certified bracket", rep.lower_double, rep.upper_double,
              std::sqrt(static_cast<double>(d.D)), make, verdict.c_str());
    return rep;
}

/// "meets" when [lo, hi] meets the certified bracket within the relative slack.
const char* meets(double lo, double hi, const maxmargin::MaxmarginReport& rep, double slack) {
    return lo <= rep.upper_double * (1 + slack) && rep.lower_double <= hi * (1 + slack)
               ? "meets the certified bracket"
               : "DISAGREES with the certified bracket";
}

int run(const std::string& x_path, const std::string& y_path, double timeout) {
    const data::Dataset d = data::data_dataset_npy_files(x_path, y_path);
    if (d.shape.size() != 2 || d.R != 1) {
        std::cerr << "bench_maxmargin_independent: expected one-channel images (n, D1, D2)\n";
        return 1;
    }
    const double sqrt_d = std::sqrt(static_cast<double>(d.D));
    const auto a = peers::peers_margin_rows(d);
    std::printf("# %s: n = %ld, %ldx%ld, x_den = %ld; paper units = ours x %.6g\n", x_path.c_str(),
                d.n(), d.shape[0], d.shape[1], d.x_den, sqrt_d);
    std::printf("# kernel method                 lower(ours)    upper(ours)    lower(paper) "
                "upper(paper) seconds\n");
    const auto one = certified_row(d, 1, 1, "1x1");
    const support::Stopwatch svm_watch;
    const auto svm = peers::peers_svm_dual_ascent(a, 1e-12, 1000000);
    const std::string svm_name = "SVM dual CA " + std::to_string(svm.sweeps) + " sw";
    print_row("1x1", svm_name.c_str(), svm.lower, svm.upper, sqrt_d, svm_watch.seconds(),
              svm.converged ? meets(svm.lower, svm.upper, one, 1e-12) : "did not converge");
    const std::string full = std::to_string(d.shape[0]) + "x" + std::to_string(d.shape[1]);
    const auto all = certified_row(d, d.shape[0], d.shape[1], full.c_str());
    const auto dir = std::filesystem::temp_directory_path() /
                     ("convcert-bench-independent-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto l1 = peers::peers_fourier_l1_csdp(a, d.shape[0], d.shape[1], dir.string(), timeout);
    if (std::getenv("BENCH_KEEP")) std::fprintf(stderr, "%s\n", l1.output.c_str());
    if (!std::getenv("BENCH_KEEP")) std::filesystem::remove_all(dir);
    print_row(full.c_str(), "CSDP Fourier-l1 dual", l1.lower, l1.upper, sqrt_d, l1.seconds,
              l1.solved ? meets(l1.lower, l1.upper, all, 1e-7) : "CSDP failed");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    double timeout = 600;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kHelp;
            return 0;
        }
        if (arg == "--timeout" && i + 1 < argc)
            timeout = std::atof(argv[++i]);
        else if (!arg.empty() && arg[0] != '-')
            files.push_back(arg);
        else {
            std::cerr << "bench_maxmargin_independent: bad argument " << arg << "\n" << kHelp;
            return 2;
        }
    }
    if (files.empty()) {
        const std::string root = CONVCERT_SOURCE_DIR "/third_party/paper-mnist/";
        files = {root + "train_x.npy", root + "train_y.npy"};
    }
    if (files.size() != 2) {
        std::cerr << "bench_maxmargin_independent: give X.npy and Y.npy\n";
        return 2;
    }
    try {
        return run(files[0], files[1], timeout);
    } catch (const std::exception& e) {
        std::cerr << "bench_maxmargin_independent: " << e.what() << "\n";
        return 1;
    }
}
