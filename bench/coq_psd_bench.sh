#!/bin/sh
# Times the reflective PSD checkers on n x n Gram matrices M = A A^T (rank n - 1 when
# RANK=deficient, so the last pivot is an exact zero). Not part of ctest.
#   bench/coq_psd_bench.sh LIBDIR N...      (LIBDIR: proofs after `make -C proofs`)
# CHECKER=Q (default): PsdCheck.psd_check over bigQ, A with entries p/q, |p| <= 9, 1 <= q <= 9;
# CHECKER=Z: PsdCheckZ.psd_checkZ over bigZ, A with integer entries |p| <= 9.
set -eu
lib=$(realpath "$1")
shift
dir=$(mktemp -d)
cd "$dir"
for n in "$@"; do
    awk -v n="$n" -v deficient="${RANK:-full}" -v checker="${CHECKER:-Q}" 'BEGIN {
        srand(n);
        for (i = 0; i < n; i++) for (k = 0; k < n; k++) {
            p[i, k] = int(rand() * 19) - 9; q[i, k] = checker == "Z" ? 1 : int(rand() * 9) + 1;
            if (deficient == "deficient" && k == n - 1) p[i, k] = 0;
        }
        # exact entries of A A^T as fractions (numerator, denominator) without reduction
        print "From Coq Require Import QArith List.";
        print "From Bignums Require Import BigZ.";
        print "From Convcert Require Import PsdCheck PsdCheckZ Bracket.";
        print "Import ListNotations.";
        printf "Definition M : list (list Q) := [";
        for (i = 0; i < n; i++) {
            printf (i ? ";\n [" : "\n [");
            for (j = 0; j < n; j++) {
                printf (j ? "; " : "");
                # sum_k (p_ik/q_ik)(p_jk/q_jk) written as a Q expression
                printf "(0";
                for (k = 0; k < n; k++) printf "+(%d#%d)", p[i, k] * p[j, k], q[i, k] * q[j, k];
                printf ")";
            }
            printf "]";
        }
        print "]%Q.";
        if (checker == "Z") {
            print "Definition MB := map (map (fun q => BigZ.of_Z (Qnum q))) M.";
            printf "Lemma psd : psd_checkZ %d MB = true.\n", n;
        } else {
            print "Definition MB := map (map QtoB) M.";
            printf "Lemma psd : psd_check %d MB = true.\n", n;
        }
        print "Proof. vm_cast_no_check (eq_refl true). Qed.";
    }' >"psd$n.v"
    /usr/bin/time -f "n = $n: coqc real %e s, user %U s" coqc -R "$lib" Convcert "psd$n.v"
done
rm -rf "$dir"
