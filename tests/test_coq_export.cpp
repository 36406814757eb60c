// Tests of what untrusted text can reach a file written by `convcert coq` (issue 11): the
// input file's name is cut to [A-Za-z0-9._-], a certificate string that is not a number is
// refused with a one-line message and no output file, and numbers are printed from their
// parsed values. Library calls (coqgen) and the binary (CONVCERT_BINARY) on the shipped
// examples, each with one field replaced by a Coq-command payload.
#include "certify/certificate.h"
#include "coqgen/coq_export_bracket.h"
#include "coqgen/coq_export_lemma.h"
#include "coqgen/coq_export_lemma_general.h"
#include "coqgen/coq_export_separation.h"
#include "coqgen/coq_text.h"
#include "tests/cli_run.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace convcert;

namespace {

// Closes a comment, adds an axiom, opens a string and a comment; starts with a digit.
const std::string kPayload = "1)) . Axiom cheat : False. (* \"\n*) Check cheat.";

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("coq-export");
    return dir;
}

Certificate example_read(const std::string& name) {
    const std::string text =
        tests::cli_file_read(fs::path(CONVCERT_SOURCE_DIR) / "examples" / (name + ".json"));
    CertificateReadResult read = certificate_from_json(text);
    REQUIRE(read.certificate);
    return *read.certificate;
}

// The exporter convcert coq uses for the certificate's kind (the name goes to the header).
std::string coq_export(const Certificate& cert, const std::string& name) {
    const CertificateKind kind = certificate_kind(cert);
    if (kind == CertificateKind::LemmaExact) return coqgen::coq_export_lemma_exact(cert);
    if (kind == CertificateKind::LemmaEnclosure) return coqgen::coq_export_lemma_enclosure(cert);
    if (kind == CertificateKind::NetworkCollapse) return coqgen::coq_export_collapse(cert, name);
    return coqgen::coq_export_bracket(cert, name);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

using Mutation = std::pair<std::string, std::function<void(Certificate&)>>;

// One mutation per string field of the certificate (generator.method included; the kind is
// not a string of the model, see kind_in_text).
std::vector<Mutation> mutations_of(CertificateKind kind) {
    std::vector<Mutation> m = {
        {"generator.method", [](Certificate& c) { c.generator_method = kPayload; }}};
    if (kind == CertificateKind::LemmaExact) {
        m.push_back({"vectors", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).claim.vectors[0][0] = kPayload;
                     }});
        m.push_back({"target", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).claim.target[1] = kPayload;
                     }});
        m.push_back({"minpoly", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).evidence.minpoly[0] = kPayload;
                     }});
        m.push_back({"interval.lo", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).evidence.interval_lo = kPayload;
                     }});
        m.push_back({"interval.hi", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).evidence.interval_hi = kPayload;
                     }});
        m.push_back({"c", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).evidence.c[1][0] = kPayload;
                     }});
        m.push_back({"c_decimal", [](Certificate& c) {
                         std::get<LemmaExactBody>(c.body).evidence.c_decimal[0] = kPayload;
                     }});
    } else if (kind == CertificateKind::LemmaEnclosure) {
        m.push_back({"vectors", [](Certificate& c) {
                         std::get<LemmaEnclosureBody>(c.body).claim.vectors[1][2] = kPayload;
                     }});
        m.push_back({"target", [](Certificate& c) {
                         std::get<LemmaEnclosureBody>(c.body).claim.target[1] = kPayload;
                     }});
        m.push_back({"center", [](Certificate& c) {
                         std::get<LemmaEnclosureBody>(c.body).evidence.center[0] = kPayload;
                     }});
        m.push_back({"radius", [](Certificate& c) {
                         std::get<LemmaEnclosureBody>(c.body).evidence.radius = kPayload;
                     }});
        m.push_back({"c_decimal", [](Certificate& c) {
                         std::get<LemmaEnclosureBody>(c.body).evidence.c_decimal[0] = kPayload;
                     }});
    } else if (kind == CertificateKind::RegularizerBracket) {
        m.push_back({"w", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).claim.w[0][1] = kPayload;
                     }});
        m.push_back({"lower", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).claim.lower = kPayload;
                     }});
        m.push_back({"upper", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).claim.upper = kPayload;
                     }});
        m.push_back({"lambda", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).evidence.lambda[0][0] = kPayload;
                     }});
        m.push_back({"u", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).evidence.u[0][0][0] = kPayload;
                     }});
        m.push_back({"v", [](Certificate& c) {
                         std::get<RegularizerBody>(c.body).evidence.v[0][0] = kPayload;
                     }});
    } else {
        m.push_back(
            {"w", [](Certificate& c) { std::get<CollapseBody>(c.body).claim.w[0][0] = kPayload; }});
        m.push_back({"input.u", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.input.u[0][0][0] = kPayload;
                     }});
        m.push_back({"input.v", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.input.v[0][0] = kPayload;
                     }});
        m.push_back({"output.u", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.output.u[0][0][0] = kPayload;
                     }});
        m.push_back({"output.v", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.output.v[0][0] = kPayload;
                     }});
        m.push_back({"cost_in", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.cost_in = kPayload;
                     }});
        m.push_back({"cost_out", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.cost_out = kPayload;
                     }});
        m.push_back({"slack", [](Certificate& c) {
                         std::get<CollapseBody>(c.body).claim.slack = kPayload;
                     }});
    }
    return m;
}

