// Export of channel-separation certificates as Coq instance proofs (see
// coq_export_separation.h): the claim's grid, w, bounds and two-channel network, the exporter's
// bisection trees over the K faces (centred leaf bound), one reflective check
// (Separation.separation_2d_check, vm_compute) and the library theorem separation_2d.
#include "coqgen/coq_export_separation.h"

#include "coqgen/coq_export_bracket.h"
#include "coqgen/coq_separation_tree.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <string>
#include <vector>

namespace convcert::coqgen {

namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

void separation_expect(bool ok, const std::string& message) {
    if (!ok) throw CoqBracketExportError(message);
}

// The claim's grid (checked as in the 2-D bracket export).
Grid separation_grid(const ChannelSeparationClaim& c) {
    separation_expect(c.shape.size() == 2 && c.kernel_shape.size() == 2,
                      "a channel-separation claim needs shape [D1, D2] and kernel_shape [K1, K2]");
    const long D1 = c.shape[0], D2 = c.shape[1], K1 = c.kernel_shape[0], K2 = c.kernel_shape[1];
    separation_expect(1 <= K1 && K1 <= D1 && 1 <= K2 && K2 <= D2,
                      "grid out of range: need 1 <= K1 <= D1 and 1 <= K2 <= D2");
    separation_expect(c.D == D1 * D2 && c.K == K1 * K2,
                      "shape does not match the sizes: need D = D1 * D2 and K = K1 * K2");
    separation_expect(c.R == 1, "channel-separation claims with R > 1 have no Coq proof");
    return grid_2d(D1, D2, K1, K2);
}

std::string separation_q(const cpp_rational& x) {
    return "(" + numerator(x).str() + "#" + denominator(x).str() + ")";
}

std::string separation_hex(long long z) {
    const cpp_int a = z < 0 ? cpp_int(-cpp_int(z)) : cpp_int(z);
    return std::string(z < 0 ? "-" : "") + "0x" + a.str(0, std::ios_base::hex);
}

// A tree as a Coq stree term, one leaf per line.
void separation_tree_text(const SeparationNode& t, std::string& out, const std::string& indent) {
    if (t.split < 0) {
        std::vector<std::string> items;
        for (long long z : t.lam)
            items.push_back(separation_hex(z));
        out += "(SLeaf " + coq_items(items, indent + "  ") + "%Z)";
        return;
    }
    out += "(SNode " + std::to_string(t.split) + "\n" + indent + " ";
    separation_tree_text(t.children[0], out, indent + " ");
    out += "\n" + indent + " ";
    separation_tree_text(t.children[1], out, indent + " ");
    out += ")";
}

// The trees of the first provable lower bound: lower_c1, then upper_c2 + (lower_c1 -
// upper_c2) / 2^s for s = 1, 2, 3.
struct SeparationTrees {
    std::vector<SeparationNode> trees;
    cpp_rational lower;
    bool lowered = false;
};

SeparationTrees separation_find(const Grid& g, const std::vector<cpp_rational>& w,
                                const cpp_rational& L1, const cpp_rational& U2,
                                const SeparationExportOptions& options) {
    SeparationTreeOptions tree_options;
    tree_options.max_leaves = options.max_leaves;
    for (int s = 0; s <= 3; ++s) {
        const cpp_rational target = U2 + (L1 - U2) / cpp_rational(cpp_int(1) << s);
        auto trees = separation_trees(g, w, target, tree_options);
        if (trees) return {std::move(*trees), target, s > 0};
    }
    throw CoqBracketExportError("no Coq tree within " + std::to_string(options.max_leaves) +
                                " leaves, even for a lower bound 1/8 of the way from upper_c2 "
                                "to lower_c1");
}

std::string separation_preamble(const Grid& g, const std::string& name, const SeparationTrees& t,
                                const std::string& lower_c1, std::size_t leaves) {
    const std::string sizes = std::to_string(g.D1) + "x" + std::to_string(g.D2) +
                              ", K = " + std::to_string(g.K1) + "x" + std::to_string(g.K2) + ", " +
                              std::to_string(leaves) + " leaves";
    std::string claim =
        "on Z_D1 x Z_D2, every one-channel network realizing w costs at\n"
        "   least lower, a well-formed two-channel network realizes w and costs at most\n"
        "   upper_c2, and upper_c2 < lower: the regularizer depends on the number of channels.\n"
        "   The box trees and their lambdas are the exporter's, not the certificate's leaves;\n"
        "   every leaf passes Separation.leaf_ok, the centred (second-order) box bound.";
    if (t.lowered)
        claim += "\n   lower is below the certificate's lower_c1 = " + lower_c1 +
                 ": no tree within the\n   exporter's leaf budget proved lower_c1.";
    else
        claim += "\n   lower is the certificate's lower_c1.";
    std::string out =
        coq_file_header(certificate_kind_name(CertificateKind::ChannelSeparation), name,
                        "2-D: D = " + sizes, claim, "Network Grid BracketGrid Separation");
    out += "Definition g : grid := mkGrid " + std::to_string(g.D1) + " " + std::to_string(g.D2) +
           " " + std::to_string(g.K1) + " " + std::to_string(g.K2) + ".\n\n";
    return out;
}

// The two-channel network over common denominators, as in the bracket export.
std::string separation_network(const ChannelSeparationEvidence& e, long K, long D) {
    separation_expect(e.u.size() == 2 && e.v.size() == 2,
                      "the network must have exactly 2 channels (u and v)");
    std::vector<std::vector<std::string>> u_rows;
    for (std::size_t ch = 0; ch < 2; ++ch) {
        separation_expect(e.u[ch].size() == 1 && static_cast<long>(e.u[ch][0].size()) == K,
                          "u[" + std::to_string(ch) + "] is not 1 row of K entries");
        separation_expect(static_cast<long>(e.v[ch].size()) == D,
                          "v[" + std::to_string(ch) + "] does not have D entries");
        u_rows.push_back(e.u[ch][0]);
    }
    const auto u = coq_common_rows(u_rows, "u");
    const auto v = coq_common_rows(e.v, "v");
    std::string out = "Definition net : list (list Q * list Q) := [\n";
    for (std::size_t ch = 0; ch < 2; ++ch)
        out += std::string(ch > 0 ? ";\n" : "") + "  (" + coq_items(u[ch], "   ") + ",\n   " +
               coq_items(v[ch], "   ") + ")";
    return out + "].\n\n";
}

} // namespace

