(* PsdCheckZ.v: a fraction-free (Bareiss) reflective PSD checker for integer matrices over
   Bignums' bigZ, proven sound once: psd_checkZ n M = true -> forall x, 0 <= x^T M x.
   Step with pivot a > 0 and previous pivot p > 0 (initially 1): the next matrix is
   M'_ij = (a M_{i+1,j+1} - M_{i+1,0} M_{0,j+1}) / p = (a/p) * (Schur complement)_ij, computed
   with integer division and then *checked* entry by entry (p * M'_ij = a M_.. - M_.. M_..), so
   soundness never relies on the division being exact; a positive multiple of the Schur
   complement is PSD iff the complement is. Zero pivots need a zero row, as in PsdCheck.v. *)

From Coq Require Import Reals List Arith ZArith Bool Lia Lra.
From Bignums Require Import BigZ.
From Convcert Require Import Network Sums PsdCheck.
Import ListNotations.
Open Scope R_scope.

Definition Z2R (x : bigZ) : R := IZR (BigZ.to_Z x).
Definition entryZ (M : list (list bigZ)) (i j : nat) : bigZ := nth j (nth i M []) 0%bigZ.
Definition toRZ (M : list (list bigZ)) (i j : nat) : R := Z2R (entryZ M i j).

Fixpoint zipw (f : bigZ -> bigZ -> bigZ) (x y : list bigZ) : list bigZ :=
  match x, y with
  | a :: x', b :: y' => f a b :: zipw f x' y'
  | _, _ => []
  end.

(* The candidate next matrix (rows of the rest: c_i :: r_i; first row a :: b). *)
Definition bareiss_next (p a : bigZ) (b : list bigZ) (rest : list (list bigZ)) :=
  map (fun ri => zipw (fun m bj => BigZ.div (a * m - hd 0 ri * bj) p)%bigZ (tl ri) b) rest.

Definition all_ij (n : nat) (f : nat -> nat -> bool) : bool :=
  forallb (fun i => forallb (fun j => f i j) (seq 0 n)) (seq 0 n).

Fixpoint ldlZ (n : nat) (p : bigZ) (M : list (list bigZ)) : bool :=
  match n with
  | O => true
  | S n' =>
    let a := entryZ M 0 0 in
    match BigZ.compare a 0 with
    | Gt =>
      let M' := bareiss_next p a (tl (hd [] M)) (tl M) in
      all_ij n' (fun i j => BigZ.eqb (p * entryZ M' i j)
                   (a * entryZ M (S i) (S j) - entryZ M (S i) 0 * entryZ M 0 (S j)))%bigZ
      && ldlZ n' a M'
    | Eq =>
      let M' := map (@tl bigZ) (tl M) in
      forallb (fun j => BigZ.eqb (entryZ M 0 j) 0) (seq 0 (S n'))
      && all_ij n' (fun i j => BigZ.eqb (entryZ M' i j) (entryZ M (S i) (S j)))
      && ldlZ n' p M'
    | Lt => false
    end
  end.

Definition psd_checkZ (n : nat) (M : list (list bigZ)) : bool :=
  all_ij n (fun i j => BigZ.eqb (entryZ M i j) (entryZ M j i)) && ldlZ n 1%bigZ M.

(* ---------- soundness ---------- *)

Lemma all_ij_spec : forall n f, all_ij n f = true ->
  forall i j, (i < n)%nat -> (j < n)%nat -> f i j = true.
Proof.
  intros n f H i j Hi Hj. unfold all_ij in H. rewrite forallb_forall in H.
  specialize (H i (proj2 (in_seq n 0 i) (conj (Nat.le_0_l i) Hi))).
  rewrite forallb_forall in H. exact (H j (proj2 (in_seq n 0 j) (conj (Nat.le_0_l j) Hj))).
Qed.

Lemma Z2R_eqb : forall x y, BigZ.eqb x y = true -> Z2R x = Z2R y.
Proof.
  intros x y H. rewrite BigZ.spec_eqb in H. apply Z.eqb_eq in H. unfold Z2R. rewrite H.
  reflexivity.
Qed.

Lemma Z2R_mul : forall x y, Z2R (x * y)%bigZ = Z2R x * Z2R y.
Proof. intros. unfold Z2R. rewrite BigZ.spec_mul. apply mult_IZR. Qed.

Lemma Z2R_sub : forall x y, Z2R (x - y)%bigZ = Z2R x - Z2R y.
Proof. intros. unfold Z2R. rewrite BigZ.spec_sub. apply minus_IZR. Qed.

Lemma Z2R_0 : Z2R 0%bigZ = 0.
Proof. reflexivity. Qed.

Lemma Z2R_1 : Z2R 1%bigZ = 1.
Proof. reflexivity. Qed.

Lemma Z2R_compare_gt : forall x, BigZ.compare x 0 = Gt -> Z2R x > 0.
Proof.
  intros x H. rewrite BigZ.spec_compare in H. unfold Z2R. apply IZR_lt.
  apply Z.compare_gt_iff in H. exact H.
