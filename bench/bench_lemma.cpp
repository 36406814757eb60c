// Benchmark of the Lemma generator and checker against root finders (run by hand, not a test;
// scripts/bench.sh builds and runs it). Instances: two random integer vectors, entries uniform
// in [-9, 9], deterministic from --seed. It measures
//   1. the exact method, K = 2..6: field degree, generate, check and size of the certificate;
//   2. the enclosure method, K = 16, 64, 256, 1024: generate, check, total, radius, size;
//   3. peers on the same palindromic q (degree 2K-2): MPSolve (approximation to 39 digits and
//      isolation), PARI/GP polroots at 39 digits, Arb's arb_fmpz_poly_complex_roots at 128 bits;
//   4. a verdict on the targets: K = 256 ratio to MPSolve <= 1, K = 1024 under 60 s.
// "generate" is lemma_factor_certificate plus certificate_to_json; "check" is
// certificate_from_json plus check_certificate on that JSON text. Times are wall clock
// (support::Stopwatch, a steady clock). Each measurement runs in a forked child with a timeout.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "lemma/autocorrelation.h"
#include "lemma/factor.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <acb.h>
#include <arb_fmpz_poly.h>
#include <flint/fmpq.h>
#include <flint/fmpz_poly.h>
#include <flint/fmpz_vec.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using convcert::Certificate;
using convcert::lemma::FactorMethod;
using convcert::lemma::LemmaInstance;
using convcert::support::FmpzPoly;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------- options

const char* kHelp =
    R"HELP(usage: bench_lemma [--quick | --full] [--out FILE] [--seed N] [--digits N] [--timeout S]
                   [--instances DIR]

Times convcert's exact and enclosure certificates (generate and check) and the root
finders MPSolve, PARI/GP and Arb on the same palindromic polynomials.

  --quick          exact K <= 6, enclosure K <= 256, PARI and Arb up to K = 64 (a smoke run)
  --full           also run PARI and Arb at K = 1024 (default: up to K = 256)
  --out FILE       also write the tables to FILE: markdown if it ends in .md, CSV otherwise
  --seed N         seed of the random instances (default 1)
  --digits N       decimal digits of c in the certificates (default 39, the peers' 128 bits)
  --timeout S      seconds allowed to each measurement (default 600)
  --instances DIR  also write each instance to DIR/instance-K<K>.json (the input format of
                   `convcert factor`), to reproduce a row by hand
)HELP";

struct Options {
    bool quick = false;
    bool full = false;
    std::string out;
    std::uint64_t seed = 1;
    long digits = 39;
    double timeout = 600;
    std::string instances_dir;
};

std::string next_argument(int argc, char** argv, int* i) {
    if (*i + 1 >= argc) throw std::invalid_argument(std::string(argv[*i]) + " needs a value");
    return argv[++*i];
}

std::uint64_t parse_seed(const std::string& text) {
    if (text.empty() || text.size() > 19 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("--seed needs a non-negative integer, not '" + text + "'");
    return std::stoull(text);
}

long parse_digits(const std::string& text) {
    if (text.empty() || text.size() > 5 ||
        text.find_first_not_of("0123456789") != std::string::npos || std::stol(text) < 30 ||
        std::stol(text) > 10000)
        throw std::invalid_argument("--digits needs an integer from 30 to 10000, not '" + text +
                                    "'");
    return std::stol(text);
}

double parse_timeout(const std::string& text) {
    std::size_t used = 0;
    double t = 0;
    try {
        t = std::stod(text, &used);
    } catch (const std::exception&) {
    }
    if (used != text.size() || !(t > 0))
        throw std::invalid_argument("--timeout needs a positive number of seconds, not '" + text +
                                    "'");
    return t;
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") {
            options.quick = true;
        } else if (arg == "--full") {
            options.full = true;
        } else if (arg == "--out") {
            options.out = next_argument(argc, argv, &i);
        } else if (arg == "--seed") {
            options.seed = parse_seed(next_argument(argc, argv, &i));
        } else if (arg == "--digits") {
            options.digits = parse_digits(next_argument(argc, argv, &i));
        } else if (arg == "--instances") {
            options.instances_dir = next_argument(argc, argv, &i);
        } else if (arg == "--timeout") {
            options.timeout = parse_timeout(next_argument(argc, argv, &i));
        } else if (arg == "-h" || arg == "--help") {
            std::cout << kHelp;
            std::exit(0);
        } else {
            throw std::invalid_argument("unknown argument '" + arg + "'");
        }
    }
    if (options.quick && options.full)
        throw std::invalid_argument("--quick and --full exclude each other");
    return options;
}

