(* Separation.v: what a channel-separation instance proof needs (issue 18), Fourier-free.
   For one channel (u, v) with u * v = w and any lambda:
     ||v||^2 >= 2 <lambda, w> - ||T(lambda)^T u||^2      (one_channel_dual)
   (from ||v - T(lambda)^T u||^2 >= 0 and <lambda, u * v> = u^T T(lambda) v). On a box of
   kernels u the right side is bounded below in exact rationals (leaf_ok), and so is ||u||^2;
   since (u / c, c v) realizes the same w with the same ||u||^2 ||v||^2, it is enough to cover
   the K faces {u_k = 1, |u_j| <= 1} by boxes (a bisection tree, check_tree), which gives
   4 ||u||^2 ||v||^2 >= L1^2 and so cost = ||u||^2 + ||v||^2 >= L1 for every one-channel
   network (theorem one_channel_lower). The two-channel upper bound is BracketGrid.bracket_2d
   with lambda = 0 (theorem separation_2d). *)

From Coq Require Import Reals List Arith ZArith Lia Lra Psatz QArith Qreals.
From Bignums Require Import BigQ BigZ.
From Convcert Require Import Network Sums PsdCheck PsdCheckZ Schur Duality Bracket Grid
  BracketGrid.
Import ListNotations.
Open Scope R_scope.

(* ---------- the real bound for one channel ---------- *)

(* (T(lambda)^T u)[i] = sum_k u[k] lambda[sh i k]. *)
Definition zlin (K : nat) (sh : nat -> nat -> nat) (lam u : list R) (i : nat) : R :=
  sumR K (fun k => nthR lam (sh i k) * nthR u k).

Lemma sqnorm_dist : forall D (v : list R) (z : nat -> R),
  sumR D (fun i => (nthR v i - z i) * (nthR v i - z i))
  = sqnorm D v - 2 * sumR D (fun i => nthR v i * z i) + sumR D (fun i => z i * z i).
Proof.
  intros D v z. unfold sqnorm. rewrite <- sumR_scal, <- sumR_minus, <- sumR_plus.
  apply sumR_ext. intros i _. ring.
Qed.

Theorem one_channel_dual : forall D K sh unsh (lam u v w : list R),
  shift_ok D K sh unsh -> srealizes D K unsh [(u, v)] w ->
  2 * inner D lam w - sumR D (fun i => zlin K sh lam u i * zlin K sh lam u i) <= sqnorm D v.
Proof.
  intros D K sh unsh lam u v w Hs Hr.
  assert (E : inner D lam w = sumR D (fun i => nthR v i * zlin K sh lam u i)).
  { unfold inner. rewrite (sumR_ext D _ (fun j => nthR lam j * sconv K unsh u v j)).
    2: { intros j Hj. rewrite <- (Hr j Hj). unfold spredictor. simpl. ring. }
    rewrite (inner_sconv D K sh unsh lam u v Hs), sumR_swap. apply sumR_ext. intros i _.
    unfold zlin. rewrite <- sumR_scal. apply sumR_ext. intros k _. unfold sTmat. ring. }
  pose proof (sumR_nonneg D (fun i => (nthR v i - zlin K sh lam u i) * (nthR v i - zlin K sh lam u i))
                (fun i _ => Rle_0_sqr _)) as H.
  rewrite sqnorm_dist in H. lra.
Qed.

(* ---------- rational sums and their values in R ---------- *)

Local Open Scope Q_scope.

(* sum_{i < n} f i over Q, reduced at each step (denominators stay small). *)
Fixpoint sumQ (n : nat) (f : nat -> Q) : Q :=
  match n with
  | O => 0
  | S m => Qred (f O + sumQ m (fun i => f (S i)))
  end.

(* Interval sums: (sum of lower ends, sum of upper ends). *)
Fixpoint sumI (n : nat) (f : nat -> Q * Q) : Q * Q :=
  match n with
  | O => (0, 0)
  | S m => let s := sumI m (fun i => f (S i)) in
           (Qred (fst (f O) + fst s), Qred (snd (f O) + snd s))
  end.

Local Close Scope Q_scope.

