// `convcert collapse NET.json [-o CERT.json]`: the collapse (MATH.md §3 for R = 1, and the
// matrix Fejér–Riesz section for R > 1) for one network. Reads a C-channel network with R input
// channels, builds a network with at most R channels realizing the same W at no higher cost
// (2-D: fewer channels than the input, through the regularizer bracket's network), re-verifies
// the network-collapse certificate with the independent checker, and writes it atomically (with
// --npz-out, both files or neither).
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/checker/checker.h"
#include "certify/file_read_bounded.h"
#include "regularizer/collapse.h"
#include "regularizer/collapse_npz.h"
#include "support/atomic_file.h"
#include "support/input_json.h"
#include "support/npz_read.h"

#include <iostream>
#include <sstream>

namespace convcert::app {

namespace {

const char* kCollapseHelp = R"HELP(usage: convcert collapse NET.json [-o CERT.json]
       convcert collapse --npz NET.npz [-o CERT.json] [--npz-out OUT.npz]

Collapses a C-channel two-layer linear CNN with R input channels to at most R channels (fewer
when rank W allows) that realize the same linear predictor W[r] = sum_c u_c[r] * v_c at a cost
sum ||u||² + ||v||² at most the input's (MATH.md section 3 for R = 1; for R > 1 the matrix
Fejér–Riesz theorem, MATH.md). NET.json ("-" reads stdin):
  {"D": 4, "K": 2, "R": 1, "u": [[1, 2], ["1/2", "-1"]], "v": [[1, 0, 0, 1], [0, 1, "0.5", 0]]}
  {"D": 3, "K": 2, "R": 2, "u": [[[1, 2], [0, 1]], ...], "v": [[1, 0, 2], ...]}
A kernel is a list of K rationals when R = 1 ("R" may be omitted), R lists of K otherwise.
Rationals are JSON integers or strings "p", "p/q", "-1.25".

2-D networks (images, circular Conv2d) give "shape": [D1, D2] and "kernel_shape": [K1, K2]
instead of "D" and "K"; a kernel row is K1*K2 rationals (row-major) or K1 rows of K2, each v
D1*D2 rationals or D1 rows of D2:
  {"shape": [3, 3], "kernel_shape": [2, 2], "u": [[[1, 2], [0, 1]], ...], "v": [...]}
In 2-D the Fejér–Riesz Lemma fails and one channel is not always possible: the construction
is the regularizer bracket's network for W (C0 channels, cost within the bracket's gap of
the optimum for C >= C0) or an exact merge of dependent kernels, whichever has fewer channels.
It is written only when it has fewer channels than the input; its slack is
max(0, its cost - cost_in) (positive when the input is cheaper than the bracket's network,
i.e. itself within the bracket's gap of optimal). Otherwise nothing is written and the
command exits with 3 ("no collapse: ...").

The output is a network-collapse certificate (docs/certificates.md) holding both networks, W,
both exact costs and a slack s: it claims cost_out <= cost_in + s, with s = 0 unless the input
is already optimal (or, for R > 1, within double precision of it) and its optimum needs
irrational kernels (2-D: see above). The certificate is re-checked by the independent
checker before it is written.

  --npz FILE   read the network from a NumPy .npz archive (numpy.savez or savez_compressed,
               e.g. convcert.npz.network_save) with arrays "u" and "v": u (C, R, K) with
               v (C, D), or u (C, R, K1, K2) or (C, K1, K2) with v (C, D1, D2); integer or
               float arrays, every float kept exactly (a dyadic rational)
  -o FILE      write the certificate to FILE (atomically) instead of standard output
  --npz-out FILE  also write the collapsed network to FILE (.npz, float64 arrays "u" and "v"
               in the input's layout, readable by convcert.npz.network_load), each exact value
               rounded to the nearest double; the summary says how many values were rounded
               (the certificate holds the exact network). With -o, both files are
               written or neither (a failed write leaves no file); FILE must differ from -o's

Exit codes: 0 written, 2 usage error or bad input, 3 no certificate could be built or (2-D)
no collapse: no construction has fewer channels than the input.
)HELP";

struct CollapseArgs {
    std::string input, output, npz_out;
    bool npz = false; ///< input is an .npz archive
};

// Returns false (after printing a message) on a usage error.
bool collapse_parse_args(const std::vector<std::string>& args, CollapseArgs& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-o" || a == "--output") {
            const std::string* v = argument_value(args, i, "collapse", "-o");
            if (!v) return false;
            out.output = *v;
        } else if (a == "--npz-out") {
            const std::string* v = argument_value(args, i, "collapse", "--npz-out");
            if (!v) return false;
            out.npz_out = *v;
        } else if (a == "--npz") {
            const std::string* v = argument_value(args, i, "collapse", "--npz");
            if (!v) return false;
            if (!out.input.empty()) {
                std::cerr << "convcert collapse: more than one input file\n";
                return false;
            }
            out.input = *v;
            out.npz = true;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert collapse: unknown option '" << a << "' (see --help)\n";
            return false;
        } else if (out.input.empty() && !out.npz) {
            out.input = a;
        } else {
            std::cerr << "convcert collapse: more than one input file\n";
            return false;
        }
    }
    if (out.input.empty()) {
        std::cerr << "convcert collapse: no input file (see --help)\n";
        return false;
    }
    if (!out.output.empty() && out.output == out.npz_out) {
        std::cerr << "convcert collapse: -o and --npz-out name the same file\n";
        return false;
    }
    return true;
}

