#!/usr/bin/env bash
# README command 1: set up, build, and run the quick `convcert reproduce` suite (every claim of
# the paper, certified and re-checked) into reproduce-out/ (report.md, report.html, plots,
# certificates). Extra arguments go to `convcert reproduce` (e.g. --full, --jobs 2, --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
jobs=$(nproc)
if [ "$jobs" -gt 64 ]; then jobs=64; fi
build/convcert reproduce --out reproduce-out --jobs "$jobs" "$@"