Lemma Q2R_Qred : forall x, Q2R (Qred x) = Q2R x.
Proof. intros x. apply Qeq_eqR. apply Qred_correct. Qed.

Lemma Q2R_0 : Q2R 0 = 0.
Proof. unfold Q2R. simpl. field. Qed.

Lemma sumQ_R : forall n f, Q2R (sumQ n f) = sumR n (fun i => Q2R (f i)).
Proof.
  induction n as [|n IH]; intros f; cbn [sumQ sumR]; [apply Q2R_0|].
  rewrite Q2R_Qred, Q2R_plus, IH. reflexivity.
Qed.

Lemma sumI_R : forall n f,
  Q2R (fst (sumI n f)) = sumR n (fun i => Q2R (fst (f i))) /\
  Q2R (snd (sumI n f)) = sumR n (fun i => Q2R (snd (f i))).
Proof.
  induction n as [|n IH]; intros f; cbn [sumI sumR fst snd]; [split; apply Q2R_0|].
  destruct (IH (fun i => f (S i))) as [H1 H2].
  rewrite !Q2R_Qred, !Q2R_plus, H1, H2. split; reflexivity.
Qed.

Lemma nthR_mapQ : forall (l : list Q) i, nthR (map Q2R l) i = Q2R (nth i l 0%Q).
Proof.
  induction l as [|x l IH]; intros i; destruct i; simpl; try reflexivity.
  - unfold nthR. simpl. symmetry. apply Q2R_0.
  - unfold nthR. simpl. symmetry. apply Q2R_0.
  - apply IH.
Qed.

(* ---------- one box ---------- *)

(* A box of kernels: entry k is the interval [lo_k, hi_k] of u[k]. *)
Definition ival (box : list (Q * Q)) (k : nat) : Q * Q := nth k box (0%Q, 0%Q).

Definition in_box (K : nat) (box : list (Q * Q)) (u : list R) : Prop :=
  forall k, (k < K)%nat -> Q2R (fst (ival box k)) <= nthR u k <= Q2R (snd (ival box k)).

(* The least x^2 over [lo, hi]. *)
Definition sqlo (b : Q * Q) : Q :=
  if Qle_bool 0 (fst b) then (fst b * fst b)%Q
  else if Qle_bool (snd b) 0 then (snd b * snd b)%Q else 0%Q.

(* The interval of a * x over x in [lo, hi]. *)
Definition ilin (a : Q) (b : Q * Q) : Q * Q :=
  let p := (a * fst b)%Q in let q := (a * snd b)%Q in if Qle_bool p q then (p, q) else (q, p).

(* The largest z^2 over z in [zl, zh]. *)
Definition sqhi (z : Q * Q) : Q :=
  let a := (fst z * fst z)%Q in let b := (snd z * snd z)%Q in if Qle_bool a b then b else a.

Lemma Q2R_le_of : forall x y, Qle_bool x y = true -> Q2R x <= Q2R y.
Proof. intros x y H. apply Qle_Rle. apply Qle_bool_iff. exact H. Qed.

Lemma Q2R_gt_of : forall x y, Qle_bool x y = false -> Q2R y < Q2R x.
Proof.
  intros x y H. apply Qlt_Rlt. apply Qnot_le_lt. intro C. apply Qle_bool_iff in C. congruence.
Qed.

Lemma sqlo_le : forall b x, Q2R (fst b) <= x <= Q2R (snd b) -> Q2R (sqlo b) <= x * x.
Proof.
  intros b x [H1 H2]. unfold sqlo.
  destruct (Qle_bool 0 (fst b)) eqn:E1.
  - apply Q2R_le_of in E1. rewrite Q2R_0 in E1. rewrite Q2R_mult. nra.
  - destruct (Qle_bool (snd b) 0) eqn:E2.
    + apply Q2R_le_of in E2. rewrite Q2R_0 in E2. rewrite Q2R_mult. nra.
    + rewrite Q2R_0. nra.
Qed.

