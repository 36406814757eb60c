#!/bin/sh
# slow_inputs.sh CONVCERT_CHECK SOURCE_DIR: every certificate under tests/data/slow-inputs/ once
# took the checker minutes to hours (README there); each must now be declined as undecided
# (exit 4, one line) within 20 s, before the expensive work starts.
set -eu
bin="$1"; dir="$2/tests/data/slow-inputs"
fails=0; count=0
for f in "$dir"/*.json; do
  count=$((count + 1))
  start=$(date +%s)
  set +e
  line="$(timeout 20 "$bin" "$f" 2>/dev/null)"
  rc=$?
  set -e
  echo "$(basename "$f"): exit $rc in $(($(date +%s) - start)) s: $(printf '%s' "$line" | cut -c1-160)"
  if [ "$rc" != 4 ]; then echo "slow_inputs: $f: expected exit 4 (undecided), got $rc"; fails=1; fi
  if [ "$(printf '%s\n' "$line" | wc -l)" != 1 ]; then echo "slow_inputs: $f: not one line"; fails=1; fi
done
[ "$count" -gt 0 ] || { echo "slow_inputs: no inputs in $dir"; exit 1; }
exit $fails
