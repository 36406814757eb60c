// Export of channel-separation certificates as Coq instance proofs (untrusted generator side):
// the text of a .v file whose theorem certificate_holds is proven by
// proofs/Separation.v's separation_2d from one reflective check. The certificate's Fourier
// leaves are not used: the exporter builds its own bisection tree (coq_separation_tree.h) with
// the Fourier-free centred (second-order) bound of Separation.v, and Coq re-checks every leaf.
#pragma once

#include "certify/certificate.h"

#include <cstddef>
#include <string>

namespace convcert::coqgen {

struct SeparationExportOptions {
    std::size_t max_leaves = 60000; // per attempted lower bound
};

struct SeparationExport {
    std::string proof;      // the .v text
    std::string lower;      // the proven lower bound (lower_c1, or a smaller L1' > upper_c2)
    bool lowered = false;   // lower != lower_c1
    std::size_t leaves = 0; // the tree's leaves over all K faces
};

/// The Coq file proving, on g = Z_D1 x Z_D2 with K1 x K2 kernels,
///   (forall nt, length nt = 1 -> wf2 g nt -> realizes2 g nt w -> lower <= cost2 g nt) and
///   (exists nt, length nt = 2 /\ wf2 g nt /\ realizes2 g nt w /\ cost2 g nt <= upper_c2) and
///   upper_c2 < lower,
/// w the claim's w as D1 rows of D2. lower is the claim's lower_c1 if a tree within
/// options.max_leaves leaves proves it, else the first of upper_c2 + (lower_c1 - upper_c2) *
/// {1/2, 1/4, 1/8} that one proves (said in the file's header and in `lowered`).
/// Preconditions (checked, CoqBracketExportError otherwise: one line): kind channel-separation;
/// shape [D1, D2] and kernel_shape [K1, K2] with 1 <= K1 <= D1, 1 <= K2 <= D2, D = D1 D2,
/// K = K1 K2, R = 1; w 1 row of D; a network of exactly 2 channels (u: 1 row of K, v: D);
/// every number a rational; upper_c2 < lower_c1; w != 0. A network that does not realize w or
/// costs more than upper_c2 still exports and fails in coqc. Throws CoqBracketExportError if no
/// tree is found. `name` goes into the header comment only, sanitized. Deterministic.
SeparationExport coq_export_separation(const Certificate& cert, const std::string& name,
                                       const SeparationExportOptions& options = {});

} // namespace convcert::coqgen
