// `convcert coq CERT.json [-o FILE.v]`: turns a certificate into a Coq instance proof that
// imports the library in proofs/ (logical name Convcert), dispatching by kind:
// regularizer-bracket and network-collapse (coqgen/coq_export_bracket.h), lemma-exact
// (coqgen/coq_export_lemma.h, when built with it). lemma-enclosure has no Coq counterpart.
// The exporter does not run the checker: an invalid certificate gives a file that fails to
// compile, which is how the Coq side is tested against tampering.
#include "app/arguments.h"
#include "app/atomic_file.h"
#include "app/commands.h"
#include "certify/certificate.h"
#include "coqgen/coq_export_bracket.h"
#include "coqgen/coq_export_lemma.h"

#include <iostream>

namespace convcert::app {

namespace {

const char* kCoqHelp = R"HELP(usage: convcert coq CERT.json [-o FILE.v]

Writes a Coq instance proof of the certificate's claim. Its top theorem certificate_holds is
checked, in the project root after `make -C proofs`, by
  coqc -R proofs Convcert FILE.v
(FILE must be a Coq identifier: letters, digits, underscores). Kinds:
  regularizer-bracket  (every network realizing w costs >= lower) /\
                       (a network with C0 channels realizes w and costs <= upper); R >= 1
  network-collapse     both networks realize w, the exact costs, cost_out <= cost_in + slack
  lemma-exact          exists c : list R, length c = K /\ autocorr c = target
  lemma-enclosure      no Coq counterpart (exit 3)
The certificate is not checked here: Coq checks it, and an invalid one fails to compile.

  -o FILE.v    write the proof to FILE.v (atomically) instead of standard output

Exit codes: 0 written, 2 usage error or bad input, 3 no Coq proof for this kind.
)HELP";

constexpr std::size_t kMaxCertificateBytes = 256u << 20;

// The file's base name without directory and extension (for the header comment).
std::string coq_name(const std::string& input) {
    const std::size_t slash = input.find_last_of('/');
    return slash == std::string::npos ? input : input.substr(slash + 1);
}

} // namespace

int command_coq(const std::vector<std::string>& args) {
    std::string input, output;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kCoqHelp;
            return kExitOk;
        }
        if (a == "-o" || a == "--output") {
            const std::string* v = argument_value(args, i, "coq", "-o");
            if (!v) return kExitUsage;
            output = *v;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::cerr << "convcert coq: unknown option '" << a << "' (see --help)\n";
            return kExitUsage;
        } else if (input.empty()) {
            input = a;
        } else {
            std::cerr << "convcert coq: more than one input file\n";
            return kExitUsage;
        }
    }
    if (input.empty()) {
        std::cerr << "convcert coq: no input file (see --help)\n";
        return kExitUsage;
    }
    std::string text;
    try {
        text = file_read_all(input, kMaxCertificateBytes);
    } catch (const std::exception& e) {
        std::cerr << "convcert coq: " << e.what() << "\n";
        return kExitUsage;
    }
    CertificateReadResult read = certificate_from_json(text);
    if (!read.certificate) {
        std::cerr << "convcert coq: " << input << ": " << read.error << "\n";
        return kExitUsage;
    }
    const Certificate& cert = *read.certificate;
    std::string proof;
    try {
        if (cert.kind == kKindRegularizerBracket) {
            proof = coqgen::coq_export_bracket(cert, coq_name(input));
        } else if (cert.kind == kKindNetworkCollapse) {
            proof = coqgen::coq_export_collapse(cert, coq_name(input));
        } else if (cert.kind == kKindLemmaExact) {
            proof = coqgen::coq_export_lemma_exact(cert);
        } else if (cert.kind == kKindLemmaEnclosure) {
            std::cerr << "convcert coq: " << coqgen::kCoqLemmaEnclosureUnsupported << "\n";
            return kExitGeneratorFailed;
        } else if (cert.kind == kKindRankBound || cert.kind == kKindMaxmarginBracket) {
            std::cerr << "convcert coq: " << cert.kind
                      << " certificates have no Coq counterpart yet (proofs/ covers lemma-exact, "
                         "regularizer-bracket and network-collapse)\n";
            return kExitGeneratorFailed;
        } else {
            std::cerr << "convcert coq: " << input << ": unknown certificate kind '" << cert.kind
                      << "'\n";
            return kExitUsage;
        }
    } catch (const std::exception& e) {
        std::cerr << "convcert coq: " << input << ": " << e.what() << "\n";
        return kExitUsage;
    }
    if (!output_write("coq", output, proof)) return kExitUsage;
    return kExitOk;
}

} // namespace convcert::app
