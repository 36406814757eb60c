// `convcert demo [--out DIR]`: the README's first command. Factors two embedded instances
// (one exact, one enclosure), re-checks both certificates with the independent checker and
// prints what was proven.
#include "app/commands.h"
#include "certify/checker/checker.h"
#include "lemma/factor.h"
#include "lemma/factor_error.h"
#include "support/atomic_file.h"
#include "support/stopwatch.h"

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <sys/stat.h>

namespace convcert::app {

namespace {

// The issue's example (K = 3, two vectors) and a K = 24 instance for the enclosure method.
const char* kDemoExact = R"({"K": 3, "vectors": [[1, 2, -3], ["1/2", "0", "4"]]})";
const char* kDemoEnclosure =
    R"({"K": 24, "vectors": [[3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8, 9, -7, 9, 3, 2, -3, 8, 4, -6, 2, 6, 4],
                               [2, 7, -1, 8, 2, 8, -1, 8, 2, 8, 4, -5, 9, 0, 4, 5, -2, 3, 5, 3, 6, 0, -2, 8]]})";

int demo_one(const char* name, const char* json, lemma::FactorMethod method,
             const std::string& dir) {
    const support::Stopwatch clock;
    lemma::FactorOptions options;
    options.method = method;
    const Certificate cert =
        lemma::lemma_factor_certificate(lemma::lemma_instance_from_json(json), options);
    const double gen_s = clock.seconds();
    const std::string text = certificate_to_json(cert);
    const std::string path = dir + "/" + name + ".json";
    support::file_write_atomic(path, text);

    const support::Stopwatch check_clock;
    const CertificateReadResult read = certificate_from_json(text);
    const checker::Verdict verdict = read.certificate
                                         ? checker::check_certificate(*read.certificate)
                                         : checker::Verdict{false, read.error};
    const double check_s = check_clock.seconds();

    const auto* exact = std::get_if<LemmaExactBody>(&cert.body);
    const auto* enclosure = std::get_if<LemmaEnclosureBody>(&cert.body);
    const LemmaClaim& claim = exact ? exact->claim : enclosure->claim;
    std::cout << "== " << name << ": K = " << claim.K << ", " << claim.vectors.size()
              << " vectors, " << certificate_kind_name(cert) << " certificate -> " << path << "\n";
    const auto& decimals = exact ? exact->evidence.c_decimal : enclosure->evidence.c_decimal;
    std::cout << "   c ⋆ c = sum_i a_i ⋆ a_i with c =";
    for (std::size_t k = 0; k < decimals.size() && k < 4; ++k)
        std::cout << " " << decimals[k].substr(0, 22);
    if (decimals.size() > 4) std::cout << " ... (" << decimals.size() << " entries)";
    std::cout << "\n";
    if (exact)
        std::cout << "   c_k = P_k(α), α a real root of a degree-"
                  << exact->evidence.minpoly.size() - 1 << " integer polynomial\n";
    std::cout << "   generated in " << gen_s << " s; independent checker: "
              << (verdict.valid ? "VALID" : "INVALID: " + verdict.reason) << " (" << check_s
              << " s)\n";
    return verdict.valid ? kExitOk : kExitInvalid;
}

} // namespace

int command_demo(const std::vector<std::string>& args) {
    std::string dir = "convcert-demo";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout
                << "usage: convcert demo [--out DIR]\n\nFactors two embedded instances, writes "
                   "their certificates to DIR (default convcert-demo) and re-checks them.\n";
            return kExitOk;
        }
        if (args[i] == "--out" && i + 1 < args.size()) {
            dir = args[++i];
        } else {
            std::cerr << "convcert demo: unknown argument '" << args[i] << "'\n";
            return kExitUsage;
        }
    }
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
        std::cerr << "convcert demo: cannot create directory '" << dir << "'\n";
        return kExitUsage;
    }
    try {
        int status = demo_one("lemma-exact", kDemoExact, lemma::FactorMethod::Exact, dir);
        status = std::max(status, demo_one("lemma-enclosure", kDemoEnclosure,
                                           lemma::FactorMethod::Enclosure, dir));
        return status;
    } catch (const std::exception& e) {
        std::cerr << "convcert demo: " << e.what() << "\n";
        return kExitGeneratorFailed;
    }
}

} // namespace convcert::app
