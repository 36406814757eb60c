(* Hand-checked cases of the reflective PSD checker (PsdCheck.psd_check), compiled by the ctest
   coq_bracket: PSD matrices with zero pivots pass; indefinite, negative-pivot, nonzero row
   at a zero pivot, and non-symmetric matrices fail. Each expected value is derived by hand
   (eigenvalues or a vector with negative quadratic form in the comment). *)
From Coq Require Import Reals QArith List.
From Bignums Require Import BigQ.
From Convcert Require Import PsdCheck Bracket.
Import ListNotations.
Open Scope Q_scope.

Definition B (M : list (list Q)) : list (list bigQ) := map (map QtoB) M.

(* [[1,1],[1,1]]: eigenvalues 2, 0; the second pivot is 0 with a zero row. *)
Example psd_rank1 : psd_check 2 (B [[1; 1]; [1; 1]]) = true.
Proof. vm_compute. reflexivity. Qed.

(* [[0,0,0],[0,2,1],[0,1,2]]: zero first row, then eigenvalues 3, 1. *)
Example psd_zero_row : psd_check 3 (B [[0; 0; 0]; [0; 2; 1]; [0; 1; 2]]) = true.
Proof. vm_compute. reflexivity. Qed.

(* [[4,2,-2],[2,5,1],[-2,1,2]] = A A^T with A = [[2,0],[1,2],[-1,1]] (rank 2: the third
   pivot is 0 exactly). *)
Example psd_gram : psd_check 3 (B [[4; 2; -2]; [2; 5; 1]; [-2; 1; 2]]) = true.
Proof. vm_compute. reflexivity. Qed.

(* [[0,1],[1,0]]: x = (1,-1) gives -2; zero pivot with a nonzero row. *)
Example not_psd_offdiag : psd_check 2 (B [[0; 1]; [1; 0]]) = false.
Proof. vm_compute. reflexivity. Qed.

(* [[1,2],[2,1]]: x = (1,-1) gives -2; second pivot 1 - 4 = -3. *)
Example not_psd_pivot : psd_check 2 (B [[1; 2]; [2; 1]]) = false.
Proof. vm_compute. reflexivity. Qed.

(* [[4,2,-2],[2,5,1],[-2,1,2 - 1/1000]]: the Gram matrix above minus a little: indefinite. *)
Example not_psd_gram : psd_check 3 (B [[4; 2; -2]; [2; 5; 1]; [-2; 1; 1999#1000]]) = false.
Proof. vm_compute. reflexivity. Qed.

(* [[1,1],[0,1]] is not symmetric (its quadratic form is PSD, but the checker demands symmetry). *)
Example not_symmetric : psd_check 2 (B [[1; 1]; [0; 1]]) = false.
Proof. vm_compute. reflexivity. Qed.

(* The soundness theorem applied: x^T M x >= 0 for the rank-1 matrix, every x. *)
Example psd_rank1_sound : forall x, (0 <= qform 2 (toR (B [[1; 1]; [1; 1]]%Q)) x)%R.
Proof. apply psd_check_sound. vm_compute. reflexivity. Qed.

(* The fraction-free integer checker (PsdCheckZ.psd_checkZ) on the same integer matrices. *)
From Bignums Require Import BigZ.
From Convcert Require Import PsdCheckZ.
Definition BZ (M : list (list Z)) : list (list bigZ) := map (map BigZ.of_Z) M.

Example z_psd_rank1 : psd_checkZ 2 (BZ [[1; 1]; [1; 1]]%Z) = true.
Proof. vm_compute. reflexivity. Qed.
Example z_psd_zero_row : psd_checkZ 3 (BZ [[0; 0; 0]; [0; 2; 1]; [0; 1; 2]]%Z) = true.
Proof. vm_compute. reflexivity. Qed.
Example z_psd_gram : psd_checkZ 3 (BZ [[4; 2; -2]; [2; 5; 1]; [-2; 1; 2]]%Z) = true.
Proof. vm_compute. reflexivity. Qed.
(* 1000 * (the Gram matrix) - e_3 e_3^T: indefinite (the last pivot is -1 after scaling). *)
Example z_not_psd_gram : psd_checkZ 3 (BZ [[4000; 2000; -2000]; [2000; 5000; 1000]; [-2000; 1000; 1999]]%Z) = false.
Proof. vm_compute. reflexivity. Qed.
Example z_not_psd_offdiag : psd_checkZ 2 (BZ [[0; 1]; [1; 0]]%Z) = false.
Proof. vm_compute. reflexivity. Qed.
Example z_not_psd_pivot : psd_checkZ 2 (BZ [[1; 2]; [2; 1]]%Z) = false.
Proof. vm_compute. reflexivity. Qed.
Example z_not_symmetric : psd_checkZ 2 (BZ [[1; 1]; [0; 1]]%Z) = false.
Proof. vm_compute. reflexivity. Qed.
