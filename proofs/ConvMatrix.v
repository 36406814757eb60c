(* ConvMatrix.v: the bridge from the library's lists to mathcomp matrices for the least-norm
   step of issue 15. [cmx D K u] is the D x D matrix of v |-> u * v (row i is u * e_i, so a
   row vector v gives v M = u * v), its transpose is [corr] (y M^T = corr u y, from
   Collapse.cconv_adjoint), and the channel sums sum_list / sumR are mathcomp big sums.
   Main result: [normal_equations_lists], the normal equations (H1) of
   Collapse.collapse_of_autocorr over lists: if the kernels of a network realize w with some
   V, then sum_c u_c * corr u_c y = w for some y (LeastNorm.normal_equations_sum). *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals List Arith Lia.
From Convcert Require Import Network Sums Autocorr Collapse.
Import ListNotations.

(* ---- over lists (standard library only) ---- *)

Section Lists.
Local Open Scope R_scope.

(* The unit vector e_i of R^D. *)
Definition unitl (D i : nat) : list R := map (fun m => if Nat.eqb m i then 1 else 0) (seq 0 D).

Lemma nthR_unitl : forall D i m, (i < D)%nat -> nthR (unitl D i) m = if Nat.eqb m i then 1 else 0.
Proof.
  intros D i m Hi. unfold nthR, unitl. destruct (Nat.lt_ge_cases m D) as [Hm|Hm].
  - apply nth_map_seq. exact Hm.
  - rewrite nth_overflow by (rewrite map_length, seq_length; exact Hm).
    destruct (Nat.eqb_spec m i); [lia|reflexivity].
Qed.

Lemma cidx_lt : forall D j k, (0 < D)%nat -> (cidx D j k < D)%nat.
Proof. intros. unfold cidx. apply Nat.mod_upper_bound. lia. Qed.

(* u * v is linear in v: (u * v)[j] = sum_i v[i] (u * e_i)[j]. *)
Lemma cconv_unitl : forall D K u v j, (0 < D)%nat ->
  cconv D K u v j = sumR D (fun i => nthR v i * cconv D K u (unitl D i) j).
Proof.
  intros D K u v j HD. unfold cconv.
  rewrite (sumR_ext D _ (fun i => sumR K (fun k => nthR u k *
             (if Nat.eqb (cidx D j k) i then nthR v i else 0))))
    by (intros i Hi; rewrite <- sumR_scal; apply sumR_ext; intros k _;
        rewrite nthR_unitl by exact Hi; rewrite Nat.eqb_sym;
        destruct (Nat.eqb i (cidx D j k)); ring).
  rewrite sumR_swap. apply sumR_ext. intros k _.
  rewrite sumR_scal, sumR_delta by (apply cidx_lt; exact HD). reflexivity.
Qed.

(* corr u is the transpose: (corr u y)[i] = sum_j (u * e_i)[j] y[j]. *)
Lemma corr_unitl : forall D K u y i, (0 < D)%nat -> (K <= D)%nat -> (i < D)%nat ->
  nthR (corr D K u y) i = sumR D (fun j => cconv D K u (unitl D i) j * nthR y j).
Proof.
  intros D K u y i HD HK Hi. rewrite cconv_adjoint by assumption.
  rewrite (sumR_ext D _ (fun m => if Nat.eqb i m then nthR (corr D K u y) m else 0))
    by (intros m _; rewrite nthR_unitl by exact Hi; rewrite Nat.eqb_sym;
        destruct (Nat.eqb i m); ring).
  symmetry. apply sumR_delta. exact Hi.
Qed.

(* A function on 0..D-1 is read from a list of length D. *)
Lemma list_of_fun : forall D (f : nat -> R), exists l, forall i, (i < D)%nat -> nthR l i = f i.
Proof. intros D f. exists (map f (seq 0 D)). intros i Hi. apply nth_map_seq. exact Hi. Qed.

End Lists.

(* ---- the matrices (mathcomp over R, a real field by Rstruct) ---- *)

From mathcomp Require Import all_ssreflect ssralg ssrnum matrix mxalgebra.
From mathcomp.analysis Require Import Rstruct.
From Convcert Require Import PolyBridge LeastNorm.
Import GRing.Theory.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Local Open Scope ring_scope.

Lemma sumR_big n f : sumR n f = \sum_(i < n) f i.
Proof.
elim: n f => [|n IH] f /=; first by rewrite big_ord0.
by rewrite big_ord_recl IH.
Qed.

(* The matrix of v |-> u * v acting on row vectors: row i is u * e_i. *)
Definition cmx D K (u : list R) : 'M[R]_D := \matrix_(i, j) cconv D K u (unitl D i) j.

(* A list as a row vector of R^D (entries past its end are 0). *)
Definition rowv D (v : list R) : 'rV[R]_D := \row_i nthR v i.

Lemma rowv_cmx D K u v (j : 'I_D) : (rowv D v *m cmx D K u) ord0 j = cconv D K u v j.
Proof.
have hD : (0 < D)%coq_nat by apply/ssrnat.leP; case: j => j /= /(leq_ltn_trans (leq0n j)).
rewrite mxE (cconv_unitl _ _ _ _ _ hD) sumR_big.
by apply: eq_bigr => i _; rewrite !mxE.
Qed.

Lemma rowv_corr D K u y : (K <= D)%coq_nat ->
  rowv D (corr D K u y) = rowv D y *m (cmx D K u)^T.
Proof.
move=> hK; apply/rowP => i.
have hi : (i < D)%coq_nat by apply/ssrnat.leP; exact: ltn_ord.
rewrite !mxE corr_unitl //; last by lia.
by rewrite sumR_big; apply: eq_bigr => j _; rewrite !mxE mulrC.
Qed.

(* A sum over the channels of a network as a big sum over their indices. *)
Lemma sum_list_ord (A : Type) (d : A) (f : A -> R) (l : list A) :
  sum_list (List.map f l) = \sum_(c < size l) f (nth d l c).
Proof. by rewrite sum_list_big (big_nth d) big_mkord. Qed.

(* (H1) of Collapse.collapse_of_autocorr: the normal equations can be solved over lists. *)
Theorem normal_equations_lists D K (net : network) w : (0 < D)%coq_nat -> (K <= D)%coq_nat ->
  realizes D K net w ->
  exists y, forall j, (j < D)%coq_nat ->
    sum_list (List.map (fun ch : channel => cconv D K (fst ch) (corr D K (fst ch) y) j) net) =
    nthR w j.
Proof.
move=> hD hK hw.
pose ch c := nth ([::], [::]) net c.
pose M c := cmx D K (fst (ch c)).
have [y hy] := normal_equations_sum (fun c : 'I_(size net) => M c)
                 (fun c => rowv D (snd (ch c))).
(* the row y as a list: entry i < D is y_i, read by a sum over the one index equal to i *)
have [l hl] := list_of_fun D (fun i => \sum_(i' < D | nat_of_ord i' == i) y ord0 i').
have hly : rowv D l = y.
  apply/rowP => i; rewrite mxE hl; last by apply/ssrnat.leP; exact: ltn_ord.
  by rewrite (big_pred1 i) // => i'; rewrite val_eqE.
exists l => j hj; have hj' : (j < D)%N by apply/ssrnat.leP.
set jo := Ordinal hj'.
rewrite -(hw _ hj) /predictor !(sum_list_ord ([::], [::])).
transitivity ((y *m \sum_(c < size net) (M c)^T *m M c) ord0 jo).
  rewrite -hly mulmx_sumr summxE; apply: eq_bigr => c _.
  by rewrite mulmxA -rowv_corr // rowv_cmx.
by rewrite -hy summxE; apply: eq_bigr => c _; rewrite rowv_cmx.
Qed.