std::string mode_name(const Options& options) {
    return options.quick ? "quick" : options.full ? "full" : "default";
}

std::vector<long> enclosure_sizes(const Options& options) {
    if (options.quick) return {16, 64, 256};
    return {16, 64, 256, 1024};
}

/// Largest K at which PARI and Arb run (they are far slower than MPSolve).
long slow_peer_limit(const Options& options) {
    return options.quick ? 64 : options.full ? LONG_MAX : 256;
}

// ---------------------------------------------------------------- instances

/// Uniform in [-9, 9] from the raw 64-bit output (the same on every standard library).
long uniform_digit(std::mt19937_64& rng) {
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    constexpr std::uint64_t kLimit = kMax - kMax % 19;
    std::uint64_t x;
    do {
        x = rng();
    } while (x >= kLimit);
    return static_cast<long>(x % 19) - 9;
}

/// Two random vectors of length K; redrawn until the last lag is nonzero, so that q has
/// degree exactly 2K-2. Depends only on (K, seed), not on which other sizes run.
LemmaInstance random_instance(long K, std::uint64_t seed) {
    std::mt19937_64 rng(seed * 1000003u + static_cast<std::uint64_t>(K));
    for (;;) {
        LemmaInstance instance{K, convcert::support::FmpqMat(2, K)};
        for (int v = 0; v < 2; ++v)
            for (long k = 0; k < K; ++k)
                fmpq_set_si(instance.vectors.at(v, k), uniform_digit(rng), 1);
        if (!fmpq_is_zero(convcert::lemma::lemma_target(instance.vectors).back().x))
            return instance;
    }
}

/// The instance in `convcert factor`'s input format.
std::string instance_json(const LemmaInstance& instance) {
    const std::vector<std::vector<std::string>> rows =
        convcert::support::fmpq_mat_to_rows(instance.vectors);
    std::string out = "{\"K\": " + std::to_string(instance.K) + ", \"vectors\": [";
    for (std::size_t v = 0; v < rows.size(); ++v) {
        out += v ? ", [" : "[";
        for (std::size_t k = 0; k < rows[v].size(); ++k)
            out += (k ? ", " : "") + rows[v][k];
        out += "]";
    }
    return out + "]}\n";
}

/// random_instance, also written to options.instances_dir when one is given.
LemmaInstance bench_instance(long K, const Options& options) {
    LemmaInstance instance = random_instance(K, options.seed);
    if (!options.instances_dir.empty()) {
        std::filesystem::create_directories(options.instances_dir);
        const std::string path =
            options.instances_dir + "/instance-K" + std::to_string(K) + ".json";
        std::ofstream out(path);
        out << instance_json(instance);
        if (!out) throw std::runtime_error("cannot write " + path);
    }
    return instance;
}

/// The palindromic q of degree 2K-2 with integer coefficients (lags scaled to integers).
void palindromic_poly(fmpz_poly_t q, const LemmaInstance& instance) {
    const std::vector<convcert::support::Fmpq> target =
        convcert::lemma::lemma_target(instance.vectors);
    const long K = static_cast<long>(target.size());
    fmpz* T = _fmpz_vec_init(K);
    fmpz_t L;
    fmpz_init(L);
    convcert::lemma::lemma_integer_target(T, L, target);
    convcert::lemma::lemma_palindromic_poly(q, T, K);
    fmpz_clear(L);
    _fmpz_vec_clear(T, K);
}

/// Coefficients of q as decimal strings, ascending powers.
std::vector<std::string> coefficient_strings(const fmpz_poly_t q) {
    std::vector<std::string> out;
    for (long i = 0; i <= fmpz_poly_degree(q); ++i) {
        char* s = fmpz_get_str(nullptr, 10, q->coeffs + i);
        out.emplace_back(s);
        flint_free(s);
    }
    return out;
}

