// `convcert maxmargin DATA.json --kernel K|K1xK2 [-o CERT.json]`: certifies the value of the
// max-margin problem min { R_{K,C}(W) : y_i <W, x_i> >= 1 } (a maxmargin-bracket certificate),
// on the dataset's grid (1-D, or 2-D when it has a "shape").
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "data/dataset.h"
#include "data/dataset_grid.h"
#include "maxmargin/bracket.h"
#include "maxmargin/denominator.h"
#include "support/atomic_file.h"
#include "support/grid_input.h"
#include "support/input_json.h"

#include <cstdio>
#include <iostream>

namespace convcert::app {

namespace {

const char* kMaxmarginHelp =
    R"HELP(usage: convcert maxmargin DATA.json --kernel K|K1xK2 [-o CERT.json]

Certifies lower <= min { R_{K,C}(W) : y_i <W, x_i> >= 1 for every sample } <= upper for the
dataset DATA.json (convcert dataset writes one; MATH.md section 9). The SDP (the talk's full
formulation with margin constraints) is solved by SDPA; lower is sum_i alpha_i for exact
multipliers alpha >= 0 whose lambda = sum_i alpha_i y_i x_i satisfies 4I - T T^T >= 0 (valid for
every C); upper is the exact cost of a rational network realizing a rational W that meets every
margin exactly (valid for every C >= C0; C0 = 1 for single-channel 1-D inputs). A dataset with
"shape": [D1, D2] (convcert dataset mnist) gets 2-D circular convolutions with K1xK2 kernels;
--kernel K on such data means KxK, and the certificate carries "shape" and "kernel_shape".
`convcert check` re-verifies the certificate.
Exit codes: 0 written, 2 usage error or bad input, 3 no certificate could be built.
)HELP";

} // namespace

int command_maxmargin(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kMaxmarginHelp;
        return args.empty() ? kExitUsage : kExitOk;
    }
    std::string input = args[0], output;
    support::KernelSpec kernel;
    bool has_kernel = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string* v = argument_value(args, i, "maxmargin", a);
        if (!v) return kExitUsage;
        if (a == "-o" || a == "--output") {
            output = *v;
        } else if (a == "--kernel") {
            try {
                kernel = support::kernel_spec_parse(*v, "--kernel");
            } catch (const support::InputError& e) {
                std::cerr << "convcert maxmargin: " << e.what() << "\n";
                return kExitUsage;
            }
            has_kernel = true;
        } else {
            std::cerr << "convcert maxmargin: unknown option '" << a << "'\n";
            return kExitUsage;
        }
    }
    if (!has_kernel) {
        std::cerr << "convcert maxmargin: --kernel is required\n";
        return kExitUsage;
    }
    data::Dataset d;
    Grid g;
    try {
        d = data::data_dataset_from_json(file_read_bounded(input, 1L << 30));
        g = data::data_dataset_grid(d, kernel);
    } catch (const std::exception& e) {
        std::cerr << "convcert maxmargin: " << input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    Certificate cert;
    maxmargin::MaxmarginReport rep;
    try {
        cert = maxmargin::maxmargin_certificate_denominated(d, g, &rep);
    } catch (const std::exception& e) {
        std::cerr << "convcert maxmargin: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    char line[400];
    std::snprintf(line, sizeof line,
                  "convcert maxmargin: %.12g <= min R_{K,C} <= %.12g (relative gap %.2e, C0 = %ld; "
                  "SDP %.2f s, lower %.2f s, upper %.2f s)\n",
                  rep.lower_double, rep.upper_double, rep.relative_gap, rep.channels,
                  rep.sdp_seconds, rep.lower_seconds, rep.upper_seconds);
    std::cerr << line;
    return support::output_write("maxmargin", output, certificate_to_json(cert)) ? kExitOk
                                                                                 : kExitUsage;
}

} // namespace convcert::app