Lemma sqlo_nonneg : forall b, 0 <= Q2R (sqlo b).
Proof.
  intros b. unfold sqlo.
  destruct (Qle_bool 0 (fst b)); [rewrite Q2R_mult; nra|].
  destruct (Qle_bool (snd b) 0); [rewrite Q2R_mult; nra|]. rewrite Q2R_0. lra.
Qed.

Lemma ilin_bounds : forall a b x, Q2R (fst b) <= x <= Q2R (snd b) ->
  Q2R (fst (ilin a b)) <= Q2R a * x <= Q2R (snd (ilin a b)).
Proof.
  intros a b x [H1 H2]. unfold ilin.
  destruct (Qle_bool (a * fst b) (a * snd b)) eqn:E; simpl.
  - apply Q2R_le_of in E. rewrite !Q2R_mult in *.
    destruct (Rle_dec 0 (Q2R a)); split; nra.
  - apply Q2R_gt_of in E. rewrite !Q2R_mult in *.
    destruct (Rle_dec 0 (Q2R a)); split; nra.
Qed.

Lemma sqhi_bounds : forall zb z, Q2R (fst zb) <= z <= Q2R (snd zb) -> z * z <= Q2R (sqhi zb).
Proof.
  intros zb z [H1 H2]. unfold sqhi.
  destruct (Qle_bool (fst zb * fst zb) (snd zb * snd zb)) eqn:E.
  - apply Q2R_le_of in E. rewrite !Q2R_mult in *. destruct (Rle_dec 0 z); nra.
  - apply Q2R_gt_of in E. rewrite !Q2R_mult in *. destruct (Rle_dec 0 z); nra.
Qed.

(* shl: for each signal index i < D, the K indices sh i k (precomputed once). *)
Definition shl_ok (D K : nat) (sh : nat -> nat -> nat) (shl : list (list nat)) : Prop :=
  forall i k, (i < D)%nat -> (k < K)%nat -> nth k (nth i shl []) 0%nat = sh i k.

(* The interval of (T(lambda)^T u)[i] over the box. *)
Definition zbox (K : nat) (shl : list (list nat)) (lam : list Q) (box : list (Q * Q)) (i : nat)
    : Q * Q :=
  sumI K (fun k => ilin (nth (nth k (nth i shl []) 0%nat) lam 0%Q) (ival box k)).

(* The leaf test: with nlo <= ||u||^2 and qhi >= ||T(lambda)^T u||^2 on the box, and
   beta = 2 <lambda, w> - qhi: beta >= 0 and L1^2 <= 4 nlo beta. *)
Definition leaf_ok (D K : nat) (shl : list (list nat)) (w : list Q) (L1 : Q)
    (box : list (Q * Q)) (lam : list Q) : bool :=
  let nlo := sumQ K (fun k => sqlo (ival box k)) in
  let qhi := sumQ D (fun i => sqhi (zbox K shl lam box i)) in
  let beta := (2 * sumQ D (fun i => nth i lam 0 * nth i w 0) - qhi)%Q in
  Qle_bool 0 beta && Qle_bool (L1 * L1) (4 * nlo * beta).

Lemma leaf_ok_sound : forall D K sh unsh shl w L1 box lam u v,
  shift_ok D K sh unsh -> shl_ok D K sh shl ->
  leaf_ok D K shl w L1 box lam = true -> in_box K box u ->
  srealizes D K unsh [(u, v)] (map Q2R w) ->
  Q2R L1 * Q2R L1 <= 4 * sqnorm K u * sqnorm D v.
