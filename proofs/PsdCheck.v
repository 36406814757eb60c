(* PsdCheck.v: a reflective, exact positive-semidefiniteness checker over Bignums' bigQ
   (symmetric Schur-complement / LDL^T elimination in index order; a zero pivot requires
   its whole remaining row to be zero), proven sound once for all sizes:
     psd_check n M = true -> forall x, 0 <= x^T M x
   over the reals, through B2R : bigQ -> R (BigQ.to_Q, then Q2R). Instances run the
   checker with vm_compute. Matrices are lists of rows; entry (i, j) is read with nth and
   default 0, so short rows and missing rows are zero. *)

From Coq Require Import Reals List Arith Lia Lra QArith Qreals.
From Bignums Require Import BigQ.
From Convcert Require Import Network Sums.
Import ListNotations.
Open Scope R_scope.

(* ---------- bigQ to R ---------- *)

Definition B2R (x : bigQ) : R := Q2R (BigQ.to_Q x).

Lemma B2R_add : forall x y, B2R (BigQ.add_norm x y) = B2R x + B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_add_norm x y)). apply Q2R_plus. Qed.

Lemma B2R_mul : forall x y, B2R (BigQ.mul_norm x y) = B2R x * B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_mul_norm x y)). apply Q2R_mult. Qed.

Lemma B2R_sub : forall x y, B2R (BigQ.sub_norm x y) = B2R x - B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_sub_norm x y)). apply Q2R_minus. Qed.

Lemma B2R_opp : forall x, B2R (- x)%bigQ = - B2R x.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_opp x)). apply Q2R_opp. Qed.

Lemma B2R_0 : B2R 0%bigQ = 0.
Proof.
  unfold B2R. replace (BigQ.to_Q 0%bigQ) with (0 # 1)%Q by reflexivity.
  unfold Q2R. simpl. field.
Qed.

Lemma B2R_div : forall x y, B2R y <> 0 -> B2R (BigQ.div_norm x y) = B2R x / B2R y.
Proof.
  intros x y Hy. unfold B2R in *. rewrite (Qeq_eqR _ _ (BigQ.spec_div_norm x y)).
  apply Q2R_div. intro E. apply Hy. rewrite (Qeq_eqR _ _ E). unfold Q2R; simpl; ring.
Qed.

Lemma B2R_compare_gt : forall x y, (x ?= y)%bigQ = Gt -> B2R x > B2R y.
Proof.
  intros x y H. rewrite BigQ.spec_compare in H. unfold B2R. apply Qlt_Rlt.
  apply Qgt_alt. exact H.
Qed.

Lemma B2R_compare_eq : forall x y, (x ?= y)%bigQ = Eq -> B2R x = B2R y.
Proof.
  intros x y H. rewrite BigQ.spec_compare in H. unfold B2R. apply Qeq_eqR.
  apply Qeq_alt. exact H.
Qed.

Lemma B2R_compare_le : forall x y, (x ?= y)%bigQ <> Gt -> B2R x <= B2R y.
Proof.
  intros x y H. rewrite BigQ.spec_compare in H. unfold B2R. apply Qle_Rle.
  apply Qle_alt. exact H.
Qed.

Lemma B2R_eq_bool : forall x y, BigQ.eq_bool x y = true -> B2R x = B2R y.
Proof.
  intros x y H. rewrite BigQ.spec_eq_bool in H. unfold B2R. apply Qeq_eqR.
  apply Qeq_bool_eq. exact H.
Qed.

(* ---------- quadratic forms of functional matrices over R ---------- *)

(* x^T M x for an n x n matrix M and a vector x, both given as functions. *)
Definition qform (n : nat) (M : nat -> nat -> R) (x : nat -> R) : R :=
  sumR n (fun i => sumR n (fun j => x i * M i j * x j)).

Definition symmetric (n : nat) (M : nat -> nat -> R) : Prop :=
  forall i j, (i < n)%nat -> (j < n)%nat -> M i j = M j i.

(* The Schur complement of the (0, 0) entry. *)
Definition schur (M : nat -> nat -> R) (i j : nat) : R :=
  M (S i) (S j) - M (S i) 0%nat * M 0%nat (S j) / M 0%nat 0%nat.

Lemma qform_ext : forall n M M' x, (forall i j, (i < n)%nat -> (j < n)%nat -> M i j = M' i j) ->
  qform n M x = qform n M' x.
Proof.
  intros n M M' x H. unfold qform. apply sumR_ext. intros i Hi. apply sumR_ext.
  intros j Hj. rewrite H by assumption. reflexivity.
Qed.

