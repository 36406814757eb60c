// Export of regularizer-bracket and network-collapse certificates as Coq instance proofs (see
// coq_export_bracket.h). Rationals are written as Coq Q literals (p#q); the instance states
// the claim over R through Q2R and proves it with one reflective boolean check
// (Bracket.bracket_check / bracket_multi_check / collapse_check, vm_compute) and the library's
// soundness theorem for that check.
#include "coqgen/coq_export_bracket.h"

#include "coqgen/coq_text.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <string>
#include <vector>

namespace convcert::coqgen {

namespace {

using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

using boost::multiprecision::cpp_int;

// A rational parsed from its certificate spelling: num / den, den > 0 (not reduced).
struct Rational {
    cpp_int num, den;
};

bool coqgen_all_digits(const std::string& t, std::size_t from) {
    if (t.size() <= from) return false;
    for (std::size_t i = from; i < t.size(); ++i)
        if (t[i] < '0' || t[i] > '9') return false;
    return true;
}

// Parses "p" or "p/q" (p an optionally negative integer, q a positive integer); anything else
// throws, quoting s escaped on one line.
Rational coqgen_parse(const std::string& s, const std::string& what) {
    const std::size_t slash = s.find('/');
    const std::string num = s.substr(0, slash);
    const std::string den = slash == std::string::npos ? "1" : s.substr(slash + 1);
    const bool negative = !num.empty() && num[0] == '-';
    if (!coqgen_all_digits(num, negative ? 1 : 0) || !coqgen_all_digits(den, 0))
        throw CoqBracketExportError(what + " is not a rational: '" + coq_message_escape(s) + "'");
    // leading zeros dropped: Boost reads "010" as octal
    auto integer = [](const std::string& digits) {
        const std::size_t nz = digits.find_first_not_of('0');
        return nz == std::string::npos ? cpp_int(0) : cpp_int(digits.substr(nz));
    };
    Rational x{integer(num.substr(negative ? 1 : 0)), integer(den)};
    if (negative) x.num = -x.num;
    if (x.den == 0)
        throw CoqBracketExportError(what + " has denominator 0: '" + coq_message_escape(s) + "'");
    return x;
}

// A certificate rational as the Coq Q literal "(p#q)", printed from the parsed integers (so
// nothing of the certificate's spelling reaches the file).
std::string coqgen_q(const std::string& s, const std::string& what) {
    const Rational x = coqgen_parse(s, what);
    return "(" + x.num.str() + "#" + x.den.str() + ")";
}

// [a; b; c] of Coq terms, breaking lines near 96 columns.
std::string coqgen_items(const Row& items, const std::string& indent) {
    std::string out = "[";
    std::size_t column = indent.size() + 1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& item = items[i];
        if (i > 0) {
            out += ";";
            if (column + item.size() + 2 > 96) {
                out += "\n" + indent + " ";
                column = indent.size() + 1;
            } else {
                out += " ";
                column += 2;
            }
        }
        out += item;
        column += item.size();
    }
    return out + "]";
}

// The rationals of row as Coq Q literals, in a list.
std::string coqgen_list(const Row& row, const std::string& what, const std::string& indent) {
    Row items;
    for (std::size_t i = 0; i < row.size(); ++i)
        items.push_back(coqgen_q(row[i], what + "[" + std::to_string(i) + "]"));
    return coqgen_items(items, indent);
}

// All entries of rows over one common denominator L (the lcm of the entries' denominators):
// the integer numerators N (entry = N / L) and L, as hexadecimal Coq numerals.
struct CommonRows {
    Rows numerators;
    std::string den;
};

CommonRows coqgen_common_int(const Rows& rows, const std::string& what) {
    std::vector<std::vector<Rational>> parsed(rows.size());
    cpp_int L = 1;
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            parsed[r].push_back(coqgen_parse(rows[r][i], what + "[" + std::to_string(r) + "][" +
                                                             std::to_string(i) + "]"));
            const cpp_int& q = parsed[r].back().den;
            L = L / boost::multiprecision::gcd(L, q) * q;
        }
    // hexadecimal: coqc parses hex numerals about 10x faster than decimal ones
    auto hex = [](const cpp_int& x) {
        const cpp_int a = x < 0 ? cpp_int(-x) : x;
        return std::string(x < 0 ? "-" : "") + "0x" + a.str(0, std::ios_base::hex);
    };
    CommonRows out{Rows(rows.size()), hex(L)};
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (const Rational& x : parsed[r])
            out.numerators[r].push_back(hex(cpp_int(x.num * (L / x.den))));
    return out;
}

