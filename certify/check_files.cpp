// The check command for both programs (see check_files.h).
#include "certify/check_files.h"

#include "certify/check_summary.h"
#include "certify/checker/checker.h"
#include "certify/file_read_bounded.h"

#include <chrono>
#include <new>

namespace convcert {

namespace {

const char* kCheckHelp = R"HELP( CERT.json...

Re-verifies each certificate from scratch with the independent checker kernel (exact
arithmetic, Boost.Multiprecision only) and prints one line per file: "FILE: valid (...)" with
the claim's key numbers, "FILE: INVALID: <the first failed check>", "FILE: undecided (resource
limit): <the limit>", or "FILE: malformed: ..." / "FILE: unreadable: ...".
Exit codes: 0 all valid, 1 some certificate is invalid, 2 usage error or a file that cannot be
read, is not JSON or exceeds a reading limit (docs/certificates.md), 4 some certificate is
beyond a documented resource limit of the checks (undecided).
)HELP";

int status_rank(int status) {
    switch (status) {
    case kCheckExitUnreadable:
        return 3;
    case kCheckExitInvalid:
        return 2;
    case kCheckExitUndecided:
        return 1;
    default:
        return 0;
    }
}

CheckOutcome outcome_of_verdict(const checker::Verdict& verdict, const Certificate* cert) {
    if (verdict.valid && cert) return {kCheckExitOk, "valid " + certificate_summary(*cert)};
    if (verdict.undecided)
        return {kCheckExitUndecided, "undecided (resource limit): " + verdict.reason};
    return {kCheckExitInvalid, "INVALID: " + verdict.reason};
}

CheckOutcome check_text_unguarded(const std::string& text) {
    CertificateReadResult read = certificate_from_json(text);
    if (read.syntax_error) return {kCheckExitUnreadable, "malformed: " + read.error};
    if (!read.certificate) return outcome_of_verdict({false, read.error}, nullptr);
    const checker::Verdict verdict = checker::check_certificate(*read.certificate);
    return outcome_of_verdict(verdict, &*read.certificate);
}

// The per-file work of check_command_run: one line to `out`, the time to `err`.
int check_file(const std::string& path, const std::string& program, std::ostream& out,
               std::ostream& err) {
    std::string text;
    try {
        text = file_read_bounded(path, kCheckMaxFileBytes);
    } catch (const std::exception& e) {
        out << path << ": unreadable: " << e.what() << "\n";
        return kCheckExitUnreadable;
    }
    const auto start = std::chrono::steady_clock::now();
    const CheckOutcome outcome = check_text(text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out << path << ": " << outcome.line << "\n" << std::flush;
    err << program << ": " << path << " checked in " << seconds << " s\n";
    return outcome.status;
}

} // namespace

CheckOutcome check_text(const std::string& text) {
    try {
        return check_text_unguarded(text);
    } catch (const std::bad_alloc&) {
        return {kCheckExitUnreadable, "malformed: too large: out of memory while reading it"};
    } catch (const std::exception& e) {
        return {kCheckExitUnreadable, std::string("malformed: ") + e.what()};
    }
}

int check_status_combine(int a, int b) {
    return status_rank(a) >= status_rank(b) ? a : b;
}

int check_command_run(const std::vector<std::string>& args, const std::string& program,
                      std::ostream& out, std::ostream& err) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            out << "usage: " << program << kCheckHelp;
            return kCheckExitOk;
        }
    std::vector<std::string> files;
    for (const auto& a : args) {
        if (!a.empty() && a[0] == '-' && a != "-") {
            err << program << ": unknown option '" << a << "' (see --help)\n";
            return kCheckExitUnreadable;
        }
        files.push_back(a);
    }
    if (files.empty()) {
        err << program << ": no certificate files (see --help)\n";
        return kCheckExitUnreadable;
    }
    int status = kCheckExitOk;
    for (const auto& path : files)
        status = check_status_combine(status, check_file(path, program, out, err));
    return status;
}

} // namespace convcert
