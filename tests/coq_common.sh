# Sourced by the Coq instance tests (tests/coq_{bracket,lemma_exact,separation}.sh): their
# shared preamble. `coq_setup CONVCERT SOURCE_DIR LIBDIR WORK_DIR [SUBDIR]` sets convcert, src,
# lib (absolute paths) and work, empties WORK_DIR and enters WORK_DIR/SUBDIR; `fail MESSAGE`
# prints FAIL: MESSAGE on standard error and exits 1.
set -eu

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

coq_setup() {
    convcert=$(realpath "$1")
    src=$(realpath "$2")
    lib=$(realpath "$3")
    work=$4
    rm -rf "$work"
    mkdir -p "$work/${5:-}"
    cd "$work/${5:-}"
}