// The same as Coq Q literals N#L. Bracket.v's addC sums such entries, and their products,
// without any gcd and without growing the denominator.
Rows coqgen_common(const Rows& rows, const std::string& what) {
    CommonRows c = coqgen_common_int(rows, what);
    for (Row& row : c.numerators)
        for (std::string& n : row)
            n = "(" + n + "#" + c.den + ")";
    return c.numerators;
}

std::string coqgen_rows(const Rows& rows, const std::string& what, const std::string& indent) {
    std::string out = "[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r > 0) out += ";\n" + indent + " ";
        out += coqgen_list(rows[r], what + "[" + std::to_string(r) + "]", indent + " ");
    }
    return out + "]";
}

void coqgen_expect(bool ok, const std::string& message) {
    if (!ok) throw CoqBracketExportError(message);
}

void coqgen_expect_length(const Row& row, long n, const std::string& what) {
    coqgen_expect(static_cast<long>(row.size()) == n, what + " has " + std::to_string(row.size()) +
                                                          " entries, expected " +
                                                          std::to_string(n));
}

// `modules`: the Convcert modules the file imports ("Network Bracket" in 1-D).
std::string coqgen_header(const std::string& kind, const std::string& name,
                          const std::string& sizes, const std::string& claim,
                          const std::string& modules = "Network Bracket") {
    return "(* convcert coq: Coq instance proof of the " + kind + " certificate " +
           coq_name_sanitize(name) + "\n   (" + sizes +
           ").\n"
           "   Check it in the project root, after `make -C proofs` (the library, logical name\n"
           "   Convcert; if it was built elsewhere, pass that directory instead of proofs):\n"
           "     coqc -R proofs Convcert FILE.v\n"
           "   (the file name must be a Coq identifier plus .v, e.g. bracket_d8_k2.v).\n"
           "   certificate_holds: " +
           claim +
           "\n   Every number below is the certificate's; Coq recomputes every claim from them. "
           "*)\n\n"
           "From Coq Require Import Reals QArith ZArith List.\n"
           "From Convcert Require Import " +
           modules +
           ".\n"
           "Import ListNotations.\n"
           "Open Scope R_scope.\n\n";
}

// A 2-D claim's grid: "shape": [D1, D2] and "kernel_shape": [K1, K2] with D1·D2 = D,
// K1·K2 = K, 1 <= K1 <= D1, 1 <= K2 <= D2 (the fields of any 2-D claim). Throws
// CoqBracketExportError.
void coqgen_grid_shapes(long D, long K, const std::vector<long>& shape,
                        const std::vector<long>& kernel_shape) {
    coqgen_expect(shape.size() == 2 && kernel_shape.size() == 2,
                  "a 2-D claim needs both shape [D1, D2] and kernel_shape [K1, K2]");
    const long D1 = shape[0], D2 = shape[1], K1 = kernel_shape[0], K2 = kernel_shape[1];
    coqgen_expect(1 <= K1 && K1 <= D1 && 1 <= K2 && K2 <= D2,
                  "grid out of range: need 1 <= K1 <= D1 and 1 <= K2 <= D2");
    coqgen_expect(D % D2 == 0 && D / D2 == D1 && K % K2 == 0 && K / K2 == K1,
                  "shape does not match the sizes: need D = D1 * D2 and K = K1 * K2");
}

