#!/usr/bin/env bash
# Builds convcert (scripts/build.sh) and a benchmark in build/, then runs it:
#   scripts/bench.sh [lemma] ARGS...   bench_lemma (the default; --quick, --full, --out FILE,
#                                      --seed N, --digits N, --timeout S, --instances DIR)
#   scripts/bench.sh regularizer ARGS...  bench_regularizer (--quick, --max-full-d N, --seed N,
#                                      --timeout S), single-threaded BLAS for every solver
#   scripts/bench.sh maxmargin ARGS...  bench_maxmargin (--big, --kernel K, --data FILE,
#                                      --peer-max-n N, --sdpa-max-n N, --timeout S),
#                                      single-threaded BLAS for every solver
#   scripts/bench.sh maxmargin-independent [X.npy Y.npy]  bench_maxmargin_independent: the
#                                      paper's images at K = 1 and K = D against an SVM and CSDP
#   scripts/bench.sh separation ARGS...  bench_separation: `separate` and the check over issue
#                                      18's table of shapes and kernels (--quick, --part
#                                      all|small|big, --only TEXT, --cap S, --cap-big S,
#                                      --max-leaves N, --mem-mb N), single-threaded BLAS
# See build/bench_lemma --help, build/bench_regularizer --help and build/bench_maxmargin --help.
# The tables go to stdout, the build output and the progress lines to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench=bench_lemma
case "${1:-}" in
  lemma) shift ;;
  regularizer) bench=bench_regularizer; shift
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ;;
  maxmargin) bench=bench_maxmargin; shift
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ;;
  maxmargin-independent) bench=bench_maxmargin_independent; shift
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ;;
  separation) bench=bench_separation; shift
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ;;
esac
"$root/scripts/build.sh" >&2
cmake --build "$root/build" --target "$bench" -j"$(nproc)" >&2
exec "$root/build/$bench" "$@"