// ---------------------------------------------------------------- timing

/// Runs timed_run (which returns its own time in seconds) once, and again while the runs so
/// far took under 0.2 s in total (at most 10 runs); returns the fastest.
double best_of_runs(const std::function<double()>& timed_run) {
    double best = timed_run();
    double total = best;
    for (int runs = 1; total < 0.2 && runs < 10; ++runs) {
        const double t = timed_run();
        best = std::min(best, t);
        total += t;
    }
    return best;
}

double best_time(const std::function<void()>& work) {
    return best_of_runs([&] {
        const convcert::support::Stopwatch clock;
        work();
        return clock.seconds();
    });
}

// ---------------------------------------------------------------- isolation and timeouts

enum class Status { Ok, Timeout, Failed, Skipped };

struct Outcome {
    Status status = Status::Skipped;
    std::vector<double> values; // when Ok
    std::string reason;         // when Failed or Skipped
};

Outcome skipped(const std::string& reason) {
    return {Status::Skipped, {}, reason};
}

/// The child's side of run_isolated: dies with its parent, writes "OK v..." or "ERR reason".
[[noreturn]] void child_main(int fd, const std::function<std::vector<double>()>& work) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::string text;
    try {
        text = "OK";
        for (double v : work()) {
            char buf[40];
            std::snprintf(buf, sizeof buf, " %.17g", v);
            text += buf;
        }
    } catch (const std::exception& e) {
        text = std::string("ERR ") + e.what();
    } catch (...) {
        text = "ERR unknown exception";
    }
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    _exit(0);
}

/// Reads fd until EOF or the deadline; false on timeout.
bool read_until(int fd, Clock::time_point deadline, std::string* text) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), INT_MAX)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) return false;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
        text->append(buf, static_cast<std::size_t>(n));
    }
}

Outcome parse_child_result(const std::string& text) {
    std::istringstream in(text);
    std::string tag;
    in >> tag;
    if (tag == "OK") {
        Outcome outcome{Status::Ok, {}, {}};
        for (double v; in >> v;)
            outcome.values.push_back(v);
        return outcome;
    }
    if (tag == "ERR") {
        std::string reason = text.substr(4);
        return {Status::Failed, {}, reason.substr(0, reason.find('\n'))};
    }
    return {Status::Failed, {}, "no result from the child process"};
}

/// Runs work in a forked child, killed after timeout_s seconds.
Outcome run_isolated(double timeout_s, const std::function<std::vector<double>()>& work) {
    std::fflush(nullptr);
    int fds[2];
    if (pipe(fds) != 0) return {Status::Failed, {}, std::string("pipe: ") + std::strerror(errno)};
    const Clock::time_point deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(std::min(timeout_s, 1e9)));
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return {Status::Failed, {}, std::string("fork: ") + std::strerror(errno)};
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], work);
    }
    close(fds[1]);
    std::string text;
    const bool finished = read_until(fds[0], deadline, &text);
    close(fds[0]);
    if (!finished) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished) return {Status::Timeout, {}, {}};
    if (WIFSIGNALED(status))
        return {Status::Failed, {}, "killed by signal " + std::to_string(WTERMSIG(status))};
    return parse_child_result(text);
}