Proof.
  intros D K sh unsh shl w L1 box lam u v Hs Hshl H Hb Hr. unfold leaf_ok in H.
  apply andb_true_iff in H. destruct H as [Hbeta HL].
  apply Q2R_le_of in Hbeta, HL.
  rewrite Q2R_0, Q2R_minus, Q2R_mult, !sumQ_R in Hbeta.
  rewrite !Q2R_mult, Q2R_minus, Q2R_mult, !sumQ_R in HL.
  set (nlo := sumR K (fun k => Q2R (sqlo (ival box k)))) in *.
  set (qhi := sumR D (fun i => Q2R (sqhi (zbox K shl lam box i)))) in *.
  set (iw := sumR D (fun i => Q2R (nth i lam 0%Q * nth i w 0%Q))) in *.
  assert (Hn0 : 0 <= nlo) by (apply sumR_nonneg; intros; apply sqlo_nonneg).
  assert (Hn : nlo <= sqnorm K u).
  { apply sumR_le. intros k Hk. apply sqlo_le. exact (Hb k Hk). }
  assert (Hiw : iw = inner D (map Q2R lam) (map Q2R w)).
  { unfold iw, inner. apply sumR_ext. intros i _. rewrite !nthR_mapQ, Q2R_mult. reflexivity. }
  assert (Hq : sumR D (fun i => zlin K sh (map Q2R lam) u i * zlin K sh (map Q2R lam) u i) <= qhi).
  { apply sumR_le. intros i Hi. apply sqhi_bounds. unfold zbox.
    destruct (sumI_R K (fun k => ilin (nth (nth k (nth i shl []) 0%nat) lam 0%Q) (ival box k)))
      as [E1 E2].
    rewrite E1, E2. unfold zlin.
    split; apply sumR_le; intros k Hk;
      pose proof (ilin_bounds (nth (nth k (nth i shl []) 0%nat) lam 0%Q) (ival box k) (nthR u k)
                    (Hb k Hk)) as Hk';
      rewrite (Hshl i k Hi Hk) in Hk' |- *; rewrite <- nthR_mapQ in Hk'; destruct Hk' as [Hk1 Hk2];
      [exact Hk1 | exact Hk2]. }
  pose proof (one_channel_dual D K sh unsh (map Q2R lam) u v (map Q2R w) Hs Hr) as Hd.
  rewrite <- Hiw in Hd.
  assert (Hv : 2 * iw - qhi <= sqnorm D v) by lra.
  assert (Q2R 4 = 4) as E4 by (unfold Q2R; simpl; field). rewrite E4 in HL.
  assert (Q2R 2 = 2) as E2 by (unfold Q2R; simpl; field). rewrite E2 in Hbeta, HL.
  assert (4 * nlo * (2 * iw - qhi) <= 4 * sqnorm K u * sqnorm D v).
  { apply Rmult_le_compat; nra. }
  lra.
Qed.

(* ---------- a bisection tree of boxes ---------- *)

(* Node j l r splits coordinate j of the box at its midpoint: l is the lower half, r the upper;
   a leaf carries lambda as integers over the common denominator den. *)
Inductive stree : Type :=
  | SLeaf : list Z -> stree
  | SNode : nat -> stree -> stree -> stree.

Fixpoint set_nth {A} (n : nat) (x : A) (l : list A) : list A :=
  match l, n with
  | [], _ => []
  | _ :: t, O => x :: t
  | y :: t, S m => y :: set_nth m x t
  end.

Lemma nth_set_nth : forall {A} (l : list A) j x k d, (j < length l)%nat ->
  nth k (set_nth j x l) d = if Nat.eqb k j then x else nth k l d.
Proof.
  induction l as [|y l IH]; intros j x k d Hj; simpl in Hj; [lia|].
  destruct j, k; simpl; try reflexivity. apply IH. lia.
Qed.

Lemma set_nth_length : forall {A} (l : list A) j x, length (set_nth j x l) = length l.
Proof. induction l as [|y l IH]; intros j x; destruct j; simpl; try rewrite IH; reflexivity. Qed.

Definition midQ (b : Q * Q) : Q := Qred ((fst b + snd b) / 2).

Fixpoint check_tree (D K : nat) (shl : list (list nat)) (w : list Q) (L1 : Q) (den : positive)
    (box : list (Q * Q)) (t : stree) : bool :=
  match t with
  | SLeaf lz => leaf_ok D K shl w L1 box (map (fun z => Qmake z den) lz)
  | SNode j l r =>
      let b := ival box j in
      let m := midQ b in
      Nat.ltb j (length box)
      && check_tree D K shl w L1 den (set_nth j (fst b, m) box) l
      && check_tree D K shl w L1 den (set_nth j (m, snd b) box) r
  end.