Lemma qform_step : forall n M x, symmetric (S n) M -> M 0%nat 0%nat <> 0 ->
  let s := sumR n (fun j => M 0%nat (S j) * x (S j)) in
  qform (S n) M x
  = M 0%nat 0%nat * ((x 0%nat + s / M 0%nat 0%nat) * (x 0%nat + s / M 0%nat 0%nat))
    + qform n (schur M) (fun i => x (S i)).
Proof.
  intros n M x Hs Ha s. unfold qform. simpl sumR at 1.
  set (a := M 0%nat 0%nat). set (x0 := x 0%nat).
  (* row 0 *)
  rewrite (sumR_ext n (fun j => x0 * M 0%nat (S j) * x (S j))
                      (fun j => x0 * (M 0%nat (S j) * x (S j))))
    by (intros; cbv beta; ring).
  rewrite sumR_scal. fold s.
  (* rows i >= 1 *)
  rewrite (sumR_ext n (fun i => x (S i) * M (S i) 0%nat * x0 +
                               sumR n (fun j => x (S i) * M (S i) (S j) * x (S j)))
                      (fun i => x0 * (M 0%nat (S i) * x (S i)) +
                               sumR n (fun j => x (S i) * M (S i) (S j) * x (S j)))).
  2: { intros i Hi. cbv beta. rewrite (Hs (S i) 0%nat) by lia. ring. }
  rewrite sumR_plus, sumR_scal. fold s.
  (* the Schur complement *)
  rewrite (sumR_ext n (fun i => sumR n (fun j => x (S i) * schur M i j * x (S j)))
             (fun i => sumR n (fun j => x (S i) * M (S i) (S j) * x (S j))
                       - (x (S i) * M (S i) 0%nat / a) * s)).
  2: { intros i Hi. cbv beta. unfold schur. fold a.
       rewrite (sumR_ext n (fun j => x (S i) * (M (S i) (S j) - M (S i) 0%nat * M 0%nat (S j) / a) * x (S j))
                  (fun j => x (S i) * M (S i) (S j) * x (S j)
                            - (x (S i) * M (S i) 0%nat / a) * (M 0%nat (S j) * x (S j))))
         by (intros; cbv beta; field; exact Ha).
       rewrite sumR_minus, sumR_scal. fold s. reflexivity. }
  rewrite sumR_minus.
  rewrite (sumR_ext n (fun i => x (S i) * M (S i) 0%nat / a * s)
                      (fun i => (s / a) * (M 0%nat (S i) * x (S i)))).
  2: { intros i Hi. cbv beta. rewrite (Hs (S i) 0%nat) by lia. field. exact Ha. }
  rewrite sumR_scal. fold s. field. exact Ha.
Qed.

Lemma qform_zero_row : forall n M x, symmetric (S n) M ->
  (forall j, (j < S n)%nat -> M 0%nat j = 0) ->
  qform (S n) M x = qform n (fun i j => M (S i) (S j)) (fun i => x (S i)).
Proof.
  intros n M x Hs Hz. unfold qform. simpl sumR at 1.
  rewrite Hz by lia.
  rewrite (sumR_ext n (fun j => x 0%nat * M 0%nat (S j) * x (S j)) (fun _ => 0))
    by (intros j Hj; cbv beta; rewrite Hz by lia; ring).
  rewrite (sumR_ext n (fun i => x (S i) * M (S i) 0%nat * x 0%nat +
                               sumR n (fun j => x (S i) * M (S i) (S j) * x (S j)))
                      (fun i => sumR n (fun j => x (S i) * M (S i) (S j) * x (S j)))).
  2: { intros i Hi. cbv beta. rewrite (Hs (S i) 0%nat), Hz by lia. ring. }
  rewrite sumR_zero. ring.
Qed.

Lemma symmetric_schur : forall n M, symmetric (S n) M -> symmetric n (schur M).
Proof.
  intros n M Hs i j Hi Hj. unfold schur.
  rewrite (Hs (S i) (S j)), (Hs (S i) 0%nat), (Hs (S j) 0%nat) by lia. unfold Rdiv. ring.
Qed.

(* The induction the checker follows, over functional matrices. *)
Lemma qform_nonneg_step_pos : forall n M,
  symmetric (S n) M -> M 0%nat 0%nat > 0 ->
  (forall y, 0 <= qform n (schur M) y) -> forall x, 0 <= qform (S n) M x.
Proof.
  intros n M Hs Ha IH x. rewrite qform_step by (auto; lra).
  apply Rplus_le_le_0_compat; [|apply IH].
  apply Rmult_le_pos; [lra|]. apply Rle_0_sqr.