std::string first_line_of_file(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

/// Runs argv (stdin /dev/null, stdout to stdout_path, stderr to stdout_path.err) and returns its
/// wall time. Throws if it does not exit with status 0. The command dies with its parent.
double run_command(const std::vector<std::string>& argv, const std::string& stdout_path) {
    const std::string stderr_path = stdout_path + ".err";
    const convcert::support::Stopwatch clock;
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        const int in = open("/dev/null", O_RDONLY);
        const int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const double elapsed = clock.seconds();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return elapsed;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        throw std::runtime_error(argv[0] + " not found");
    const std::string detail = first_line_of_file(stderr_path);
    throw std::runtime_error(argv[0] + " failed" + (detail.empty() ? "" : ": " + detail));
}

// ---------------------------------------------------------------- convcert

double radius_log2(const std::string& radius) {
    fmpq_t r;
    fmpq_init(r);
    if (!convcert::support::fmpq_set_string(r, radius) || fmpq_sgn(r) <= 0) {
        fmpq_clear(r);
        throw std::runtime_error("bad radius '" + radius + "'");
    }
    const double log2 = (fmpz_dlog(fmpq_numref(r)) - fmpz_dlog(fmpq_denref(r))) / std::log(2.0);
    fmpq_clear(r);
    return log2;
}

/// {generate s, check s, certificate bytes, field degree (exact) or log2 radius (enclosure)}.
/// Throws unless the checker accepts the certificate re-read from its JSON text.
std::vector<double> measure_convcert(const LemmaInstance& instance, FactorMethod method,
                                     long digits) {
    convcert::lemma::FactorOptions options;
    options.method = method;
    options.digits = digits;
    Certificate cert;
    std::string json;
    const double generate = best_time([&] {
        cert = convcert::lemma::lemma_factor_certificate(instance, options);
        json = convcert::certificate_to_json(cert);
    });
    convcert::checker::Verdict verdict;
    const double check = best_time([&] {
        const convcert::CertificateReadResult read = convcert::certificate_from_json(json);
        if (!read.certificate) throw std::runtime_error("JSON not re-read: " + read.error);
        verdict = convcert::checker::check_certificate(*read.certificate);
    });
    if (!verdict.valid) throw std::runtime_error("checker rejects: " + verdict.reason);
    const auto* exact = std::get_if<convcert::LemmaExactBody>(&cert.body);
    const double feature =
        exact ? static_cast<double>(exact->evidence.minpoly.size()) - 1
              : radius_log2(std::get<convcert::LemmaEnclosureBody>(cert.body).evidence.radius);
    return {generate, check, static_cast<double>(json.size()), feature};
}

// ---------------------------------------------------------------- peers

struct Peers {
    Outcome mpsolve_approx, mpsolve_isolate, pari, arb;
};

std::string write_mpsolve_input(const std::vector<std::string>& coeffs, const std::string& path) {
    std::ofstream out(path);
    out << "Degree=" << coeffs.size() - 1 << ";\nMonomial;\nReal;\nInteger;\n\n";
    for (const std::string& c : coeffs)
        out << c << '\n';
    return path;
}

long count_root_lines(const std::string& path) {
    std::ifstream in(path);
    long n = 0;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] == '(') ++n;
    return n;
}

/// mpsolve's wall time for goal "a" (approximate, 39 digits) or "i" (isolate).
double mpsolve_seconds(const std::string& input, char goal, long degree) {
    std::vector<std::string> argv = {"mpsolve", std::string("-G") + goal};
    if (goal == 'a') argv.insert(argv.end(), {"-o", "39"});
    argv.push_back(input);
    const std::string output = input + ".out";
    const double t = best_of_runs([&] { return run_command(argv, output); });
    const long roots = count_root_lines(output);
    if (roots != degree)
        throw std::runtime_error("mpsolve printed " + std::to_string(roots) + " roots, expected " +
                                 std::to_string(degree));
    return t;
}

/// A gp script timing polroots at 39 digits (the mean over runs filling 0.2 s).
std::string write_pari_script(const std::vector<std::string>& coeffs, const std::string& path) {
    std::ofstream out(path);
    out << "default(parisizemax, 2000000000);\ndefault(realprecision, 39);\nq = Pol([";
    for (std::size_t i = coeffs.size(); i-- > 0;)
        out << coeffs[i] << (i ? "," : "");
    out << "]);\n"
           "n = 0; t0 = getwalltime();\n"
           "until(getwalltime() - t0 >= 200 || n >= 10, r = polroots(q); n++);\n"
           "printf(\"%.6f %d\\n\", (getwalltime() - t0) / (1000. * n), #r);\nquit;\n";
    return path;
}

double pari_seconds(const std::string& script, long degree) {
    const std::string output = script + ".out";
    run_command({"gp", "-q", "-f", script}, output);
    std::ifstream in(output);
    double seconds = -1;
    long roots = -1;
    for (std::string line; std::getline(in, line);)
        std::istringstream(line) >> seconds >> roots;
    if (roots != degree) throw std::runtime_error("gp: unexpected output");
    return seconds;
}

