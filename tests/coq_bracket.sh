#!/bin/sh
# ctest `coq_bracket` (label coq): regularizer-bracket (R = 1 and R = 2) and network-collapse
# certificates made here with the CLI and exported with `convcert coq` compile with coqc; exports are deterministic; tampered
# certificates (lower raised to upper, a lambda entry changed, a v entry changed, a collapse
# cost changed, a false claim in a file whose name carries Coq commands) export but fail to
# compile in their reflective check; 2-D brackets (hand-made on Z_2 x Z_3, and the generator's
# d8k2 read on the grids 1x8 and 8x1) compile and tampered ones (lower, v, lambda) do not; so do
# a 2-D network-collapse (examples/network-collapse-2d.json; tampered cost_out, v) and a 2-D
# bracket with R = 2 (tampered lower, v, lambda); every certificate_holds
# passes scripts/coq_assumptions.sh; the shipped lemma-enclosure example (and one with changed
# vectors, which states the changed vectors) compiles from the general theorem;
# `convcert coq` exit codes for bad input;
# tests/coq/PsdExamples.v (hand-checked PSD checker cases) compiles.
#   tests/coq_bracket.sh CONVCERT SOURCE_DIR LIBDIR WORK_DIR
# LIBDIR is the library built by the coq_library test (tests/coq_library.sh).
. "$(dirname "$0")/coq_common.sh"
coq_setup "$1" "$2" "$3" "$4" inst

# compiles NAME.v as the README says; prints the time
compile() {
    start=$(date +%s%N)
    coqc -R "$lib" Convcert "$1.v" >"$1.out" 2>&1 || {
        cat "$1.out" >&2
        fail "$1.v does not compile"
    }
    echo "$1: coqc $((($(date +%s%N) - start) / 1000000)) ms"
    why=$(sh "$src/scripts/coq_assumptions.sh" "$lib" "$1.v") || fail "$why"
}

# export CERT to NAME.v twice, compare
export_twice() {
    "$convcert" coq "$1" -o "$2.v" || fail "convcert coq $1"
    "$convcert" coq "$1" >"again_$2.v" || fail "convcert coq $1 (stdout)"
    cmp -s "$2.v" "again_$2.v" || fail "export of $1 is not deterministic"
}

# replaces the first quoted value after the line holding "KEY": by VALUE
tamper() { # IN KEY VALUE OUT
    awk -v key="\"$2\":" -v val="$3" '
        done == 0 && armed && /"/ { sub(/"[^"]*"/, "\"" val "\""); done = 1 }
        index($0, key) { armed = 1 }
        { print }' "$1" >"$4"
    cmp -s "$1" "$4" && fail "tamper $2 changed nothing"
    return 0
}

# must export, and fail to compile in the reflective check
rejected() { # CERT NAME WHAT
    "$convcert" coq "$1" -o "$2.v" || fail "convcert coq $1 ($3)"
    if coqc -R "$lib" Convcert "$2.v" >"$2.out" 2>&1; then fail "$3 compiles"; fi
    grep -q '_check' "$2.out" || fail "$3 fails for another reason: $(head -3 "$2.out")"
    echo "$3: rejected"
}

# ---- hand-checked PSD checker cases (tests/coq/PsdExamples.v) ----
cp "$src/tests/coq/PsdExamples.v" .
compile_plain() {
    coqc -R "$lib" Convcert "$1.v" >"$1.out" 2>&1 || {
        cat "$1.out" >&2
        fail "$1.v does not compile"
    }
    echo "$1: ok"
}
compile_plain PsdExamples

# ---- brackets: name, R, K, input (small; w with integer and rational entries) ----
instances='d8k2 2 {"D": 8, "w": [1, -5, 3, 0, 0, 2, "1/2", "-0.25"]}
d16k4 4 {"D": 16, "w": [3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8, 9, -7, 9, 3]}
d12k3 3 {"D": 12, "w": [0, 1, 0, 0, -2, 0, 0, 3, 0, "1/3", 0, 0]}
r2d4k2 2 {"R": 2, "D": 4, "w": [[1, 0, 2, 0], [0, 1, 0, "1/3"]]}
r2d8k2 2 {"R": 2, "D": 8, "w": [[1, 0, 2, 0, -1, 3, 0, 1], [0, 1, 0, "1/3", 2, 0, -2, 1]]}'