Lemma check_tree_sound : forall D K sh unsh shl w L1 den t box u v,
  shift_ok D K sh unsh -> shl_ok D K sh shl ->
  check_tree D K shl w L1 den box t = true -> in_box K box u ->
  srealizes D K unsh [(u, v)] (map Q2R w) ->
  Q2R L1 * Q2R L1 <= 4 * sqnorm K u * sqnorm D v.
Proof.
  intros D K sh unsh shl w L1 den t. induction t as [lz|j l IHl r IHr];
    intros box u v Hs Hshl H Hb Hr; simpl in H.
  - exact (leaf_ok_sound D K sh unsh shl w L1 box _ u v Hs Hshl H Hb Hr).
  - repeat rewrite andb_true_iff in H. destruct H as [[Hj Hl] Hrt].
    apply Nat.ltb_lt in Hj.
    destruct (Rle_dec (nthR u j) (Q2R (midQ (ival box j)))) as [Hm|Hm].
    + apply (IHl _ u v Hs Hshl Hl); [|exact Hr]. intros k Hk. unfold ival.
      rewrite nth_set_nth by exact Hj. destruct (Nat.eqb k j) eqn:E; [|exact (Hb k Hk)].
      apply Nat.eqb_eq in E. subst k. cbn [fst snd]. split; [exact (proj1 (Hb j Hk))| exact Hm].
    + apply (IHr _ u v Hs Hshl Hrt); [|exact Hr]. intros k Hk. unfold ival.
      rewrite nth_set_nth by exact Hj. destruct (Nat.eqb k j) eqn:E; [|exact (Hb k Hk)].
      apply Nat.eqb_eq in E. subst k. cbn [fst snd]. split; [exact (Rlt_le _ _ (Rnot_le_lt _ _ Hm))| exact (proj2 (Hb j Hk))].
Qed.

(* ---------- the faces {u_k = 1, |u_j| <= 1} ---------- *)

Definition face_box (K k : nat) : list (Q * Q) :=
  map (fun j => if Nat.eqb j k then (1%Q, 1%Q) else ((-1)%Q, 1%Q)) (seq 0 K).

Lemma Q2R_1 : Q2R 1 = 1.
Proof. unfold Q2R. simpl. field. Qed.

Lemma Q2R_m1 : Q2R (-1) = -1.
Proof. unfold Q2R. simpl. field. Qed.

Lemma argmax_nat : forall (f : nat -> R) n,
  exists k, (k <= n)%nat /\ forall j, (j <= n)%nat -> f j <= f k.
Proof.
  intros f n. induction n as [|n [k [Hk H]]].
  - exists 0%nat. split; [lia|]. intros j Hj. replace j with 0%nat by lia. lra.
  - destruct (Rle_dec (f (S n)) (f k)) as [E|E].
    + exists k. split; [lia|]. intros j Hj. destruct (Nat.eq_dec j (S n)); [subst; exact E|].
      apply H. lia.
    + exists (S n). split; [lia|]. intros j Hj. destruct (Nat.eq_dec j (S n)); [subst; lra|].
      specialize (H j ltac:(lia)). lra.
Qed.

Lemma nthR_map_scale : forall a (l : list R) i, nthR (map (fun x => a * x) l) i = a * nthR l i.
Proof.
  intros a l. induction l as [|x l IH]; intros i; destruct i; unfold nthR in *; simpl;
    try ring. apply IH.
Qed.

Lemma sqnorm_scale : forall n a l, sqnorm n (map (fun x => a * x) l) = a * a * sqnorm n l.
Proof.
  intros n a l. unfold sqnorm. rewrite <- sumR_scal. apply sumR_ext. intros i _.
  rewrite nthR_map_scale. ring.
Qed.

