// Export of a `lemma-enclosure` certificate as a Coq proof from the general theorem
// (untrusted generator side): the text of a .v file whose top theorem
//     certificate_holds : exists c : list R, length c = K /\ (forall l,
//       coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) vectors))
// (vectors = the claim's a_i, written literally; the statement of the lemma-exact export) is
// proven by FejerRiesz.sum_autocorr_factor, its length hypothesis checked by computation. The
// general theorem proves existence; the enclosure's box (evidence.center, radius) is not used:
// the C++ checker verifies it.
#pragma once

#include "certify/certificate.h"

#include <string>

namespace convcert::coqgen {

/// The Coq file (UTF-8 text, ends with a newline) proving the claim of `cert` from
/// FejerRiesz.sum_autocorr_factor.
///
/// Preconditions (checked; violations throw CoqExportError, nothing is partially returned):
///  - cert holds a LemmaEnclosureBody (kind "lemma-enclosure");
///  - claim.K >= 1 and every claim vector has K entries, each a rational "p" or "p/q"
///    (q != 0). Messages quote offending strings escaped (coq_message_escape).
/// Not read: claim.target and the evidence. Any vectors of length K give a file that
/// compiles (the statement is true for all of them). Deterministic.
std::string coq_export_lemma_enclosure(const Certificate& cert);

/// The header comment's lines (from "     make -C proofs" to "(0 past the end).", each ending
/// in a newline) that say how to check a lemma file and read its statement; shared by the
/// lemma-exact and lemma-enclosure exports.
std::string coq_lemma_statement_comment();

/// The Coq text (lemmas lengths_check, lengths, then `Theorem THEOREM`) proving the statement
/// above about the definitions K and vectors from FejerRiesz.sum_autocorr_factor, for a file
/// that imports Arith, Network, Autocorr and FejerRiesz. Precondition: `theorem` is a Coq
/// identifier not defined in the file (not checked). The lemma-exact export appends it when
/// every vector has K entries (see coq_export_lemma.h).
std::string coq_lemma_general_proof(const std::string& theorem);

} // namespace convcert::coqgen
