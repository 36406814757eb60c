#!/usr/bin/env bash
# Builds convcert (scripts/build.sh) and the benchmark bench_lemma in build/, then runs it.
# Arguments go to bench_lemma (--quick, --full, --out FILE, --seed N, --digits N,
# --timeout S, --instances DIR; see build/bench_lemma --help). The tables go to stdout, the
# build output and the progress lines to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh" >&2
cmake --build "$root/build" --target bench_lemma -j"$(nproc)" >&2
exec "$root/build/bench_lemma" "$@"
