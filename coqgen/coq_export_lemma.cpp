// Export of a lemma-exact certificate as a Coq instance proof (see coq_export_lemma.h).
// The P_k are written over one common denominator d (N_k = d P_k in Z[y]); for each lag j the
// quotient of F_j = b_j S_j - d^2 a_j (S_j = sum_k N_k N_{k+j}, t_j = a_j / b_j) by m is computed
// here with FLINT and written as s_j > 0 and Q_j in Z[y] with s_j F_j = Q_j m; Coq's
// Lemma.lemma_exact_check recomputes S_j and F_j and compares both sides coefficientwise.
#include "coqgen/coq_export_lemma.h"

#include "coqgen/coq_export_lemma_general.h"
#include "coqgen/coq_text.h"

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz.h>
#include <flint/fmpz_poly.h>

#include <string>
#include <vector>

namespace convcert::coqgen {

namespace {

using support::Fmpq;
using support::FmpqPoly;
using support::Fmpz;
using support::FmpzPoly;

// Parses "p" or "p/q" (p optionally negative, q != 0; lowest terms not required) into x.
void coqgen_parse_rational(const std::string& s, fmpq_t x, const std::string& what) {
    if (!support::fmpq_set_string(x, s))
        throw CoqExportError(what + " is not a rational: '" + coq_message_escape(s) + "'");
}

std::string coqgen_fmpz_string(const fmpz_t x) {
    char* c = fmpz_get_str(nullptr, 10, x);
    std::string s(c);
    flint_free(c);
    return s;
}

// Appends items separated by "; " inside [ ], breaking lines near 96 columns.
// A one-element list is written "(x :: nil)": in bigZ_scope "[x]" means BigZ.to_Z x.
std::string coqgen_list(const std::vector<std::string>& items, const std::string& indent) {
    if (items.size() == 1) return "(" + items[0] + " :: nil)";
    std::string out = "[";
    std::size_t column = indent.size() + 1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += ";";
            if (column + items[i].size() + 2 > 96) {
                out += "\n" + indent + " ";
                column = indent.size() + 1;
            } else {
                out += " ";
                column += 2;
            }
        }
        out += items[i];
        column += items[i].size();
    }
    return out + "]";
}

// Items one per line: "[a;\n   b]".
std::string coqgen_lines(const std::vector<std::string>& items, const std::string& indent) {
    if (items.size() == 1) return "(" + items[0] + " :: nil)";
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i > 0 ? ";\n" + indent + " " : "") + items[i];
    return out + "]";
}

std::vector<std::string> coqgen_zpoly_items(const fmpz_poly_t p) {
    std::vector<std::string> items;
    support::Fmpz c;
    for (slong i = 0; i < fmpz_poly_length(p); ++i) {
        fmpz_poly_get_coeff_fmpz(c.x, p, i);
        items.push_back(coqgen_fmpz_string(c.x));
    }
    return items;
}

// a as a Coq real literal in R_scope: "a" or "a/b" (canonical, b >= 2), the form Lemma.qR
// reduces to.
std::string coqgen_real_literal(const fmpq_t x) {
    std::string s = coqgen_fmpz_string(fmpq_numref(x));
    if (!fmpz_is_one(fmpq_denref(x))) s += "/" + coqgen_fmpz_string(fmpq_denref(x));
    return s;
}

// x = p/q (q > 0) as the Coq pair (p, q) of integers.
std::string coqgen_pair_literal(const fmpq_t x) {
    return "(" + coqgen_fmpz_string(fmpq_numref(x)) + ", " + coqgen_fmpz_string(fmpq_denref(x)) +
           ")";
}

// The claim's vectors, each entry parsed and printed canonically: as Coq real literals
// (rows of "a" or "a/b") and as integer pairs (a, b).
struct CoqVectors {
    std::string reals, pairs;
};