echo "$instances" | while read -r name K input; do
    echo "$input" >"w_$name.json"
    "$convcert" regularizer "w_$name.json" --kernel "$K" -o "c_$name.json" >/dev/null 2>&1 ||
        fail "convcert regularizer $name"
    export_twice "c_$name.json" "$name"
    compile "$name"
done

# ---- tampered brackets ----
upper=$(grep '"upper":' c_d8k2.json | sed 's/.*"upper": "\([^"]*\)".*/\1/')
sed "s|\"lower\": \"[^\"]*\"|\"lower\": \"$upper\"|" c_d8k2.json >t_lower.json
cmp -s c_d8k2.json t_lower.json && fail "tamper lower changed nothing"
rejected t_lower.json t_lower "lower raised to upper"
tamper c_d8k2.json lambda "1/3" t_lambda.json
rejected t_lambda.json t_lambda "lambda[0] changed"
tamper c_d8k2.json v "1/3" t_v.json
rejected t_v.json t_v "v[0][0] changed"
tamper c_r2d8k2.json v "1/3" t_r2v.json
rejected t_r2v.json t_r2v "R = 2: v[0][0] changed"
tamper c_r2d8k2.json lambda "1/3" t_r2lambda.json
rejected t_r2lambda.json t_r2lambda "R = 2: lambda[0][0] changed"

# ---- an input file name that injects Coq commands (issue 11) ----
# A false claim (lower raised above upper) in a file whose name closes the header comment, adds
# an axiom and redefines the tactic of `checks` (unsanitized, the file compiled): the name must
# reach the file sanitized, so the file fails in its reflective check like any false claim.
hostile='x*) Axiom cheat : forall P : Prop, P. Ltac vm_cast_no_check x := exact (cheat _). (*.json'
sed 's|"lower": "[^"]*"|"lower": "1000000"|' c_d8k2.json >"$hostile"
rejected "$hostile" hostile "false claim under a hostile file name"
# the same with a string quote, a newline and a comment opening in the name
quoted=$(printf 'y*) Axiom cheat : False. (*\n"(*.json')
cp "$hostile" "$quoted"
"$convcert" coq "$quoted" -o quoted.v || fail "convcert coq (quoted name)"
for f in hostile quoted; do
    if grep -q -e 'Axiom cheat' -e '"' $f.v; then fail "the file name reached $f.v unsanitized"; fi
done

# ---- network collapse ----
"$convcert" collapse "$src/examples/network-3ch.json" -o c_collapse.json >/dev/null 2>&1 ||
    fail "convcert collapse"
export_twice c_collapse.json collapse
compile collapse
sed 's|"cost_out": "[^"]*"|"cost_out": "1/7"|' c_collapse.json >t_cost.json
cmp -s c_collapse.json t_cost.json && fail "tamper cost_out changed nothing"
rejected t_cost.json t_cost "collapse: cost_out changed"

# ---- 2-D brackets (issue 13): Z_D1 x Z_D2, w as D1 rows of D2 ----
# hand-made on Z_2 x Z_3 with 2x2 kernels (tests/coq/bracket-2d-2x3.json): lambda = w/3,
# u = e_(1,1), v[i] = w[i + (1,1)]
cp "$src/tests/coq/bracket-2d-2x3.json" c_grid.json
export_twice c_grid.json grid23
grep -q 'exact (bracket_2d g C0 w' grid23.v || fail "grid23.v is not proven by bracket_2d"
compile grid23
# the delta network u = e_(0,0), v = w
sed -e 's|"u": \[\["0", "0", "0", "1"\]\]|"u": [["1", "0", "0", "0"]]|' \
    -e 's|"v": \[\["-1", "1", "0", "0", "2", "1"\]\]|"v": [["1", "0", "2", "0", "-1", "1"]]|' \
    c_grid.json >c_grid0.json
