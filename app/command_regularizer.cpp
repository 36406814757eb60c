// `convcert regularizer W.json|--npy W.npy --kernel K [-o CERT.json]`: brackets the induced
// regularizer R_{K,C}(w) between two certified rationals (a regularizer-bracket certificate).
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "regularizer/bracket.h"
#include "regularizer/input/regularizer_input.h"
#include "regularizer/input/regularizer_npy.h"
#include "regularizer/sdp/sdp_gram.h"
#include "regularizer/sdp/sdpa_format.h"
#include "support/atomic_file.h"
#include "support/grid_input.h"
#include "support/input_json.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace convcert::app {

namespace {

const char* kRegularizerHelp =
    R"HELP(usage: convcert regularizer W.json --kernel K [-o CERT.json] [--solver auto|sdpa]
                 [--write-sdpa FILE] [--write-sdpa-full FILE]
       convcert regularizer --npy W.npy --kernel K [options as above]

Certifies lower <= R_{K,C}(w) <= upper (MATH.md sections 3-8) for the predictor w of W.json
("-" reads stdin), single-channel inputs or R input channels:
  {"D": 8, "w": [1, -5, 3, 0, 0, 2, "1/2", "-0.25"]}
  {"R": 2, "D": 4, "w": [[1, 0, 2, 0], [0, 1, 0, "1/3"]]}
or 2-D signals (--kernel K1xK2; a single K means KxK), w flat row-major or as D1 rows:
  {"shape": [2, 3], "w": [[1, 0, 2], [0, -1, "1/3"]]}
Rationals are JSON integers or strings "p", "p/q", "-1.25".
--npy W.npy reads w from a NumPy file instead (float32/64 or integers, C order, each value
exactly): shape (D), (R, D1, D2), or two dimensions: one image (D1, D2) with --kernel K1xK2,
R 1-D signals (R, D) with --kernel K.

lower comes from a dual point lambda with 4I - T(lambda)T(lambda)^T >= 0 (verified exactly),
so it bounds R_{K,C}(w) for every C; upper is the exact cost of a one-channel rational
network that realizes w exactly (the spectral factor of the SDP's optimal autocorrelation,
with the least-norm second layer), so by the Theorem the bracket holds for every C >= 1. For R > 1 the network has C0 channels
(R <= C0 <= R*K, reported) and the upper bound holds for every C >= C0. In 2-D (D1 > 1) the
Lemma fails: the network has C0 channels (reported, C0 = rank of the SDP's Gram matrix after
polishing) and the upper bound holds for every C >= C0 only.

  --kernel K   kernel size, 1 <= K <= D (required); K1xK2 for 2-D inputs
  -o FILE      write the certificate to FILE (atomically) instead of standard output
  --solver S   auto (default): Newton on the reduction formula from ||w|| e_0 first, SDPA's
               reduced SDP when it does not converge (an optimum on the cone's boundary);
               sdpa: always SDPA's reduced SDP (then the same Newton refinement)
  --write-sdpa FILE       also write the reduced SDP (MATH.md section 6) in SDPA sparse format,
                          for cross-checking with any SDP solver (w scaled to unit norm:
                          R = -||w||_2 * optimal value; the file's comments say so)
                          (R > 1: the multi-channel reduced SDP, W scaled to unit norm)
                          (2-D: the Gram form, any R)
  --write-sdpa-full FILE  the same for the talk's full (K+D)-size formulation (1-D, R = 1)

Exit codes: 0 written, 2 usage error or bad input, 3 no certificate could be built.
)HELP";

struct RegularizerArgs {
    std::string input, output, sdpa_reduced, sdpa_full;
    support::KernelSpec kernel;
    bool has_kernel = false;
    bool npy = false; ///< input is a .npy file (--npy)
    regularizer::RegularizerSolver solver = regularizer::RegularizerSolver::Auto;
};

bool regularizer_parse_args(const std::vector<std::string>& args, RegularizerArgs& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& flag) {
            return argument_value(args, i, "regularizer", flag);
        };
        if (a == "-o" || a == "--output") {
            const std::string* v = value("-o");
            if (!v) return false;
            out.output = *v;
        } else if (a == "--write-sdpa" || a == "--write-sdpa-full") {
            const std::string* v = value(a.c_str());
            if (!v) return false;
            (a == "--write-sdpa" ? out.sdpa_reduced : out.sdpa_full) = *v;
        } else if (a == "--npy") {
            const std::string* v = value("--npy");
            if (!v) return false;
            if (!out.input.empty()) {
                std::cerr << "convcert regularizer: more than one input file\n";
                return false;
            }
            out.input = *v;
            out.npy = true;
        } else if (a == "--solver") {
            const std::string* v = value("--solver");
            if (!v) return false;
            if (*v == "auto") {
                out.solver = regularizer::RegularizerSolver::Auto;
            } else if (*v == "sdpa") {
                out.solver = regularizer::RegularizerSolver::Sdpa;
            } else {
                std::cerr << "convcert regularizer: --solver must be auto or sdpa\n";
                return false;
            }
        } else if (a == "--kernel" || a == "-K") {
            const std::string* v = value("--kernel");
            if (!v) return false;
            try {
                out.kernel = support::kernel_spec_parse(*v, "--kernel");
            } catch (const support::InputError& e) {
                std::cerr << "convcert regularizer: " << e.what() << "\n";
                return false;
            }
            out.has_kernel = true;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert regularizer: unknown option '" << a << "' (see --help)\n";
            return false;
        } else if (out.input.empty()) {
            out.input = a;
        } else {
            std::cerr << "convcert regularizer: more than one input file\n";
            return false;
        }
    }
    if (out.input.empty()) {
        std::cerr << "convcert regularizer: no input file (see --help)\n";
        return false;
    }
    if (!out.has_kernel) {
        std::cerr << "convcert regularizer: --kernel K is required (see --help)\n";
        return false;
    }
    return true;
}

