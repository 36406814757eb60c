(* Separation.v: what a channel-separation instance proof needs (issue 18), Fourier-free.
   For one channel (u, v) with u * v = w and any lambda:
     ||v||^2 >= 2 <lambda, w> - ||T(lambda)^T u||^2      (one_channel_dual)
   (from ||v - T(lambda)^T u||^2 >= 0 and <lambda, u * v> = u^T T(lambda) v), so
   ||u||^2 ||v||^2 >= g(u) = ||u||^2 (2 <lambda, w> - u^T A u), A = T T^T, whatever the sign of
   the bracket. On a box of kernels u (centre c, half-widths r) g is bounded below in exact
   rationals by its expansion around c with every term after N0 B0 bounded by sums of |.| r
   (centred_bound, second order in r up to the gradient term; leaf_ok); since (u / c, c v)
   realizes the same w with the same ||u||^2 ||v||^2, it is enough to cover the K faces
   {u_k = 1, |u_j| <= 1} by boxes (a bisection tree, check_tree), which gives
   4 ||u||^2 ||v||^2 >= L1^2 and so cost = ||u||^2 + ||v||^2 >= L1 for every one-channel
   network (faces_sound). The two-channel upper bound is BracketGrid.bracket_2d with
   lambda = 0 (theorem separation_2d). *)

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

(* ---------- the centred (second-order) bound on one box ---------- *)

(* For fixed lambda, g(u) = ||u||^2 (2 <lambda, w> - ||z(u)||^2), z(u)_i = sum_k a i k u_k
   (a i k = lambda[sh i k]), is at most ||u||^2 ||v||^2 (one_channel_dual), whatever the sign of
   the bracket. Around a box centre c with half-widths r, u = c + d, |d_k| <= r_k:
     g = N0 B0 + grad.d + N1 B1 + N0 B2 + N2 B0 + N1 B2 + N2 B1 + N2 B2
   with N0 = ||c||^2, N1 = 2 c.d, N2 = ||d||^2, B0 = 2 <lambda, w> - ||z(c)||^2,
   B1 = -2 Ac.d, B2 = -||z(d)||^2 = -d^T A d (Ac_k = sum_i z(c)_i a i k,
   A_jk = sum_i a i j a i k) and grad_k = 2 B0 c_k - 2 N0 Ac_k; every term but the first is
   bounded below by the sums below (centred_bound). *)
Definition zlinR (K : nat) (a : nat -> nat -> R) (x : nat -> R) (i : nat) : R :=
  sumR K (fun k => a i k * x k).

Definition cgs (K : nat) (B0 N0 : R) (c Ac r : nat -> R) : R :=
  sumR K (fun k => Rabs (2 * B0 * c k - 2 * N0 * Ac k) * r k).
(* 2 sum_k |x_k| r_k: n1 for x = c, b1 for x = Ac. *)
Definition cl1 (K : nat) (x r : nat -> R) : R := 2 * sumR K (fun k => Rabs (x k) * r k).
Definition cn2 (K : nat) (r : nat -> R) : R := sumR K (fun k => r k * r k).
Definition cb2 (K : nat) (A : nat -> nat -> R) (r : nat -> R) : R :=
  sumR K (fun j => sumR K (fun k => Rabs (A j k) * r j * r k)).
Definition glo_of (N0 B0 gs n1 n2 b1 b2 : R) : R :=
  N0 * B0 - gs - n1 * b1 - N0 * b2 - n2 * Rmax 0 (- B0) - n1 * b2 - n2 * b1 - n2 * b2.

Lemma sumR_abs_le : forall n f g, (forall i, (i < n)%nat -> Rabs (f i) <= g i) ->
  Rabs (sumR n f) <= sumR n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl.
  - rewrite Rabs_R0. lra.
  - eapply Rle_trans; [apply Rabs_triang|]. apply Rplus_le_compat; [apply H; lia|].
    apply IH. intros i Hi. apply H. lia.
Qed.