cmp -s c_grid.json c_grid0.json && fail "the delta network changed nothing"
export_twice c_grid0.json grid0
compile grid0
# the generator's 1-D certificate d8k2 read on the grids 1x8 (kernels 1x2) and 8x1 (2x1)
sed 's|"R": 1,|"R": 1, "shape": [1, 8], "kernel_shape": [1, 2],|' c_d8k2.json >c_row.json
sed 's|"R": 1,|"R": 1, "shape": [8, 1], "kernel_shape": [2, 1],|' c_d8k2.json >c_col.json
cmp -s c_d8k2.json c_row.json && fail "adding a shape changed nothing"
for f in row col; do
    export_twice c_$f.json grid_$f
    grep -q 'bracket_2d_check' grid_$f.v || fail "grid_$f.v is not a 2-D export"
    compile grid_$f
done
# the checker's hand-made 2-D example (examples/regularizer-bracket-2d.json, on main since
# 65bce7d; Z_3 x Z_4, 2x2 kernels), when this tree has it
if [ -e "$src/examples/regularizer-bracket-2d.json" ]; then
    cp "$src/examples/regularizer-bracket-2d.json" c_example2d.json
    export_twice c_example2d.json example2d
    compile example2d
else
    echo "example2d: examples/regularizer-bracket-2d.json not in this tree, skipped"
fi
# tampered: lower raised (to upper, and by 1/1000), v read in the wrong direction (v = w with
# u = e_(1,1): only right if (u * v)[j] were sum_k u[k] v[j + k]), lambda = w (4 - 7 < 0)
sed 's|"lower": "7/3"|"lower": "8"|' c_grid.json >t_grid_lower.json
rejected t_grid_lower.json t_grid_lower "2-D: lower raised to upper"
sed 's|"lower": "7/3"|"lower": "2334/1000"|' c_grid.json >t_grid_lower2.json
rejected t_grid_lower2.json t_grid_lower2 "2-D: lower raised by 1/1000"
sed 's|"v": \[\["-1", "1", "0", "0", "2", "1"\]\]|"v": [["1", "0", "2", "0", "-1", "1"]]|' \
    c_grid.json >t_grid_dir.json
rejected t_grid_dir.json t_grid_dir "2-D: v shifted the wrong way"
sed 's|"lambda": \[[^]]*\]|"lambda": ["1", "0", "2", "0", "-1", "1"]|' c_grid.json >t_grid_lam.json
rejected t_grid_lam.json t_grid_lam "2-D: lambda not dual feasible"

# ---- 2-D network collapse (BracketGrid.collapse_2d): the checker's hand-made example on
# Z_3 x Z_4 with 2x2 kernels; tampered: cost_out, an input v entry ----
cp "$src/examples/network-collapse-2d.json" c_col2d.json
export_twice c_col2d.json col2d
grep -q 'exact (collapse_2d g w input output' col2d.v || fail "col2d.v is not proven by collapse_2d"
compile col2d
sed 's|"cost_out": "7"|"cost_out": "1/7"|' c_col2d.json >t_col2d_cost.json
cmp -s c_col2d.json t_col2d_cost.json && fail "tamper 2-D cost_out changed nothing"
rejected t_col2d_cost.json t_col2d_cost "2-D collapse: cost_out changed"
tamper c_col2d.json v "1/3" t_col2d_v.json
rejected t_col2d_v.json t_col2d_v "2-D collapse: input v[0][0] changed"

# ---- 2-D bracket with R = 2 input channels (BracketGrid.bracket_multi_2d): 3x3, 2x2 kernels;
# tampered: lower raised to upper, v[0][0], lambda[0][0] ----
echo '{"shape": [3, 3], "R": 2, "w": [[2, -2, -3, 3, 2, -1, 0, 1, -3], [1, 0, 0, 0, 1, 0, 0, 0, 1]]}' >w_r2grid.json
"$convcert" regularizer w_r2grid.json --kernel 2x2 -o c_r2grid.json >/dev/null 2>&1 ||
    fail "convcert regularizer r2grid"