// "cost 27 -> 10.0007 (saving 16.99, 62.9%)" or "... (slack 7.3e-12)"; 2-D networks say why
// the slack is positive and that one channel is not always possible.
std::string collapse_summary(const regularizer::CollapseResult& r, bool two_d) {
    std::ostringstream s;
    s.precision(10);
    s << "C = " << r.channels << " -> " << r.channels_out << ", cost_in " << r.cost_in
      << ", cost_out " << r.cost_out;
    s.precision(4);
    if (r.slack > 0 && two_d)
        s << " (slack " << r.slack
          << ": the bracket's network costs more than the input, which is within the bracket's "
             "gap of optimal)";
    else if (r.slack > 0)
        s << " (slack " << r.slack << ": the input is already optimal or nearly so)";
    else
        s << " (saving " << r.cost_in - r.cost_out << ", "
          << (r.cost_in > 0 ? 100 * (r.cost_in - r.cost_out) / r.cost_in : 0.0) << "%)";
    s << "; " << r.source;
    if (r.bits > 0) s << " rounded to " << r.bits << " bits";
    s.precision(3);
    s << ", " << r.tried << " network(s) tried, " << r.seconds << " s";
    if (two_d && r.channels_out > 1) s << "; one channel is not always possible in 2-D";
    return s.str();
}

// Writes the certificate (to standard output without -o) and the --npz-out network: both files
// or neither (support::files_write_atomic), standard output only once the files are written.
// On failure prints one line and returns false.
bool collapse_outputs_write(const CollapseArgs& ca, const std::string& certificate,
                            const std::string& npz) {
    std::vector<support::FileText> files;
    if (!ca.output.empty()) files.push_back({ca.output, certificate});
    if (!ca.npz_out.empty()) files.push_back({ca.npz_out, npz});
    try {
        support::files_write_atomic(files);
    } catch (const std::exception& e) {
        std::cerr << "convcert collapse: " << e.what() << "\n";
        return false;
    }
    return ca.output.empty() ? support::output_write("collapse", "", certificate) : true;
}

} // namespace

int command_collapse(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kCollapseHelp;
            return kExitOk;
        }
    CollapseArgs ca;
    if (!collapse_parse_args(args, ca)) return kExitUsage;
    regularizer::NetworkInstance net;
    try {
        net = ca.npz ? regularizer::network_instance_from_npz(
                           support::npz_parse(file_read_bounded(ca.input, support::kNpyMaxBytes)))
                     : regularizer::network_instance_from_json(
                           file_read_bounded(ca.input, support::kMaxInputBytes));
    } catch (const std::exception& e) {
        std::cerr << "convcert collapse: " << ca.input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    regularizer::CollapseResult result;
    try {
        result = regularizer::regularizer_collapse(net);
    } catch (const regularizer::CollapseNotReduced& e) {
        std::cerr << "convcert collapse: " << e.what() << "\n";
        return kExitGeneratorFailed;
    } catch (const std::exception& e) {
        std::cerr << "convcert collapse: no certificate: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    const checker::Verdict verdict = checker::check_certificate(result.certificate);
    if (!verdict.valid) {
        std::cerr << "convcert collapse: internal error: the certificate fails the checker: "
                  << verdict.reason << "\n";
        return kExitGeneratorFailed;
    }
    long rounded = 0;
    std::string npz;
    if (!ca.npz_out.empty()) {
        try {
            npz = regularizer::collapse_network_npz(
                result.network, regularizer::network_instance_grid(net), net.R, rounded);
        } catch (const std::exception& e) {
            std::cerr << "convcert collapse: " << e.what() << "\n";
            return kExitGeneratorFailed;
        }
    }
    if (!collapse_outputs_write(ca, certificate_to_json(result.certificate), npz))
        return kExitUsage;
    // The summary goes to standard output unless the certificate does.
    std::ostream& out = ca.output.empty() ? std::cerr : std::cout;
    out << "convcert collapse: "
        << collapse_summary(result, regularizer::network_instance_is_2d(net))
        << (ca.output.empty() ? "" : ", written to " + ca.output)
        << (ca.npz_out.empty() ? ""
                               : ", network to " + ca.npz_out + " (" + std::to_string(rounded) +
                                     " value(s) rounded to the nearest double)")
        << "\n";
    return kExitOk;
}

} // namespace convcert::app
