// Export of `regularizer-bracket` (and `network-collapse`) certificates as Coq instance
// proofs (untrusted generator side): the text of a .v file whose top theorem
// `certificate_holds` is checked by `coqc -R proofs Convcert FILE.v` against the library in
// proofs/ (Bracket.v for the checks, Duality.v and Schur.v for weak duality, PsdCheck.v for
// the exact PSD test). Nothing here is trusted: Coq recomputes <lambda, w>, 4I - T T^T and its
// definiteness, the realization of w and every cost from the rationals written here.
#pragma once

#include "certify/certificate.h"

// Boost 1.74's rational normalize() trips GCC 12's -Wmaybe-uninitialized (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/multiprecision/cpp_int.hpp>
#pragma GCC diagnostic pop

#include <stdexcept>
#include <string>
#include <vector>

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
/// A 2-D claim (shape [D1, D2], kernel_shape [K1, K2]) states the same on Z_D1 x Z_D2 with
/// Grid.v's definitions: realizes2/cost2/wf2 for R = 1 (BracketGrid.bracket_2d), their
/// multi-channel analogues realizes2_multi/cost2_multi/wf2_multi for R > 1
/// (BracketGrid.bracket_multi_2d).
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
/// the two networks and all numbers written from the claim; for a 2-D claim the same with
/// realizes2/cost2/wf2 on Z_D1 x Z_D2 (BracketGrid.collapse_2d). Preconditions as above (R = 1,
/// one output channel, shapes match D and K, a 2-D grid as for the bracket); validity is not
/// required (Coq decides it).
std::string coq_export_collapse(const Certificate& cert, const std::string& name);

// The number and text helpers of this exporter, shared with coq_export_separation (one
// implementation). Each throws CoqBracketExportError naming `what` on a string that is not a
// rational "p" or "p/q" (q >= 1).

/// The value of a certificate rational.
boost::multiprecision::cpp_rational coq_rational(const std::string& s, const std::string& what);
/// The Coq Q literal "(p#q)" of a certificate rational, printed from its parsed value.
std::string coq_q_literal(const std::string& s, const std::string& what);
/// "[a; b; c]" of Coq terms, lines broken near 96 columns (continuation lines get `indent`).
std::string coq_items(const std::vector<std::string>& items, const std::string& indent);
/// All entries as Q literals N#L over one common denominator L (hexadecimal numerals).
std::vector<std::vector<std::string>>
coq_common_rows(const std::vector<std::vector<std::string>>& rows, const std::string& what);
/// The header comment and imports of an exported file (`modules`: the Convcert modules).
std::string coq_file_header(const std::string& kind, const std::string& name,
                            const std::string& sizes, const std::string& claim,
                            const std::string& modules);

} // namespace convcert::coqgen
