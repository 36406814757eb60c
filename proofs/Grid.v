(* Grid.v: the group Z_D1 x Z_D2 on flat row-major indices ((i1, i2) is i1 * D2 + i2, a kernel
   entry (k1, k2) is k1 * K2 + k2), with the index maps of certify/grid.h (grid_add, grid_neg,
   grid_sub, grid_offset, grid_shift = i + k, grid_unshift = j - k); the proof that they form a
   shift (Network.shift_ok) when 0 < D1, 0 < D2, K1 <= D1, K2 <= D2; the 2-D definitions
   (realizes2, cost2, wf2, Tmat2: the shift definitions of Network.v on the grid) and weak
   duality on Z_D1 x Z_D2 (MATH.md, "Two-dimensional signals"). The 1-D grid is D1 = K1 = 1. *)

From Coq Require Import Reals List Arith Lia.
From Convcert Require Import Network Sums PsdCheck Schur Duality.
Import ListNotations.
Open Scope R_scope.

(* Signals on Z_D1 x Z_D2, kernels supported on {0..K1-1} x {0..K2-1}. *)
Record grid : Type := mkGrid { gD1 : nat; gD2 : nat; gK1 : nat; gK2 : nat }.

(* The 1-D grid: signals of length D, kernels of size K. *)
Definition grid_1d (D K : nat) : grid := mkGrid 1 D 1 K.

(* D = D1 * D2 and K = K1 * K2, the flat sizes. *)
Definition gridD (g : grid) : nat := (gD1 g * gD2 g)%nat.
Definition gridK (g : grid) : nat := (gK1 g * gK2 g)%nat.

(* The flat index of (i1 + j1, i2 + j2). *)
Definition grid_add (g : grid) (i j : nat) : nat :=
  (((i / gD2 g + j / gD2 g) mod gD1 g) * gD2 g + (i mod gD2 g + j mod gD2 g) mod gD2 g)%nat.

(* The flat index of -i. *)
Definition grid_neg (g : grid) (i : nat) : nat :=
  (((gD1 g - i / gD2 g) mod gD1 g) * gD2 g + (gD2 g - i mod gD2 g) mod gD2 g)%nat.

Definition grid_sub (g : grid) (i j : nat) : nat := grid_add g i (grid_neg g j).

(* The flat signal index of kernel entry k = (k1, k2): k1 * D2 + k2. *)
Definition grid_offset (g : grid) (k : nat) : nat := ((k / gK2 g) * gD2 g + k mod gK2 g)%nat.

(* i + k (T(lambda)[k][i] = lambda[grid_shift g i k]) and j - k ((u * v)[j] = sum_k u[k]
   v[grid_unshift g j k]). *)
Definition grid_shift (g : grid) (i k : nat) : nat := grid_add g i (grid_offset g k).
Definition grid_unshift (g : grid) (j k : nat) : nat := grid_sub g j (grid_offset g k).

(* A D1 x D2 signal given as D1 rows of D2 entries, flattened row-major. *)
Definition signal2 (rows : list (list R)) : list R := concat rows.

