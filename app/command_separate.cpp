// `convcert separate W.json --kernel K1xK2 [-o CERT.json]`: certifies that one channel is not
// enough for a 2-D signal (issue 18), R_{K,1}(w) >= L1 > U2 >= R_{K,2}(w), with a
// channel-separation certificate; exit 3 when no separation is proven (always so in 1-D).
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "regularizer/bracket.h"
#include "regularizer/input/regularizer_input.h"
#include "separation/channel_separation_attempt.h"
#include "support/atomic_file.h"
#include "support/grid_input.h"
#include "support/input_json.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <flint/fmpq_mat.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace convcert::app {

namespace {

const char* kSeparateHelp =
    R"HELP(usage: convcert separate W.json --kernel K1xK2 [-o CERT.json]

Tries to certify that in 2-D one channel is not enough (issue 18, MATH.md "Two-dimensional
signals"): R_{K,1}(w) >= L1 > U2 >= R_{K,2}(w) for the predictor w of W.json ("-" reads
stdin), a single-channel signal as for `convcert regularizer`:
  {"shape": [3, 3], "w": [[2, -2, -3], [3, 2, -1], [0, 1, -3]]}
R = 1 only, and the DFT cosines must be rational: lcm(D1, D2) (D in 1-D) in {1, 2, 3, 4, 6}.

U2 is the exact cost of a two-channel network realizing w: the 2-D regularizer bracket's
network when it has two channels, else two of its kernels polished with C = 2 and the exact
least-norm second layer. L1 is a branch and bound over the faces of the cube ||u||_inf = 1 of
the one-channel cost (docs/separation.md). If L1 > U2 the channel-separation certificate is
written and L1, U2 and the relative separation (L1 - U2)/U2 are printed; otherwise nothing is
written (exit 3), as when the bracket's network has one channel (then one channel reaches the
optimum: always in 1-D, by the Lemma, and at K = D; no branch and bound is run).

  --kernel K1xK2   kernel shape (required; a single K means KxK on a 2-D input)
  -o FILE          write the certificate to FILE (atomically) instead of standard output

Exit codes: 0 written, 2 usage error or bad input, 3 no separation proven.
)HELP";

struct SeparateArgs {
    std::string input, output;
    support::KernelSpec kernel;
    bool has_kernel = false;
};

bool separate_parse_args(const std::vector<std::string>& args, SeparateArgs& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-o" || a == "--output") {
            const std::string* v = argument_value(args, i, "separate", "-o");
            if (!v) return false;
            out.output = *v;
        } else if (a == "--kernel" || a == "-K") {
            const std::string* v = argument_value(args, i, "separate", "--kernel");
            if (!v) return false;
            try {
                out.kernel = support::kernel_spec_parse(*v, "--kernel");
            } catch (const support::InputError& e) {
                std::cerr << "convcert separate: " << e.what() << "\n";
                return false;
            }
            out.has_kernel = true;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert separate: unknown option '" << a << "' (see --help)\n";
            return false;
        } else if (out.input.empty()) {
            out.input = a;
        } else {
            std::cerr << "convcert separate: more than one input file\n";
            return false;
        }
    }
    if (out.input.empty() || !out.has_kernel) {
        std::cerr << "convcert separate: an input file and --kernel K1xK2 are required (see "
                     "--help)\n";
        return false;
    }
    return true;
}

/// The instance: w (R = 1, not zero) on a grid with rational DFT cosines. Throws
/// std::invalid_argument with one line otherwise.
struct SeparateInstance {
    Grid grid;
    support::FmpqMat W; ///< 1×D
    std::vector<support::Fmpq> w;
};

SeparateInstance separate_instance_read(const SeparateArgs& sa) {
    const auto inst = regularizer::regularizer_instance_from_json(
        file_read_bounded(sa.input, support::kMaxInputBytes), sa.kernel);
    if (inst.R != 1)
        throw std::invalid_argument("separate needs a single-channel signal (R = 1), got R = " +
                                    std::to_string(inst.R));
    const long L = grid_phase_modulus(inst.grid);
    if (L != 1 && L != 2 && L != 3 && L != 4 && L != 6)
        throw std::invalid_argument("lcm(D1, D2) = " + std::to_string(L) +
                                    " needs irrational DFT cosines (supported: 1, 2, 3, 4, 6)");
    SeparateInstance s{inst.grid, support::fmpq_mat_from_rows(inst.w, "w"), {}};
    s.w.resize(static_cast<std::size_t>(s.W.cols()));
    bool zero = true;
    for (slong j = 0; j < s.W.cols(); ++j) {
        fmpq_set(s.w[static_cast<std::size_t>(j)].x, fmpq_mat_entry(s.W.m, 0, j));
        zero = zero && fmpq_is_zero(s.w[static_cast<std::size_t>(j)].x);
    }
    if (zero) throw std::invalid_argument("w is zero: every R_{K,C}(0) = 0, nothing to separate");
    return s;
}