Qed.

Lemma Z2R_compare_eq : forall x, BigZ.compare x 0 = Eq -> Z2R x = 0.
Proof.
  intros x H. rewrite BigZ.spec_compare in H. unfold Z2R.
  apply Z.compare_eq_iff in H. rewrite H. reflexivity.
Qed.

Lemma qform_scale : forall n c M x,
  qform n (fun i j => c * M i j) x = c * qform n M x.
Proof.
  intros. unfold qform. rewrite <- sumR_scal. apply sumR_ext. intros i _. cbv beta.
  rewrite <- sumR_scal. apply sumR_ext. intros j _. cbv beta. ring.
Qed.

Theorem ldlZ_sound : forall n p M, Z2R p > 0 -> symmetric n (toRZ M) -> ldlZ n p M = true ->
  forall x, 0 <= qform n (toRZ M) x.
Proof.
  induction n as [|n IH]; intros p M Hp Hs H x.
  - unfold qform. simpl. lra.
  - cbn [ldlZ] in H. destruct (BigZ.compare (entryZ M 0 0) 0) eqn:E; try discriminate.
    + (* zero pivot *)
      apply andb_true_iff in H as [H HM]. apply andb_true_iff in H as [Hz Hsh].
      assert (Hrow : forall j, (j < S n)%nat -> toRZ M 0%nat j = 0).
      { intros j Hj. rewrite forallb_forall in Hz.
        specialize (Hz j (proj2 (in_seq (S n) 0 j) (conj (Nat.le_0_l j) Hj))).
        unfold toRZ. rewrite (Z2R_eqb _ _ Hz). apply Z2R_0. }
      assert (Hshift : forall i j, (i < n)%nat -> (j < n)%nat ->
                toRZ (map (@tl bigZ) (tl M)) i j = toRZ M (S i) (S j)).
      { intros i j Hi Hj. unfold toRZ. apply Z2R_eqb. exact (all_ij_spec _ _ Hsh i j Hi Hj). }
      rewrite qform_zero_row by assumption.
      rewrite (qform_ext n _ (toRZ (map (@tl bigZ) (tl M))))
        by (intros; symmetry; apply Hshift; assumption).
      apply (IH p); [exact Hp| |exact HM].
      intros i j Hi Hj. rewrite !Hshift by assumption. apply Hs; lia.
    + (* positive pivot *)
      apply andb_true_iff in H as [Hrel HM].
      set (M' := bareiss_next p (entryZ M 0 0) (tl (hd [] M)) (tl M)) in *.
      pose proof (Z2R_compare_gt _ E) as Ha.
      assert (Hst : forall i j, (i < n)%nat -> (j < n)%nat ->
                toRZ M' i j = (Z2R (entryZ M 0 0) / Z2R p) * schur (toRZ M) i j).
      { intros i j Hi Hj. pose proof (all_ij_spec _ _ Hrel i j Hi Hj) as R.
        apply Z2R_eqb in R. rewrite Z2R_mul, Z2R_sub, !Z2R_mul in R.
        unfold schur, toRZ. apply (Rmult_eq_reg_l (Z2R p)); [|lra].
        rewrite R. field. split; lra. }
      apply qform_nonneg_step_pos; [exact Hs|exact Ha|]. intros y.
      assert (HM' : forall y, 0 <= qform n (toRZ M') y).
      { apply (IH (entryZ M 0 0)); [exact Ha| |exact HM].
        intros i j Hi Hj. rewrite !Hst by assumption. f_equal.
        apply (symmetric_schur n); assumption. }
      specialize (HM' y).
      rewrite (qform_ext n _ (fun i j => (Z2R (entryZ M 0 0) / Z2R p) * schur (toRZ M) i j)) in HM'
        by (intros; apply Hst; assumption).
      rewrite qform_scale in HM'.
      assert (Hc : Z2R (entryZ M 0 0) / Z2R p > 0) by (apply Rdiv_lt_0_compat; lra).
      destruct (Rle_or_lt 0 (qform n (schur (toRZ M)) y)) as [G|G]; [exact G|].
      exfalso. pose proof (Rmult_lt_compat_l _ _ _ Hc G). lra.
Qed.

(* The checker's soundness: a passing integer matrix is positive semidefinite over R. *)
Theorem psd_checkZ_sound : forall n M, psd_checkZ n M = true ->
  forall x, 0 <= qform n (toRZ M) x.
Proof.
  intros n M H. unfold psd_checkZ in H. apply andb_true_iff in H as [Hs Hl].
  apply (ldlZ_sound n 1%bigZ); [rewrite Z2R_1; lra| |exact Hl].
  intros i j Hi Hj. unfold toRZ. apply Z2R_eqb. exact (all_ij_spec _ _ Hs i j Hi Hj).
Qed.