// The shapes of a regularizer-bracket certificate: sizes, R rows of D in w and lambda, C0 >= 1
// channels of R rows of K (u) and D entries (v), the grid of a 2-D claim. Throws
// CoqBracketExportError.
void coqgen_bracket_shapes(const RegularizerClaim& c, const RegularizerBracketEvidence& e) {
    coqgen_expect(c.D >= 1 && c.K >= 1 && c.K <= c.D && c.R >= 1,
                  "sizes out of range: need 1 <= K <= D and R >= 1");
    if (!c.shape.empty() || !c.kernel_shape.empty())
        coqgen_grid_shapes(c.D, c.K, c.shape, c.kernel_shape);
    coqgen_expect(static_cast<long>(c.w.size()) == c.R, "w does not have R rows");
    coqgen_expect(static_cast<long>(e.lambda.size()) == c.R, "lambda does not have R rows");
    for (long r = 0; r < c.R; ++r) {
        coqgen_expect_length(c.w[r], c.D, "w[" + std::to_string(r) + "]");
        coqgen_expect_length(e.lambda[r], c.D, "lambda[" + std::to_string(r) + "]");
    }
    coqgen_expect(!e.u.empty(), "the network has no channels");
    coqgen_expect(e.u.size() == e.v.size(), "the network has " + std::to_string(e.u.size()) +
                                                " kernels u but " + std::to_string(e.v.size()) +
                                                " vectors v");
    for (std::size_t ch = 0; ch < e.u.size(); ++ch) {
        const std::string at = "[" + std::to_string(ch) + "]";
        coqgen_expect(static_cast<long>(e.u[ch].size()) == c.R, "u" + at + " does not have R rows");
        for (long r = 0; r < c.R; ++r)
            coqgen_expect_length(e.u[ch][r], c.K, "u" + at + "[" + std::to_string(r) + "]");
        coqgen_expect_length(e.v[ch], c.D, "v" + at);
    }
}

// The header and the sizes and bounds: D, K, Rin (R > 1 only), C0, lower, upper.
std::string coqgen_bracket_preamble(const RegularizerClaim& c, std::size_t channels,
                                    const std::string& name) {
    const std::string C0 = std::to_string(channels);
    const bool single = c.R == 1;
    std::string out = coqgen_header(
        certificate_kind_name(CertificateKind::RegularizerBracket), name,
        "D = " + std::to_string(c.D) + ", K = " + std::to_string(c.K) +
            ", R = " + std::to_string(c.R) + ", C0 = " + C0,
        single ? "every network (any number of channels) realizing w costs at least lower,\n"
                 "   and a well-formed network with C0 channels realizes w and costs at most upper."
               : "every network with R input channels (any number of channels) realizing W\n"
                 "   costs at least lower, and a well-formed network with C0 channels realizes W\n"
                 "   and costs at most upper.");
    out += "Definition D : nat := " + std::to_string(c.D) + ".\n";
    out += "Definition K : nat := " + std::to_string(c.K) + ".\n";
    if (!single) out += "Definition Rin : nat := " + std::to_string(c.R) + ".\n";
    out += "Definition C0 : nat := " + C0 + ".\n\n";
    out += "Definition lower : Q := " + coqgen_q(c.lower, "lower") + ".\n";
    out += "Definition upper : Q := " + coqgen_q(c.upper, "upper") + ".\n\n";
    return out;
}

// rows[from, from + n) as a Coq list of lists, one row per line.
std::string coqgen_rows_of(const Rows& rows, std::size_t from, std::size_t n,
                           const std::string& indent) {
    std::string t = "[";
    for (std::size_t r = 0; r < n; ++r)
        t += (r > 0 ? ";\n" + indent + " " : "") + coqgen_items(rows[from + r], indent + " ");
    return t + "]";
}

// The evidence over common denominators: one for lambda, one for all kernels, one for all v.
struct BracketEvidence {
    CommonRows lam;
    Rows u; // the kernels' rows, channel after channel
    Rows v;
};

BracketEvidence coqgen_bracket_evidence(const RegularizerBracketEvidence& e) {
    CommonRows lam = coqgen_common_int(e.lambda, "lambda");
    Rows u_rows;
    for (const Rows& kernel : e.u)
        u_rows.insert(u_rows.end(), kernel.begin(), kernel.end());
    Rows u = coqgen_common(u_rows, "u");
    return {std::move(lam), std::move(u), coqgen_common(e.v, "v")};
}

