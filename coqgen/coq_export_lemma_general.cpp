// Export of a lemma-enclosure certificate as a Coq proof from the general theorem
// FejerRiesz.sum_autocorr_factor (see coq_export_lemma_general.h). The length hypothesis is one
// boolean check, forallb over the vectors, evaluated by vm_compute: no proof term grows with
// K or the number of vectors.
#include "coqgen/coq_export_lemma_general.h"

#include "coqgen/coq_export_lemma.h"

#include <string>
#include <variant>

namespace convcert::coqgen {

namespace {

// The body of a lemma-enclosure certificate with K >= 1 and K entries in every vector. Throws
// CoqExportError.
const LemmaEnclosureBody& coqgen_enclosure_body(const Certificate& cert) {
    const LemmaEnclosureBody* body = std::get_if<LemmaEnclosureBody>(&cert.body);
    if (!body)
        throw CoqExportError("not a lemma-enclosure certificate (kind '" +
                             certificate_kind_name(cert) + "')");
    const long K = body->claim.K;
    if (K < 1) throw CoqExportError("claim.K must be at least 1");
    for (std::size_t i = 0; i < body->claim.vectors.size(); ++i)
        if (static_cast<long>(body->claim.vectors[i].size()) != K)
            throw CoqExportError("claim.vectors[" + std::to_string(i) + "] has " +
                                 std::to_string(body->claim.vectors[i].size()) +
                                 " entries, expected K = " + std::to_string(K));
    return *body;
}

std::string coqgen_general_header() {
    return "(* Coq proof of a convcert lemma-enclosure certificate's claim from the general "
           "theorem\n"
           "   (written by `convcert coq`). Check it in the project root, after building the "
           "library once:\n" +
           coq_lemma_statement_comment() +
           "   It is proven by FejerRiesz.sum_autocorr_factor (the Lemma, in general); the only "
           "instance\n"
           "   fact checked here is that every vector has K entries (by computation). The "
           "general theorem\n"
           "   proves existence; the certificate's enclosure (the box around one c) is not "
           "used here and\n"
           "   is verified by the C++ checker (convcert check). *)\n"
           "From Coq Require Import Reals List Arith.\n"
           "From Convcert Require Import Network Autocorr FejerRiesz.\n"
           "Import ListNotations.\n"
           "Local Open Scope R_scope.\n\n";
}

} // namespace

std::string coq_lemma_statement_comment() {
    return "     make -C proofs\n"
           "     coqc -R proofs Convcert THIS_FILE.v\n"
           "   (the file name must be a Coq identifier: letters, digits, _). The only statement "
           "to read\n"
           "   is [certificate_holds] with [K] and [vectors] below: some c of length K has, lag "
           "by lag,\n"
           "   c * c = sum_i a_i * a_i over the vectors a_i; [autocorr] is the aperiodic "
           "autocorrelation\n"
           "   of proofs/Autocorr.v, (c * c)[j] = sum_k c[k] c[k+j], [coef] an entry (0 past "
           "the end).\n";
}

std::string coq_lemma_general_proof(const std::string& theorem) {
    return "Lemma lengths_check :\n"
           "  forallb (fun x : list R => Nat.eqb (length x) K) vectors = true.\n"
           "Proof. vm_cast_no_check (eq_refl true). Qed.\n\n"
           "Lemma lengths : forall x, In x vectors -> length x = K.\n"
           "Proof.\n"
           "  intros x Hx. apply Nat.eqb_eq.\n"
           "  exact (proj1 (forallb_forall _ vectors) lengths_check x Hx).\n"
           "Qed.\n\n"
           "Theorem " +
           theorem +
           " : exists c : list R, length c = K /\\\n"
           "  forall l, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) "
           "vectors).\n"
           "Proof. exact (sum_autocorr_factor K vectors lengths). Qed.\n";
}

std::string coq_export_lemma_enclosure(const Certificate& cert) {
    const LemmaEnclosureBody& body = coqgen_enclosure_body(cert);
    std::string out = coqgen_general_header();
    out += "Definition K : nat := " + std::to_string(body.claim.K) + ".\n\n";
    out += "(* the claim's input vectors a_i *)\n";
    out += "Definition vectors : list (list R) :=\n  " +
           coq_lemma_vectors_reals(body.claim.vectors) + ".\n\n";
    return out + coq_lemma_general_proof("certificate_holds");
}

} // namespace convcert::coqgen