Lemma abs_prod : forall x y a b, Rabs x <= a -> Rabs y <= b -> - (a * b) <= x * y <= a * b.
Proof.
  intros x y a b Hx Hy.
  assert (Rabs (x * y) <= a * b).
  { rewrite Rabs_mult. apply Rmult_le_compat; try apply Rabs_pos; assumption. }
  pose proof (Rle_abs (x * y)). pose proof (Rle_abs (- (x * y))). rewrite Rabs_Ropp in H1. lra.
Qed.

Lemma abs_mul_le : forall x y b, Rabs y <= b -> Rabs (x * y) <= Rabs x * b.
Proof.
  intros x y b Hy. rewrite Rabs_mult. apply Rmult_le_compat_l; [apply Rabs_pos|exact Hy].
Qed.

Lemma zlinR_add : forall K a x y i,
  zlinR K a (fun k => x k + y k) i = zlinR K a x i + zlinR K a y i.
Proof.
  intros. unfold zlinR. rewrite <- sumR_plus. apply sumR_ext. intros k _. ring.
Qed.

(* sum_i z(c)_i z(d)_i = sum_k d_k Ac_k. *)
Lemma zlinR_cross : forall D K a c d,
  sumR D (fun i => zlinR K a c i * zlinR K a d i)
  = sumR K (fun k => d k * sumR D (fun i => zlinR K a c i * a i k)).
Proof.
  intros. rewrite (sumR_ext D _ (fun i => sumR K (fun k => zlinR K a c i * a i k * d k))).
  2: { intros i _. unfold zlinR at 2. rewrite <- sumR_scal. apply sumR_ext. intros; ring. }
  rewrite sumR_swap. apply sumR_ext. intros k _. rewrite <- sumR_scal. apply sumR_ext.
  intros; ring.
Qed.

(* sum_i z(d)_i^2 = sum_jk A_jk d_j d_k. *)
Lemma zlinR_square : forall D K a d,
  sumR D (fun i => zlinR K a d i * zlinR K a d i)
  = sumR K (fun j => sumR K (fun k => sumR D (fun i => a i j * a i k) * d j * d k)).
Proof.
  intros. rewrite (sumR_ext D _ (fun i => sumR K (fun j => sumR K (fun k =>
                                   a i j * a i k * d j * d k)))).
  2: { intros i _. unfold zlinR. rewrite sumR_prod. apply sumR_ext. intros j _.
       apply sumR_ext. intros; ring. }
  rewrite sumR_swap. apply sumR_ext. intros j _. rewrite sumR_swap. apply sumR_ext.
  intros k _. rewrite sumR_mul_r, sumR_mul_r. apply sumR_ext. intros; ring.
Qed.

Theorem centred_bound : forall D K (a : nat -> nat -> R) (iw : R) (c r u Ac : nat -> R)
    (A : nat -> nat -> R),
  (forall k, (k < K)%nat -> Rabs (u k - c k) <= r k) ->
  (forall k, (k < K)%nat -> Ac k = sumR D (fun i => zlinR K a c i * a i k)) ->
  (forall j k, (j < K)%nat -> (k < K)%nat -> A j k = sumR D (fun i => a i j * a i k)) ->
  let N0 := sumR K (fun k => c k * c k) in
  let B0 := 2 * iw - sumR D (fun i => zlinR K a c i * zlinR K a c i) in
  glo_of N0 B0 (cgs K B0 N0 c Ac r) (cl1 K c r) (cn2 K r) (cl1 K Ac r) (cb2 K A r)
  <= sumR K (fun k => u k * u k) * (2 * iw - sumR D (fun i => zlinR K a u i * zlinR K a u i)).
