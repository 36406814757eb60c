#!/bin/sh
# ctest `coq_lemma_exact` (label coq): lemma-exact certificates exported to Coq compile, tampered
# ones do not, and certificate_holds depends only on the allowed axioms (below); also compiles
# proofs/Collapse.v when coq-a's Network.v and Sums.v are present.
#   tests/coq_lemma_exact.sh CONVCERT EXPORTER SOURCE_DIR WORK_DIR
# CONVCERT is build/convcert (makes the certificates with `factor --method exact`), EXPORTER the
# coq_export_lemma test driver (coqgen/coq_export_lemma.h). proofs/Autocorr.v and Lemma.v are
# compiled into WORK_DIR/lib (a copy; instances in WORK_DIR/inst, so the source tree stays clean).
set -eu
convcert=$(realpath "$1")
exporter=$(realpath "$2")
src=$(realpath "$3")
work=$4
rm -rf "$work"
mkdir -p "$work/lib" "$work/inst"
cp "$src/proofs/Autocorr.v" "$src/proofs/Lemma.v" "$work/lib/"
(cd "$work/lib" && coqc -R . Convcert Autocorr.v && coqc -R . Convcert Lemma.v)
cd "$work/inst"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Only these axioms may appear under `Print Assumptions certificate_holds`: the standard
# library's Reals (ClassicalDedekindReals, functional extensionality) and, through Bignums'
# BigZ, Coq's primitive 63-bit integers: the primitives PrimInt63.* and their specifications
# Uint63.* (proofs/Lemma.v's header), by exact name.
allowed="ClassicalDedekindReals.sig_forall_dec ClassicalDedekindReals.sig_not_dec FunctionalExtensionality.functional_extensionality_dep"
allowed="$allowed
PrimInt63.add PrimInt63.addc PrimInt63.addcarryc PrimInt63.addmuldiv PrimInt63.compare
PrimInt63.div PrimInt63.diveucl PrimInt63.diveucl_21 PrimInt63.eqb PrimInt63.head0
PrimInt63.int PrimInt63.land PrimInt63.leb PrimInt63.lor PrimInt63.lsl
PrimInt63.lsr PrimInt63.ltb PrimInt63.lxor PrimInt63.mod PrimInt63.mul
PrimInt63.mulc PrimInt63.sub PrimInt63.subc PrimInt63.subcarryc PrimInt63.tail0
Uint63.add_spec Uint63.addc_def_spec Uint63.addcarryc_def_spec Uint63.addmuldiv_def_spec Uint63.compare_def_spec
Uint63.div_spec Uint63.diveucl_21_spec Uint63.diveucl_def_spec Uint63.eqb_correct Uint63.eqb_refl
Uint63.head0_spec Uint63.land_spec Uint63.leb_spec Uint63.lor_spec Uint63.lsl_spec
Uint63.lsr_spec Uint63.ltb_spec Uint63.lxor_spec Uint63.mod_spec Uint63.mul_spec
Uint63.mulc_spec Uint63.of_to_Z Uint63.sub_spec Uint63.subc_def_spec Uint63.subcarryc_def_spec
Uint63.tail0_spec"

# Prints a one-line reason and returns 1 if NAME.vo's certificate_holds uses another axiom.
assumptions_ok() { # NAME: the compiled instance NAME.vo in $work/inst
    printf 'From Inst Require Import %s.\nPrint Assumptions certificate_holds.\n' "$1" >"A_$1.v"
    coqc -R ../lib Convcert -Q . Inst "A_$1.v" >"A_$1.out" 2>&1 || {
        echo "Print Assumptions for $1 failed"
        return 1
    }
    grep -q '^Axioms:' "A_$1.out" || {
        echo "unexpected Print Assumptions output for $1"
        return 1
    }
    # an axiom is a line starting in column 0 ("Name" or "Name : type"); types are indented
    for name in $(grep -v -e '^Axioms:' -e '^[[:space:]]' -e '^$' "A_$1.out" | cut -d' ' -f1); do
        ok=0
        for a in $allowed; do [ "$name" = "$a" ] && ok=1; done
        [ $ok = 1 ] || {
            echo "$1: certificate_holds depends on axiom $name"
            return 1
        }
    done
    grep -q 'sig_forall_dec' "A_$1.out" || {
        echo "$1: Print Assumptions lists no Reals axiom (parse?)"
        return 1
    }
}