double arb_seconds(const fmpz_poly_t q) {
    if (!fmpz_poly_is_squarefree(q)) throw std::runtime_error("q is not squarefree");
    const long degree = fmpz_poly_degree(q);
    acb_ptr roots = _acb_vec_init(degree);
    const double t = best_time([&] { arb_fmpz_poly_complex_roots(roots, q, 0, 128); });
    _acb_vec_clear(roots, degree);
    return t;
}

Peers measure_peers(const LemmaInstance& instance, const Options& options, const std::string& dir) {
    FmpzPoly q;
    palindromic_poly(q.p, instance);
    const std::vector<std::string> coeffs = coefficient_strings(q.p);
    const long degree = fmpz_poly_degree(q.p);
    const std::string stem = dir + "/q" + std::to_string(instance.K);
    const std::string pol = write_mpsolve_input(coeffs, stem + ".pol");
    const std::string gp = write_pari_script(coeffs, stem + ".gp");
    const double timeout = options.timeout;
    Peers peers;
    peers.mpsolve_approx = run_isolated(
        timeout, [&] { return std::vector<double>{mpsolve_seconds(pol, 'a', degree)}; });
    peers.mpsolve_isolate = run_isolated(
        timeout, [&] { return std::vector<double>{mpsolve_seconds(pol, 'i', degree)}; });
    if (instance.K > slow_peer_limit(options)) {
        const std::string why = options.quick ? "--quick" : "default; --full runs it";
        peers.pari = skipped(why);
        peers.arb = skipped(why);
        return peers;
    }
    peers.pari =
        run_isolated(timeout, [&] { return std::vector<double>{pari_seconds(gp, degree)}; });
    peers.arb = run_isolated(timeout, [&] { return std::vector<double>{arb_seconds(q.p)}; });
    return peers;
}

// ---------------------------------------------------------------- formatting

/// Three significant digits, no exponent (seconds, ratios).
std::string format_significant(double s) {
    if (!(s > 0)) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(s)));
    const int decimals = std::clamp(2 - magnitude, 0, 6);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, s);
    return buf;
}

std::string format_seconds(double s) {
    return format_significant(s);
}

std::string format_integer(double v) {
    return std::to_string(std::llround(v));
}

/// "2^-190" (or "2^-190.4" when log2 is not within 0.05 of an integer).
std::string format_power_of_two(double log2) {
    char buf[40];
    if (std::fabs(log2 - std::round(log2)) < 0.05)
        std::snprintf(buf, sizeof buf, "2^%.0f", std::round(log2));
    else
        std::snprintf(buf, sizeof buf, "2^%.1f", log2);
    return buf;
}

std::string format_ratio(double r) {
    return format_significant(r);
}

std::string status_word(const Outcome& outcome) {
    switch (outcome.status) {
    case Status::Ok:
        return "ok";
    case Status::Timeout:
        return "timeout";
    case Status::Failed:
        return "failed";
    case Status::Skipped:
        return "skipped";
    }
    return "?";
}

std::string cell(const Outcome& outcome, std::size_t index,
                 const std::function<std::string(double)>& format) {
    if (outcome.status != Status::Ok || index >= outcome.values.size()) return status_word(outcome);
    return format(outcome.values[index]);
}

struct Table {
    std::string title;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> notes;
};

/// Adds a note for a failed or timed-out measurement (skips explain themselves in the notes).
void note_problem(Table* table, const std::string& what, const Outcome& outcome, double timeout) {
    if (outcome.status == Status::Failed)
        table->notes.push_back(what + " failed: " + outcome.reason);
    if (outcome.status == Status::Timeout)
        table->notes.push_back(what + ": timeout after " + format_integer(timeout) + " s");
}

/// Display width in code points (the tables hold a few non-ASCII symbols).
std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad_left(const std::string& s, std::size_t width) {
    return std::string(width - std::min(width, display_width(s)), ' ') + s;
}

std::string render_text(const Table& table) {
    std::vector<std::size_t> widths(table.header.size(), 0);
    for (std::size_t c = 0; c < widths.size(); ++c) {
        widths[c] = display_width(table.header[c]);
        for (const auto& row : table.rows)
            widths[c] = std::max(widths[c], display_width(row[c]));
    }
    std::ostringstream out;
    out << table.title << '\n' << std::string(display_width(table.title), '-') << '\n';
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            out << (c ? "  " : "") << pad_left(cells[c], widths[c]);
        out << '\n';
    };
    line(table.header);
    for (const auto& row : table.rows)
        line(row);
    for (const std::string& note : table.notes)
        out << "  " << note << '\n';
    return out.str();
}