// `json` with its "kind" value replaced by the payload (a JSON string, escaped).
std::string kind_in_text(std::string json) {
    std::string escaped;
    for (const char ch : kPayload)
        escaped += ch == '"'    ? std::string("\\\"")
                   : ch == '\n' ? std::string("\\n")
                                : std::string(1, ch);
    const std::size_t at = json.find("\"kind\": \"");
    REQUIRE(at != std::string::npos);
    const std::size_t from = at + 8, to = json.find('"', from + 1); // the value's quotes
    return json.replace(from, to + 1 - from, "\"" + escaped + "\"");
}

// The shipped examples of the four exported kinds, each with one field made hostile. The
// "kind" field exists only in the text (`json`): a Certificate's kind is its body's type.
struct Hostile {
    std::string label; // "example: field"
    bool ignored;      // the field never reaches the file (the others are refused)
    Certificate cert;
    std::string json;       // the file convcert coq reads
    bool text_only = false; // `cert` is not the hostile one: only `json` is
};

std::vector<Hostile> hostile_certificates() {
    std::vector<Hostile> out;
    for (const std::string example :
         {"lemma-exact", "lemma-enclosure", "regularizer-bracket", "network-collapse"}) {
        const Certificate original = example_read(example);
        for (const auto& [field, mutate] : mutations_of(certificate_kind(original))) {
            // lemma-enclosure's statement reads only K and the vectors
            const bool unread =
                example == "lemma-enclosure" && field != "vectors" && field != "generator.method";
            Hostile h{example + ": " + field,
                      field == "generator.method" || field == "c_decimal" || unread, original, ""};
            mutate(h.cert);
            h.json = certificate_to_json(h.cert);
            out.push_back(h);
        }
        out.push_back({example + ": kind", false, original,
                       kind_in_text(certificate_to_json(original)), true});
    }
    return out;
}

} // namespace

TEST_CASE("coq_name_sanitize keeps only [A-Za-z0-9._-]", "[coq]") {
    CHECK(coqgen::coq_name_sanitize("bracket_d8-k2.v1.json") == "bracket_d8-k2.v1.json");
    CHECK(coqgen::coq_name_sanitize("x*) Axiom a : False. (*\n\".json") ==
          "x___Axiom_a___False._____.json");
    CHECK(coqgen::coq_name_sanitize("").empty());
    CHECK(coqgen::coq_name_sanitize(std::string(200, 'a')) ==
          std::string(coqgen::kCoqNameMax, 'a'));
    for (int b = 0; b < 256; ++b) {
        const char ch = static_cast<char>(b);
        const bool keep = std::isalnum(b) || ch == '.' || ch == '_' || ch == '-';
        CHECK(coqgen::coq_name_sanitize(std::string(1, ch)) == (keep ? std::string(1, ch) : "_"));
    }
}

