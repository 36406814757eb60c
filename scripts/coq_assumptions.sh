#!/bin/sh
# Checks that an exported Coq instance proof rests only on allowed axioms: compiles FILE.v
# (if FILE.vo is missing or older) and runs `Print Assumptions certificate_holds` on it; fails
# (exit 1, one line naming the axiom) on any axiom outside the allow-list:
#   - the standard library's Reals axioms: ClassicalDedekindReals.sig_forall_dec,
#     ClassicalDedekindReals.sig_not_dec, FunctionalExtensionality.functional_extensionality_dep;
#   - Epsilon.epsilon_statement (stdlib; mathcomp-analysis' Rstruct makes R a real closed
#     field with it) and the classical axioms mathcomp-analysis declares or uses:
#     boolp.propositional_extensionality, boolp.constructive_indefinite_description,
#     Classical_Prop.classic (the general theorems of PolyBridge.v / FejerRiesz.v, issue 15);
#   - the primitive 63-bit integers that Bignums' bigQ computes with (used by the reflective
#     checks of regularizer-bracket / network-collapse instances): every name in the modules
#     PrimInt63 (the primitive type and operations) and Uint63 (their specification axioms).
# Usage: scripts/coq_assumptions.sh LIBDIR FILE.v
#        scripts/coq_assumptions.sh LIBDIR Convcert.Module.theorem
#   FILE.v is compiled (when needed) as `coqc -R LIBDIR Convcert FILE.v` in its directory and
#   its certificate_holds is examined; the second form examines a theorem of the library.
#   LIBDIR: the compiled library (proofs after `make -C proofs`), bound to logical name Convcert.
# Exit codes: 0 only allowed axioms, 1 another axiom (or no certificate_holds), 2 usage.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: coq_assumptions.sh LIBDIR FILE.v" >&2
    exit 2
fi
lib=$(realpath "$1")
case "$2" in
*.v)
    dir=$(dirname "$(realpath "$2")")
    name=$(basename "$2" .v)
    module=$name
    theorem=$name.certificate_holds
    cd "$dir"
    if [ ! -f "$name.vo" ] || [ "$name.v" -nt "$name.vo" ]; then
        coqc -R "$lib" Convcert "$name.v" >/dev/null 2>&1 || {
            echo "coq_assumptions: $name.v does not compile"
            exit 1
        }
    fi
    ;;
*)
    theorem=$2
    module=${2%.*}
    name=$(echo "$2" | tr '.' '_')
    cd "${TMPDIR:-/tmp}"
    ;;
esac
tmp="Assumptions_${name}_$$"
printf 'Require %s.\nPrint Assumptions %s.\n' "$module" "$theorem" >"$tmp.v"
if ! coqc -R "$lib" Convcert "$tmp.v" >"$tmp.out" 2>&1; then
    echo "coq_assumptions: Print Assumptions failed for $name: $(head -2 "$tmp.out" | tr '\n' ' ')"
    rm -f "$tmp".*
    exit 1
fi
status=0
if grep -q '^Closed under the global context' "$tmp.out"; then
    :
elif grep -q '^Axioms:' "$tmp.out"; then
    # an axiom is a line starting in column 0 ("Name" or "Name : type"); types are indented
    for ax in $(grep -v -e '^Axioms:' -e '^[[:space:]]' -e '^$' "$tmp.out" | cut -d' ' -f1); do
        case "$ax" in
        ClassicalDedekindReals.sig_forall_dec | ClassicalDedekindReals.sig_not_dec) ;;
        FunctionalExtensionality.functional_extensionality_dep) ;;
        PrimInt63.* | Uint63.*) ;;
        Epsilon.epsilon_statement | Classical_Prop.classic) ;;
        boolp.propositional_extensionality | boolp.constructive_indefinite_description) ;;
        *)
            echo "coq_assumptions: $theorem depends on axiom $ax"
            status=1
            break
            ;;
        esac
    done
else
    echo "coq_assumptions: unexpected Print Assumptions output for $name: $(head -1 "$tmp.out")"
    status=1
fi
rm -f "$tmp".*
exit $status