// The evidence of an R = 1 claim: lam_den, lamZ (lambda = lamZ / lam_den) and net.
std::string coqgen_single_evidence(const BracketEvidence& ev) {
    std::string out = "Definition lam_den : positive := " + ev.lam.den + ".\n" +
                      "Definition lamZ : list Z := (* lambda = lamZ / lam_den *)\n  " +
                      coqgen_items(ev.lam.numerators[0], "  ") + "%Z.\n\n";
    out += "Definition net : list (list Q * list Q) := [\n";
    for (std::size_t ch = 0; ch < ev.v.size(); ++ch) {
        out += std::string(ch > 0 ? ";\n" : "") + "  (" + coqgen_items(ev.u[ch], "   ") + ",\n   " +
               coqgen_items(ev.v[ch], "   ") + ")";
    }
    return out + "].\n\n";
}

// w, the evidence and the proof for R = 1 (Bracket.bracket_check).
std::string coqgen_bracket_single(const RegularizerClaim& c, const BracketEvidence& ev) {
    std::string out = "Definition w : list Q :=\n  " + coqgen_list(c.w[0], "w", "  ") + ".\n\n";
    out += "(* Evidence: the dual point lambda and the network (u_c, v_c). *)\n";
    out += coqgen_single_evidence(ev);
    out += "Lemma checks : bracket_check D K C0 w lamZ lam_den net lower upper = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds :\n"
           "  (forall nt : network, realizes D K nt (map Q2R w) -> Q2R lower <= cost D K nt) "
           "/\\\n"
           "  (exists nt : network, length nt = C0 /\\ wf D K nt /\\ realizes D K nt (map Q2R "
           "w)\n"
           "                        /\\ cost D K nt <= Q2R upper).\n"
           "Proof. exact (bracket_single D K C0 w lamZ lam_den net lower upper checks). Qed.\n";
    return out;
}

// The evidence of an R > 1 claim: lam_den, LZ (lambda_r = LZ[r] / lam_den) and net.
std::string coqgen_multi_evidence(const RegularizerClaim& c, const BracketEvidence& ev) {
    std::string out;
    out += "(* Evidence: the dual point (one lambda_r per input channel) and the network. *)\n";
    out += "Definition lam_den : positive := " + ev.lam.den + ".\n" +
           "Definition LZ : list (list Z) := (* lambda_r = LZ[r] / lam_den *)\n  " +
           coqgen_rows_of(ev.lam.numerators, 0, ev.lam.numerators.size(), "  ") + "%Z.\n\n";
    out += "Definition net : list (list (list Q) * list Q) := [\n";
    for (std::size_t ch = 0; ch < ev.v.size(); ++ch) {
        out += std::string(ch > 0 ? ";\n" : "") + "  (" +
               coqgen_rows_of(ev.u, ch * static_cast<std::size_t>(c.R), c.R, "   ") + ",\n   " +
               coqgen_items(ev.v[ch], "   ") + ")";
    }
    out += "].\n\n";
    return out;
}

// W, the evidence and the proof for R > 1 (Bracket.bracket_multi_check).
std::string coqgen_bracket_multi(const RegularizerClaim& c, const BracketEvidence& ev) {
    std::string out = "Definition W : list (list Q) :=\n  " + coqgen_rows(c.w, "w", "  ") + ".\n\n";
    out += coqgen_multi_evidence(c, ev);
    out += "Lemma checks : bracket_multi_check D K Rin C0 W LZ lam_den net lower upper = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds :\n"
           "  (forall nt : network_multi, realizes_multi D K Rin nt (map (map Q2R) W) ->\n"
           "                              Q2R lower <= cost_multi D K Rin nt) /\\\n"
           "  (exists nt : network_multi, length nt = C0 /\\ wf_multi D K Rin nt\n"
           "                              /\\ realizes_multi D K Rin nt (map (map Q2R) W)\n"
           "                              /\\ cost_multi D K Rin nt <= Q2R upper).\n"
           "Proof. exact (bracket_multi D K Rin C0 W LZ lam_den net lower upper checks). Qed.\n";
    return out;
}

// The grid's definitions D1, D2, K1, K2 and g (coqgen_grid_shapes passed).
std::string coqgen_grid_defs(const std::vector<long>& shape, const std::vector<long>& kernel) {
    return "Definition D1 : nat := " + std::to_string(shape[0]) + ".\n" +
           "Definition D2 : nat := " + std::to_string(shape[1]) + ".\n" +
           "Definition K1 : nat := " + std::to_string(kernel[0]) + ".\n" +
           "Definition K2 : nat := " + std::to_string(kernel[1]) + ".\n" +
           "Definition g : grid := mkGrid D1 D2 K1 K2.\n";
}