TEST_CASE("coq_message_escape gives one printable line", "[coq]") {
    CHECK(coqgen::coq_message_escape("a\nb\"c\x01\xff") == "a\\x0ab\"c\\x01\\xff");
    CHECK(coqgen::coq_message_escape("abcdef", 3) == "abc...");
    CHECK(coqgen::coq_message_escape("abc", 3) == "abc");
}

TEST_CASE("a hostile name reaches the header only sanitized", "[coq]") {
    const std::string hostile = "x*) Axiom cheat : False. (*\n\"(*.json";
    for (const std::string example : {"regularizer-bracket", "network-collapse"}) {
        INFO(example);
        const Certificate cert = example_read(example);
        const std::string text = coq_export(cert, hostile);
        CHECK(text == coq_export(cert, coqgen::coq_name_sanitize(hostile)));
        CHECK_FALSE(contains(text, "Axiom cheat"));
        CHECK_FALSE(contains(text, "\""));
        CHECK(text.substr(0, text.find('\n')) ==
              "(* convcert coq: Coq instance proof of the " + certificate_kind_name(cert) +
                  " certificate x___Axiom_cheat___False._______.json");
    }
}

TEST_CASE("the exporters refuse a payload in every number field, one line", "[coq]") {
    for (const Hostile& h : hostile_certificates()) {
        if (h.text_only) continue;
        INFO(h.label);
        bool refused = false;
        std::string text;
        try {
            text = coq_export(h.cert, "name");
        } catch (const std::runtime_error& e) {
            refused = true;
            CHECK_FALSE(contains(e.what(), "\n"));
        }
        CHECK_FALSE(contains(text, "Axiom cheat"));
        CHECK(refused == !h.ignored);
    }
}

TEST_CASE("convcert coq: a payload in any field exits 2, one line, no file", "[coq]") {
    const fs::path in = scratch() / "hostile.json", out = scratch() / "hostile.v";
    for (const Hostile& h : hostile_certificates()) {
        INFO(h.label);
        fs::remove(out);
        tests::cli_file_write(in, h.json);
        const tests::CliRun r =
            tests::cli_run(scratch(), "coq " + in.string() + " -o " + out.string());
        INFO(r.err);
        if (h.ignored) {
            CHECK(r.exit_code == 0);
            CHECK_FALSE(contains(tests::cli_file_read(out), "Axiom cheat"));
        } else {
            CHECK(r.exit_code == 2);
            CHECK(tests::cli_count_lines(r.err) == 1);
            CHECK_FALSE(fs::exists(out));
        }
    }
}