SeparationExport coq_export_separation(const Certificate& cert, const std::string& name,
                                       const SeparationExportOptions& options) {
    const auto* body = std::get_if<ChannelSeparationBody>(&cert.body);
    separation_expect(body != nullptr, "not a channel-separation certificate");
    const ChannelSeparationClaim& c = body->claim;
    const Grid g = separation_grid(c);
    separation_expect(c.w.size() == 1 && static_cast<long>(c.w[0].size()) == c.D,
                      "w is not 1 row of D entries");
    std::vector<cpp_rational> w;
    bool nonzero = false;
    for (std::size_t i = 0; i < c.w[0].size(); ++i) {
        w.push_back(coq_rational(c.w[0][i], "w[" + std::to_string(i) + "]"));
        nonzero = nonzero || w.back() != 0;
    }
    separation_expect(nonzero, "w is zero");
    const cpp_rational L1 = coq_rational(c.lower_c1, "lower_c1");
    const cpp_rational U2 = coq_rational(c.upper_c2, "upper_c2");
    separation_expect(U2 < L1, "upper_c2 is not below lower_c1");
    const std::string network = separation_network(body->evidence, c.K, c.D);
    const SeparationTrees t = separation_find(g, w, L1, U2, options);
    std::size_t leaves = 0;
    for (const SeparationNode& tree : t.trees)
        leaves += separation_tree_leaves(tree);

    std::string out = separation_preamble(g, name, t, separation_q(L1), leaves);
    out += "Definition w : list (list Q) := [\n";
    for (long r = 0; r < g.D1; ++r) {
        std::vector<std::string> row;
        for (long j = 0; j < g.D2; ++j) {
            const std::size_t i = static_cast<std::size_t>(r * g.D2 + j);
            row.push_back(coq_q_literal(c.w[0][i], "w[" + std::to_string(i) + "]"));
        }
        out += std::string(r > 0 ? ";\n" : "") + "  " + coq_items(row, "  ");
    }
    out += "].\n\n";
    out += "Definition lower : Q := " + separation_q(t.lower) + ".\n";
    out += "Definition upper_c2 : Q := " + coq_q_literal(c.upper_c2, "upper_c2") + ".\n\n";
    out += "(* Evidence: the two-channel network of upper_c2, and one bisection tree per face\n"
           "   {u_k = 1, |u_j| <= 1} (a leaf's lambda = its integers / lam_den). *)\n";
    out += network;
    out += "Definition lam_den : positive := " +
           (cpp_int(1) << SeparationTreeOptions{}.lam_bits).str() + ".\n\n";
    out += "Definition trees : list stree := [\n";
    for (std::size_t f = 0; f < t.trees.size(); ++f) {
        out += std::string(f > 0 ? ";\n" : "") + "  ";
        separation_tree_text(t.trees[f], out, "  ");
    }
    out += "].\n\n";
    out += "Lemma checks : separation_2d_check g w lower upper_c2 lam_den trees net = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds :\n"
           "  (forall nt : network, length nt = 1%nat -> wf2 g nt ->\n"
           "     realizes2 g nt (signal2 (map (map Q2R) w)) -> Q2R lower <= cost2 g nt) /\\\n"
           "  (exists nt : network, length nt = 2%nat /\\ wf2 g nt /\\\n"
           "     realizes2 g nt (signal2 (map (map Q2R) w)) /\\ cost2 g nt <= Q2R upper_c2) /\\\n"
           "  Q2R upper_c2 < Q2R lower.\n"
           "Proof. exact (separation_2d g w lower upper_c2 lam_den trees net checks). Qed.\n";
    return {out, separation_q(t.lower), t.lowered, leaves};
}

} // namespace convcert::coqgen
