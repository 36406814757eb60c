// `convcert reproduce [--out DIR] [--full] [--seed N] [--jobs J] [--only IDS]` and
// `convcert reproduce --recheck DIR`: runs every claim of the paper (reproduce/), certifies and
// re-checks each instance, prints the summary table, and writes certificates, report.md,
// report.html, PNG plots, certificates.txt and timing.md into DIR.
#include "app/arguments.h"
#include "app/commands.h"
#include "report/plot_gnuplot.h"
#include "reproduce/reproduce_run.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace convcert::app {

namespace {

const char* kReproduceHelp =
    R"HELP(usage: convcert reproduce [--out DIR] [--full] [--seed N] [--jobs J] [--only IDS]
       convcert reproduce --recheck DIR

Runs the claims of Jagadeesan, Razenshteyn, Gunasekar (COLT 2022; MATH.md numbers):
  1-lemma                 spectral factorization certificates, K = 1..64 (--full: 256)
  2-theorem               R_{K,C}(w) bracketed for every C; local optimization, C = 1..8
  3-closed-forms          K = 1 and K = D closed forms; R_K(w)/||w|| against K
  4a-realizability        K = 1, C < rank W: not realizable (exact rank)
  4b-multi-bracket        multi-channel brackets with C0 <= R·K
  4c-multi-closed-forms   2||W||_* and the l2,1 norm inside their brackets
  4d-conjecture           C = R channels against the SDP lower bound (empirical search)
  5-collapse              random C-channel networks collapsed to one channel
  6-gd                    gradient descent against the certified max-margin predictor (--full)
  7a-separation-2d        2-D: certified one- vs two-channel separations; none in 1-D
  7b-candidates-2d        2-D: small instances where C = 1 stays above the SDP value
  8-paper-mnist           the paper's MNIST experiment (Table 1), certified optima
Every certificate is written to DIR, read back and re-verified by the independent checker.
The summary goes to standard output, progress to standard error.

  --out DIR     output directory (default reproduce-out; created if needed)
  --full        the larger sweep (minutes to hours; see README)
  --seed N      seed of every random instance (default 1, 0 <= N <= 2^62)
  --jobs J      worker threads, 1..64 (default 1); the files do not depend on J
  --only IDS    comma-separated claim ids to run (default: all)
  --recheck DIR re-verify every certificate listed in DIR/certificates.txt

DIR gets certificates/<claim>/*.json, report.md, report.html, claim*.png (with .dat and .gp
files to redraw them), certificates.txt, and timing.md (wall-clock times, the only
file that changes between runs with the same seed).
Exit codes: 0 all certified, 1 a certificate failed its re-check, 2 usage error, 3 an
instance could not build its certificate.
)HELP";

struct ReproduceArgs {
    reproduce::RunOptions run;
    std::string recheck;
};

bool reproduce_parse_args(const std::vector<std::string>& args, ReproduceArgs& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& flag) {
            return argument_value(args, i, "reproduce", flag);
        };
        if (a == "--out" || a == "-o") {
            const std::string* v = value("--out");
            if (!v) return false;
            out.run.out_dir = *v;
        } else if (a == "--full") {
            out.run.suite.full = true;
        } else if (a == "--seed") {
            const std::string* v = value("--seed");
            long n = 0;
            if (!v || !argument_integer(*v, 0, 1L << 62, n, "reproduce",
                                        "--seed must be an integer from 0 to 2^62"))
                return false;
            out.run.suite.seed = static_cast<std::uint64_t>(n);
        } else if (a == "--jobs" || a == "-j") {
            const std::string* v = value("--jobs");
            long n = 0;
            if (!v || !argument_integer(*v, 1, 64, n, "reproduce",
                                        "--jobs must be an integer from 1 to 64"))
                return false;
            out.run.jobs = static_cast<int>(n);
        } else if (a == "--only") {
            const std::string* v = value("--only");
            if (!v) return false;
            std::stringstream s(*v);
            std::string id;
            while (std::getline(s, id, ','))
                if (!id.empty()) out.run.only.push_back(id);
        } else if (a == "--recheck") {
            const std::string* v = value("--recheck");
            if (!v) return false;
            out.recheck = *v;
        } else {
            std::cerr << "convcert reproduce: unknown argument '" << a << "' (see --help)\n";
            return false;
        }
    }
    if (!out.run.only.empty()) {
        std::vector<std::string> known;
        for (const auto& c : reproduce::reproduce_claim_registry())
            known.push_back(c.id);
        for (const auto& id : out.run.only)
            if (std::find(known.begin(), known.end(), id) == known.end()) {
                std::cerr << "convcert reproduce: unknown claim '" << id << "' (see --help)\n";
                return false;
            }
    }
    return true;
}

} // namespace

int command_reproduce(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kReproduceHelp;
            return kExitOk;
        }
    ReproduceArgs ra;
    if (!reproduce_parse_args(args, ra)) return kExitUsage;
    if (!ra.recheck.empty()) {
        try {
            const int bad = reproduce::reproduce_recheck(ra.recheck, std::cout);
            std::cerr << "convcert reproduce: "
                      << (bad == 0 ? "all certificates valid" : std::to_string(bad) + " INVALID")
                      << "\n";
            return bad == 0 ? kExitOk : kExitInvalid;
        } catch (const std::exception& e) {
            std::cerr << "convcert reproduce: " << e.what() << "\n";
            return kExitUsage;
        }
    }
    if (!report::plot_gnuplot_available()) {
        std::cerr << "convcert reproduce: gnuplot not found on PATH (install gnuplot-nox; "
                     "scripts/setup.sh does)\n";
        return kExitUsage;
    }
    {
        std::error_code ec;
        std::filesystem::create_directories(ra.run.out_dir, ec);
        if (ec || !std::filesystem::is_directory(ra.run.out_dir)) {
            std::cerr << "convcert reproduce: cannot use output directory "
                      << ra.run.out_dir.string() << (ec ? ": " + ec.message() : ": not a directory")
                      << "\n";
            return kExitUsage;
        }
    }
    reproduce::RunSummary summary;
    try {
        summary = reproduce::reproduce_run(ra.run);
    } catch (const std::exception& e) {
        std::cerr << "convcert reproduce: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    std::cout << summary.table_text;
    std::ostringstream total;
    total.precision(3);
    total << summary.seconds;
    std::cout << "\n"
              << (summary.any_failed  ? "SOME CERTIFICATES FAILED their re-check"
                  : summary.any_error ? "some instances built no certificate"
                                      : "every certificate passed the independent checker")
              << "; total " << total.str()
              << " s; report: " << (ra.run.out_dir / "report.md").string() << "\n";
    if (summary.any_failed) return kExitInvalid;
    if (summary.any_error) return kExitGeneratorFailed;
    return kExitOk;
}

} // namespace convcert::app
