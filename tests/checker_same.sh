#!/bin/sh
# checker_same.sh CONVCERT_CHECK CONVCERT SOURCE_DIR SCRATCH: runs the standalone checker and
# `convcert check` on the same files (each shipped example, a tampered one, a duplicate key,
# a non-JSON file, a JSON bomb, a missing file, all of them at once) and fails unless standard
# output and exit code agree, and unless each expected verdict appears.
set -eu
standalone="$1"; convcert="$2"; src="$3"; dir="$4"
rm -rf "$dir"; mkdir -p "$dir"
sed '0,/"29\/8"/s//"29\/7"/' "$src/examples/network-collapse.json" > "$dir/tampered.json"
cmp -s "$src/examples/network-collapse.json" "$dir/tampered.json" && {
  echo "checker_same: tampering changed nothing"; exit 1; }
sed 's/"version": 1,/"version": 1, "version": 1,/' "$src/examples/rank-bound.json" > "$dir/dupkey.json"
printf '{ not json' > "$dir/garbage.json"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; }' > "$dir/deep.json"
fails=0
compare() { # compare EXPECTED_EXIT FILE...
  expected="$1"; shift
  set +e
  "$standalone" "$@" > "$dir/a.out" 2>/dev/null; a=$?
  "$convcert" check "$@" > "$dir/b.out" 2>/dev/null; b=$?
  set -e
  if [ "$a" != "$b" ] || [ "$a" != "$expected" ] || ! cmp -s "$dir/a.out" "$dir/b.out"; then
    echo "checker_same: differ on $*: exit $a vs $b (expected $expected)"
    diff "$dir/a.out" "$dir/b.out" || true
    fails=1
  fi
  cat "$dir/a.out" | tee -a "$dir/all.out"
}
for f in lemma-exact lemma-enclosure regularizer-bracket network-collapse rank-bound maxmargin-bracket; do
  compare 0 "$src/examples/$f.json"
done
compare 1 "$dir/tampered.json"
compare 1 "$dir/dupkey.json"
compare 2 "$dir/garbage.json"
compare 2 "$dir/deep.json"
compare 2 "$dir/missing.json"
compare 2 "$src/examples/rank-bound.json" "$dir/tampered.json" "$dir/garbage.json"
compare 1 "$src/examples/lemma-exact.json" "$dir/tampered.json"
compare 2 --no-such-option "$src/examples/lemma-exact.json"
compare 2
for expected in "network-collapse.json: valid (network-collapse" "tampered.json: INVALID: " \
    "dupkey.json: INVALID: duplicate key 'version'" "garbage.json: malformed: " \
    "deep.json: malformed: " "missing.json: unreadable: "; do
  grep -qF "$expected" "$dir/all.out" || { echo "checker_same: no line with '$expected'"; fails=1; }
done
exit $fails
