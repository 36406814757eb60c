#!/bin/sh
# ctest `coq_library` (label coq, the fixture of the other Coq tests): copies proofs/ to
# WORK_DIR/proofs and builds it there with its Makefile (the source tree stays clean), then
# checks that the library's general theorems rest only on the allowed axioms
# (scripts/coq_assumptions.sh: the Reals axioms, epsilon and mathcomp-analysis' classical ones).
#   tests/coq_library.sh SOURCE_DIR WORK_DIR
set -eu
src=$(realpath "$1")
work=$2
rm -rf "$work"
mkdir -p "$work"
cp -r "$src/proofs" "$work/proofs"
rm -f "$work"/proofs/*.vo "$work"/proofs/*.vok "$work"/proofs/*.vos "$work"/proofs/*.glob \
    "$work"/proofs/Makefile.coq "$work"/proofs/Makefile.coq.conf
# no unfinished or assumed proof in the library's files (work in progress stays outside
# _CoqProject): the words Admitted, admit, Axiom, Parameter, Hypothesis, Conjecture
files=$(grep '\.v$' "$src/proofs/_CoqProject" | sed "s|^|$src/proofs/|")
if grep -nwE 'Admitted|admit|Axiom|Parameter|Hypothesis|Conjecture' $files >"$work/admitted.out"; then
    cat "$work/admitted.out" >&2
    echo "FAIL: an unfinished proof or an axiom in a file of proofs/_CoqProject" >&2
    exit 1
fi
start=$(date +%s%N)
make -C "$work/proofs" >"$work/make.out" 2>&1 || {
    cat "$work/make.out" >&2
    echo "FAIL: make -C proofs" >&2
    exit 1
}
echo "library: make -C proofs $((($(date +%s%N) - start) / 1000000)) ms"
lib=$(realpath "$work/proofs")
mkdir -p "$work/theorems"
# module.theorem: the general results (proofs/README.md), each checked for its axioms
for t in Duality.weak_duality Duality.weak_duality_multi Schur.Sform_nonneg \
    PsdCheck.psd_check_sound PsdCheckZ.psd_checkZ_sound Autocorr.circ_autocorr_of_autocorr \
    Lemma.lemma_exact_sound LemmaVectors.lemma_exact_vectors_sound \
    Collapse.collapse_of_autocorr PolyBridge.sum_autocorr_of_poly FejerRieszPoly.fr_sos \
    FejerRiesz.sum_autocorr_factor Independence.collapse_to_one_channel \
    Independence.independent_of_C Grid.weak_duality_2d Grid.realizes2_1d \
    BracketGrid.bracket_2d Separation.separation_2d BracketGrid.bracket_multi_2d \
    BracketGrid.collapse_2d; do
    sh "$src/scripts/coq_assumptions.sh" "$lib" "Convcert.$t" || exit 1
    echo "$t: only allowed axioms"
done
# the Lemma's statement exactly as issue 15 gives it, and its edge cases
cp "$src/tests/coq/FejerRieszStatement.v" "$work/FejerRieszStatement.v"
(cd "$work" && coqc -R "$lib" Convcert FejerRieszStatement.v) || {
    echo "FAIL: tests/coq/FejerRieszStatement.v" >&2
    exit 1
}
echo "FejerRieszStatement.v: the statement of sum_autocorr_factor is the issue's"
# the Theorem's two statements exactly as issue 15 gives them, and their edge cases
cp "$src/tests/coq/IndependenceStatement.v" "$work/IndependenceStatement.v"
(cd "$work" && coqc -R "$lib" Convcert IndependenceStatement.v) || {
    echo "FAIL: tests/coq/IndependenceStatement.v" >&2
    exit 1
}
echo "IndependenceStatement.v: the statements of collapse_to_one_channel and independent_of_C are the issue's"
# the 2-D index maps against hand-computed values, and weak_duality_2d's statement written out
cp "$src/tests/coq/GridExamples.v" "$work/GridExamples.v"
(cd "$work" && coqc -R "$lib" Convcert GridExamples.v) || {
    echo "FAIL: tests/coq/GridExamples.v" >&2
    exit 1
}
echo "GridExamples.v: the grid's index maps are the hand-computed ones"
echo "coq_library: ok"
