// Benchmark of `convcert separate` (issue 18) over a table of shapes, kernel shapes and signals:
// per case the library path of the command (the 2-D regularizer bracket, then the separation
// attempt), the certificate's JSON read back and checked as `convcert check` does, and one
// markdown row: L1, U2, relative separation (or "none" with the best one-channel cost), leaves,
// times, certificate size. Each case runs in a child process with a wall-clock cap and an
// address-space cap, so a case that does not finish (or crashes) is reported, not fatal.
// Usage: bench_separation [--quick] [--only TEXT] [--part all|small|big] [--cap S] [--cap-big S]
// [--max-leaves N] [--margin X] [--mem-mb N]. The result "none; 1 vs C0
// channels separated" marks a case where `separate` says none but the bracket's own C0-channel
// network is below L1 (a valid certificate of R_{K,1} > R_{K,C0}). Signals: MATH.md's instance and
// fixtures::random_int_signal(seed, D) (integers uniform in [-3, 3] from std::mt19937_64 seeded
// with the seed, seeds 1..5 per shape).
#include "bench/separation_fixtures.h"
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "regularizer/bracket.h"
#include "separation/channel_separation_attempt.h"
#include "separation/channel_separation_certificate.h"
#include "separation/one_channel_terms.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq_mat.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <thread>
#include <vector>

using namespace convcert;