# name, then the Lemma input (deterministic small integer vectors; `one` has a rational c)
instances='k1 {"K": 1, "vectors": [[3], [-5]]}
k2 {"K": 2, "vectors": [[2, -7], [5, 3]]}
k3 {"K": 3, "vectors": [[4, -1, 6], [-3, 8, 2]]}
one {"K": 3, "vectors": [[1, 2, 2]]}
k4 {"K": 4, "vectors": [[1, -6, 3, 5], [7, 2, -4, 9]]}
k5 {"K": 5, "vectors": [[2, -3, 5, 1, -4], [6, 1, -2, 7, 3]]}'

echo "$instances" | while read -r name input; do
    echo "$input" >"$name.json"
    "$convcert" factor "$name.json" --method exact -o "c_$name.json" >/dev/null 2>&1 ||
        fail "convcert factor $name"
    "$exporter" "c_$name.json" "$name.v" || fail "export $name"
    "$exporter" "c_$name.json" "again_$name.v" || fail "export $name (again)"
    cmp -s "$name.v" "again_$name.v" || fail "export of $name is not deterministic"
    start=$(date +%s%N)
    coqc -R ../lib Convcert -Q . Inst "$name.v" >"$name.out" 2>&1 || {
        cat "$name.out" >&2
        fail "$name.v does not compile"
    }
    echo "$name: coqc $((($(date +%s%N) - start) / 1000000)) ms"
    why=$(assumptions_ok "$name") || fail "$why"
done

# The axiom check itself must reject an extra axiom.
printf 'From Coq Require Import Reals.\nFrom Inst Require k1.\nAxiom bad_axiom : (1 = 2)%%nat.\nDefinition certificate_holds := (k1.certificate_holds, bad_axiom).\n' >bad.v
coqc -R ../lib Convcert -Q . Inst bad.v || fail "bad.v does not compile"
if why=$(assumptions_ok bad); then fail "the axiom check accepts bad_axiom"; fi
case "$why" in *bad_axiom*) echo "extra axiom: rejected" ;; *) fail "axiom check: $why" ;; esac

# A certificate of another kind: one-line error, exit code 2, no output file.
set +e
"$exporter" "$src/examples/lemma-enclosure.json" enclosure.v 2>enclosure.err
rc=$?
set -e
[ $rc = 2 ] || fail "exporting a lemma-enclosure certificate: exit $rc, expected 2"
[ ! -e enclosure.v ] || fail "exporting a lemma-enclosure certificate wrote a file"
[ "$(grep -c '' enclosure.err)" = 1 ] && grep -q 'not a lemma-exact certificate' enclosure.err ||
    fail "exporting a lemma-enclosure certificate: $(cat enclosure.err)"

# Tampered certificates: each must fail to compile, in the reflective check.
for field in target c minpoly interval; do
    "$exporter" c_k4.json "t_$field.v" --tamper "$field" || fail "export tampered $field"
    if coqc -R ../lib Convcert -Q . Inst "t_$field.v" >"t_$field.out" 2>&1; then
        fail "tampered $field compiles"
    fi
    grep -q 'lemma_exact_check' "t_$field.out" ||
        fail "tampered $field fails for another reason: $(head -3 "t_$field.out")"
    echo "tampered $field: rejected"
done
# proofs/Collapse.v needs Network.v and Sums.v (branch coq-a): compiled when they are present.
if [ -f "$src/proofs/Network.v" ] && [ -f "$src/proofs/Sums.v" ]; then
    cp "$src/proofs/Network.v" "$src/proofs/Sums.v" "$src/proofs/Collapse.v" "$work/lib/"
    (cd "$work/lib" && coqc -R . Convcert Network.v && coqc -R . Convcert Sums.v &&
        coqc -R . Convcert Collapse.v) || fail "Collapse.v does not compile"
    printf 'From Convcert Require Import Collapse.\nPrint Assumptions collapse_of_autocorr.\n' >A_collapse.v
    coqc -R ../lib Convcert A_collapse.v >A_collapse.out 2>&1 || fail "Print Assumptions collapse"
    for name in $(grep -v -e '^Axioms:' -e '^[[:space:]]' -e '^$' A_collapse.out | cut -d' ' -f1); do
        case " $(echo $allowed) " in *" $name "*) ;; *) fail "collapse_of_autocorr uses $name" ;; esac
    done
    echo "Collapse.v: ok"
fi
echo "coq_lemma_exact: ok"
