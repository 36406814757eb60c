#!/bin/sh
# fuzz_replay.sh CONVCERT_CHECK SOURCE_DIR: replays every input kept under
# tests/data/fuzz-regressions/ (findings of scripts/fuzz.sh, and hand-made bombs) through the
# standalone checker: each must end within 60 s with one line and an exit code of 1, 2 or 4
# (never a crash, a signal or a sanitizer report).
set -eu
bin="$1"; dir="$2/tests/data/fuzz-regressions"
fails=0; count=0
tmp="${TMPDIR:-/tmp}/convcert-fuzz-replay-$$"
trap 'rm -f "$tmp.out" "$tmp.err"' EXIT
for f in "$dir"/*; do
  [ -f "$f" ] || continue
  count=$((count + 1))
  set +e
  timeout 60 "$bin" "$f" >"$tmp.out" 2>"$tmp.err"
  rc=$?
  set -e
  out="$(cat "$tmp.err")"; line="$(cat "$tmp.out")"
  case "$rc" in
    1|2|4) ;;
    *) echo "fuzz_replay: $f: exit $rc"; echo "$out"; fails=1; continue ;;
  esac
  if [ "$(printf '%s\n' "$line" | wc -l)" != 1 ]; then
    echo "fuzz_replay: $f: not one line"; fails=1
  fi
  echo "$(basename "$f"): exit $rc: $(printf '%s' "$line" | cut -c1-160 | sed "s|^$dir/||")"
done
[ "$count" -gt 0 ] || { echo "fuzz_replay: no inputs in $dir"; exit 1; }
exit $fails
