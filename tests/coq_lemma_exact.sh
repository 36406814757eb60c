#!/bin/sh
# ctest `coq_lemma_exact` (label coq): lemma-exact certificates exported with `convcert coq`
# compile and are deterministic, tampered ones do not compile (their reflective check fails;
# also when only the vectors change, so that the target is not their autocorrelation sum),
# and certificate_holds (the instance proof) and certificate_holds_general (the same statement
# from FejerRiesz.sum_autocorr_factor) depend only on the axioms scripts/coq_assumptions.sh
# allows.
#   tests/coq_lemma_exact.sh CONVCERT EXPORTER SOURCE_DIR LIBDIR WORK_DIR
# CONVCERT is build/convcert (makes the certificates with `factor --method exact` and exports
# them with `convcert coq`), EXPORTER the coq_export_lemma test driver (its --tamper options
# make the wrong certificates), LIBDIR the library built by the coq_library test.
. "$(dirname "$0")/coq_common.sh"
exporter=$(realpath "$2")
coq_setup "$1" "$3" "$4" "$5" inst

# Only the axioms scripts/coq_assumptions.sh allows (proofs/README.md): the standard library's
# Reals and, through Bignums' BigZ, Coq's primitive 63-bit integers.
assumptions_ok() { # NAME: the compiled instance NAME.vo in $work/inst
    sh "$src/scripts/coq_assumptions.sh" "$lib" "$1.v"
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
    "$convcert" coq "c_$name.json" -o "$name.v" || fail "export $name"
    "$convcert" coq "c_$name.json" >"again_$name.v" || fail "export $name (again)"
    cmp -s "$name.v" "again_$name.v" || fail "export of $name is not deterministic"
    start=$(date +%s%N)
    coqc -R "$lib" Convcert "$name.v" >"$name.out" 2>&1 || {
        cat "$name.out" >&2
        fail "$name.v does not compile"
    }
    echo "$name: coqc $((($(date +%s%N) - start) / 1000000)) ms"
    why=$(assumptions_ok "$name") || fail "$why"
    # the second proof, from the general theorem, on the same allowed axioms
    grep -q '^Theorem certificate_holds_general :' "$name.v" ||
        fail "$name.v has no certificate_holds_general"
    printf 'Require %s.\nDefinition certificate_holds := %s.certificate_holds_general.\n' \
        "$name" "$name" >"general_$name.v"
    why=$(assumptions_ok "general_$name") || fail "$why"
done

# The axiom check itself must reject an extra axiom.
printf 'From Coq Require Import Reals.\nRequire k1.\nAxiom bad_axiom : (1 = 2)%%nat.\nDefinition certificate_holds := (k1.certificate_holds, bad_axiom).\n' >bad.v
coqc -R "$lib" Convcert bad.v || fail "bad.v does not compile"
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

# Tampered certificates: each must fail to compile, in the reflective check. With the vectors
# tampered, target and c agree but the target is not sum_i a_i * a_i: target_check fails.
for field in target c minpoly interval vectors; do
    "$exporter" c_k4.json "t_$field.v" --tamper "$field" || fail "export tampered $field"
    if coqc -R "$lib" Convcert "t_$field.v" >"t_$field.out" 2>&1; then
        fail "tampered $field compiles"
    fi
    check=lemma_exact_check
    [ "$field" = vectors ] && check=target_check
    grep -q "$check" "t_$field.out" ||
        fail "tampered $field fails for another reason: $(head -3 "t_$field.out")"
    echo "tampered $field: rejected"
done
echo "coq_lemma_exact: ok"