(* Every one-channel network realizing w (w nonzero) has 4 ||u||^2 ||v||^2 >= L1^2 when the K
   faces' trees pass. *)
Definition faces_check (D K : nat) (shl : list (list nat)) (w : list Q) (L1 : Q) (den : positive)
    (trees : list stree) : bool :=
  Nat.eqb (length trees) K
  && forallb (fun k => check_tree D K shl w L1 den (face_box K k) (nth k trees (SLeaf [])))
             (seq 0 K)
  && existsb (fun j => negb (Qeq_bool (nth j w 0%Q) 0%Q)) (seq 0 D).

Theorem faces_sound : forall D K sh unsh shl w L1 den trees u v,
  shift_ok D K sh unsh -> shl_ok D K sh shl ->
  faces_check D K shl w L1 den trees = true ->
  srealizes D K unsh [(u, v)] (map Q2R w) ->
  Q2R L1 <= sqnorm K u + sqnorm D v.
Proof.
  intros D K sh unsh shl w L1 den trees u v Hs Hshl H Hr. unfold faces_check in H.
  repeat rewrite andb_true_iff in H. destruct H as [[HK Ht] Hw].
  apply Nat.eqb_eq in HK. rewrite forallb_forall in Ht. rewrite existsb_exists in Hw.
  destruct Hw as [j0 [Hj0 Hw0]]. apply in_seq in Hj0.
  destruct K as [|K'].
  { exfalso. specialize (Hr j0 ltac:(lia)). unfold spredictor, sconv in Hr. simpl in Hr.
    rewrite nthR_mapQ in Hr. apply negb_true_iff in Hw0.
    assert (Qeq_bool (nth j0 w 0%Q) 0%Q = true) by (apply Qeq_bool_iff; apply eqR_Qeq;
      rewrite Q2R_0; lra). congruence. }
  destruct (argmax_nat (fun k => Rabs (nthR u k)) K') as [k [Hk Hmax]].
  destruct (Req_dec (nthR u k) 0) as [Hz|Hz].
  { exfalso. specialize (Hr j0 ltac:(lia)). unfold spredictor, sconv in Hr. simpl in Hr.
    change (sumR (S K') (fun k0 => nthR u k0 * nthR v (unsh j0 k0)) + 0 = nthR (map Q2R w) j0)
      in Hr.
    rewrite (sumR_ext (S K') _ (fun _ => 0)) in Hr.
    2: { intros i Hi. specialize (Hmax i ltac:(lia)). rewrite Hz, Rabs_R0 in Hmax.
         pose proof (Rabs_pos (nthR u i)).
         assert (nthR u i = 0) as ->. { destruct (Req_dec (nthR u i) 0) as [Hi0|Hi0];
           [assumption|]. pose proof (Rabs_pos_lt _ Hi0). lra. }
         ring. }
    rewrite sumR_zero, nthR_mapQ in Hr. apply negb_true_iff in Hw0.
    assert (Qeq_bool (nth j0 w 0%Q) 0%Q = true) by (apply Qeq_bool_iff; apply eqR_Qeq;
      rewrite Q2R_0; lra). congruence. }
  set (c := nthR u k). set (u' := map (fun x => / c * x) u). set (v' := map (fun x => c * x) v).
  assert (Hr' : srealizes D (S K') unsh [(u', v')] (map Q2R w)).
  { intros j Hj. rewrite <- (Hr j Hj). unfold spredictor, sum_list, sconv. cbn [map fold_right fst snd].
    f_equal.
    apply sumR_ext. intros i _. unfold u', v'. rewrite !nthR_map_scale. field. exact Hz. }
  assert (Hb : in_box (S K') (face_box (S K') k) u').
  { intros i Hi. unfold ival, face_box. rewrite (nth_map_seq _ _ _ _ Hi).
    unfold u'. rewrite nthR_map_scale.
    destruct (Nat.eqb i k) eqn:E; simpl; rewrite ?Q2R_1, ?Q2R_m1.
    - apply Nat.eqb_eq in E. subst i. unfold c. rewrite Rinv_l by exact Hz. lra.
    - specialize (Hmax i ltac:(lia)). fold c in Hmax.
      assert (Hc : 0 < Rabs c) by (apply Rabs_pos_lt; exact Hz).
      assert (Rabs (/ c * nthR u i) <= 1).
      { rewrite Rabs_mult, Rabs_inv. apply (Rmult_le_reg_l (Rabs c)); [exact Hc|].
        field_simplify; lra. }
      revert H. unfold Rabs. destruct (Rcase_abs _); intros; lra. }
  assert (Hti : In k (seq 0 (S K'))) by (apply in_seq; lia).
  pose proof (check_tree_sound D (S K') sh unsh shl w L1 den _ _ u' v' Hs Hshl (Ht k Hti) Hb Hr')
    as HL.
  unfold u', v' in HL. rewrite !sqnorm_scale in HL.
  replace (4 * (/ c * / c * sqnorm (S K') u) * (c * c * sqnorm D v))
    with (4 * sqnorm (S K') u * sqnorm D v) in HL by (field; exact Hz).
  assert (0 <= sqnorm (S K') u) by (apply sumR_nonneg; intros; apply Rle_0_sqr).
  assert (0 <= sqnorm D v) by (apply sumR_nonneg; intros; apply Rle_0_sqr).
  destruct (Rle_dec (Q2R L1) 0) as [HL0|HL0]; [lra|].
  pose proof (Rle_0_sqr (sqnorm (S K') u - sqnorm D v)) as Hsq. unfold Rsqr in Hsq.
  apply Rsqr_incr_0_var; [unfold Rsqr; nra | lra].
Qed.

(* ---------- Z_D1 x Z_D2: the channel-separation claim ---------- *)

(* For each flat signal index i, the K1 K2 indices i + k of the grid. *)
Definition grid_shl (g : grid) : list (list nat) :=
  map (fun i => map (fun k => grid_shift g i k) (seq 0 (gridK g))) (seq 0 (gridD g)).

Lemma grid_shl_ok : forall g, shl_ok (gridD g) (gridK g) (grid_shift g) (grid_shl g).
Proof.
  intros g i k Hi Hk. unfold grid_shl.
  rewrite (nth_map_seq _ _ _ _ Hi), (nth_map_seq _ _ _ _ Hk). reflexivity.
Qed.

(* The upper bound is the 2-D bracket check with C0 = 2 and the trivial dual lambda = 0
   (lower = 0); the lower bound is faces_check on the flat w; and U2 < L1. *)
Definition separation_2d_check (g : grid) (w : list (list Q)) (L1 U2 : Q) (den : positive)
    (trees : list stree) (net : list (list Q * list Q)) : bool :=
  bracket_2d_check g 2 w [] 1 net 0 U2
  && negb (Qle_bool L1 U2)
  && faces_check (gridD g) (gridK g) (grid_shl g) (concat w) L1 den trees.

Theorem separation_2d : forall g w L1 U2 den trees net,
  separation_2d_check g w L1 U2 den trees net = true ->
  (forall nt : network, length nt = 1%nat -> wf2 g nt ->
     realizes2 g nt (signal2 (map (map Q2R) w)) -> Q2R L1 <= cost2 g nt) /\
  (exists nt : network, length nt = 2%nat /\ wf2 g nt /\
     realizes2 g nt (signal2 (map (map Q2R) w)) /\ cost2 g nt <= Q2R U2) /\
  Q2R U2 < Q2R L1.
Proof.
  intros g w L1 U2 den trees net H. unfold separation_2d_check in H.
  repeat rewrite andb_true_iff in H. destruct H as [[Hb Hlt] Hf].
  destruct (bracket_2d _ _ _ _ _ _ _ _ Hb) as [_ Hup].
  unfold bracket_2d_check in Hb. repeat rewrite andb_true_iff in Hb.
  destruct Hb as [[[[[[H1 H2] HK1] HK2] _] _] _].
  apply Nat.ltb_lt in H1, H2. apply Nat.leb_le in HK1, HK2.
  split; [|split; [exact Hup|]].
  - intros nt Hlen _ Hr. destruct nt as [|[u v] [|ch nt']]; simpl in Hlen; try lia.
    unfold signal2 in Hr. rewrite <- concat_map in Hr.
    unfold cost2, cost, sum_list. cbn [map fold_right fst snd]. rewrite Rplus_0_r.
    exact (faces_sound _ _ _ _ _ _ _ _ trees u v (grid_shift_ok g H1 H2 HK1 HK2) (grid_shl_ok g)
             Hf Hr).
  - apply negb_true_iff in Hlt. exact (Q2R_gt_of _ _ Hlt).
Qed.
