#!/bin/sh
# Compile time of exported lemma-exact instances vs K (not a test; the table in the report):
#   bench/coq_lemma_exact.sh BUILD_DIR WORK_DIR KMAX
# For K = 1..KMAX and two seeded random pairs of integer vectors in [-9, 9]^K: build/convcert
# factor --method exact, the coq_export_lemma driver, then `coqc` of the instance against
# proofs/Autocorr.v and Lemma.v compiled into WORK_DIR/lib. Prints K, field degree, file size
# and coqc user seconds (GNU time). Needs python3 for the seeded inputs.
set -eu
build=$(realpath "$1")
work=$2
kmax=$3
src=$(dirname "$(realpath "$0")")/..
mkdir -p "$work/lib" "$work/inst"
cp "$src/proofs/Autocorr.v" "$src/proofs/Lemma.v" "$work/lib/"
(cd "$work/lib" && coqc -R . Convcert Autocorr.v && coqc -R . Convcert Lemma.v)
cd "$work/inst"
python3 -c "
import random
random.seed(4)
for K in range(1, $kmax + 1):
    for r in range(2):
        a = [random.randint(-9, 9) for _ in range(K)]
        b = [random.randint(-9, 9) for _ in range(K)]
        open('r%d_%d.json' % (K, r), 'w').write('{\"K\": %d, \"vectors\": [%s, %s]}' % (K, a, b))
"
echo "name K degree bytes coqc_user_s coqc_wall_s maxrss_kb"
for K in $(seq 1 "$kmax"); do
    for r in 0 1; do
        name=r${K}_$r
        "$build/convcert" factor "$name.json" --method exact -o "c_$name.json" 2>/dev/null
        deg=$(tr -d ' \n' <"c_$name.json" | sed 's/.*"minpoly":\[\([^]]*\)\].*/\1/' | tr ',' '\n' | wc -l)
        "$build/coq_export_lemma" "c_$name.json" "$name.v"
        /usr/bin/time -f "%U %e %M" -o "$name.time" coqc -R ../lib Convcert "$name.v"
        echo "$name $K $deg $(wc -c <"$name.v") $(cat "$name.time")"
    done
done