std::string render_markdown(const Table& table) {
    std::ostringstream out;
    out << "### " << table.title << "\n\n|";
    for (const std::string& h : table.header)
        out << ' ' << h << " |";
    out << "\n|";
    for (std::size_t c = 0; c < table.header.size(); ++c)
        out << "---:|";
    out << '\n';
    for (const auto& row : table.rows) {
        out << '|';
        for (const std::string& v : row)
            out << ' ' << v << " |";
        out << '\n';
    }
    if (!table.notes.empty()) out << '\n';
    for (const std::string& note : table.notes)
        out << "- " << note << '\n';
    return out.str();
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c)
        out += (c ? "," : "") + csv_field(cells[c]);
    return out + '\n';
}

std::string render_csv(const Table& table) {
    std::string out = csv_line({table.title}) + csv_line(table.header);
    for (const auto& row : table.rows)
        out += csv_line(row);
    for (const std::string& note : table.notes)
        out += csv_line({"note", note});
    return out;
}

// ---------------------------------------------------------------- the tables

void progress(const std::string& what, const Outcome& outcome) {
    std::cerr << "[bench] " << what << ": " << status_word(outcome);
    if (outcome.status == Status::Ok && !outcome.values.empty())
        std::cerr << " (" << format_seconds(outcome.values[0]) << " s)";
    std::cerr << std::endl;
}

Table exact_table(const Options& options) {
    Table table{"1. Exact method (lemma-exact)",
                {"K", "field degree", "generate [s]", "check [s]", "total [s]", "size [bytes]"},
                {},
                {"field degree: degree of the minimal polynomial m; check: JSON re-read + "
                 "independent checker"}};
    const long max_exact_K = options.quick ? 6 : 8; // K = 7, 8: degree 128, 256 (seconds)
    for (long K = 2; K <= max_exact_K; ++K) {
        const LemmaInstance instance = bench_instance(K, options);
        const Outcome o = run_isolated(options.timeout, [&] {
            return measure_convcert(instance, FactorMethod::Exact, options.digits);
        });
        progress("exact K=" + std::to_string(K), o);
        const std::string total =
            o.status == Status::Ok ? format_seconds(o.values[0] + o.values[1]) : status_word(o);
        table.rows.push_back({std::to_string(K), cell(o, 3, format_integer),
                              cell(o, 0, format_seconds), cell(o, 1, format_seconds), total,
                              cell(o, 2, format_integer)});
        note_problem(&table, "K=" + std::to_string(K), o, options.timeout);
    }
    return table;
}

struct EnclosureRow {
    long K;
    Outcome convcert;
    Peers peers;
};

std::vector<EnclosureRow> run_enclosure_and_peers(const Options& options, const std::string& dir) {
    std::vector<EnclosureRow> rows;
    for (long K : enclosure_sizes(options)) {
        const LemmaInstance instance = bench_instance(K, options);
        EnclosureRow row{K, {}, {}};
        row.convcert = run_isolated(options.timeout, [&] {
            return measure_convcert(instance, FactorMethod::Enclosure, options.digits);
        });
        progress("enclosure K=" + std::to_string(K), row.convcert);
        row.peers = measure_peers(instance, options, dir);
        progress("  MPSolve -Ga K=" + std::to_string(K), row.peers.mpsolve_approx);
        progress("  MPSolve -Gi K=" + std::to_string(K), row.peers.mpsolve_isolate);
        progress("  PARI K=" + std::to_string(K), row.peers.pari);
        progress("  Arb K=" + std::to_string(K), row.peers.arb);
        rows.push_back(std::move(row));
    }
    return rows;
}

/// generate + check of a successful convcert outcome.
double total_seconds(const Outcome& o) {
    return o.values[0] + o.values[1];
}

std::string total_cell(const Outcome& o) {
    return o.status == Status::Ok ? format_seconds(total_seconds(o)) : status_word(o);
}