namespace {

struct Case {
    Grid grid;
    std::string label; ///< "MATH.md" or "seed N"
    std::vector<long> w;
    bool big = false; ///< kernels of 6 or more entries: the longer cap
};

struct Options {
    bool quick = false;
    std::string only;
    double cap = 120, cap_big = 600;
    long max_leaves = 1'000'000;
    double margin = 1e-3;     ///< OneChannelBoundOptions::margin (`separate` uses the default)
    std::string part = "all"; ///< all, small (kernels of < 6 entries) or big
    long mem_mb = 4096;
};

const std::vector<long> kMathMd{2, -2, -3, 3, 2, -1, 0, 1, -3};

/// The full table: MATH.md's instance, then `count` seeded signals per (grid, kernel).
std::vector<Case> cases_full() {
    std::vector<Case> out{{grid_2d(3, 3, 2, 2), "MATH.md", kMathMd}};
    const struct {
        long D1, D2, K1, K2;
        int count;
    } shapes[] = {{3, 3, 1, 2, 5}, {3, 3, 2, 1, 5}, {3, 3, 2, 2, 5}, {3, 3, 1, 3, 5},
                  {3, 3, 3, 1, 5}, {2, 3, 2, 2, 5}, {3, 2, 2, 2, 5}, {2, 4, 2, 2, 5},
                  {4, 4, 2, 2, 5}, {4, 4, 1, 3, 5}, {4, 4, 3, 1, 5}, {4, 4, 1, 4, 5},
                  {6, 6, 2, 2, 5}, {3, 4, 2, 2, 1}, {4, 6, 2, 2, 1}, {1, 3, 1, 2, 5},
                  {1, 4, 1, 2, 5}, {1, 4, 1, 3, 5}, {1, 6, 1, 2, 5}, {1, 6, 1, 3, 5},
                  {3, 3, 2, 3, 1}, {4, 4, 2, 3, 1}, {4, 4, 3, 2, 1}};
    for (const auto& s : shapes)
        for (int seed = 1; seed <= s.count; ++seed) {
            const Grid g = s.D1 == 1 ? grid_1d(s.D2, s.K2) : grid_2d(s.D1, s.D2, s.K1, s.K2);
            out.push_back(
                {g, "seed " + std::to_string(seed),
                 fixtures::random_int_signal(static_cast<unsigned long>(seed), s.D1 * s.D2),
                 s.K1 * s.K2 >= 6});
        }
    return out;
}

/// The quick table: MATH.md's instance, a 1-D signal (none) and a refused shape.
std::vector<Case> cases_quick() {
    return {{grid_2d(3, 3, 2, 2), "MATH.md", kMathMd},
            {grid_1d(4, 2), "seed 1", fixtures::random_int_signal(1, 4)},
            {grid_2d(3, 4, 2, 2), "seed 1", fixtures::random_int_signal(1, 12)}};
}

std::string case_name(const Case& c) {
    if (c.grid.dims == 1)
        return "1×" + std::to_string(c.grid.D2) + " | 1×" + std::to_string(c.grid.K2);
    return std::to_string(c.grid.D1) + "×" + std::to_string(c.grid.D2) + " | " +
           std::to_string(c.grid.K1) + "×" + std::to_string(c.grid.K2);
}

std::string fixed(double x, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return buf;
}

// Columns: grid | kernel | w | result | C0 | bracket lower | L1 | U2 | (L1-U2)/U2 | best 1-ch |
// leaves | generate s (tree s) | check s | size | user CPU s | max RSS MB.
// The 10 columns after "result" when no number is known.
const char* const kNoNumbers = " | - | - | - | - | - | - | - | - | - | - ";

void row_print(const Case& c, const std::string& rest) {
    std::printf("| %s | %s%s", case_name(c).c_str(), c.label.c_str(), rest.c_str());
    std::fflush(stdout);
}

/// " | C0 | lower" of the bracket.
std::string bracket_columns(const regularizer::RegularizerBracket& b) {
    return " | " + std::to_string(b.C0) + " | " + fixed(b.lower_double, 6);
}

/// The row when the bracket's network has one channel: `separate` stops there (none); the tree
/// is run anyway as a consistency check, its L1 <= the bracket's upper bound (a one-channel
/// network's cost), else the row says INCONSISTENT.
void case_one_channel(const Case& c, const regularizer::RegularizerBracket& b,
                      const std::vector<support::Fmpq>& w, const Options& opt, double generate) {
    separation::OneChannelBoundOptions bo;
    bo.max_leaves = opt.max_leaves;
    bo.margin = opt.margin;
    const separation::OneChannelBound l1 = separation::one_channel_bound(c.grid, w, bo);
    const bool ok = l1.lower_double <= b.upper_double;
    row_print(c, std::string(ok ? " | none: 1 channel" : " | INCONSISTENT: L1 > 1-channel U") +
                     bracket_columns(b) + " | " + fixed(l1.lower_double, 6) + " | " +
                     fixed(b.upper_double, 6) + " | - | " + fixed(l1.best_cost, 6) + " | " +
                     std::to_string(l1.leaves.size()) + " | " + fixed(generate, 1) + " (" +
                     fixed(l1.tree_seconds, 1) + ") | - | - ");
}

/// The row of a separation certificate, read back from its JSON and checked; `what` names it.
void case_separated(const Case& c, const std::string& what, const std::string& bcols,
                    const separation::OneChannelBound& l1, const Certificate& cert,
                    const std::string& times) {
    const std::string json = certificate_to_json(cert);
    support::Stopwatch clock;
    const CertificateReadResult read = certificate_from_json(json);
    const checker::Verdict v = read.certificate ? checker::check_certificate(*read.certificate)
                                                : checker::Verdict{false, read.error, false};
    const double check = clock.seconds();
    const auto& claim = std::get<ChannelSeparationBody>(cert.body).claim;
    support::Fmpq lo, up;
    support::fmpq_set_string(lo.x, claim.lower_c1);
    support::fmpq_set_string(up.x, claim.upper_c2);
    const double L = fmpq_get_d(lo.x), U = fmpq_get_d(up.x);
    const std::string verdict =
        v.valid ? what : (v.undecided ? "UNDECIDED: " : "INVALID: ") + v.reason;
    char sep[32];
    std::snprintf(sep, sizeof sep, "%.2f%%", 100 * (L - U) / U);
    row_print(c, " | " + verdict + bcols + " | " + fixed(L, 6) + " | " + fixed(U, 6) + " | " + sep +
                     " | " + fixed(l1.best_cost, 6) + " | " + std::to_string(l1.leaves.size()) +
                     " | " + times + " | " + fixed(check, 1) + " | " +
                     fixed(static_cast<double>(json.size()) / 1e6, 2) + " MB ");
}

/// The child: one case, its row up to the CPU and memory columns.
void case_run(const Case& c, const Options& opt) {
    if (!separation::grid_cosines_rational(c.grid)) {
        row_print(c, " | refused: lcm(D1, D2) = " + std::to_string(std::lcm(c.grid.D1, c.grid.D2)) +
                         kNoNumbers);
        return;
    }
    support::Stopwatch clock;
    separation::ChannelSeparationAttempt at;
    regularizer::RegularizerBracket b;
    const std::vector<support::Fmpq> w = fixtures::signal_from_ints(c.w);
    std::string bcols = " | - | -";
    try {
        support::FmpqMat W(1, static_cast<slong>(w.size()));
        for (std::size_t j = 0; j < w.size(); ++j)
            fmpq_set(fmpq_mat_entry(W.m, 0, static_cast<slong>(j)), w[j].x);
        b = regularizer::regularizer_bracket(W, c.grid);
        bcols = bracket_columns(b);
        separation::OneChannelBoundOptions bo;
        bo.max_leaves = opt.max_leaves;
        bo.margin = opt.margin;
        at = separation::channel_separation_attempt(b, w, bo);
        if (at.one_channel) return case_one_channel(c, b, w, opt, clock.seconds());
    } catch (const std::exception& e) {
        row_print(c, std::string(" | not finished: ") + e.what() + bcols +
                         " | - | - | - | - | - | " + fixed(clock.seconds(), 1) + " | - | - ");
        return;
    }
    const double generate = clock.seconds();
    const separation::OneChannelBound& l1 = at.bound;
    const std::string times = fixed(generate, 1) + " (" + fixed(l1.tree_seconds, 1) + ")";
    if (at.separated) return case_separated(c, "separated", bcols, l1, at.certificate, times);
    const std::string none = " | none: L1 <= U2" + bcols + " | " + fixed(l1.lower_double, 6) +
                             " | " + fixed(fmpq_get_d(at.network.cost.x), 6) + " | - | " +
                             fixed(l1.best_cost, 6) + " | " + std::to_string(l1.leaves.size()) +
                             " | " + times + " | - | - ";
    if (b.C0 <= 2) return row_print(c, none);
    // The bracket's own network (C0 > 2 channels) may still be below L1: R_{K,1} > R_{K,C0}.
    const separation::SeparateNetwork net = separation::separate_network_of_bracket(b);
    try {
        const Certificate cert = separation::channel_separation_certificate(l1, w, net.u, net.v);
        case_separated(c, "none; 1 vs " + std::to_string(b.C0) + " channels separated", bcols, l1,
                       cert, times);
    } catch (const std::invalid_argument&) {
        row_print(c, none);
    }
}

/// Runs c in a child process; kills it at the cap and reports what happened.
void case_fork(const Case& c, const Options& opt) {
    const double cap = c.big ? opt.cap_big : opt.cap;
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (pid == 0) {
        const rlim_t bytes = static_cast<rlim_t>(opt.mem_mb) << 20;
        const rlimit lim{bytes, bytes};
        setrlimit(RLIMIT_AS, &lim);
        try {
            case_run(c, opt);
        } catch (const std::bad_alloc&) {
            row_print(c,
                      " | out of memory (cap " + std::to_string(opt.mem_mb) + " MB)" + kNoNumbers);
        }
        std::fflush(stdout);
        _exit(0);
    }
    support::Stopwatch clock;
    int status = 0;
    rusage ru{};
    bool capped = false;
    while (wait4(pid, &status, WNOHANG, &ru) == 0) {
        if (clock.seconds() > cap) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &ru);
            capped = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (capped)
        row_print(c, " | capped at " + fixed(cap, 0) + " s wall (killed)" + kNoNumbers);
    else if (WIFSIGNALED(status))
        row_print(c, " | CRASH: signal " + std::to_string(WTERMSIG(status)) + kNoNumbers);
    const double user = static_cast<double>(ru.ru_utime.tv_sec) + ru.ru_utime.tv_usec * 1e-6;
    std::printf("| %s | %ld |\n", fixed(user, 1).c_str(), ru.ru_maxrss / 1024);
    std::fflush(stdout);
}

const char* const kUsage =
    "usage: bench_separation [--quick] [--only TEXT] [--part all|small|big] [--cap S] "
    "[--cap-big S] [--max-leaves N] [--margin X] [--mem-mb N]";

bool options_parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has = i + 1 < argc;
        if (a == "--help" || a == "-h") {
            std::printf("%s\n", kUsage);
            std::exit(0);
        } else if (a == "--quick")
            o.quick = true;
        else if (a == "--part" && has)
            o.part = argv[++i];
        else if (a == "--only" && has)
            o.only = argv[++i];
        else if (a == "--cap" && has)
            o.cap = std::atof(argv[++i]);
        else if (a == "--cap-big" && has)
            o.cap_big = std::atof(argv[++i]);
        else if (a == "--max-leaves" && has)
            o.max_leaves = std::atol(argv[++i]);
        else if (a == "--margin" && has)
            o.margin = std::atof(argv[++i]);
        else if (a == "--mem-mb" && has)
            o.mem_mb = std::atol(argv[++i]);
        else {
            std::fprintf(stderr, "bench_separation: bad argument '%s' (%s)\n", a.c_str(), kUsage);
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options opt;
    if (!options_parse(argc, argv, opt)) return 2;
    std::printf("cap %.0f s wall (kernels of >= 6 entries: %.0f s), max leaves %ld, margin %g, "
                "address space %ld MB; --only '%s'\n\n",
                opt.cap, opt.cap_big, opt.max_leaves, opt.margin, opt.mem_mb, opt.only.c_str());
    std::printf("| grid | kernel | w | result | C0 | bracket lower | L1 | U2 | (L1-U2)/U2 | best "
                "1-ch cost | leaves | "
                "generate s (tree) | check s | size | user CPU s | max RSS MB |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Case& c : opt.quick ? cases_quick() : cases_full()) {
        const bool part = opt.part == "all" || (opt.part == "big") == c.big;
        if (part && (opt.only.empty() || case_name(c).find(opt.only) != std::string::npos))
            case_fork(c, opt);
    }
    return 0;
}
