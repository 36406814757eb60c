// `convcert coq CERT.json [-o FILE.v]`: turns a certificate into a Coq instance proof that
// imports the library in proofs/ (logical name Convcert), dispatching by kind:
// regularizer-bracket and network-collapse (coqgen/coq_export_bracket.h), lemma-exact
// (coqgen/coq_export_lemma.h) and lemma-enclosure (coqgen/coq_export_lemma_general.h: from the
// general theorem FejerRiesz.sum_autocorr_factor), channel-separation
// (coqgen/coq_export_separation.h: Separation.separation_2d).
// The exporter does not run the checker: an invalid certificate gives a file that fails to
// compile, which is how the Coq side is tested against tampering. Input-controlled text never
// reaches the .v file unsanitized (the file name is cut to [A-Za-z0-9._-]; numbers are printed
// from parsed values), and every message is one line (coq_message_escape).
#include "app/arguments.h"
#include "app/commands.h"
#include "certify/certificate.h"
#include "certify/file_read_bounded.h"
#include "coqgen/coq_export_bracket.h"
#include "coqgen/coq_export_lemma.h"
#include "coqgen/coq_export_lemma_general.h"
#include "coqgen/coq_export_separation.h"
#include "coqgen/coq_text.h"
#include "support/atomic_file.h"

#include <iostream>
#include <type_traits>
#include <variant>

namespace convcert::app {

namespace {

const char* kCoqHelp = R"HELP(usage: convcert coq CERT.json [-o FILE.v] [--max-leaves N]

Writes a Coq instance proof of the certificate's claim. Its top theorem certificate_holds is
checked, in the project root after `make -C proofs`, by
  coqc -R proofs Convcert FILE.v
(FILE must be a Coq identifier: letters, digits, underscores). Kinds:
  regularizer-bracket  (every network realizing w costs >= lower) /\
                       (a network with C0 channels realizes w and costs <= upper); R >= 1,
                       also 2-D ("shape": [D1, D2], "kernel_shape": [K1, K2]): the same on
                       Z_D1 x Z_D2 (BracketGrid.bracket_2d, R > 1: bracket_multi_2d)
  network-collapse     both networks realize w, the exact costs, cost_out <= cost_in + slack
                       (R = 1; 2-D: BracketGrid.collapse_2d)
  lemma-exact          exists c : list R, length c = K /\ forall lag l,
                       (c * c)[l] = sum_i (a_i * a_i)[l] over the claim's vectors a_i
  lemma-enclosure      the lemma-exact statement, proven by the general theorem
                       FejerRiesz.sum_autocorr_factor (the enclosure is not used: the
                       checker verifies it)
  channel-separation   on Z_D1 x Z_D2: every one-channel network realizing w costs >= lower,
                       a two-channel network realizes w and costs <= upper_c2, and
                       upper_c2 < lower (Separation.separation_2d). lower is the claim's
                       lower_c1 when a box tree (centred second-order bound) proves it within
                       the leaf budget and boxes no narrower than 2^-30,
                       else a smaller value above upper_c2 (said in the file and on stderr);
                       the certificate's own leaves are not used
The certificate is not checked here: Coq checks it, and an invalid one fails to compile.