// "D1xD2, K = K1xK2" of the header's sizes line.
std::string coqgen_grid_sizes(const std::vector<long>& shape, const std::vector<long>& kernel) {
    return "D = " + std::to_string(shape[0]) + "x" + std::to_string(shape[1]) +
           ", K = " + std::to_string(kernel[0]) + "x" + std::to_string(kernel[1]);
}

// A flat row-major signal as D1 rows of D2 (row.size() == D1 * D2).
Rows coqgen_grid_rows(const Row& row, long D1, long D2) {
    Rows rows(static_cast<std::size_t>(D1));
    for (long r = 0; r < D1; ++r)
        rows[static_cast<std::size_t>(r)].assign(row.begin() + r * D2, row.begin() + (r + 1) * D2);
    return rows;
}

// The header's claim of a 2-D bracket, R = 1 and R > 1.
const char* const kClaimGrid =
    "on Z_D1 x Z_D2, every network (any number of channels) realizing w costs\n"
    "   at least lower, and a well-formed network with C0 channels realizes w and costs at\n"
    "   most upper.";
const char* const kClaimGridMulti =
    "on Z_D1 x Z_D2, every network with Rin input channels (any number of\n"
    "   channels) realizing W costs at least lower, and a well-formed network with C0\n"
    "   channels realizes W and costs at most upper.";

// The header, the grid, Rin (R > 1 only), C0, lower and upper of a 2-D claim
// (coqgen_grid_shapes passed).
std::string coqgen_bracket_grid_preamble(const RegularizerClaim& c, std::size_t channels,
                                         const std::string& name) {
    const std::string C0 = std::to_string(channels);
    const bool single = c.R == 1;
    std::string out =
        coqgen_header(certificate_kind_name(CertificateKind::RegularizerBracket), name,
                      "2-D: " + coqgen_grid_sizes(c.shape, c.kernel_shape) +
                          ", R = " + std::to_string(c.R) + ", C0 = " + C0,
                      single ? kClaimGrid : kClaimGridMulti, "Network Grid BracketGrid");
    out += coqgen_grid_defs(c.shape, c.kernel_shape);
    if (!single) out += "Definition Rin : nat := " + std::to_string(c.R) + ".\n";
    out += "Definition C0 : nat := " + C0 + ".\n\n";
    out += "Definition lower : Q := " + coqgen_q(c.lower, "lower") + ".\n";
    out += "Definition upper : Q := " + coqgen_q(c.upper, "upper") + ".\n\n";
    return out;
}

// w as D1 rows of D2, the evidence and the proof of a 2-D claim (BracketGrid.bracket_2d_check).
std::string coqgen_bracket_grid(const RegularizerClaim& c, const BracketEvidence& ev) {
    std::string out = "Definition w : list (list Q) := (* D1 rows of D2 *)\n  " +
                      coqgen_rows(coqgen_grid_rows(c.w[0], c.shape[0], c.shape[1]), "w", "  ") +
                      ".\n\n";
    out += "(* Evidence: the dual point lambda and the network (u_c, v_c), flat row-major. *)\n";
    out += coqgen_single_evidence(ev);
    out += "Lemma checks : bracket_2d_check g C0 w lamZ lam_den net lower upper = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds :\n"
           "  (forall nt : network, realizes2 g nt (signal2 (map (map Q2R) w)) ->\n"
           "                        Q2R lower <= cost2 g nt) /\\\n"
           "  (exists nt : network, length nt = C0 /\\ wf2 g nt\n"
           "                        /\\ realizes2 g nt (signal2 (map (map Q2R) w))\n"
           "                        /\\ cost2 g nt <= Q2R upper).\n"
           "Proof. exact (bracket_2d g C0 w lamZ lam_den net lower upper checks). Qed.\n";
    return out;
}

