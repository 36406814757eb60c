#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS [SEED]]: builds the libFuzzer target over the certificate reader and the
# checker (fuzz/, clang++ with ASan + UBSan, into build-fuzz/) and runs it for SECONDS (60 by
# default), seeded with examples/ and tests/data/fuzz-regressions/. An input slower than 10 s,
# a process above 2 GB or any sanitizer report stops the run with a non-zero exit; the input is
# written to build-fuzz/artifacts/ (keep it under tests/data/fuzz-regressions/ once fixed).
# SEED fixes libFuzzer's random seed (the test suite uses 1, so that its short run explores the
# same inputs on every run of a machine); without it each run explores new ones.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
seed_option=()
[ -n "${2:-}" ] && seed_option=(-seed="$2")
cmake -S fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-fuzz -j2
mkdir -p build-fuzz/corpus build-fuzz/artifacts
build-fuzz/fuzz_certificate build-fuzz/corpus examples tests/data/fuzz-regressions \
  -dict=fuzz/certificate.dict -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -max_len=16384 -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 "${seed_option[@]}"
