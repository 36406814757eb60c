// `convcert factor INPUT.json [-o CERT.json] [--method exact|enclosure|auto] [--digits N]`:
// reads a Lemma instance, builds a certificate with the untrusted generator, writes it.
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/file_read_bounded.h"
#include "lemma/factor.h"
#include "lemma/factor_error.h"
#include "support/atomic_file.h"
#include "support/input_json.h"
#include "support/stopwatch.h"

#include <iostream>
#include <variant>

namespace convcert::app {

namespace {

const char* kFactorHelp =
    R"HELP(usage: convcert factor INPUT.json [-o CERT.json] [--method exact|enclosure|auto] [--digits N]

Builds a certificate that some c in R^K satisfies c * c = sum_i a_i * a_i (aperiodic
autocorrelations; MATH.md section 2) for the vectors a_i of INPUT.json ("-" reads stdin):
  {"K": 3, "vectors": [[1, 2, -3], ["1/2", "0", "4"]]}
Rationals are JSON integers or strings "p", "p/q", "-1.25".

  -o FILE      write the certificate to FILE (atomically) instead of standard output
  --method M   exact: c_k as polynomials in one real algebraic number (small K);
               enclosure: a rational box proven to hold exactly one c (any K);
               auto (default): exact for effective length <= 6, enclosure beyond
  --digits N   decimal digits of c in the certificate (30 <= N <= 10000, default 30)

Exit codes: 0 written, 2 usage error or bad input, 3 no certificate could be built.
)HELP";

struct FactorArgs {
    std::string input, output;
    lemma::FactorOptions options;
};

// Returns false (after printing a message) on a usage error.
bool factor_parse_args(const std::vector<std::string>& args, FactorArgs& out) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& flag) {
            return argument_value(args, i, "factor", flag);
        };
        if (a == "-o" || a == "--output") {
            const std::string* v = value("-o");
            if (!v) return false;
            out.output = *v;
        } else if (a == "--method") {
            const std::string* v = value("--method");
            if (!v) return false;
            out.options.method = lemma::factor_method_from_string(*v);
        } else if (a == "--digits") {
            const std::string* v = value("--digits");
            if (!v) return false;
            long n = 0;
            if (!argument_integer(*v, 30, 10000, n, "factor",
                                  "--digits must be an integer from 30 to 10000"))
                return false;
            out.options.digits = n;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert factor: unknown option '" << a << "' (see --help)\n";
            return false;
        } else if (out.input.empty()) {
            out.input = a;
        } else {
            std::cerr << "convcert factor: more than one input file\n";
            return false;
        }
    }
    if (out.input.empty()) {
        std::cerr << "convcert factor: no input file (see --help)\n";
        return false;
    }
    return true;
}

} // namespace

int command_factor(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kFactorHelp;
            return kExitOk;
        }
    FactorArgs fa;
    try {
        if (!factor_parse_args(args, fa)) return kExitUsage;
    } catch (const support::InputError& e) {
        std::cerr << "convcert factor: " << e.what() << "\n";
        return kExitUsage;
    }
    lemma::LemmaInstance instance;
    try {
        instance =
            lemma::lemma_instance_from_json(file_read_bounded(fa.input, support::kMaxInputBytes));
    } catch (const std::exception& e) {
        std::cerr << "convcert factor: " << fa.input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    const support::Stopwatch clock;
    Certificate cert;
    try {
        cert = lemma::lemma_factor_certificate(instance, fa.options);
    } catch (const support::InputError& e) {
        std::cerr << "convcert factor: " << e.what() << "\n";
        return kExitUsage;
    } catch (const lemma::FactorError& e) {
        std::cerr << "convcert factor: no certificate: " << e.what() << "\n";
        return kExitGeneratorFailed;
    } catch (const std::exception& e) {
        std::cerr << "convcert factor: internal error: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
    const double seconds = clock.seconds();
    if (!support::output_write("factor", fa.output, certificate_to_json(cert))) return kExitUsage;
    const auto* exact = std::get_if<LemmaExactBody>(&cert.body);
    const auto* enclosure = std::get_if<LemmaEnclosureBody>(&cert.body);
    const LemmaClaim& claim = exact ? exact->claim : enclosure->claim;
    std::cerr << "convcert factor: " << certificate_kind_name(cert)
              << " certificate, K = " << claim.K << ", " << claim.vectors.size() << " vector(s)";
    if (exact) std::cerr << ", field degree " << (exact->evidence.minpoly.size() - 1);
    if (enclosure) {
        const std::string& r = enclosure->evidence.radius;
        std::cerr << ", box radius " << (r.size() <= 48 ? r : r.substr(0, 20) + "...");
    }
    std::cerr << ", " << seconds << " s" << (fa.output.empty() ? "" : ", written to " + fa.output)
              << "\n";
    return kExitOk;
}

} // namespace convcert::app