(* ---------- the 2-D objects: Network.v's shift definitions on the grid ---------- *)

Definition cconv2 (g : grid) (u v : list R) (j : nat) : R := sconv (gridK g) (grid_unshift g) u v j.
Definition realizes2 (g : grid) (net : network) (w : list R) : Prop :=
  srealizes (gridD g) (gridK g) (grid_unshift g) net w.
Definition cost2 (g : grid) (net : network) : R := cost (gridD g) (gridK g) net.
Definition wf2 (g : grid) (net : network) : Prop := wf (gridD g) (gridK g) net.
Definition Tmat2 (g : grid) (lam : list R) (k i : nat) : R := sTmat (grid_shift g) lam k i.

(* ---------- the index maps form a shift ---------- *)

Lemma flat_div : forall n a b, (b < n)%nat -> ((a * n + b) / n = a)%nat.
Proof.
  intros n a b H. rewrite Nat.div_add_l by lia. rewrite Nat.div_small by exact H. lia.
Qed.

Lemma flat_mod : forall n a b, (b < n)%nat -> ((a * n + b) mod n = b)%nat.
Proof.
  intros n a b H. rewrite Nat.add_comm, Nat.mod_add by lia. apply Nat.mod_small. exact H.
Qed.

Lemma flat_lt : forall n1 n2 a b, (a < n1)%nat -> (b < n2)%nat -> (a * n2 + b < n1 * n2)%nat.
Proof. intros. nia. Qed.

(* Two flat indices with the same row and column are equal. *)
Lemma flat_eq : forall n y z, (0 < n)%nat -> (y / n = z / n)%nat -> (y mod n = z mod n)%nat -> y = z.
Proof.
  intros n y z Hn Hd Hm. rewrite (Nat.div_mod y n), (Nat.div_mod z n) by lia.
  rewrite Hd, Hm. reflexivity.
Qed.

(* In Z_n: b + (-b) = 0 and (-b) + b = 0, with -b = (n - b) mod n. *)
Lemma mod_opp : forall n b, (b < n)%nat ->
  ((b + (n - b) mod n) mod n = 0 /\ ((n - b) mod n + b) mod n = 0)%nat.
Proof.
  intros n b Hb. destruct (Nat.eq_dec b 0) as [E|E].
  - subst b. rewrite Nat.sub_0_r, Nat.mod_same by lia. rewrite Nat.mod_0_l by lia. lia.
  - rewrite (Nat.mod_small (n - b)) by lia.
    replace (b + (n - b))%nat with n by lia. replace (n - b + b)%nat with n by lia.
    rewrite Nat.mod_same by lia. lia.
Qed.

(* (a + b) + c = a in Z_n when b + c = 0. *)
Lemma mod_cancel : forall n a b c, (a < n)%nat -> ((b + c) mod n = 0)%nat ->
  (((a + b) mod n + c) mod n = a)%nat.
Proof.
  intros n a b c Ha H. rewrite Nat.add_mod_idemp_l by lia.
  rewrite <- Nat.add_assoc, Nat.add_mod by lia. rewrite H, Nat.add_0_r, Nat.mod_mod by lia.
  apply Nat.mod_small. exact Ha.
Qed.

Lemma grid_add_parts : forall g i j, (0 < gD2 g)%nat ->
  (grid_add g i j / gD2 g = (i / gD2 g + j / gD2 g) mod gD1 g)%nat /\
  (grid_add g i j mod gD2 g = (i mod gD2 g + j mod gD2 g) mod gD2 g)%nat.
Proof.
  intros g i j H2. unfold grid_add.
  assert (Hb : ((i mod gD2 g + j mod gD2 g) mod gD2 g < gD2 g)%nat)
    by (apply Nat.mod_upper_bound; lia).
  split; [apply flat_div | apply flat_mod]; exact Hb.
Qed.

Lemma grid_neg_parts : forall g i, (0 < gD2 g)%nat ->
  (grid_neg g i / gD2 g = (gD1 g - i / gD2 g) mod gD1 g)%nat /\
  (grid_neg g i mod gD2 g = (gD2 g - i mod gD2 g) mod gD2 g)%nat.
Proof.
  intros g i H2. unfold grid_neg.
  assert (Hb : ((gD2 g - i mod gD2 g) mod gD2 g < gD2 g)%nat)
    by (apply Nat.mod_upper_bound; lia).
  split; [apply flat_div | apply flat_mod]; exact Hb.
Qed.

Lemma grid_add_lt : forall g i j, (0 < gD1 g)%nat -> (0 < gD2 g)%nat ->
  (grid_add g i j < gridD g)%nat.
Proof.
  intros g i j H1 H2. unfold grid_add, gridD. apply flat_lt; apply Nat.mod_upper_bound; lia.
Qed.

Lemma grid_row_lt : forall g x, (0 < gD2 g)%nat -> (x < gridD g)%nat -> (x / gD2 g < gD1 g)%nat.
Proof. intros g x H2 Hx. unfold gridD in Hx. apply Nat.div_lt_upper_bound; lia. Qed.

Lemma grid_sub_add : forall g x o, (0 < gD1 g)%nat -> (0 < gD2 g)%nat ->
  (x < gridD g)%nat -> (o < gridD g)%nat -> grid_sub g (grid_add g x o) o = x.
Proof.
  intros g x o H1 H2 Hx Ho. unfold grid_sub. apply (flat_eq (gD2 g)); [exact H2| |].
  - destruct (grid_add_parts g (grid_add g x o) (grid_neg g o) H2) as [-> _].
    destruct (grid_add_parts g x o H2) as [-> _]. destruct (grid_neg_parts g o H2) as [-> _].
    apply mod_cancel; [|apply mod_opp]; apply grid_row_lt; assumption.
  - destruct (grid_add_parts g (grid_add g x o) (grid_neg g o) H2) as [_ ->].
    destruct (grid_add_parts g x o H2) as [_ ->]. destruct (grid_neg_parts g o H2) as [_ ->].
    apply mod_cancel; [|apply mod_opp]; apply Nat.mod_upper_bound; lia.
Qed.

Lemma grid_add_sub : forall g x o, (0 < gD1 g)%nat -> (0 < gD2 g)%nat ->
  (x < gridD g)%nat -> (o < gridD g)%nat -> grid_add g (grid_sub g x o) o = x.
Proof.
  intros g x o H1 H2 Hx Ho. unfold grid_sub. apply (flat_eq (gD2 g)); [exact H2| |].
  - destruct (grid_add_parts g (grid_add g x (grid_neg g o)) o H2) as [-> _].
    destruct (grid_add_parts g x (grid_neg g o) H2) as [-> _].
    destruct (grid_neg_parts g o H2) as [-> _].
    apply mod_cancel; [|apply mod_opp]; apply grid_row_lt; assumption.
  - destruct (grid_add_parts g (grid_add g x (grid_neg g o)) o H2) as [_ ->].
    destruct (grid_add_parts g x (grid_neg g o) H2) as [_ ->].
    destruct (grid_neg_parts g o H2) as [_ ->].
    apply mod_cancel; [|apply mod_opp]; apply Nat.mod_upper_bound; lia.
Qed.

Lemma grid_offset_lt : forall g k, (gK1 g <= gD1 g)%nat -> (gK2 g <= gD2 g)%nat ->
  (k < gridK g)%nat -> (grid_offset g k < gridD g)%nat.
Proof.
  intros g k HK1 HK2 Hk. unfold gridK in Hk. unfold grid_offset, gridD.
  assert (H0 : gK2 g <> 0%nat) by (intro E; rewrite E in Hk; lia).
  assert (k / gK2 g < gK1 g)%nat by (apply Nat.div_lt_upper_bound; lia).
  assert (k mod gK2 g < gK2 g)%nat by (apply Nat.mod_upper_bound; exact H0).
  apply flat_lt; lia.
Qed.

Theorem grid_shift_ok : forall g, (0 < gD1 g)%nat -> (0 < gD2 g)%nat ->
  (gK1 g <= gD1 g)%nat -> (gK2 g <= gD2 g)%nat ->
  shift_ok (gridD g) (gridK g) (grid_shift g) (grid_unshift g).
Proof.
  intros g H1 H2 HK1 HK2 k Hk. pose proof (grid_offset_lt g k HK1 HK2 Hk) as Ho.
  unfold grid_shift, grid_unshift. split; intros i Hi; split.
  - apply grid_add_lt; assumption.
  - apply grid_sub_add; assumption.
  - unfold grid_sub. apply grid_add_lt; assumption.
  - apply grid_add_sub; assumption.
Qed.

(* ---------- weak duality on Z_D1 x Z_D2 ---------- *)

(* MATH.md, "Two-dimensional signals": if 4I - T(lambda) T(lambda)^T >= 0 (T the K1K2 x D1D2
   matrix of the grid), every network realizing w, with any number of channels, costs at least
   <lambda, w>. *)
Theorem weak_duality_2d : forall (g : grid) (lam w : list R) (net : network),
  (0 < gD1 g)%nat -> (0 < gD2 g)%nat -> (gK1 g <= gD1 g)%nat -> (gK2 g <= gD2 g)%nat ->
  (forall y, 0 <= qform (gridK g) (gramT (gridD g) (Tmat2 g lam)) y) ->
  realizes2 g net w -> inner (gridD g) lam w <= cost2 g net.
Proof.
  intros g lam w net H1 H2 HK1 HK2 Hpsd Hreal.
  exact (weak_duality_shift _ _ _ _ lam w net (grid_shift_ok g H1 H2 HK1 HK2) Hpsd Hreal).
Qed.

(* ---------- the 1-D grid is Z_D ---------- *)

Lemma grid_1d_unshift : forall D K j k, (K <= D)%nat -> (j < D)%nat -> (k < K)%nat ->
  grid_unshift (grid_1d D K) j k = cidx D j k.
Proof.
  intros D K j k HK Hj Hk.
  unfold grid_unshift, grid_sub, grid_add, grid_neg, grid_offset, grid_1d, cidx. cbn [gD1 gD2 gK1 gK2].
  rewrite !Nat.mod_1_r, (Nat.div_small k K), (Nat.mod_small k K) by lia.
  rewrite Nat.mul_0_l, !Nat.add_0_l, (Nat.mod_small k D), (Nat.mod_small j D) by lia.
  rewrite Nat.mod_mod, Nat.add_mod_idemp_r by lia. reflexivity.
Qed.

Lemma grid_1d_shift : forall D K i k, (K <= D)%nat -> (i < D)%nat -> (k < K)%nat ->
  grid_shift (grid_1d D K) i k = ((i + k) mod D)%nat.
Proof.
  intros D K i k HK Hi Hk.
  unfold grid_shift, grid_add, grid_offset, grid_1d. cbn [gD1 gD2 gK1 gK2].
  rewrite !Nat.mod_1_r, (Nat.div_small k K), (Nat.mod_small k K) by lia.
  rewrite Nat.mul_0_l, !Nat.add_0_l, (Nat.mod_small k D), (Nat.mod_small i D) by lia.
  reflexivity.
Qed.

(* The 2-D statements on the grid 1 x D with 1 x K kernels are the 1-D ones. *)
Theorem realizes2_1d : forall D K net w, (K <= D)%nat ->
  (realizes2 (grid_1d D K) net w <-> realizes D K net w).
Proof.
  intros D K net w HK. unfold realizes2, srealizes, realizes, gridD, gridK, grid_1d.
  cbn [gD1 gD2 gK1 gK2]. rewrite !Nat.mul_1_l.
  assert (E : forall j, (j < D)%nat -> spredictor K (grid_unshift (grid_1d D K)) net j = predictor D K net j).
  { intros j Hj. unfold spredictor, predictor. apply sum_list_map_ext. intros ch _.
    unfold sconv, cconv. apply sumR_ext. intros k Hk. rewrite grid_1d_unshift by lia. reflexivity. }
  split; intros H j Hj; [rewrite <- E | rewrite E]; auto.
Qed.

Lemma cost2_1d : forall D K net, cost2 (grid_1d D K) net = cost D K net.
Proof. intros. unfold cost2, gridD, gridK, grid_1d. cbn [gD1 gD2 gK1 gK2]. rewrite !Nat.mul_1_l. reflexivity. Qed.

Lemma wf2_1d : forall D K net, wf2 (grid_1d D K) net <-> wf D K net.
Proof. intros. unfold wf2, gridD, gridK, grid_1d. cbn [gD1 gD2 gK1 gK2]. rewrite !Nat.mul_1_l. reflexivity. Qed.