export_twice c_r2grid.json r2grid
grep -q 'exact (bracket_multi_2d g Rin C0 W LZ' r2grid.v || fail "r2grid.v is not proven by bracket_multi_2d"
compile r2grid
upper2=$(grep '"upper":' c_r2grid.json | sed 's/.*"upper": "\([^"]*\)".*/\1/')
sed "s|\"lower\": \"[^\"]*\"|\"lower\": \"$upper2\"|" c_r2grid.json >t_r2grid_lower.json
cmp -s c_r2grid.json t_r2grid_lower.json && fail "tamper 2-D R = 2 lower changed nothing"
rejected t_r2grid_lower.json t_r2grid_lower "2-D R = 2: lower raised to upper"
tamper c_r2grid.json v "1/3" t_r2grid_v.json
rejected t_r2grid_v.json t_r2grid_v "2-D R = 2: v[0][0] changed"
tamper c_r2grid.json lambda "1/3" t_r2grid_lam.json
rejected t_r2grid_lam.json t_r2grid_lam "2-D R = 2: lambda[0][0] changed"

# ---- the axiom check rejects an extra axiom ----
printf 'Axiom bad_axiom : (1 = 2)%%nat.\nDefinition certificate_holds := bad_axiom.\n' >bad.v
if why=$(sh "$src/scripts/coq_assumptions.sh" "$lib" bad.v); then
    fail "the axiom check accepts bad_axiom"
fi
case "$why" in *bad_axiom*) echo "extra axiom: rejected" ;; *) fail "axiom check: $why" ;; esac

# ---- exit codes ----
code() { # EXPECTED ARGS...
    expected=$1
    shift
    set +e
    "$convcert" coq "$@" >/dev/null 2>code.err
    got=$?
    set -e
    [ "$got" = "$expected" ] || fail "convcert coq $*: exit $got, expected $expected"
    [ "$(wc -l <code.err)" = 1 ] || fail "convcert coq $*: not a one-line message"
}
# lemma-enclosure: the shipped example's claim, proven by the general theorem
cp "$src/examples/lemma-enclosure.json" enclosure.json
export_twice enclosure.json enclosure
compile enclosure
grep -q 'exact (sum_autocorr_factor K vectors lengths)' enclosure.v ||
    fail "enclosure.v is not proven by sum_autocorr_factor"
# changed input vectors: the statement is about the changed vectors, and still holds
sed '0,/"3",/s//"7\/2",/' enclosure.json >t_enclosure.json
cmp -s enclosure.json t_enclosure.json && fail "tamper enclosure vectors changed nothing"
export_twice t_enclosure.json t_enclosure
grep -q '\[\[7/2; -1; 4;' t_enclosure.v || fail "t_enclosure.v does not state the changed vectors"
compile t_enclosure
# a vector of the wrong length: refused before any file is written
sed '0,/"-6"/s//"-6", "1"/' enclosure.json >short_enclosure.json
code 2 short_enclosure.json -o short_enclosure.v
[ ! -e short_enclosure.v ] || fail "partial output left behind (enclosure)"
code 2
code 2 c_d8k2.json --bogus
code 2 c_d8k2.json -o
"$convcert" coq --help | grep -q 'usage: convcert coq' || fail "convcert coq --help"
echo '{"not": "a certificate"' >broken.json
code 2 broken.json
code 2 missing.json
code 2 c_d8k2.json c_d8k2.json
sed 's|"1/2"|"1/x"|' c_d8k2.json >bad_rational.json
code 2 bad_rational.json -o bad_rational.v
[ ! -e bad_rational.v ] || fail "partial output left behind"
# 2-D: a shape that does not match D: exit 2, one line, no file
sed 's|"shape": \[2, 3\]|"shape": [3, 3]|' c_grid.json >bad_shape.json
code 2 bad_shape.json -o bad_shape.v
[ ! -e bad_shape.v ] || fail "partial output left behind (bad shape)"
echo "coq_bracket: ok"