Table enclosure_table(const std::vector<EnclosureRow>& rows, const Options& options) {
    Table table{"2. Enclosure method (lemma-enclosure)",
                {"K", "generate [s]", "check [s]", "total [s]", "radius", "size [bytes]"},
                {},
                {"radius: the box half-width r in the max norm; check: JSON re-read + "
                 "independent checker"}};
    for (const EnclosureRow& row : rows) {
        const Outcome& o = row.convcert;
        table.rows.push_back({std::to_string(row.K), cell(o, 0, format_seconds),
                              cell(o, 1, format_seconds), total_cell(o),
                              cell(o, 3, format_power_of_two), cell(o, 2, format_integer)});
        note_problem(&table, "K=" + std::to_string(row.K), o, options.timeout);
    }
    return table;
}

std::string ratio_cell(const Outcome& ours, const Outcome& theirs) {
    if (ours.status != Status::Ok || theirs.status != Status::Ok) return "n/a";
    return format_ratio(total_seconds(ours) / theirs.values[0]);
}

Table peer_table(const std::vector<EnclosureRow>& rows, const Options& options) {
    Table table{"3. Peers on the same palindromic q (degree 2K-2)",
                {"K", "deg q", "convcert gen+check [s]", "MPSolve -Ga -o 39 [s]", "MPSolve -Gi [s]",
                 "PARI polroots [s]", "Arb roots [s]", "convcert/MPSolve-a"},
                {},
                {"MPSolve: wall time of the mpsolve process (its default thread count); PARI: "
                 "polroots at realprecision 39 timed inside gp; Arb: "
                 "arb_fmpz_poly_complex_roots(roots, q, 0, 128) in-process"}};
    bool any_skipped = false;
    for (const EnclosureRow& row : rows) {
        const Peers& p = row.peers;
        table.rows.push_back({std::to_string(row.K), std::to_string(2 * row.K - 2),
                              total_cell(row.convcert), cell(p.mpsolve_approx, 0, format_seconds),
                              cell(p.mpsolve_isolate, 0, format_seconds),
                              cell(p.pari, 0, format_seconds), cell(p.arb, 0, format_seconds),
                              ratio_cell(row.convcert, p.mpsolve_approx)});
        const std::string k = "K=" + std::to_string(row.K);
        note_problem(&table, k + " MPSolve -Ga", p.mpsolve_approx, options.timeout);
        note_problem(&table, k + " MPSolve -Gi", p.mpsolve_isolate, options.timeout);
        note_problem(&table, k + " PARI", p.pari, options.timeout);
        note_problem(&table, k + " Arb", p.arb, options.timeout);
        any_skipped = any_skipped || p.pari.status == Status::Skipped;
    }
    if (any_skipped)
        table.notes.push_back(
            "skipped: PARI and Arb run up to K = " + std::to_string(slow_peer_limit(options)) +
            " in " + mode_name(options) + " mode (--full runs them everywhere)");
    table.notes.push_back("short runs are repeated (up to 10 runs within 0.2 s): the fastest "
                          "is shown, for PARI the mean");
    return table;
}

const EnclosureRow* find_row(const std::vector<EnclosureRow>& rows, long K) {
    for (const EnclosureRow& row : rows)
        if (row.K == K) return &row;
    return nullptr;
}

std::string verdict_256(const EnclosureRow* row) {
    if (!row) return "K=256: not run";
    if (row->convcert.status != Status::Ok)
        return "K=256: convcert " + status_word(row->convcert) + ", no ratio (target <= 1)";
    const Outcome& mps = row->peers.mpsolve_approx;
    const double x = total_seconds(row->convcert);
    if (mps.status != Status::Ok)
        return "K=256: convcert generate+check " + format_seconds(x) + " s vs MPSolve " +
               status_word(mps) + ", no ratio (target <= 1)";
    const double y = mps.values[0];
    const double ratio = x / y;
    return "K=256: convcert generate+check " + format_seconds(x) + " s vs MPSolve approximation " +
           format_seconds(y) + " s → ratio " + format_ratio(ratio) +
           " (target <= 1): " + (ratio <= 1 ? "met" : "NOT met");
}