// W as Rin signals of D1 rows of D2, the evidence and the proof of a 2-D claim with R > 1
// (BracketGrid.bracket_multi_2d_check).
std::string coqgen_bracket_grid_multi(const RegularizerClaim& c, const BracketEvidence& ev) {
    std::string out =
        "Definition W : list (list (list Q)) := (* Rin signals of D1 rows of D2 *)\n  [";
    for (std::size_t r = 0; r < c.w.size(); ++r)
        out +=
            (r > 0 ? ";\n   " : "") + coqgen_rows(coqgen_grid_rows(c.w[r], c.shape[0], c.shape[1]),
                                                  "w[" + std::to_string(r) + "]", "   ");
    out += "].\n\n";
    out += coqgen_multi_evidence(c, ev);
    out += "Lemma checks : bracket_multi_2d_check g Rin C0 W LZ lam_den net lower upper = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds :\n"
           "  (forall nt : network_multi,\n"
           "     realizes2_multi g Rin nt (map signal2 (map (map (map Q2R)) W)) ->\n"
           "     Q2R lower <= cost2_multi g Rin nt) /\\\n"
           "  (exists nt : network_multi, length nt = C0 /\\ wf2_multi g Rin nt\n"
           "     /\\ realizes2_multi g Rin nt (map signal2 (map (map (map Q2R)) W))\n"
           "     /\\ cost2_multi g Rin nt <= Q2R upper).\n"
           "Proof. exact (bracket_multi_2d g Rin C0 W LZ lam_den net lower upper checks). Qed.\n";
    return out;
}

} // namespace

std::string coq_export_bracket(const Certificate& cert, const std::string& name) {
    const RegularizerBody* body = std::get_if<RegularizerBody>(&cert.body);
    coqgen_expect(body, "not a regularizer-bracket certificate");
    const RegularizerClaim& c = body->claim;
    const RegularizerBracketEvidence& e = body->evidence;
    coqgen_bracket_shapes(c, e);
    const BracketEvidence ev = coqgen_bracket_evidence(e);
    if (!c.shape.empty())
        return coqgen_bracket_grid_preamble(c, e.u.size(), name) +
               (c.R == 1 ? coqgen_bracket_grid(c, ev) : coqgen_bracket_grid_multi(c, ev));
    std::string out = coqgen_bracket_preamble(c, e.u.size(), name);
    return out + (c.R == 1 ? coqgen_bracket_single(c, ev) : coqgen_bracket_multi(c, ev));
}