CoqVectors coqgen_vectors(const std::vector<std::vector<std::string>>& vectors) {
    std::vector<std::string> reals, pairs;
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        std::vector<std::string> r, p;
        for (std::size_t k = 0; k < vectors[i].size(); ++k) {
            support::Fmpq x;
            coqgen_parse_rational(vectors[i][k], x.x,
                                  "claim.vectors[" + std::to_string(i) + "][" + std::to_string(k) +
                                      "]");
            r.push_back(coqgen_real_literal(x.x));
            p.push_back(coqgen_pair_literal(x.x));
        }
        reals.push_back(coqgen_list(r, "   "));
        pairs.push_back(coqgen_list(p, "   "));
    }
    return {coqgen_lines(reals, "  "), coqgen_lines(pairs, "  ")};
}

// general: the file also proves the statement from the general theorem (see coq_export_lemma.h).
std::string coqgen_lemma_header(bool general) {
    return "(* Coq instance proof of a convcert lemma-exact certificate (written by `convcert "
           "coq`).\n"
           "   Check it in the project root, after building the library once:\n" +
           coq_lemma_statement_comment() +
           "   The rest is evidence: the claim's target t is checked to be sum_i a_i * a_i by "
           "computation\n"
           "   over Q (proofs/LemmaVectors.v: target_check); alpha is a real root of [minpoly] "
           "in [lo, hi]\n"
           "   (IVT, sign change checked by computation), c_k = N_k(alpha) / den, and for every "
           "lag j the\n"
           "   polynomial identity s_j * (b_j * sum_k N_k N_(k+j) - den^2 a_j) = Q_j * minpoly "
           "(t_j = a_j / b_j)\n"
           "   is checked by vm_compute over BigZ (proofs/Lemma.v: lemma_exact_check_big)." +
           std::string(general ? "\n   [certificate_holds_general], at the end, states the same "
                                 "and is proven\n   independently, by the general theorem "
                                 "FejerRiesz.sum_autocorr_factor. *)\n"
                               : " *)\n") +
           "From Coq Require Import Reals List ZArith Arith.\n"
           "From Bignums Require Import BigZ.\n"
           "From Convcert Require Import Network Autocorr Lemma LemmaVectors" +
           (general ? " FejerRiesz" : "") +
           ".\n"
           "Import ListNotations.\n"
           "Local Open Scope R_scope.\n\n";
}

// The lemmas and the theorem that close every instance proof.
std::string coqgen_lemma_proof() {
    return "Lemma vectors_eq : vectors = map (map qR) vectors_q.\n"
           "Proof. reflexivity. Qed.\n\n"
           "Lemma checks :\n  lemma_exact_check_big minpoly lo hi den numerators target_q "
           "quotients = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Lemma target_checks : target_check vectors_q target_q = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Theorem certificate_holds : exists c : list R, length c = K /\\\n"
           "  forall l, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) "
           "vectors).\n"
           "Proof.\n"
           "  rewrite vectors_eq.\n"
           "  exact (lemma_exact_vectors_sound _ _ _ _ _ _ _ _ checks target_checks).\n"
           "Qed.\n";
}

// The body of a lemma-exact certificate with K >= 1 and K entries in target and in c. Throws
// CoqExportError.
const LemmaExactBody& coqgen_lemma_body(const Certificate& cert) {
    const LemmaExactBody* body = std::get_if<LemmaExactBody>(&cert.body);
    if (!body)
        throw CoqExportError("not a lemma-exact certificate (kind '" + certificate_kind_name(cert) +
                             "')");
    const long K = body->claim.K;
    if (K < 1) throw CoqExportError("claim.K must be at least 1");
    if (static_cast<long>(body->claim.target.size()) != K)
        throw CoqExportError("claim.target has " + std::to_string(body->claim.target.size()) +
                             " entries, expected K = " + std::to_string(K));
    if (static_cast<long>(body->evidence.c.size()) != K)
        throw CoqExportError("evidence.c has " + std::to_string(body->evidence.c.size()) +
                             " polynomials, expected K = " + std::to_string(K));
    return *body;
}

// m in Z[y] from evidence.minpoly: integers, degree >= 1, nonzero leading coefficient.
void coqgen_minpoly(fmpz_poly_t m, const std::vector<std::string>& minpoly) {
    for (std::size_t i = 0; i < minpoly.size(); ++i) {
        support::Fmpq x;
        const std::string what = "evidence.minpoly[" + std::to_string(i) + "]";
        coqgen_parse_rational(minpoly[i], x.x, what);
        if (!fmpz_is_one(fmpq_denref(x.x))) throw CoqExportError(what + " is not an integer");
        fmpz_poly_set_coeff_fmpz(m, static_cast<slong>(i), fmpq_numref(x.x));
    }
    if (fmpz_poly_degree(m) < 1 || static_cast<slong>(minpoly.size()) != fmpz_poly_length(m))
        throw CoqExportError("evidence.minpoly must have degree >= 1 and a nonzero leading "
                             "coefficient");
}