TEST_CASE("convcert coq: a hostile file name is written sanitized", "[coq]") {
    // no single quote: the name is passed through the shell in single quotes
    const std::string name = "x*) Axiom cheat : False. (*\n\"(*.json";
    const fs::path in = scratch() / name, out = scratch() / "named.v";
    tests::cli_file_write(in, tests::cli_file_read(fs::path(CONVCERT_SOURCE_DIR) / "examples" /
                                                   "regularizer-bracket.json"));
    const tests::CliRun r =
        tests::cli_run(scratch(), "coq '" + in.string() + "' -o " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string text = tests::cli_file_read(out);
    CHECK_FALSE(contains(text, "Axiom cheat"));
    CHECK_FALSE(contains(text, "\""));
    CHECK(contains(text, "certificate x___Axiom_cheat___False._______.json\n"));
    // a bad certificate under that name: the message stays on one line
    tests::cli_file_write(in, "{");
    const tests::CliRun bad = tests::cli_run(scratch(), "coq '" + in.string() + "'");
    CHECK(bad.exit_code == 2);
    CHECK(tests::cli_count_lines(bad.err) == 1);
}

TEST_CASE("numbers are printed from their parsed values", "[coq]") {
    Certificate bracket = example_read("regularizer-bracket");
    std::get<RegularizerBody>(bracket.body).claim.lower =
        "-007/010"; // not canonical: leading zeros, not octal
    CHECK(contains(coq_export(bracket, "b"), "Definition lower : Q := (-7#10).\n"));
    Certificate lemma = example_read("lemma-exact");
    std::get<LemmaExactBody>(lemma.body).claim.vectors[0][0] =
        "0004/0008"; // reduced and printed canonically
    const std::string text = coq_export(lemma, "");
    CHECK(contains(text, "Definition vectors : list (list R) :=\n  [[1/2; 2; -3];"));
    CHECK(contains(text, "Definition vectors_q : list (list (Z * Z)) :=\n  [[(1, 2); (2, 1); "
                         "(-3, 1)];"));
}

TEST_CASE("lemma-enclosure: the statement is about the claim's vectors, parsed", "[coq]") {
    Certificate cert = example_read("lemma-enclosure");
    LemmaEnclosureBody& body = std::get<LemmaEnclosureBody>(cert.body);
    body.claim.vectors[0][0] = "-0006/004"; // reduced and printed canonically
    const std::string text = coq_export(cert, "");
    CHECK(contains(text, "Definition K : nat := 8.\n"));
    CHECK(contains(text, "Definition vectors : list (list R) :=\n  [[-3/2; -1; 4; 1; -5; 9; 2; "
                         "-6];\n   [5; 3; -5; 8; 9; -7; 9; 3]].\n"));
    CHECK(contains(text, "Proof. exact (sum_autocorr_factor K vectors lengths). Qed.\n"));
    body.claim.vectors[1].pop_back(); // 7 entries, K = 8: refused, one line
    CHECK_THROWS_WITH(coq_export(cert, ""), "claim.vectors[1] has 7 entries, expected K = 8");
}

namespace {

Certificate coq_test_read(const std::string& relative) {
    const std::string text = tests::cli_file_read(fs::path(CONVCERT_SOURCE_DIR) / relative);
    CertificateReadResult read = certificate_from_json(text);
    REQUIRE(read.certificate);
    return *read.certificate;
}

std::string coq_test_refusal(const Certificate& cert) {
    try {
        coq_export(cert, "name");
    } catch (const coqgen::CoqBracketExportError& e) {
        return e.what();
    }
    return "(exported)";
}

} // namespace

TEST_CASE("1-D exports are byte-identical to the files of main before the 2-D grid", "[coq]") {
    // tests/coq/golden/*.v: `convcert coq examples/NAME.json -o NAME.v` at main 21de7cb. A pin
    // of bytes made elsewhere, kept because the path is exact: the shipped certificate's
    // rationals are read as strings and printed as Coq terms with integer arithmetic
    // (coqgen/coq_export_bracket.cpp, coq_text.cpp; no floating point), so every machine prints
    // the same file. (The separation export solves in double: it is not pinned.)
    for (const std::string example : {"regularizer-bracket", "network-collapse"}) {
        INFO(example);
        const std::string golden = tests::cli_file_read(fs::path(CONVCERT_SOURCE_DIR) / "tests" /
                                                        "coq" / "golden" / (example + ".v"));
        CHECK(coq_export(example_read(example), example + ".json") == golden);
    }
}

TEST_CASE("a 2-D bracket exports with the grid's definitions, w as D1 rows of D2", "[coq]") {
    const Certificate cert = coq_test_read("tests/coq/bracket-2d-2x3.json");
    const std::string text = coq_export(cert, "bracket-2d-2x3.json");
    CHECK(contains(text, "(2-D: D = 2x3, K = 2x2, R = 1, C0 = 1).\n"));
    CHECK(contains(text, "From Convcert Require Import Network Grid BracketGrid.\n"));
    CHECK(contains(text, "Definition D1 : nat := 2.\nDefinition D2 : nat := 3.\n"
                         "Definition K1 : nat := 2.\nDefinition K2 : nat := 2.\n"
                         "Definition g : grid := mkGrid D1 D2 K1 K2.\n"
                         "Definition C0 : nat := 1.\n\n"
                         "Definition lower : Q := (7#3).\nDefinition upper : Q := (8#1).\n"));
    CHECK(contains(text, "Definition w : list (list Q) := (* D1 rows of D2 *)\n"
                         "  [[(1#1); (0#1); (2#1)];\n   [(0#1); (-1#1); (1#1)]].\n"));
    CHECK(contains(text, "Definition lamZ : list Z := (* lambda = lamZ / lam_den *)\n"
                         "  [0x1; 0x0; 0x2; 0x0; -0x1; 0x1]%Z.\n"));
    CHECK(contains(text, "Lemma checks : bracket_2d_check g C0 w lamZ lam_den net lower upper "
                         "= true.\n"));
    CHECK(contains(text, "  (forall nt : network, realizes2 g nt (signal2 (map (map Q2R) w)) ->\n"
                         "                        Q2R lower <= cost2 g nt) /\\\n"));
    CHECK(contains(text, "Proof. exact (bracket_2d g C0 w lamZ lam_den net lower upper checks). "
                         "Qed.\n"));
    CHECK(text == coq_export(cert, "bracket-2d-2x3.json"));
}

TEST_CASE("2-D claims: the grid is validated; R > 1 and the collapse export on the grid", "[coq]") {
    const Certificate cert = coq_test_read("tests/coq/bracket-2d-2x3.json");
    auto claim = [](Certificate& c) -> RegularizerClaim& {
        return std::get<RegularizerBody>(c.body).claim;
    };
    Certificate c = cert;
    claim(c).shape = {2, 4};
    CHECK(coq_test_refusal(c) ==
          "shape does not match the sizes: need D = D1 * D2 and K = K1 * K2");
    c = cert;
    claim(c).kernel_shape = {1, 4};
    CHECK(coq_test_refusal(c) == "grid out of range: need 1 <= K1 <= D1 and 1 <= K2 <= D2");
    c = cert;
    claim(c).kernel_shape = {4, 1};
    CHECK(coq_test_refusal(c) == "grid out of range: need 1 <= K1 <= D1 and 1 <= K2 <= D2");
    c = cert;
    claim(c).kernel_shape.clear();
    CHECK(coq_test_refusal(c) == "a 2-D claim needs both shape [D1, D2] and kernel_shape [K1, K2]");
    c = cert;
    claim(c).shape = {2, 3, 1};
    CHECK(coq_test_refusal(c) == "a 2-D claim needs both shape [D1, D2] and kernel_shape [K1, K2]");
    c = cert;
    claim(c).shape = {-2, -3}; // D1 * D2 = D but negative
    CHECK(coq_test_refusal(c) == "grid out of range: need 1 <= K1 <= D1 and 1 <= K2 <= D2");
    c = cert;
    claim(c).R = 2;
    claim(c).w.push_back(claim(c).w[0]);
    std::get<RegularizerBody>(c.body).evidence.lambda.push_back(claim(c).w[0]);
    std::get<RegularizerBody>(c.body).evidence.u[0].push_back({"0", "0", "0", "0"});
    const std::string multi = coq_export(c, "multi");
    CHECK(contains(multi, "(2-D: D = 2x3, K = 2x2, R = 2, C0 = 1).\n"));
    CHECK(contains(multi, "Definition Rin : nat := 2.\n"));
    CHECK(contains(multi, "Definition W : list (list (list Q)) := (* Rin signals of D1 rows of "
                          "D2 *)\n  [[[(1#1); (0#1); (2#1)];\n    [(0#1); (-1#1); (1#1)]];\n"));
    CHECK(contains(multi, "Proof. exact (bracket_multi_2d g Rin C0 W LZ lam_den net lower upper "
                          "checks). Qed.\n"));
    c = cert;
    claim(c).w[0][4] = kPayload;
    const std::string refused = coq_test_refusal(c);
    CHECK(contains(refused, "w[1][1] is not a rational"));
    CHECK_FALSE(contains(refused, "\n"));
    Certificate collapse = example_read("network-collapse");
    std::get<CollapseBody>(collapse.body).claim.shape = {2, 3};
    std::get<CollapseBody>(collapse.body).claim.kernel_shape = {1, 3};
    const std::string grid = coq_export(collapse, "collapse");
    CHECK(contains(grid, "(2-D: D = 2x3, K = 1x3, C = 3 -> 1).\n"));
    CHECK(contains(grid, "Definition w : list (list Q) := (* D1 rows of D2 *)\n"));
    CHECK(contains(grid, "Proof. exact (collapse_2d g w input output cost_in cost_out slack "
                         "checks). Qed.\n"));
    std::get<CollapseBody>(collapse.body).claim.shape = {3, 3};
    CHECK(coq_test_refusal(collapse) ==
          "shape does not match the sizes: need D = D1 * D2 and K = K1 * K2");
}

TEST_CASE("channel-separation: payloads are refused, the name is sanitized, the lowered bound",
          "[coq]") {
    const Certificate base = example_read("channel-separation");
    coqgen::SeparationExportOptions small;
    small.max_leaves = 2000;
    const std::vector<std::function<void(ChannelSeparationBody&)>> payloads = {
        [](ChannelSeparationBody& b) { b.claim.w[0][3] = kPayload; },
        [](ChannelSeparationBody& b) { b.claim.lower_c1 = kPayload; },
        [](ChannelSeparationBody& b) { b.claim.upper_c2 = kPayload; },
        [](ChannelSeparationBody& b) { b.evidence.u[1][0][2] = kPayload; },
        [](ChannelSeparationBody& b) { b.evidence.v[0][8] = kPayload; }};
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        CAPTURE(i);
        Certificate c = base;
        payloads[i](std::get<ChannelSeparationBody>(c.body));
        try {
            (void)coqgen::coq_export_separation(c, "x", small);
            FAIL("a payload was accepted");
        } catch (const coqgen::CoqBracketExportError& e) {
            CHECK(std::string(e.what()).find('\n') == std::string::npos);
        }
    }
    // The default budget proves lower_c1 itself (the centred leaf bound: about 2200 leaves);
    // within 2000 leaves only the halfway point from upper_c2 = 2246627/200000 to lower_c1 =
    // 735907/62500, 23007647/2000000, is proven.
    const coqgen::SeparationExport full = coqgen::coq_export_separation(base, "x");
    CHECK_FALSE(full.lowered);
    CHECK(full.lower == "(735907#62500)");
    CHECK(contains(full.proof, "Definition lower : Q := (735907#62500).\n"));
    const coqgen::SeparationExport e =
        coqgen::coq_export_separation(base, "x*) Axiom cheat : False. (*.json", small);
    CHECK_FALSE(contains(e.proof, "Axiom cheat"));
    CHECK(e.lowered);
    CHECK(e.lower == "(23007647#2000000)");
    CHECK(contains(e.proof, "Definition lower : Q := (23007647#2000000).\n"));
    CHECK(contains(e.proof, "Definition upper_c2 : Q := (2246627#200000).\n"));
    std::size_t leaves = 0;
    for (std::size_t at = e.proof.find("(SLeaf "); at != std::string::npos;
         at = e.proof.find("(SLeaf ", at + 1))
        ++leaves;
    CHECK(leaves == e.leaves);
}