std::string coq_export_collapse(const Certificate& cert, const std::string& name) {
    const CollapseBody* body = std::get_if<CollapseBody>(&cert.body);
    coqgen_expect(body, "not a network-collapse certificate");
    const CollapseClaim& c = body->claim;
    coqgen_expect(c.D >= 1 && c.K >= 1 && c.K <= c.D && c.R == 1,
                  "sizes out of range: need 1 <= K <= D and R = 1");
    const bool grid = !c.shape.empty() || !c.kernel_shape.empty();
    if (grid) coqgen_grid_shapes(c.D, c.K, c.shape, c.kernel_shape);
    coqgen_expect(c.w.size() == 1, "w: expected one row (R = 1)");
    const std::vector<std::string>& w = c.w[0];
    coqgen_expect_length(w, c.D, "w");
    auto network = [&](const CollapseNetwork& n, const std::string& what) {
        coqgen_expect(!n.u.empty() && n.u.size() == n.v.size(),
                      what + ": need as many kernels u as vectors v, at least one");
        std::string out = "[\n";
        for (std::size_t ch = 0; ch < n.u.size(); ++ch) {
            const std::string at = what + ".u[" + std::to_string(ch) + "]";
            coqgen_expect(n.u[ch].size() == 1, at + ": expected one row (R = 1)");
            const std::vector<std::string>& u = n.u[ch][0];
            coqgen_expect_length(u, c.K, at);
            coqgen_expect_length(n.v[ch], c.D, what + ".v[" + std::to_string(ch) + "]");
            out += std::string(ch > 0 ? ";\n" : "") + "  (" + coqgen_list(u, at, "   ") + ",\n   " +
                   coqgen_list(n.v[ch], what + ".v[" + std::to_string(ch) + "]", "   ") + ")";
        }
        return out + "]";
    };
    coqgen_expect(c.output.u.size() == 1, "output: expected exactly one channel");
    const std::string channels = ", C = " + std::to_string(c.input.u.size()) + " -> 1";
    std::string out = coqgen_header(
        certificate_kind_name(CertificateKind::NetworkCollapse), name,
        grid ? "2-D: " + coqgen_grid_sizes(c.shape, c.kernel_shape) + channels
             : "D = " + std::to_string(c.D) + ", K = " + std::to_string(c.K) + channels,
        grid
            ? "on Z_D1 x Z_D2, the one-channel output network realizes the same w as the\n"
              "   input network and costs at most cost_in + slack; cost_in and cost_out are the "
              "two\n"
              "   exact costs."
            : "the one-channel output network realizes the same w as the input network\n"
              "   and costs at most cost_in + slack; cost_in and cost_out are the two exact costs.",
        grid ? "Network Bracket Grid BracketGrid" : "Network Bracket");
    if (grid) {
        out += coqgen_grid_defs(c.shape, c.kernel_shape) + "\n";
        out += "Definition w : list (list Q) := (* D1 rows of D2 *)\n  " +
               coqgen_rows(coqgen_grid_rows(w, c.shape[0], c.shape[1]), "w", "  ") + ".\n\n";
    } else {
        out += "Definition D : nat := " + std::to_string(c.D) + ".\n";
        out += "Definition K : nat := " + std::to_string(c.K) + ".\n\n";
        out += "Definition w : list Q :=\n  " + coqgen_list(w, "w", "  ") + ".\n\n";
    }
    out += "Definition input : list (list Q * list Q) := " + network(c.input, "input") + ".\n\n";
    out += "Definition output : list (list Q * list Q) := " + network(c.output, "output") + ".\n\n";
    out += "Definition cost_in : Q := " + coqgen_q(c.cost_in, "cost_in") + ".\n";
    out += "Definition cost_out : Q := " + coqgen_q(c.cost_out, "cost_out") + ".\n";
    out += "Definition slack : Q := " + coqgen_q(c.slack, "slack") + ".\n\n";
    if (grid)
        return out +
               "Lemma checks : collapse_2d_check g w input output cost_in cost_out slack = true.\n"
               "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
               "Theorem certificate_holds :\n"
               "  length (netR output) = 1%nat /\\ wf2 g (netR output) /\\\n"
               "  realizes2 g (netR input) (signal2 (map (map Q2R) w)) /\\\n"
               "  realizes2 g (netR output) (signal2 (map (map Q2R) w)) /\\\n"
               "  cost2 g (netR input) = Q2R cost_in /\\ cost2 g (netR output) = Q2R cost_out /\\\n"
               "  cost2 g (netR output) <= cost2 g (netR input) + Q2R slack.\n"
               "Proof. exact (collapse_2d g w input output cost_in cost_out slack checks). Qed.\n";
    out +=
        "Lemma checks : collapse_check D K w input output cost_in cost_out slack = true.\n"
        "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
        "Theorem certificate_holds :\n"
        "  length (netR output) = 1%nat /\\ wf D K (netR output) /\\\n"
        "  realizes D K (netR input) (map Q2R w) /\\ realizes D K (netR output) (map Q2R w) /\\\n"
        "  cost D K (netR input) = Q2R cost_in /\\ cost D K (netR output) = Q2R cost_out /\\\n"
        "  cost D K (netR output) <= cost D K (netR input) + Q2R slack.\n"
        "Proof. exact (collapse_sound D K w input output cost_in cost_out slack checks). Qed.\n";
    return out;
}

boost::multiprecision::cpp_rational coq_rational(const std::string& s, const std::string& what) {
    const Rational x = coqgen_parse(s, what);
    return boost::multiprecision::cpp_rational(x.num, x.den);
}
std::string coq_q_literal(const std::string& s, const std::string& what) {
    return coqgen_q(s, what);
}
std::string coq_items(const std::vector<std::string>& items, const std::string& indent) {
    return coqgen_items(items, indent);
}
std::vector<std::vector<std::string>>
coq_common_rows(const std::vector<std::vector<std::string>>& rows, const std::string& what) {
    return coqgen_common(rows, what);
}
std::string coq_file_header(const std::string& kind, const std::string& name,
                            const std::string& sizes, const std::string& claim,
                            const std::string& modules) {
    return coqgen_header(kind, name, sizes, claim, modules);
}

} // namespace convcert::coqgen
