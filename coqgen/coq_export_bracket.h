// Export of `regularizer-bracket` (and `network-collapse`) certificates as Coq instance
// proofs (untrusted generator side): the text of a .v file whose top theorem
// `certificate_holds` is checked by `coqc -R proofs Convcert FILE.v` against the library in
// proofs/ (Bracket.v for the checks, Duality.v and Schur.v for weak duality, PsdCheck.v for
// the exact PSD test). Nothing here is trusted: Coq recomputes <lambda, w>, 4I - T T^T and its
// definiteness, the realization of w and every cost from the rationals written here.
#pragma once

#include "certify/certificate.h"

#include <stdexcept>
#include <string>

namespace convcert::coqgen {

/// Thrown on a certificate the bracket/collapse exporter cannot turn into Coq text; what() is
/// one line naming the problem (the CLI prints it and exits with code 2).
class CoqBracketExportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The Coq file (UTF-8, ends with a newline) proving the claim of a regularizer-bracket
/// certificate: for R = 1
///   (forall nt : network, realizes D K nt w -> lower <= cost D K nt)  and
///   (exists nt : network, length nt = C0 /\ wf D K nt /\ realizes D K nt w /\ cost D K nt <=
///   upper)
/// (the multi-channel analogue for R > 1), w, lower, upper the claim's rationals mapped to R.
///
/// Preconditions (checked, CoqBracketExportError otherwise): kind regularizer-bracket with claim
/// and evidence set; 1 <= D, 1 <= K <= D, 1 <= R; w and lambda have R rows of D entries; at
/// least one channel, as many u as v, each u R rows of K, each v D entries; every entry a
/// rational "p" or "p/q" (q >= 1, lowest terms not required). Not required: that the
/// certificate is valid. An invalid one (lower too high, lambda not dual feasible, a network
/// that does not realize w or costs more than upper) still exports, and the file then fails to
/// compile (the reflective check evaluates to false). `name` (any string) goes into the header
/// comment only, after coq_name_sanitize. Numbers are printed from their parsed values, never
/// copied from the certificate's spelling; messages quote bad strings escaped, on one line.
/// Deterministic: the same certificate gives byte-identical text.
std::string coq_export_bracket(const Certificate& cert, const std::string& name);

/// The Coq file for a network-collapse certificate:
///   realizes D K input w /\ realizes D K output w /\ cost D K output <= cost_in + slack
///   /\ cost D K input = cost_in /\ cost D K output = cost_out,
/// the two networks and all numbers written from the claim. Preconditions as above (R = 1, one
/// output channel, shapes match D and K); validity is not required (Coq decides it).
std::string coq_export_collapse(const Certificate& cert, const std::string& name);

} // namespace convcert::coqgen
