#!/bin/sh
# checker_ldd.sh CONVCERT_CHECK: fails if the standalone checker's dynamic dependencies include
# any library of the generator side (FLINT, Arb, Calcium, GMP, MPFR, NTL, MUMPS, BLAS, LAPACK,
# OpenBLAS, FFTW, SDPA, zlib, gfortran, quadmath).
set -eu
bin="$1"
deps="$(ldd "$bin")" || { echo "checker_ldd: ldd failed on $bin"; exit 1; }
echo "$deps"
bad="$(echo "$deps" | awk '{print $1}' | grep -Ei \
  '^lib(flint|arb|flint-arb|calcium|gmp|mpfr|ntl|[a-z]*mumps|blas|lapack|openblas|fftw|sdpa|z|gfortran|quadmath)([._-]|$)' \
  || true)"
if [ -n "$bad" ]; then
  echo "checker_ldd: $bin links generator libraries:"
  echo "$bad"
  exit 1
fi
echo "checker_ldd: no generator library among $(echo "$deps" | wc -l) dependencies"