std::string decimal(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
}

/// A rational for the terminal: in full when short, else its first digits.
std::string rational_short(const std::string& s) {
    return s.size() <= 40 ? s : s.substr(0, 24) + "...(" + std::to_string(s.size()) + " chars)";
}

/// "" in 1-D; " = D1xD2" (or " = K1xK2") on a 2-D grid.
std::string grid_factors(const Grid& g, bool kernel) {
    if (g.dims != 2) return "";
    return " = " + std::to_string(kernel ? g.K1 : g.D1) + "x" +
           std::to_string(kernel ? g.K2 : g.D2);
}

std::string report_text(const regularizer::RegularizerBracket& b, const Certificate& cert) {
    std::ostringstream o;
    o << "R_{K,C}(w) in [" << decimal(b.lower_double) << ", " << decimal(b.upper_double)
      << "]  for every C >= " << b.C0 << " (D = " << b.D << grid_factors(b.grid, false)
      << ", K = " << b.K << grid_factors(b.grid, true) << ")\n";
    if (b.grid.D1 > 1)
        o << "  2-D: the upper bound is a network of C0 = " << b.C0
          << " channels; in 2-D one channel is not always possible (no Fejer-Riesz Lemma)\n";
    o << "  lower = " << rational_short(std::get<RegularizerBody>(cert.body).claim.lower) << "  ("
      << regularizer::regularizer_dual_source_name(b.dual_source) << ")\n";
    o << "  upper = " << rational_short(std::get<RegularizerBody>(cert.body).claim.upper) << "  ("
      << regularizer::regularizer_kernel_source_name(b.kernel_source, b.R, b.solve.gram_source)
      << ")\n";
    o << "  relative gap " << decimal(b.relative_gap) << ", C0 = " << b.C0 << "\n";
    if (b.grid.D1 > 1)
        o << "  stages: sdp " << decimal(b.solve.sdp_seconds) << " s, barrier "
          << decimal(b.solve.barrier_seconds) << " s, lower (exact) " << decimal(b.lower_seconds)
          << " s, upper (kernels + exact v) " << decimal(b.upper_seconds) << " s (polish "
          << decimal(b.polish_seconds) << " s, " << b.network_attempts << " networks)\n";
    if (b.one_channel.tried)
        o << "  one channel (local search, " << b.one_channel.starts << " starts, "
          << decimal(b.one_channel_seconds) << " s): best cost " << decimal(b.one_channel.value)
          << ", " << (b.one_channel.reached ? "reached" : "did NOT reach")
          << " the lower bound within the gap (relative excess " << decimal(b.one_channel.gap)
          << ")\n";
    if (b.R > 1 || b.C0 > 1) {
        const std::string shape = b.grid.D1 > 1
                                      ? std::to_string(b.grid.K1) + "x" + std::to_string(b.grid.K2)
                                      : std::to_string(b.K);
        o << "  network: " << b.C0 << " kernels of " << b.R << "x" << shape << " and " << b.C0
          << " vectors v of " << b.D << grid_factors(b.grid, false)
          << " (in the certificate; v over a common denominator of " << b.denominator_bits
          << " bits)\n";
        return o.str();
    }
    const auto& u = std::get<RegularizerBody>(cert.body).evidence.u[0][0];
    o << "  network: u = [";
    for (std::size_t k = 0; k < u.size(); ++k)
        o << (k ? ", " : "") << rational_short(u[k]);
    o << "]\n";
    const auto& v = std::get<RegularizerBody>(cert.body).evidence.v[0];
    if (v.size() <= 8) {
        o << "           v = [";
        for (std::size_t i = 0; i < v.size(); ++i)
            o << (i ? ", " : "") << rational_short(v[i]);
        o << "]\n";
    } else {
        o << "           v = " << v.size() << " rationals, common denominator of "
          << b.denominator_bits << " bits (in the certificate)\n";
    }
    return o.str();
}