std::string verdict_1024(const EnclosureRow* row, const Options& options) {
    if (!row) return std::string("K=1024: not run") + (options.quick ? " (--quick)" : "");
    if (row->convcert.status != Status::Ok)
        return "K=1024: convcert " + status_word(row->convcert) + " (target < 60 s): NOT met";
    const double z = total_seconds(row->convcert);
    std::string line = "K=1024: generate+check " + format_seconds(z) +
                       " s (target < 60 s): " + (z < 60 ? "met" : "NOT met");
    if (row->peers.mpsolve_approx.status == Status::Ok)
        line += "; ratio to MPSolve approximation " +
                format_ratio(z / row->peers.mpsolve_approx.values[0]);
    return line;
}

std::string checker_line(const std::vector<EnclosureRow>& rows) {
    std::string line = "checker alone (JSON re-read + check):";
    for (const EnclosureRow& row : rows)
        line += " K=" + std::to_string(row.K) + " " + cell(row.convcert, 1, format_seconds) +
                (row.convcert.status == Status::Ok ? " s" : "") + ";";
    line.back() = '.';
    return line;
}

Table verdict_table(const std::vector<EnclosureRow>& rows, const Options& options) {
    Table table{"4. Verdict", {"target"}, {}, {}};
    table.rows.push_back({verdict_256(find_row(rows, 256))});
    table.rows.push_back({verdict_1024(find_row(rows, 1024), options)});
    table.rows.push_back({checker_line(rows)});
    return table;
}

/// The verdict is prose: one line each, not an aligned table.
std::string render_verdict_text(const Table& verdict) {
    std::ostringstream out;
    out << verdict.title << '\n' << std::string(display_width(verdict.title), '-') << '\n';
    for (const auto& row : verdict.rows)
        out << row[0] << '\n';
    return out.str();
}

std::string render_verdict_markdown(const Table& verdict) {
    std::ostringstream out;
    out << "### " << verdict.title << "\n\n";
    for (const auto& row : verdict.rows)
        out << "- " << row[0] << '\n';
    return out.str();
}

std::string header_line(const Options& options) {
    std::ostringstream out;
    out << "convcert bench_lemma: seed " << options.seed << ", mode " << mode_name(options) << ", "
        << options.digits << " digits, timeout " << format_integer(options.timeout)
        << " s per measurement, " << sysconf(_SC_NPROCESSORS_ONLN)
        << " CPUs; instances: 2 vectors, entries uniform in [-9, 9]";
    return out.str();
}

void write_report(const std::string& path, const std::string& header,
                  const std::vector<Table>& tables, const Table& verdict) {
    const bool markdown = path.size() >= 3 && path.compare(path.size() - 3, 3, ".md") == 0;
    std::ofstream out(path);
    if (!out) throw std::runtime_error("cannot write " + path);
    if (markdown) {
        out << "# " << header << "\n\n";
        for (const Table& t : tables)
            out << render_markdown(t) << '\n';
        out << render_verdict_markdown(verdict);
    } else {
        out << csv_line({header});
        for (const Table& t : tables)
            out << '\n' << render_csv(t);
        out << '\n' << render_csv(verdict);
    }
}

std::string make_temp_dir() {
    const char* base = std::getenv("TMPDIR");
    std::string templ = std::string(base && *base ? base : "/tmp") + "/bench_lemma.XXXXXX";
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    return templ;
}

int run(const Options& options) {
    const std::string header = header_line(options);
    std::cout << header << "\n\n" << std::flush;
    const std::string dir = make_temp_dir();
    const Table exact = exact_table(options);
    std::cout << render_text(exact) << '\n' << std::flush;
    const std::vector<EnclosureRow> rows = run_enclosure_and_peers(options, dir);
    std::filesystem::remove_all(dir);
    const Table enclosure = enclosure_table(rows, options);
    const Table peers = peer_table(rows, options);
    const Table verdict = verdict_table(rows, options);
    std::cout << render_text(enclosure) << '\n'
              << render_text(peers) << '\n'
              << render_verdict_text(verdict);
    if (!options.out.empty()) {
        write_report(options.out, header, {exact, enclosure, peers}, verdict);
        std::cout << "\nwritten to " << options.out << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "bench_lemma: " << e.what() << "\n\n" << kHelp;
        return 2;
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::cerr << "bench_lemma: " << e.what() << '\n';
        return 1;
    }
}
