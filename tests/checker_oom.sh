#!/bin/sh
# checker_oom.sh CONVCERT_CHECK SOURCE_DIR SCRATCH: under a 512 MiB address-space limit, a file
# within the reading limits whose parse needs more memory is reported on one line as malformed
# (out of memory, exit 2) and the next file on the command line still gets its verdict.
# Skipped under AddressSanitizer, which needs terabytes of address space for its shadow memory.
set -eu
bin="$1"; src="$2"; dir="$3"
if ldd "$bin" | grep -q asan; then echo "checker_oom: skipped under ASan"; exit 0; fi
rm -rf "$dir"; mkdir -p "$dir"
# 12 million strings "0": 48 MB of text, about 0.8 GB as a DOM.
awk 'BEGIN { printf "["; for (i = 0; i < 12000000; i++) printf "\"0\","; print "\"0\"]" }' \
  > "$dir/strings.json"
set +e
(ulimit -v 524288; "$bin" "$dir/strings.json" "$src/examples/lemma-exact.json") > "$dir/out" 2>&1
rc=$?
set -e
cat "$dir/out"
[ "$rc" = 2 ] || { echo "checker_oom: exit $rc, expected 2"; exit 1; }
grep -qF "strings.json: malformed: too large: out of memory" "$dir/out" || {
  echo "checker_oom: no out-of-memory line"; exit 1; }
grep -qF "lemma-exact.json: valid (lemma-exact" "$dir/out" || {
  echo "checker_oom: the second file lost its verdict"; exit 1; }
rm -rf "$dir"