/// --write-sdpa and --write-sdpa-full; false (after a one-line message) on failure.
bool regularizer_write_sdp_files(const RegularizerArgs& ra, const support::FmpqMat& W,
                                 const Grid& g) {
    try {
        const auto wd = support::fmpq_mat_to_doubles(W);
        const long K = grid_kernel_size(g);
        if (!ra.sdpa_reduced.empty()) {
            std::ostringstream o;
            if (wd.size() == 1 && g.D1 == 1)
                regularizer::regularizer_sdpa_write_autocorrelation(o, wd[0], K);
            else
                regularizer::regularizer_sdpa_write(o,
                                                    regularizer::regularizer_sdp_data_gram(wd, g));
            support::file_write_atomic(ra.sdpa_reduced, o.str());
        }
        if (!ra.sdpa_full.empty()) {
            std::ostringstream o;
            regularizer::regularizer_sdpa_write_full(o, wd[0], K);
            support::file_write_atomic(ra.sdpa_full, o.str());
        }
    } catch (const std::exception& e) {
        std::cerr << "convcert regularizer: " << e.what() << "\n";
        return false;
    }
    return true;
}

} // namespace

int command_regularizer(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kRegularizerHelp;
            return kExitOk;
        }
    RegularizerArgs ra;
    if (!regularizer_parse_args(args, ra)) return kExitUsage;
    support::FmpqMat W; // the instance, converted once
    Grid grid;
    try {
        auto inst = ra.npy ? regularizer::regularizer_instance_from_npy(support::npy_read(ra.input),
                                                                        ra.kernel)
                           : regularizer::regularizer_instance_from_json(
                                 file_read_bounded(ra.input, support::kMaxInputBytes), ra.kernel);
        W = support::fmpq_mat_from_rows(inst.w, "w");
        grid = inst.grid;
    } catch (const std::exception& e) {
        std::cerr << "convcert regularizer: " << ra.input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    if ((W.rows() != 1 || grid.D1 != 1) && !ra.sdpa_full.empty()) {
        std::cerr << "convcert regularizer: --write-sdpa-full is for 1-D single-channel inputs "
                     "(R = 1)\n";
        return kExitUsage;
    }
    if (!regularizer_write_sdp_files(ra, W, grid)) return kExitUsage; // no solve needed
    const support::Stopwatch watch;
    regularizer::RegularizerBracket b;
    Certificate cert;
    try {
        b = regularizer::regularizer_bracket(W, grid, ra.solver);
        cert = regularizer::regularizer_bracket_certificate(b, W);
    } catch (const std::invalid_argument& e) {
        std::cerr << "convcert regularizer: " << e.what() << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "convcert regularizer: no certificate: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    const double seconds = watch.seconds();
    if (!support::output_write("regularizer", ra.output, certificate_to_json(cert)))
        return kExitUsage;
    // The report goes to stdout unless stdout carries the certificate.
    std::ostream& out = ra.output.empty() ? std::cerr : std::cout;
    out << report_text(b, cert) << "  " << decimal(seconds) << " s"
        << (ra.output.empty() ? "" : ", written to " + ra.output) << "\n";
    return kExitOk;
}

} // namespace convcert::app