Proof.
  intros D K a iw c r u Ac A Hd HAc HA N0 B0.
  set (d := fun k => u k - c k).
  assert (Hr0 : forall k, (k < K)%nat -> 0 <= r k).
  { intros k Hk. pose proof (Hd k Hk). pose proof (Rabs_pos (u k - c k)). lra. }
  set (N1 := 2 * sumR K (fun k => c k * d k)).
  set (N2 := sumR K (fun k => d k * d k)).
  set (S1 := sumR K (fun k => d k * Ac k)).
  set (S2 := sumR D (fun i => zlinR K a d i * zlinR K a d i)).
  assert (EN : sumR K (fun k => u k * u k) = N0 + N1 + N2).
  { unfold N0, N1, N2. rewrite <- sumR_scal, <- !sumR_plus. apply sumR_ext. intros k _.
    unfold d. ring. }
  assert (EQ : sumR D (fun i => zlinR K a u i * zlinR K a u i)
               = sumR D (fun i => zlinR K a c i * zlinR K a c i) + 2 * S1 + S2).
  { rewrite (sumR_ext D _ (fun i => zlinR K a c i * zlinR K a c i
                                    + 2 * (zlinR K a c i * zlinR K a d i)
                                    + zlinR K a d i * zlinR K a d i)).
    2: { intros i _. replace (zlinR K a u i) with (zlinR K a (fun k => c k + d k) i)
           by (unfold zlinR; apply sumR_ext; intros k _; unfold d; ring).
         rewrite zlinR_add. ring. }
    rewrite !sumR_plus, sumR_scal, (zlinR_cross D K a c d).
    replace (sumR K (fun k => d k * sumR D (fun i => zlinR K a c i * a i k))) with S1; [reflexivity|].
    unfold S1. apply sumR_ext. intros k Hk. rewrite (HAc k Hk). reflexivity. }
  rewrite EN, EQ.
  (* the bounds of the pieces *)
  assert (HN1 : Rabs N1 <= cl1 K c r).
  { unfold N1, cl1. rewrite Rabs_mult, Rabs_pos_eq by lra. apply Rmult_le_compat_l; [lra|].
    apply sumR_abs_le. intros k Hk. apply abs_mul_le. exact (Hd k Hk). }
  assert (HN2 : 0 <= N2 <= cn2 K r).
  { unfold N2, cn2. split; [apply sumR_nonneg; intros; apply Rle_0_sqr|].
    apply sumR_le. intros k Hk. pose proof (Hd k Hk) as H. pose proof (Rabs_pos (u k - c k)).
    unfold d. change ((u k - c k) * (u k - c k)) with (Rsqr (u k - c k)).
    rewrite Rsqr_abs. unfold Rsqr. nra. }
  assert (HS1 : Rabs (2 * S1) <= cl1 K Ac r).
  { unfold S1, cl1. rewrite Rabs_mult, (Rabs_pos_eq 2) by lra. apply Rmult_le_compat_l; [lra|].
    apply sumR_abs_le. intros k Hk. rewrite Rmult_comm. apply abs_mul_le. exact (Hd k Hk). }
  assert (HS2 : 0 <= S2 <= cb2 K A r).
  { unfold S2. split; [apply sumR_nonneg; intros; apply Rle_0_sqr|].
    rewrite zlinR_square. unfold cb2. apply sumR_le. intros j Hj. apply sumR_le. intros k Hk.
    rewrite <- (HA j k Hj Hk).
    pose proof (Hd j Hj) as Hj'. pose proof (Hd k Hk) as Hk'. fold (d j) in Hj'. fold (d k) in Hk'.
    eapply Rle_trans; [apply Rle_abs|]. rewrite !Rabs_mult.
    apply Rmult_le_compat; [apply Rmult_le_pos; apply Rabs_pos | apply Rabs_pos | | exact Hk'].
    apply Rmult_le_compat_l; [apply Rabs_pos | exact Hj']. }
  assert (Hg : Rabs (B0 * N1 - N0 * (2 * S1)) <= cgs K B0 N0 c Ac r).
  { replace (B0 * N1 - N0 * (2 * S1))
      with (sumR K (fun k => (2 * B0 * c k - 2 * N0 * Ac k) * d k)).
    2: { unfold N1, S1. rewrite <- !sumR_scal, <- sumR_minus. apply sumR_ext. intros; ring. }
    unfold cgs. apply sumR_abs_le. intros k Hk. apply abs_mul_le. exact (Hd k Hk). }
  assert (HN0 : 0 <= N0) by (apply sumR_nonneg; intros; apply Rle_0_sqr).
  set (n1 := cl1 K c r) in *. set (n2 := cn2 K r) in *. set (b1 := cl1 K Ac r) in *.
  set (b2 := cb2 K A r) in *. set (gs := cgs K B0 N0 c Ac r) in *.
  assert (HS2a : Rabs S2 <= b2) by (rewrite Rabs_pos_eq; lra).
  assert (HN2a : Rabs N2 <= n2) by (rewrite Rabs_pos_eq; lra).
  pose proof (abs_prod _ _ _ _ HN1 HS1) as P1.
  pose proof (abs_prod _ _ _ _ HN1 HS2a) as P2.
  pose proof (abs_prod _ _ _ _ HN2a HS1) as P3.
  pose proof (abs_prod _ _ _ _ HN2a HS2a) as P4.
  assert (P5 : - (n2 * Rmax 0 (- B0)) <= N2 * B0).
  { unfold Rmax. destruct (Rle_dec 0 (- B0)); nra. }
  assert (P6 : - (N0 * b2) <= N0 * - S2) by nra.
  pose proof (Rle_abs (- (B0 * N1 - N0 * (2 * S1)))) as P7. rewrite Rabs_Ropp in P7.
  unfold glo_of.
  replace ((N0 + N1 + N2) * (2 * iw - (sumR D (fun i => zlinR K a c i * zlinR K a c i)
                                       + 2 * S1 + S2)))
    with (N0 * B0 + (B0 * N1 - N0 * (2 * S1)) - N1 * (2 * S1) + N0 * - S2 + N2 * B0
          - N1 * S2 - N2 * (2 * S1) - N2 * S2) by (unfold B0; ring).
  lra.
Qed.

(* ---------- the rational computation of one box ---------- *)

Local Open Scope Q_scope.

Definition qabs (x : Q) : Q := if Qle_bool 0 x then x else - x.
Definition qpos (x : Q) : Q := if Qle_bool 0 x then x else 0.
Definition tabQ (n : nat) (f : nat -> Q) : list Q := map f (seq 0 n).

Definition midQ (b : Q * Q) : Q := Qred ((fst b + snd b) / 2).
Definition radQ (b : Q * Q) : Q := Qred ((snd b - fst b) / 2).

(* lambda[sh i k] through the index table. *)
Definition aQ (shl : list (list nat)) (lam : list Q) (i k : nat) : Q :=
  nth (nth k (nth i shl []) 0%nat) lam 0.

Definition zQ (D K : nat) (shl : list (list nat)) (lam c : list Q) : list Q :=
  tabQ D (fun i => sumQ K (fun k => aQ shl lam i k * nth k c 0)).
Definition AcQ (D K : nat) (shl : list (list nat)) (lam z : list Q) : list Q :=
  tabQ K (fun k => sumQ D (fun i => nth i z 0 * aQ shl lam i k)).
Definition gsQ (K : nat) (B0 N0 : Q) (c Ac r : list Q) : Q :=
  sumQ K (fun k => qabs (2 * B0 * nth k c 0 - 2 * N0 * nth k Ac 0) * nth k r 0).
Definition l1Q (K : nat) (x r : list Q) : Q := 2 * sumQ K (fun k => qabs (nth k x 0) * nth k r 0).
Definition n2Q (K : nat) (r : list Q) : Q := sumQ K (fun k => nth k r 0 * nth k r 0).
Definition b2Q (D K : nat) (shl : list (list nat)) (lam r : list Q) : Q :=
  sumQ K (fun j => sumQ K (fun k =>
    qabs (sumQ D (fun i => aQ shl lam i j * aQ shl lam i k)) * nth j r 0 * nth k r 0)).
Definition gloQ_of (N0 B0 gs n1 n2 b1 b2 : Q) : Q :=
  N0 * B0 - gs - n1 * b1 - N0 * b2 - n2 * qpos (- B0) - n1 * b2 - n2 * b1 - n2 * b2.

(* The leaf test: L1^2 <= 4 glo, glo the centred bound of the box for this lambda (each
   table computed once). *)
Definition leaf_ok (D K : nat) (shl : list (list nat)) (w : list Q) (L1 : Q)
    (box : list (Q * Q)) (lam : list Q) : bool :=
  let c := tabQ K (fun k => midQ (ival box k)) in
  let r := tabQ K (fun k => radQ (ival box k)) in
  let z := zQ D K shl lam c in
  let N0 := sumQ K (fun k => nth k c 0 * nth k c 0) in
  let B0 := Qred (2 * sumQ D (fun i => nth i lam 0 * nth i w 0)
                  - sumQ D (fun i => nth i z 0 * nth i z 0)) in
  let Ac := AcQ D K shl lam z in
  Qle_bool (L1 * L1) (4 * gloQ_of N0 B0 (gsQ K B0 N0 c Ac r) (l1Q K c r) (n2Q K r)
                                  (l1Q K Ac r) (b2Q D K shl lam r)).

Local Close Scope Q_scope.

Lemma Q2R_le_of : forall x y, Qle_bool x y = true -> Q2R x <= Q2R y.
Proof. intros x y H. apply Qle_Rle. apply Qle_bool_iff. exact H. Qed.

Lemma Q2R_gt_of : forall x y, Qle_bool x y = false -> Q2R y < Q2R x.
Proof.
  intros x y H. apply Qlt_Rlt. apply Qnot_le_lt. intro C. apply Qle_bool_iff in C. congruence.
Qed.

Lemma Q2R_qabs : forall x, Q2R (qabs x) = Rabs (Q2R x).
Proof.
  intros x. unfold qabs. destruct (Qle_bool 0 x) eqn:E.
  - apply Q2R_le_of in E. rewrite Q2R_0 in E. rewrite Rabs_pos_eq; lra.
  - apply Q2R_gt_of in E. rewrite Q2R_0 in E. rewrite Q2R_opp, Rabs_left; lra.
Qed.

Lemma Q2R_qpos : forall x, Q2R (qpos x) = Rmax 0 (Q2R x).
Proof.
  intros x. unfold qpos, Rmax. destruct (Qle_bool 0 x) eqn:E.
  - apply Q2R_le_of in E. rewrite Q2R_0 in E. destruct (Rle_dec 0 (Q2R x)); lra.
  - apply Q2R_gt_of in E. rewrite Q2R_0 in E |- *. destruct (Rle_dec 0 (Q2R x)); lra.
Qed.

Lemma Q2R_2 : Q2R 2 = 2.
Proof. unfold Q2R. simpl. field. Qed.

Lemma Q2R_half : forall x, Q2R (Qred (x / 2)) = Q2R x / 2.
Proof.
  intros x. rewrite Q2R_Qred, Q2R_div, Q2R_2; [reflexivity|]. discriminate.
Qed.

Definition qR (l : list Q) (k : nat) : R := Q2R (nth k l 0%Q).

Lemma gloQ_of_R : forall N0 B0 gs n1 n2 b1 b2,
  Q2R (gloQ_of N0 B0 gs n1 n2 b1 b2)
  = glo_of (Q2R N0) (Q2R B0) (Q2R gs) (Q2R n1) (Q2R n2) (Q2R b1) (Q2R b2).
Proof.
  intros. unfold gloQ_of, glo_of.
  rewrite !Q2R_minus, !Q2R_mult, Q2R_qpos, Q2R_opp. reflexivity.
Qed.

Lemma gsQ_R : forall K B0 N0 c Ac r,
  Q2R (gsQ K B0 N0 c Ac r) = cgs K (Q2R B0) (Q2R N0) (qR c) (qR Ac) (qR r).
Proof.
  intros. unfold gsQ, cgs. rewrite sumQ_R. apply sumR_ext. intros k _.
  rewrite Q2R_mult, Q2R_qabs, Q2R_minus, !Q2R_mult, Q2R_2. reflexivity.
Qed.

Lemma l1Q_R : forall K x r, Q2R (l1Q K x r) = cl1 K (qR x) (qR r).
Proof.
  intros. unfold l1Q, cl1. rewrite Q2R_mult, Q2R_2, sumQ_R. f_equal. apply sumR_ext.
  intros k _. rewrite Q2R_mult, Q2R_qabs. reflexivity.
Qed.

Lemma n2Q_R : forall K r, Q2R (n2Q K r) = cn2 K (qR r).
Proof.
  intros. unfold n2Q, cn2. rewrite sumQ_R. apply sumR_ext. intros k _.
  rewrite Q2R_mult. reflexivity.
Qed.

Definition aR (shl : list (list nat)) (lam : list Q) (i k : nat) : R := Q2R (aQ shl lam i k).

Lemma b2Q_R : forall D K shl lam r,
  Q2R (b2Q D K shl lam r)
  = cb2 K (fun j k => sumR D (fun i => aR shl lam i j * aR shl lam i k)) (qR r).
Proof.
  intros. unfold b2Q, cb2. rewrite sumQ_R. apply sumR_ext. intros j _.
  rewrite sumQ_R. apply sumR_ext. intros k _.
  rewrite !Q2R_mult, Q2R_qabs, sumQ_R. unfold aR. f_equal. f_equal. f_equal.
  apply sumR_ext. intros i _. rewrite Q2R_mult. reflexivity.
Qed.

Lemma zQ_R : forall D K shl lam c i, (i < D)%nat ->
  qR (zQ D K shl lam c) i = zlinR K (aR shl lam) (qR c) i.
Proof.
  intros. unfold qR, zQ, tabQ. rewrite (nth_map_seq _ _ _ _ H), sumQ_R. unfold zlinR.
  apply sumR_ext. intros k _. rewrite Q2R_mult. reflexivity.
Qed.

Lemma AcQ_R : forall D K shl lam c k, (k < K)%nat ->
  qR (AcQ D K shl lam (zQ D K shl lam c)) k
  = sumR D (fun i => zlinR K (aR shl lam) (qR c) i * aR shl lam i k).
Proof.
  intros. unfold qR at 1, AcQ, tabQ. rewrite (nth_map_seq _ _ _ _ H), sumQ_R.
  apply sumR_ext. intros i Hi. rewrite Q2R_mult, <- (zQ_R D K shl lam c i Hi). reflexivity.
Qed.

(* shl: for each signal index i < D, the K indices sh i k (precomputed once). *)
Definition shl_ok (D K : nat) (sh : nat -> nat -> nat) (shl : list (list nat)) : Prop :=
  forall i k, (i < D)%nat -> (k < K)%nat -> nth k (nth i shl []) 0%nat = sh i k.

Lemma in_box_centred : forall K box u k, in_box K box u -> (k < K)%nat ->
  Rabs (nthR u k - qR (tabQ K (fun k => midQ (ival box k))) k)
  <= qR (tabQ K (fun k => radQ (ival box k))) k.
Proof.
  intros K box u k Hb Hk. specialize (Hb k Hk). unfold qR, tabQ, midQ, radQ.
  rewrite !(nth_map_seq _ _ _ _ Hk), !Q2R_half, Q2R_plus, Q2R_minus.
  apply Rabs_le. lra.
Qed.

Lemma leaf_ok_sound : forall D K sh unsh shl w L1 box lam u v,
  shift_ok D K sh unsh -> shl_ok D K sh shl ->
  leaf_ok D K shl w L1 box lam = true -> in_box K box u ->
  srealizes D K unsh [(u, v)] (map Q2R w) ->
  Q2R L1 * Q2R L1 <= 4 * sqnorm K u * sqnorm D v.
Proof.
  intros D K sh unsh shl w L1 box lam u v Hs Hshl H Hb Hr. unfold leaf_ok in H. cbv zeta in H.
  set (c := tabQ K (fun k => midQ (ival box k))) in H.
  set (r := tabQ K (fun k => radQ (ival box k))) in H.
  set (iwq := sumQ D (fun i => (nth i lam 0 * nth i w 0)%Q)) in H.
  set (z := zQ D K shl lam c) in H.
  set (N0q := sumQ K (fun k => (nth k c 0 * nth k c 0)%Q)) in H.
  set (B0q := Qred (2 * iwq - sumQ D (fun i => nth i z 0 * nth i z 0))%Q) in H.
  set (Acq := AcQ D K shl lam z) in H.
  apply Q2R_le_of in H.
  rewrite !Q2R_mult, gloQ_of_R, gsQ_R, !l1Q_R, n2Q_R, b2Q_R in H.
  assert (EN0 : Q2R N0q = sumR K (fun k => qR c k * qR c k)).
  { unfold N0q. rewrite sumQ_R. apply sumR_ext. intros k _. rewrite Q2R_mult. reflexivity. }
  assert (EB0 : Q2R B0q = 2 * Q2R iwq - sumR D (fun i => zlinR K (aR shl lam) (qR c) i
                                                       * zlinR K (aR shl lam) (qR c) i)).
  { unfold B0q. rewrite Q2R_Qred, Q2R_minus, Q2R_mult, Q2R_2, sumQ_R. unfold Rminus.
    apply Rplus_eq_compat_l. apply Ropp_eq_compat. apply sumR_ext. intros i Hi. rewrite Q2R_mult. unfold z.
    rewrite <- (zQ_R D K shl lam c i Hi). reflexivity. }
  rewrite EN0, EB0 in H.
  pose proof (centred_bound D K (aR shl lam) (Q2R iwq) (qR c) (qR r) (nthR u) (qR Acq)
                (fun j k => sumR D (fun i => aR shl lam i j * aR shl lam i k))
                (fun k Hk => in_box_centred K box u k Hb Hk)
                (fun k Hk => AcQ_R D K shl lam c k Hk) (fun j k _ _ => eq_refl)) as Hc.
  cbv zeta in Hc.
  assert (Q2R 4 = 4) as E4 by (unfold Q2R; simpl; field). rewrite E4 in H.
  (* the bracket of u is at most ||v||^2 *)
  assert (Hz : sumR D (fun i => zlinR K (aR shl lam) (nthR u) i * zlinR K (aR shl lam) (nthR u) i)
               = sumR D (fun i => zlin K sh (map Q2R lam) u i * zlin K sh (map Q2R lam) u i)).
  { apply sumR_ext. intros i Hi.
    assert (E : zlinR K (aR shl lam) (nthR u) i = zlin K sh (map Q2R lam) u i).
    { unfold zlinR, zlin. apply sumR_ext. intros k Hk. unfold aR, aQ.
      rewrite (Hshl i k Hi Hk), nthR_mapQ. reflexivity. }
    rewrite E. reflexivity. }
  assert (Hiw : Q2R iwq = inner D (map Q2R lam) (map Q2R w)).
  { unfold iwq, inner. rewrite sumQ_R. apply sumR_ext. intros i _.
    rewrite !nthR_mapQ, Q2R_mult. reflexivity. }
  pose proof (one_channel_dual D K sh unsh (map Q2R lam) u v (map Q2R w) Hs Hr) as Hd.
  rewrite <- Hiw, <- Hz in Hd.
  assert (Hu : 0 <= sqnorm K u) by (apply sumR_nonneg; intros; apply Rle_0_sqr).
  change (sumR K (fun k => nthR u k * nthR u k)) with (sqnorm K u) in Hc.
  assert (sqnorm K u * (2 * Q2R iwq - sumR D (fun i => zlinR K (aR shl lam) (nthR u) i
                                                      * zlinR K (aR shl lam) (nthR u) i))
          <= sqnorm K u * sqnorm D v) by (apply Rmult_le_compat_l; [exact Hu | exact Hd]).
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
