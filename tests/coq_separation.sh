#!/bin/sh
# ctest `coq_separation` (label coq): the channel-separation certificate of MATH.md's instance
# (examples/channel-separation.json: w = [[2, -2, -3], [3, 2, -1], [0, 1, -3]] on Z_3 x Z_3,
# 2x2 kernels) exports with `convcert coq` deterministically, proving the certificate's own
# lower_c1 = 735907/62500 = 11.774512 (the centred leaf bound of Separation.v: 2235 leaves;
# the first-order bound before it reached only 11.503824 in 60000 leaves), compiles against
# Separation.separation_2d and passes scripts/coq_assumptions.sh; the same file with lower
# raised to 12 (above the best one-channel cost 11.7863, MATH.md) fails in its check; a leaf
# budget below the tree's size falls back to a smaller lower with a note on stderr; a
# certificate whose bounds both lie above that minimum (lower_c1 = 12, upper_c2 = 119/10) has
# no box tree, so the export exits 2 with one line and no file; a claim without shapes exits 2.
#   tests/coq_separation.sh CONVCERT SOURCE_DIR LIBDIR WORK_DIR
# LIBDIR is the library built by the coq_library test (tests/coq_library.sh).
. "$(dirname "$0")/coq_common.sh"
coq_setup "$1" "$2" "$3" "$4"

cert="$src/examples/channel-separation.json"
start=$(date +%s%N)
"$convcert" coq "$cert" -o sep_math.v 2>export.err || {
    cat export.err >&2
    fail "export of channel-separation.json"
}
echo "export: $((($(date +%s%N) - start) / 1000000)) ms; $(grep -o '[0-9][0-9]* leaves' sep_math.v | head -1)"
[ ! -s export.err ] || fail "export printed: $(cat export.err)"
"$convcert" coq "$cert" >sep_math_stdout.v 2>/dev/null || fail "export to stdout"
cmp sep_math.v sep_math_stdout.v || fail "two exports differ"
grep -q "^Theorem certificate_holds :" sep_math.v || fail "no certificate_holds"
grep -q "Q2R upper_c2 < Q2R lower" sep_math.v || fail "the statement lacks upper_c2 < lower"
# the certificate's own lower_c1, not a smaller fallback
grep -q "^Definition lower : Q := (735907#62500)\.$" sep_math.v ||
    fail "lower is not the certificate's lower_c1: $(grep '^Definition lower' sep_math.v)"

start=$(date +%s%N)
coqc -R "$lib" Convcert sep_math.v >sep_math.out 2>&1 || {
    cat sep_math.out >&2
    fail "sep_math.v does not compile"
}
echo "sep_math: coqc $((($(date +%s%N) - start) / 1000000)) ms"
why=$(sh "$src/scripts/coq_assumptions.sh" "$lib" sep_math.v) || fail "$why"

# lower raised above the true one-channel minimum: the check must fail
sed 's/^Definition lower : Q := .*/Definition lower : Q := (12#1)./' sep_math.v >sep_high.v
grep -q "^Definition lower : Q := (12#1)\.$" sep_high.v || fail "tamper did not apply"
if coqc -R "$lib" Convcert sep_high.v >sep_high.out 2>&1; then
    fail "sep_high.v (lower = 12) compiles"
fi
grep -q "separation_2d_check" sep_high.out || {
    cat sep_high.out >&2
    fail "sep_high.v fails, but not in its check"
}
echo "sep_high: fails in its check, as it must"

# a leaf budget below the tree's size: the export falls back to a lower bound halfway between
# upper_c2 and lower_c1 and says so (not compiled: the same check as above)
"$convcert" coq "$cert" --max-leaves 2000 -o sep_budget.v 2>budget.err || fail "budget export"
grep -q "^Definition lower : Q := (23007647#2000000)\.$" sep_budget.v ||
    fail "budget export: $(grep '^Definition lower' sep_budget.v)"
grep -q "lower_c1 not reached within the leaf budget" budget.err || fail "no note: $(cat budget.err)"

# both bounds above the true minimum: no tree exists, the export must fail cleanly
sed -e 's|"lower_c1": "735907/62500"|"lower_c1": "12"|' \
    -e 's|"upper_c2": "2246627/200000"|"upper_c2": "119/10"|' "$cert" >high.json
grep -q '"lower_c1": "12"' high.json || fail "tamper of lower_c1 did not apply"
rc=0
"$convcert" coq high.json --max-leaves 2000 -o high.v 2>high.err || rc=$?
[ "$rc" = 2 ] || fail "export of high.json: exit $rc, expected 2"
[ ! -e high.v ] || fail "high.v written"
[ "$(wc -l <high.err)" = 1 ] || fail "high.json: message is not one line"
grep -q "no Coq tree" high.err || fail "high.json: unexpected message: $(cat high.err)"

# a claim without shapes is refused
sed -e '/"shape": \[/,/\]/d' -e '/"kernel_shape": \[/,/\]/d' "$cert" >flat.json
rc=0
"$convcert" coq flat.json -o flat.v 2>flat.err || rc=$?
[ "$rc" = 2 ] || fail "export of flat.json: exit $rc, expected 2 ($(cat flat.err))"
[ ! -e flat.v ] || fail "flat.v written"
echo "coq_separation: all passed"