// The P_k of evidence.c over their common denominator d: N[k] = d P_k in Z[y]; returns d.
Fmpz coqgen_numerators(std::vector<FmpzPoly>& N, const std::vector<std::vector<std::string>>& c) {
    std::vector<FmpqPoly> P(c.size());
    Fmpz d;
    fmpz_one(d.x);
    for (std::size_t k = 0; k < c.size(); ++k) {
        for (std::size_t i = 0; i < c[k].size(); ++i) {
            Fmpq x;
            coqgen_parse_rational(
                c[k][i], x.x, "evidence.c[" + std::to_string(k) + "][" + std::to_string(i) + "]");
            fmpq_poly_set_coeff_fmpq(P[k].p, static_cast<slong>(i), x.x);
        }
        fmpz_lcm(d.x, d.x, fmpq_poly_denref(P[k].p));
    }
    N = std::vector<FmpzPoly>(c.size());
    for (std::size_t k = 0; k < c.size(); ++k) {
        FmpqPoly scaled;
        fmpq_poly_scalar_mul_fmpz(scaled.p, P[k].p, d.x);
        fmpq_poly_get_numerator(N[k].p, scaled.p); // denominator 1
    }
    return d;
}

// The claim's target t_j, parsed.
std::vector<Fmpq> coqgen_target(const std::vector<std::string>& target) {
    std::vector<Fmpq> t(target.size());
    for (std::size_t j = 0; j < target.size(); ++j)
        coqgen_parse_rational(target[j], t[j].x, "claim.target[" + std::to_string(j) + "]");
    return t;
}

// (s_j, Q_j) with s_j F_j = Q_j m for F_j = b_j S_j - d^2 a_j, S_j = sum_k N_k N_{k+j}, as the
// Coq pair "(s_j, [Q_j])". When m does not divide F_j the quotient is written anyway and Coq
// rejects the identity.
std::string coqgen_quotient(const fmpq_poly_t mq, const std::vector<FmpzPoly>& N, const fmpz_t d2,
                            const fmpq_t tj, std::size_t j) {
    FmpzPoly S, prod;
    for (std::size_t k = 0; k + j < N.size(); ++k) {
        fmpz_poly_mul(prod.p, N[k].p, N[k + j].p);
        fmpz_poly_add(S.p, S.p, prod.p);
    }
    FmpzPoly F, c0;
    fmpz_poly_scalar_mul_fmpz(F.p, S.p, fmpq_denref(tj));
    Fmpz da;
    fmpz_mul(da.x, d2, fmpq_numref(tj));
    fmpz_poly_set_fmpz(c0.p, da.x);
    fmpz_poly_sub(F.p, F.p, c0.p);
    FmpqPoly Fq, Q, Rem;
    fmpq_poly_set_fmpz_poly(Fq.p, F.p);
    fmpq_poly_divrem(Q.p, Rem.p, Fq.p, mq);
    FmpzPoly Qnum;
    fmpq_poly_get_numerator(Qnum.p, Q.p);
    return "(" + coqgen_fmpz_string(fmpq_poly_denref(Q.p)) + ", " +
           coqgen_list(coqgen_zpoly_items(Qnum.p), "    ") + ")";
}

// The quotient of every lag j < K.
std::vector<std::string> coqgen_quotients(const fmpz_poly_t m, const std::vector<FmpzPoly>& N,
                                          const fmpz_t d, const std::vector<Fmpq>& t) {
    FmpqPoly mq;
    fmpq_poly_set_fmpz_poly(mq.p, m);
    Fmpz d2;
    fmpz_mul(d2.x, d, d);
    std::vector<std::string> items;
    for (std::size_t j = 0; j < t.size(); ++j)
        items.push_back(coqgen_quotient(mq.p, N, d2.x, t[j].x, j));
    return items;
}

