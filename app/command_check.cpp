// `convcert check CERT.json...`: re-verifies certificates with the independent checker and
// prints one line per file. Exit 0 if all are valid, 2 if any file is unreadable or not JSON,
// else 1 if any is invalid, else 4 if any lies beyond the checker's resource limits.
#include "app/atomic_file.h"
#include "app/commands.h"
#include "certify/checker/checker.h"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace convcert::app {

namespace {

const char* kCheckHelp = R"HELP(usage: convcert check CERT.json...

Re-verifies each certificate from scratch with the independent checker kernel (exact
arithmetic, Boost.Multiprecision only) and prints one line per file: "FILE: valid (...)" or
"FILE: INVALID: <the first failed check>" or "FILE: undecided (resource limit): <the limit>".
Exit codes: 0 all valid, 1 some certificate is invalid, 2 usage error or a file that cannot be
read or is not JSON, 4 some certificate is beyond a documented resource limit (undecided).
)HELP";

constexpr std::size_t kMaxCertificateBytes = 256u << 20;

// "lemma-exact, K = 3", "regularizer-bracket, D = 8, K = 2, R = 1" or
// "network-collapse, D = 8, K = 2, 3 channels -> 1".
std::string certificate_summary(const Certificate& cert) {
    if (const auto& col = cert.collapse)
        return cert.kind + ", D = " + std::to_string(col->D) + ", K = " + std::to_string(col->K) +
               ", " + std::to_string(col->input.u.size()) + " channels -> 1";
    if (const auto& reg = cert.regularizer_claim)
        return cert.kind + ", D = " + std::to_string(reg->D) + ", K = " + std::to_string(reg->K) +
               ", R = " + std::to_string(reg->R);
    if (const auto& rank = cert.rank_claim)
        return cert.kind + ", R = " + std::to_string(rank->R) + ", D = " + std::to_string(rank->D) +
               ", rank >= " + std::to_string(rank->rank);
    if (const auto& mm = cert.maxmargin_claim)
        return cert.kind + ", D = " + std::to_string(mm->D) + ", K = " + std::to_string(mm->K) +
               ", R = " + std::to_string(mm->R) + ", " + std::to_string(mm->x.size()) + " samples";
    return cert.kind + ", K = " + std::to_string(cert.claim.K);
}

} // namespace

int command_check(const std::vector<std::string>& args) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kCheckHelp;
            return kExitOk;
        }
    std::vector<std::string> files;
    for (const auto& a : args) {
        if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert check: unknown option '" << a << "' (see --help)\n";
            return kExitUsage;
        }
        files.push_back(a);
    }
    if (files.empty()) {
        std::cerr << "convcert check: no certificate files (see --help)\n";
        return kExitUsage;
    }
    int status = kExitOk;
    for (const auto& path : files) {
        std::string text;
        try {
            text = file_read_all(path, kMaxCertificateBytes);
        } catch (const std::exception& e) {
            std::cout << path << ": unreadable: " << e.what() << "\n";
            status = kExitUsage;
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        CertificateReadResult read = certificate_from_json(text);
        if (read.syntax_error) {
            std::cout << path << ": malformed: " << read.error << "\n";
            status = kExitUsage;
            continue;
        }
        checker::Verdict verdict;
        if (!read.certificate)
            verdict = {false, read.error};
        else
            verdict = checker::check_certificate(*read.certificate);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (verdict.valid) {
            std::cout << path << ": valid (" << certificate_summary(*read.certificate) << ")\n";
        } else if (verdict.undecided) {
            std::cout << path << ": undecided (resource limit): " << verdict.reason << "\n";
            if (status == kExitOk) status = kExitUndecided;
        } else {
            std::cout << path << ": INVALID: " << verdict.reason << "\n";
            if (status == kExitOk || status == kExitUndecided) status = kExitInvalid;
        }
        std::cerr << "convcert check: " << path << " checked in " << seconds << " s\n";
    }
    return status;
}

} // namespace convcert::app