  -o FILE.v         write the proof to FILE.v (atomically) instead of standard output
  --max-leaves N    channel-separation: the box tree's leaf budget per attempted lower
                    bound (1 <= N <= 10000000; default 60000)

Exit codes: 0 written, 2 usage error or bad input, 3 no Coq proof for this kind.
)HELP";

constexpr std::size_t kMaxCertificateBytes = 256u << 20;

// The file's base name without directory, sanitized (for the header comment).
std::string coq_name(const std::string& input) {
    const std::size_t slash = input.find_last_of('/');
    return coqgen::coq_name_sanitize(slash == std::string::npos ? input : input.substr(slash + 1));
}

// Prints "convcert coq: MESSAGE" on one line (input-controlled parts escaped); returns code.
int coq_fail(const std::string& message, int code) {
    std::cerr << "convcert coq: " << coqgen::coq_message_escape(message, 400) << "\n";
    return code;
}

// A kind's Coq proof, or why it has none (refusal non-empty: exit 3).
struct CoqExport {
    std::string proof;
    std::string refusal;
};

CoqExport coq_refusal_no_counterpart(const Certificate& cert) {
    return {"", certificate_kind_name(cert) + " certificates have no Coq counterpart yet (proofs/ "
                                              "covers lemma-exact, lemma-enclosure, "
                                              "regularizer-bracket, network-collapse and "
                                              "channel-separation)"};
}

// The Coq export of each kind: one overload per body, so a kind without one is a compile error
// in command_coq's std::visit. Preconditions: `cert` holds `body`; `name` is sanitized.
CoqExport coq_export_of(const RegularizerBody&, const Certificate& cert, const std::string& name) {
    return {coqgen::coq_export_bracket(cert, name), ""};
}
CoqExport coq_export_of(const CollapseBody&, const Certificate& cert, const std::string& name) {
    return {coqgen::coq_export_collapse(cert, name), ""};
}
CoqExport coq_export_of(const LemmaExactBody&, const Certificate& cert, const std::string&) {
    return {coqgen::coq_export_lemma_exact(cert), ""};
}
CoqExport coq_export_of(const LemmaEnclosureBody&, const Certificate& cert, const std::string&) {
    return {coqgen::coq_export_lemma_enclosure(cert), ""};
}
CoqExport coq_export_of(const RankBody&, const Certificate& cert, const std::string&) {
    return coq_refusal_no_counterpart(cert);
}
CoqExport coq_export_of(const MaxmarginBody&, const Certificate& cert, const std::string&) {
    return coq_refusal_no_counterpart(cert);
}
CoqExport coq_export_of(const ChannelSeparationBody&, const Certificate& cert,
                        const std::string& name, std::size_t max_leaves) {
    coqgen::SeparationExportOptions options;
    options.max_leaves = max_leaves;
    const coqgen::SeparationExport e = coqgen::coq_export_separation(cert, name, options);
    if (e.lowered)
        std::cerr << "convcert coq: note: lower_c1 not reached within the leaf budget (or "
                     "the box-width limit 2^-30: lower_c1 above the true minimum); the file "
                     "proves lower = "
                  << e.lower << " (" << e.leaves << " leaves)\n";
    return {e.proof, ""};
}

} // namespace

int command_coq(const std::vector<std::string>& args) {
    std::string input, output;
    std::size_t max_leaves = coqgen::SeparationExportOptions{}.max_leaves;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << kCoqHelp;
            return kExitOk;
        }
        if (a == "--max-leaves") {
            const std::string* v = argument_value(args, i, "coq", "--max-leaves");
            long n = 0;
            if (!v || !argument_integer(*v, 1, 10000000, n, "coq",
                                        "--max-leaves needs an integer in [1, 10000000]"))
                return kExitUsage;
            max_leaves = static_cast<std::size_t>(n);
        } else if (a == "-o" || a == "--output") {
            const std::string* v = argument_value(args, i, "coq", "-o");
            if (!v) return kExitUsage;
            output = *v;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return coq_fail("unknown option '" + a + "' (see --help)", kExitUsage);
        } else if (input.empty()) {
            input = a;
        } else {
            return coq_fail("more than one input file", kExitUsage);
        }
    }
    if (input.empty()) {
        return coq_fail("no input file (see --help)", kExitUsage);
    }
    std::string text;
    try {
        text = file_read_bounded(input, kMaxCertificateBytes);
    } catch (const std::exception& e) {
        return coq_fail(e.what(), kExitUsage);
    }
    CertificateReadResult read = certificate_from_json(text);
    if (!read.certificate) return coq_fail(input + ": " + read.error, kExitUsage);
    const Certificate& cert = *read.certificate;
    CoqExport exported;
    try {
        exported = std::visit(
            [&](const auto& body) {
                if constexpr (std::is_same_v<std::decay_t<decltype(body)>, ChannelSeparationBody>)
                    return coq_export_of(body, cert, coq_name(input), max_leaves);
                else
                    return coq_export_of(body, cert, coq_name(input));
            },
            cert.body);
    } catch (const std::exception& e) {
        return coq_fail(input + ": " + e.what(), kExitUsage);
    }
    if (!exported.refusal.empty()) return coq_fail(exported.refusal, kExitGeneratorFailed);
    const std::string& proof = exported.proof;
    if (!support::output_write("coq", output, proof)) return kExitUsage;
    return kExitOk;
}

} // namespace convcert::app