Qed.

(* ---------- the checker over bigQ ---------- *)

Definition entryB (M : list (list bigQ)) (i j : nat) : bigQ := nth j (nth i M []) 0%bigQ.
Definition toR (M : list (list bigQ)) (i j : nat) : R := B2R (entryB M i j).

(* r - s * b, entrywise, the shorter list zero-padded. *)
Fixpoint axpy (s : bigQ) (b r : list bigQ) : list bigQ :=
  match b, r with
  | [], _ => r
  | x :: b', [] => BigQ.opp (BigQ.mul_norm s x) :: axpy s b' []
  | x :: b', y :: r' => BigQ.sub_norm y (BigQ.mul_norm s x) :: axpy s b' r'
  end.

Definition is_zeroB (x : bigQ) : bool :=
  match (x ?= 0)%bigQ with Eq => true | _ => false end.

(* Elimination of n rows (fuel n). Row 0 = a :: b; row i = c_i :: r_i. *)
Fixpoint ldl_check (n : nat) (M : list (list bigQ)) : bool :=
  match n with
  | O => true
  | S n' =>
    let r0 := hd [] M in
    let a := hd 0%bigQ r0 in
    let b := tl r0 in
    match (a ?= 0)%bigQ with
    | Gt => ldl_check n' (map (fun ri => axpy (BigQ.div_norm (hd 0%bigQ ri) a) b (tl ri)) (tl M))
    | Eq => forallb is_zeroB b && ldl_check n' (map (@tl bigQ) (tl M))
    | Lt => false
    end
  end.

Definition sym_check (n : nat) (M : list (list bigQ)) : bool :=
  forallb (fun i => forallb (fun j => BigQ.eq_bool (entryB M i j) (entryB M j i)) (seq 0 n))
          (seq 0 n).

Definition psd_check (n : nat) (M : list (list bigQ)) : bool := sym_check n M && ldl_check n M.

(* ---------- soundness ---------- *)

Lemma nth_nil_B : forall j, B2R (nth j (@nil bigQ) 0%bigQ) = 0.
Proof. intros [|j]; apply B2R_0. Qed.

Lemma axpy_nth : forall s b r j,
  B2R (nth j (axpy s b r) 0%bigQ) = B2R (nth j r 0%bigQ) - B2R s * B2R (nth j b 0%bigQ).
Proof.
  induction b as [|x b IH]; intros r j.
  - change (axpy s [] r) with r. rewrite nth_nil_B. ring.
  - destruct r as [|y r]; destruct j as [|j]; simpl.
    + rewrite B2R_opp, B2R_mul, B2R_0. ring.
    + rewrite IH, nth_nil_B, B2R_0. ring.
    + rewrite B2R_sub, B2R_mul. ring.
    + apply IH.
Qed.

Lemma nth_map_nil : forall (f : list bigQ -> list bigQ) (l : list (list bigQ)) i,
  nth i (map f l) [] = if Nat.ltb i (length l) then f (nth i l []) else [].
Proof.
  induction l as [|r l IH]; intros [|i]; simpl; try reflexivity. apply IH.
Qed.

Lemma nth_hd_tl : forall (l : list bigQ) j, nth j (tl l) 0%bigQ = nth (S j) l 0%bigQ.
Proof. intros [|x l] j; [destruct j|]; reflexivity. Qed.

Lemma hd_nth0 : forall (l : list bigQ), hd 0%bigQ l = nth 0 l 0%bigQ.
Proof. intros [|x l]; reflexivity. Qed.

Lemma nth_tl_rows : forall (M : list (list bigQ)) i, nth i (tl M) [] = nth (S i) M [].
Proof. intros [|r M] i; [destruct i|]; reflexivity. Qed.

Lemma toR_pos_step : forall M, B2R (entryB M 0 0) <> 0 ->
  forall i j, toR (map (fun ri => axpy (BigQ.div_norm (hd 0%bigQ ri) (hd 0%bigQ (hd [] M)))
                                       (tl (hd [] M)) (tl ri)) (tl M)) i j
              = schur (toR M) i j.
Proof.
  intros M Ha i j. unfold toR, schur, entryB in *. rewrite nth_map_nil.
  assert (Hhd : hd [] M = nth 0 M []) by (destruct M; reflexivity).
  destruct (Nat.ltb i (length (tl M))) eqn:E.
  - rewrite axpy_nth, nth_tl_rows, !nth_hd_tl, Hhd, hd_nth0, hd_nth0.
    rewrite B2R_div by exact Ha. field. exact Ha.
  - apply Nat.ltb_ge in E. rewrite nth_nil_B.
    rewrite <- nth_tl_rows, (nth_overflow (tl M) [] E), nth_nil_B, nth_nil_B. field. exact Ha.
