// Export of a `lemma-exact` certificate as a Coq instance proof (untrusted generator side):
// the text of a .v file whose top theorem
//     certificate_holds : exists c : list R, length c = K /\ (forall l,
//       coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) vectors))
// (vectors = the claim's a_i, written literally) is checked by `coqc -R proofs Convcert FILE.v`
// against the library proofs/ (Autocorr.v, Lemma.v, LemmaVectors.v). Nothing here is trusted:
// Coq re-checks that the claim's target is sum_i a_i * a_i (over Q), the sign change of the
// minimal polynomial on the interval and every divisibility identity (with the quotients
// computed here by FLINT). Every number is printed from its parsed value.
#pragma once

#include "certify/certificate.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::coqgen {

/// Thrown on a certificate the exporter cannot turn into Coq text; what() is one line naming
/// the problem (the CLI prints it and exits with code 2).
class CoqExportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The Coq file (UTF-8 text, ends with a newline) proving the claim of `cert`.
///
/// Preconditions (checked; violations throw CoqExportError, nothing is partially returned):
///  - cert holds a LemmaExactBody (kind "lemma-exact");
///  - claim.K >= 1, claim.target has K entries, evidence.c has K polynomials,
///    every entry of vectors, target, c and interval is a rational "p" or "p/q" (q != 0;
///    lowest terms not required), minpoly entries are integers with degree >= 1 (leading
///    coefficient nonzero). Messages quote offending strings escaped (coq_message_escape).
/// Not required: that the certificate passes the C++ checker. If it does not (a target that is
/// not the vectors' autocorrelation sum, no sign change, a P_k that does not satisfy the
/// identity), the exporter still writes a file or throws, and in the first case that file fails
/// to compile in Coq (a reflective check evaluates to false). The statement is about the
/// vectors; the target is evidence, linked to them by target_check.
/// When every vector has K entries the file also proves the same statement, as
/// certificate_holds_general, from the general theorem FejerRiesz.sum_autocorr_factor
/// (coq_lemma_general_proof): a second, independent proof; certificate_holds stays the
/// instance proof. Deterministic: the same certificate gives byte-identical text.
std::string coq_export_lemma_exact(const Certificate& cert);

/// The claim's vectors as a Coq `list (list R)` literal (R_scope): each entry parsed and printed
/// canonically as "a" or "a/b", never copied from the input. Throws CoqExportError naming
/// claim.vectors[i][k] when an entry is not a rational "p" or "p/q" (q != 0).
std::string coq_lemma_vectors_reals(const std::vector<std::vector<std::string>>& vectors);

} // namespace convcert::coqgen
