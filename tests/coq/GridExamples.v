(* GridExamples.v: the index maps of proofs/Grid.v against values computed by hand on Z_2 x Z_3
   with 2x2 kernels (flat row-major: (i1, i2) is 3 i1 + i2, kernel entry (k1, k2) is 2 k1 + k2),
   the 1-D grid against Z_D, and the statement of weak_duality_2d. Compiled by
   tests/coq_library.sh against the built library. *)

From Coq Require Import Reals List Arith.
From Convcert Require Import Network PsdCheck Schur Grid.
Import ListNotations.
Open Scope nat_scope.

Definition g23 : grid := mkGrid 2 3 2 2.

(* kernel entries (0,1), (1,0), (1,1) sit at flat offsets 1, 3, 4 *)
Example offsets : map (grid_offset g23) [0; 1; 2; 3] = [0; 1; 3; 4].
Proof. reflexivity. Qed.

(* i + (1,1): (0,0)->(1,1), (0,1)->(1,2), (0,2)->(1,0), (1,0)->(0,1), (1,1)->(0,2), (1,2)->(0,0) *)
Example shift_11 : map (fun i => grid_shift g23 i 3) (seq 0 6) = [4; 5; 3; 1; 2; 0].
Proof. reflexivity. Qed.

(* j - (1,1): (0,0)->(1,2), (0,1)->(1,0), (0,2)->(1,1), (1,0)->(0,2), (1,1)->(0,0), (1,2)->(0,1) *)
Example unshift_11 : map (fun j => grid_unshift g23 j 3) (seq 0 6) = [5; 3; 4; 2; 0; 1].
Proof. reflexivity. Qed.

(* i + (0,1) and i + (1,0) *)
Example shift_01 : map (fun i => grid_shift g23 i 1) (seq 0 6) = [1; 2; 0; 4; 5; 3].
Proof. reflexivity. Qed.
Example shift_10 : map (fun i => grid_shift g23 i 2) (seq 0 6) = [3; 4; 5; 0; 1; 2].
Proof. reflexivity. Qed.

(* the 1-D grid 1 x 5 with 1 x 3 kernels is Z_5 *)
Example shift_1d : map (fun i => grid_shift (grid_1d 5 3) i 2) (seq 0 5) = [2; 3; 4; 0; 1].
Proof. reflexivity. Qed.
Example unshift_1d : map (fun j => grid_unshift (grid_1d 5 3) j 2) (seq 0 5) = [3; 4; 0; 1; 2].
Proof. reflexivity. Qed.

(* weak duality on Z_D1 x Z_D2, written out *)
Definition weak_duality_2d_statement : forall (g : grid) (lam w : list R) (net : network),
  (0 < gD1 g)%nat -> (0 < gD2 g)%nat -> (gK1 g <= gD1 g)%nat -> (gK2 g <= gD2 g)%nat ->
  (forall y, (0 <= qform (gK1 g * gK2 g) (gramT (gD1 g * gD2 g) (fun k i => nthR lam (grid_shift g i k))) y)%R) ->
  (forall j, (j < gD1 g * gD2 g)%nat ->
     sum_list (map (fun ch => sumR (gK1 g * gK2 g) (fun k =>
        (nthR (fst ch) k * nthR (snd ch) (grid_unshift g j k))%R)) net) = nthR w j) ->
  (inner (gD1 g * gD2 g) lam w <= cost (gD1 g * gD2 g) (gK1 g * gK2 g) net)%R
  := weak_duality_2d.