Qed.

Lemma toR_zero_step : forall M i j,
  toR (map (@tl bigQ) (tl M)) i j = toR M (S i) (S j).
Proof.
  intros M i j. unfold toR, entryB. rewrite nth_map_nil.
  destruct (Nat.ltb i (length (tl M))) eqn:E.
  - rewrite nth_hd_tl, nth_tl_rows. reflexivity.
  - apply Nat.ltb_ge in E. rewrite <- nth_tl_rows, (nth_overflow (tl M) [] E).
    rewrite nth_nil_B. destruct j; symmetry; apply nth_nil_B.
Qed.

Lemma forallb_zero_nth : forall b j, forallb is_zeroB b = true -> B2R (nth j b 0%bigQ) = 0.
Proof.
  induction b as [|x b IH]; intros j H; [apply nth_nil_B|].
  simpl in H. apply andb_true_iff in H as [Hx Hb]. destruct j as [|j]; simpl.
  - unfold is_zeroB in Hx. destruct (x ?= 0)%bigQ eqn:E; try discriminate.
    rewrite (B2R_compare_eq _ _ E). apply B2R_0.
  - apply IH. exact Hb.
Qed.

Theorem ldl_check_sound : forall n M, symmetric n (toR M) -> ldl_check n M = true ->
  forall x, 0 <= qform n (toR M) x.
Proof.
  induction n as [|n IH]; intros M Hs H x.
  - unfold qform. simpl. lra.
  - simpl in H. destruct (hd 0%bigQ (hd [] M) ?= 0)%bigQ eqn:E; try discriminate.
    + (* zero pivot, zero row *)
      apply andb_true_iff in H as [Hz H].
      assert (Hrow : forall j, (j < S n)%nat -> toR M 0%nat j = 0).
      { intros j Hj. unfold toR, entryB. assert (Hhd : hd [] M = nth 0 M []) by (destruct M; reflexivity).
        destruct j as [|j].
        - rewrite <- hd_nth0, <- Hhd, (B2R_compare_eq _ _ E). apply B2R_0.
        - rewrite <- nth_hd_tl, <- Hhd. apply forallb_zero_nth. exact Hz. }
      rewrite qform_zero_row by assumption.
      rewrite (qform_ext n _ (toR (map (@tl bigQ) (tl M))))
        by (intros; symmetry; apply toR_zero_step).
      apply IH; [|exact H].
      intros i j Hi Hj. rewrite !toR_zero_step. apply Hs; lia.
    + (* positive pivot *)
      assert (Ha : toR M 0%nat 0%nat > 0).
      { unfold toR, entryB. assert (Hhd : hd [] M = nth 0 M []) by (destruct M; reflexivity).
        rewrite <- hd_nth0, <- Hhd. pose proof (B2R_compare_gt _ _ E) as G.
        rewrite B2R_0 in G. exact G. }
      apply qform_nonneg_step_pos; [exact Hs|exact Ha|]. intros y.
      rewrite (qform_ext n _ (toR (map (fun ri => axpy (BigQ.div_norm (hd 0%bigQ ri) (hd 0%bigQ (hd [] M)))
                                       (tl (hd [] M)) (tl ri)) (tl M)))).
      2: { intros i j _ _. symmetry. apply toR_pos_step. unfold toR in Ha. lra. }
      apply IH; [|exact H].
      intros i j Hi Hj. rewrite !toR_pos_step by (unfold toR in Ha; lra).
      apply (symmetric_schur n); assumption.
Qed.

Lemma sym_check_sound : forall n M, sym_check n M = true -> symmetric n (toR M).
Proof.
  intros n M H i j Hi Hj. unfold sym_check in H. rewrite forallb_forall in H.
  specialize (H i (proj2 (in_seq n 0 i) (conj (Nat.le_0_l i) Hi))).
  rewrite forallb_forall in H.
  specialize (H j (proj2 (in_seq n 0 j) (conj (Nat.le_0_l j) Hj))).
  unfold toR. apply B2R_eq_bool. exact H.
Qed.

(* The checker's soundness: a passing matrix is positive semidefinite over R. *)
Theorem psd_check_sound : forall n M, psd_check n M = true ->
  forall x, 0 <= qform n (toR M) x.
Proof.
  intros n M H. unfold psd_check in H. apply andb_true_iff in H as [Hs Hl].
  apply ldl_check_sound; [apply sym_check_sound|]; assumption.
Qed.