std::string decimal(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

double rational_double(const std::string& s) {
    support::Fmpq q;
    support::fmpq_set_string(q.x, s);
    return fmpq_get_d(q.x);
}

/// "D = 9 = 3x3, K = 4 = 2x2" (the factors only in 2-D).
std::string grid_text(const Grid& g) {
    std::string s = "D = " + std::to_string(grid_signal_size(g));
    if (g.dims == 2) s += " = " + std::to_string(g.D1) + "x" + std::to_string(g.D2);
    s += ", K = " + std::to_string(grid_kernel_size(g));
    if (g.dims == 2) s += " = " + std::to_string(g.K1) + "x" + std::to_string(g.K2);
    return s;
}

std::string bound_text(const separation::OneChannelBound& l1) {
    std::ostringstream o;
    o << "  R_{K,1}(w) >= L1 = " << l1.lower << " = " << decimal(l1.lower_double) << "  ("
      << l1.leaves.size() << " leaves, " << l1.nodes << " boxes; search "
      << decimal(l1.search_seconds) << " s, tree " << decimal(l1.tree_seconds)
      << " s; best one-channel cost found " << decimal(l1.best_cost) << ")\n";
    return o.str();
}

/// Exit 3 when the bracket's own network has one channel: it reaches the certified lower bound
/// of R_{K,C}(w) for every C within the bracket's gap, so no separation exists to be proven.
int separate_report_one_channel(const regularizer::RegularizerBracket& b, double seconds) {
    std::cout << "no separation proven (" << grid_text(b.grid)
              << "): one channel reaches the certified lower bound of R_{K,C}(w) for every C\n"
              << "  R_{K,C}(w) in [" << decimal(b.lower_double) << ", " << decimal(b.upper_double)
              << "] (relative gap " << decimal(b.relative_gap)
              << "); best one-channel cost found = U2 = " << decimal(b.upper_double) << "\n  "
              << decimal(seconds) << " s, nothing written\n";
    return kExitGeneratorFailed;
}

/// Exit 3 when L1 <= U2 (`why`: the certificate writer's message).
int separate_report_none(const Grid& g, const separation::OneChannelBound& l1,
                         const separation::SeparateNetwork& net, const std::string& why,
                         double seconds) {
    const std::string prefix = "no separation: ";
    const std::string reason = why.rfind(prefix, 0) == 0 ? why.substr(prefix.size()) : why;
    std::cout << "no separation proven (" << grid_text(g) << "): " << reason << "\n"
              << bound_text(l1) << "  R_{K,2}(w) <= U2 = " << decimal(fmpq_get_d(net.cost.x))
              << "  (network of " << net.u.rows() << " channels)\n  " << decimal(seconds)
              << " s, nothing written\n";
    return kExitGeneratorFailed;
}

} // namespace

int command_separate(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kSeparateHelp;
            return kExitOk;
        }
    SeparateArgs sa;
    if (!separate_parse_args(args, sa)) return kExitUsage;
    SeparateInstance in;
    try {
        in = separate_instance_read(sa);
    } catch (const std::exception& e) {
        std::cerr << "convcert separate: " << sa.input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    const support::Stopwatch watch;
    separation::ChannelSeparationAttempt at;
    try {
        const regularizer::RegularizerBracket b = regularizer::regularizer_bracket(in.W, in.grid);
        at = separation::channel_separation_attempt(b, in.w);
        if (at.one_channel) return separate_report_one_channel(b, watch.seconds());
    } catch (const std::exception& e) {
        std::cerr << "convcert separate: no separation: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    if (!at.separated)
        return separate_report_none(in.grid, at.bound, at.network, at.reason, watch.seconds());
    const Certificate& cert = at.certificate;
    const separation::OneChannelBound& l1 = at.bound;
    const separation::SeparateNetwork& net = at.network;
    const double seconds = watch.seconds();
    if (!support::output_write("separate", sa.output, certificate_to_json(cert))) return kExitUsage;
    const auto& claim = std::get<ChannelSeparationBody>(cert.body).claim;
    const double lo = rational_double(claim.lower_c1), up = rational_double(claim.upper_c2);
    std::ostream& out = sa.output.empty() ? std::cerr : std::cout;
    out << "channel separation (" << grid_text(in.grid) << "): R_{K,1}(w) >= L1 > U2 >= "
        << "R_{K,2}(w)\n"
        << bound_text(l1) << "  R_{K,2}(w) <= U2 = " << claim.upper_c2 << " = " << decimal(up)
        << "  (network of " << net.u.rows() << " channels, exact cost "
        << decimal(fmpq_get_d(net.cost.x)) << ")\n"
        << "  relative separation (L1 - U2)/U2 = " << decimal((lo - up) / up) << "\n  "
        << decimal(seconds) << " s" << (sa.output.empty() ? "" : ", written to " + sa.output)
        << "\n";
    return kExitOk;
}

} // namespace convcert::app