// What the instance proof states and checks, as parsed values.
struct LemmaExact {
    long K = 0;
    FmpzPoly m;
    Fmpq lo, hi;
    Fmpz d;
    std::vector<FmpzPoly> N;
    std::vector<Fmpq> t;
    std::vector<std::string> quotients;
    CoqVectors vectors;
    bool general = false; // every vector has K entries: append certificate_holds_general
};

// The instance proof's text.
std::string coqgen_lemma_text(const LemmaExact& x) {
    std::vector<std::string> target_q, numerators;
    for (const Fmpq& tj : x.t)
        target_q.push_back(coqgen_pair_literal(tj.x));
    for (const FmpzPoly& Nk : x.N)
        numerators.push_back(coqgen_list(coqgen_zpoly_items(Nk.p), "   "));
    std::string out = coqgen_lemma_header(x.general);
    out += "Definition K : nat := " + std::to_string(x.K) + ".\n\n";
    out += "(* the claim's input vectors a_i *)\n";
    out += "Definition vectors : list (list R) :=\n  " + x.vectors.reals + ".\n\n";
    out += "(* ---- evidence (untrusted; re-checked below) ---- *)\n\n";
    out += "Definition minpoly : list bigZ :=\n  " + coqgen_list(coqgen_zpoly_items(x.m.p), "  ") +
           "%bigZ.\n\n";
    out += "(* the interval [lo, hi] as pairs (p, q) meaning p / q *)\n";
    out += "Definition lo : bigZ * bigZ := " + coqgen_pair_literal(x.lo.x) + "%bigZ.\n";
    out += "Definition hi : bigZ * bigZ := " + coqgen_pair_literal(x.hi.x) + "%bigZ.\n\n";
    out += "Definition den : bigZ := " + coqgen_fmpz_string(x.d.x) + "%bigZ.\n\n";
    out += "(* N_k = den * P_k, ascending powers of y *)\n";
    out += "Definition numerators : list (list bigZ) :=\n  " + coqgen_lines(numerators, "  ") +
           "%bigZ.\n\n";
    out += "(* the vectors as pairs (a, b) meaning a / b *)\n";
    out += "Definition vectors_q : list (list (Z * Z)) :=\n  " + x.vectors.pairs + "%Z.\n\n";
    out += "(* the claim's target t_j = a_j / b_j (lag j of sum_i a_i * a_i) as pairs (a_j, b_j) "
           "*)\nDefinition target_q : list (Z * Z) :=\n  " +
           coqgen_list(target_q, "  ") + "%Z.\n\n";
    out += "(* (s_j, Q_j) for each lag j *)\n";
    out += "Definition quotients : list (bigZ * list bigZ) :=\n  " +
           coqgen_lines(x.quotients, "  ") + "%bigZ.\n\n";
    out += coqgen_lemma_proof();
    if (x.general) out += "\n" + coq_lemma_general_proof("certificate_holds_general");
    return out;
}

} // namespace

std::string coq_lemma_vectors_reals(const std::vector<std::vector<std::string>>& vectors) {
    return coqgen_vectors(vectors).reals;
}

std::string coq_export_lemma_exact(const Certificate& cert) {
    const LemmaExactBody& body = coqgen_lemma_body(cert);
    const LemmaExactEvidence& ev = body.evidence;
    LemmaExact x;
    x.K = body.claim.K;
    coqgen_minpoly(x.m.p, ev.minpoly);
    coqgen_parse_rational(ev.interval_lo, x.lo.x, "evidence.interval[0]");
    coqgen_parse_rational(ev.interval_hi, x.hi.x, "evidence.interval[1]");
    x.d = coqgen_numerators(x.N, ev.c);
    x.t = coqgen_target(body.claim.target);
    x.quotients = coqgen_quotients(x.m.p, x.N, x.d.x, x.t);
    x.vectors = coqgen_vectors(body.claim.vectors);
    x.general = true;
    for (const std::vector<std::string>& v : body.claim.vectors)
        if (static_cast<long>(v.size()) != x.K) x.general = false;
    return coqgen_lemma_text(x);
}

} // namespace convcert::coqgen
