#!/usr/bin/env bash
# README command 2 (and .ci/run): set up, build, and run the whole test suite, then run the
# checker and generator tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DCONVCERT_WERROR=ON
# The benchmarks are not in the default build (scripts/bench.sh runs them): compile them here so
# that a change cannot break them unnoticed.
cmake --build build -j"$(nproc)" --target bench_lemma bench_regularizer bench_checker_limits \
  bench_checker_psd bench_matrix_factor bench_collapse bench_separation
(cd build && ctest --output-on-failure)
# Optimized (-O2 -g) so that the numerical tests (Eigen, SDPA) run in minutes, not hours, under
# the sanitizers; ASan and UBSan instrument optimized code just as well.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONVCERT_SANITIZE=ON -DCONVCERT_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
# The end-to-end suites (Coq instance proofs, reproduce, training experiments) run the same code
# the unit tests cover; they run once, in the normal build above.
(cd build-asan && ctest --output-on-failure -LE "^(coq|reproduce|gd)$")
# Bounded fuzzing of the certificate reader and the checker (fuzz/: clang, libFuzzer, ASan +
# UBSan): about 2.5 minutes to build on 2 cores, then 60 s of inputs; a crash, sanitizer
# report, input slower than 10 s or process above 2 GB fails the suite. Seed 1: the same inputs
# each run (random seeds are for longer runs by hand).
scripts/fuzz.sh 60 1
