(* BracketGrid.v: what a 2-D regularizer-bracket instance proof needs (R = 1). The check of
   Bracket.v with the index maps of a shift in place of (i + k) mod D and cidx D: the kernel
   entry k of T(lambda) is read at sh i k and the convolution at unsh j k (bracket_shift_check,
   proven sound by bracket_shift for every shift, Network.shift_ok); on Z_D1 x Z_D2
   (Grid.v) bracket_2d_check adds the grid's size conditions and w's shape (D1 rows of D2),
   and bracket_2d states the certified bracket with the 2-D definitions:
     (every network realizing w costs >= lower) /\
     (a well-formed network with C0 channels realizes w and costs <= upper). *)

From Coq Require Import Reals List Arith ZArith Lia Lra QArith Qreals.
From Bignums Require Import BigQ BigZ.
From Convcert Require Import Network Sums PsdCheck PsdCheckZ Schur Duality Bracket Grid.
Import ListNotations.
Open Scope R_scope.

(* ---------- bigQ / bigZ mirrors for a shift ---------- *)

Definition spredictorB (K : nat) (unsh : nat -> nat -> nat) (net : list (list bigQ * list bigQ))
    (j : nat) : bigQ :=
  sum_listB (map (fun ch => sconvB K unsh (fst ch) (snd ch) j) net).

(* Row k of T(Lambda): entry i is Lambda[sh i k]. *)
Definition TrowZ_sh (D : nat) (sh : nat -> nat -> nat) (lam : list bigZ) (k : nat) : list bigZ :=
  map (fun i => nth (sh i k) lam 0%bigZ) (seq 0 D).

(* den^2 (4I - T T^T) = 4 den^2 I - T(Lambda) T(Lambda)^T for lambda = Lambda / den, K x K. *)
Definition gramZ_sh (D K : nat) (sh : nat -> nat -> nat) (lam : list bigZ) (den : positive)
    : list (list bigZ) :=
  gramZ_of K (TrowZ_sh D sh lam) den.

Lemma psd_of_Z_sh : forall D K sh lamZ den,
  psd_checkZ K (gramZ_sh D K sh (map BigZ.of_Z lamZ) den) = true ->
  forall y, 0 <= qform K (gramT D (sTmat sh (map Q2R (lamQ den lamZ)))) y.
Proof.
  intros D K sh lamZ den. apply psd_of_Z_of.
  - intros r _. unfold TrowZ_sh. rewrite map_length, seq_length. reflexivity.
  - intros r i Hr Hi. unfold TrowZ_sh. rewrite (nth_map_seq _ _ _ _ Hi). unfold sTmat.
    rewrite nthR_lamQ, Z2R_nth_map.
    assert (Hd : IZR (Zpos den) <> 0) by (apply not_0_IZR; lia). field. exact Hd.
Qed.

(* ---------- the bracket for any shift ---------- *)

Definition bracket_shift_check (D K : nat) (sh unsh : nat -> nat -> nat) (C0 : nat) (w : list Q)
    (lamZ : list Z) (den : positive) (net : list (list Q * list Q)) (lower upper : Q) : bool :=
  let wB := map QtoB w in
  let lamB := map QtoB (lamQ den lamZ) in
  let nB := netB net in
  Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (innerB D lamB wB)
  && psd_checkZ K (gramZ_sh D K sh (map BigZ.of_Z lamZ) den)
  && forallb (fun j => BigQ.eq_bool (spredictorB K unsh nB j) (nthB wB j)) (seq 0 D)
  && leB (costB D K nB) (QtoB upper).

Theorem bracket_shift : forall D K sh unsh C0 w lamZ den net lower upper,
  shift_ok D K sh unsh ->
  bracket_shift_check D K sh unsh C0 w lamZ den net lower upper = true ->
  (forall nt : network, srealizes D K unsh nt (map Q2R w) -> Q2R lower <= cost D K nt) /\
  (exists nt : network, length nt = C0 /\ wf D K nt /\ srealizes D K unsh nt (map Q2R w)
                        /\ cost D K nt <= Q2R upper).
Proof.
  intros D K sh unsh C0 w lamZ den net lower upper Hs H. unfold bracket_shift_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[HC Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.eqb_eq in HC.
  split.
  - intros nt Hnt. apply leB_R in Hlow. rewrite B2R_QtoB, innerB_R in Hlow.
    eapply Rle_trans; [exact Hlow|].
    exact (weak_duality_shift D K sh unsh _ _ nt Hs (psd_of_Z_sh D K sh lamZ den Hpsd) Hnt).
  - exists (netR net). repeat split.
    + unfold netR. rewrite map_length. exact HC.
    + apply wf_of_check. exact Hwf.
    + intros j Hj. rewrite forallb_forall in Hreal.
      specialize (Hreal j (proj2 (in_seq D 0 j) (conj (Nat.le_0_l j) Hj))).
      apply B2R_eq_bool in Hreal. unfold spredictorB, netB in Hreal.
      rewrite sum_listB_R, nthB_map, map_map in Hreal. rewrite <- Hreal.
      unfold spredictor, netR. rewrite map_map. apply sum_list_map_ext. intros ch _.
      simpl. symmetry. apply sconvB_R.
    + apply leB_R in Hup. rewrite B2R_QtoB in Hup. eapply Rle_trans; [|exact Hup].
      right. symmetry. apply costB_R.
Qed.

(* ---------- Z_D1 x Z_D2: w given as D1 rows of D2 ---------- *)

Definition bracket_2d_check (g : grid) (C0 : nat) (w : list (list Q)) (lamZ : list Z)
    (den : positive) (net : list (list Q * list Q)) (lower upper : Q) : bool :=
  Nat.ltb 0 (gD1 g) && Nat.ltb 0 (gD2 g) && Nat.leb (gK1 g) (gD1 g) && Nat.leb (gK2 g) (gD2 g)
  && Nat.eqb (length w) (gD1 g) && forallb (fun r => Nat.eqb (length r) (gD2 g)) w
  && bracket_shift_check (gridD g) (gridK g) (grid_shift g) (grid_unshift g) C0 (concat w)
                         lamZ den net lower upper.

Theorem bracket_2d : forall g C0 w lamZ den net lower upper,
  bracket_2d_check g C0 w lamZ den net lower upper = true ->
  (forall nt : network, realizes2 g nt (signal2 (map (map Q2R) w)) -> Q2R lower <= cost2 g nt) /\
  (exists nt : network, length nt = C0 /\ wf2 g nt /\ realizes2 g nt (signal2 (map (map Q2R) w))
                        /\ cost2 g nt <= Q2R upper).
Proof.
  intros g C0 w lamZ den net lower upper H. unfold bracket_2d_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[H1 H2] HK1] HK2] _] _] Hb].
  apply Nat.ltb_lt in H1, H2. apply Nat.leb_le in HK1, HK2.
  unfold signal2. rewrite <- concat_map.
  exact (bracket_shift _ _ _ _ C0 (concat w) lamZ den net lower upper
           (grid_shift_ok g H1 H2 HK1 HK2) Hb).
Qed.

(* ---------- network-collapse on a shift and on the grid (R = 1) ---------- *)

Lemma srealizes_of_check : forall D K unsh net w,
  forallb (fun j => BigQ.eq_bool (spredictorB K unsh (netB net) j) (nthB (map QtoB w) j))
          (seq 0 D) = true ->
  srealizes D K unsh (netR net) (map Q2R w).
Proof.
  intros D K unsh net w Hreal j Hj. rewrite forallb_forall in Hreal.
  specialize (Hreal j (proj2 (in_seq D 0 j) (conj (Nat.le_0_l j) Hj))).
  apply B2R_eq_bool in Hreal. unfold spredictorB, netB in Hreal.
  rewrite sum_listB_R, nthB_map, map_map in Hreal. rewrite <- Hreal.
  unfold spredictor, netR. rewrite map_map. apply sum_list_map_ext. intros ch _.
  simpl. symmetry. apply sconvB_R.
Qed.

(* Bracket.collapse_check with the convolution of a shift. *)
Definition collapse_shift_check (D K : nat) (unsh : nat -> nat -> nat) (w : list Q)
    (input output : list (list Q * list Q)) (cost_in cost_out slack : Q) : bool :=
  let real net := forallb (fun j => BigQ.eq_bool (spredictorB K unsh (netB net) j)
                                                 (nthB (map QtoB w) j)) (seq 0 D) in
  Nat.eqb (length output) 1
  && forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) output
  && real input && real output
  && BigQ.eq_bool (costB D K (netB input)) (QtoB cost_in)
  && BigQ.eq_bool (costB D K (netB output)) (QtoB cost_out)
  && leB (QtoB cost_out) (BigQ.add_norm (QtoB cost_in) (QtoB slack)).

Theorem collapse_shift_sound : forall D K unsh w input output cost_in cost_out slack,
  collapse_shift_check D K unsh w input output cost_in cost_out slack = true ->
  length (netR output) = 1%nat /\ wf D K (netR output) /\
  srealizes D K unsh (netR input) (map Q2R w) /\ srealizes D K unsh (netR output) (map Q2R w) /\
  cost D K (netR input) = Q2R cost_in /\ cost D K (netR output) = Q2R cost_out /\
  cost D K (netR output) <= cost D K (netR input) + Q2R slack.
Proof.
  intros D K unsh w input output cost_in cost_out slack H. unfold collapse_shift_check in H.
  cbv zeta beta in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[HC Hwf] Hin] Hout] Hcin] Hcout] Hle].
  apply B2R_eq_bool in Hcin, Hcout. rewrite costB_R, B2R_QtoB in Hcin, Hcout.
  apply leB_R in Hle. rewrite B2R_add, !B2R_QtoB in Hle.
  repeat split.
  - unfold netR. rewrite map_length. apply Nat.eqb_eq. exact HC.
  - apply wf_of_check. exact Hwf.
  - apply srealizes_of_check. exact Hin.
  - apply srealizes_of_check. exact Hout.
  - exact Hcin.
  - exact Hcout.
  - rewrite Hcin, Hcout. exact Hle.
Qed.

(* On Z_D1 x Z_D2, w given as D1 rows of D2 (the index maps need no size condition here:
   both networks are concrete and everything is computed). *)
Definition collapse_2d_check (g : grid) (w : list (list Q)) (input output : list (list Q * list Q))
    (cost_in cost_out slack : Q) : bool :=
  Nat.eqb (length w) (gD1 g) && forallb (fun r => Nat.eqb (length r) (gD2 g)) w
  && collapse_shift_check (gridD g) (gridK g) (grid_unshift g) (concat w) input output
                          cost_in cost_out slack.

Theorem collapse_2d : forall g w input output cost_in cost_out slack,
  collapse_2d_check g w input output cost_in cost_out slack = true ->
  length (netR output) = 1%nat /\ wf2 g (netR output) /\
  realizes2 g (netR input) (signal2 (map (map Q2R) w)) /\
  realizes2 g (netR output) (signal2 (map (map Q2R) w)) /\
  cost2 g (netR input) = Q2R cost_in /\ cost2 g (netR output) = Q2R cost_out /\
  cost2 g (netR output) <= cost2 g (netR input) + Q2R slack.
Proof.
  intros g w input output cost_in cost_out slack H. unfold collapse_2d_check in H.
  repeat rewrite andb_true_iff in H. destruct H as [[_ _] H].
  unfold signal2. rewrite <- concat_map.
  exact (collapse_shift_sound _ _ _ (concat w) input output cost_in cost_out slack H).
Qed.

(* ---------- Rin > 1 input channels on a shift and on the grid ---------- *)

Definition spredictor_multiB (K : nat) (unsh : nat -> nat -> nat)
    (net : list (list (list bigQ) * list bigQ)) (r j : nat) : bigQ :=
  sum_listB (map (fun ch => sconvB K unsh (rowB (fst ch) r) (snd ch) j) net).

(* den^2 (4I - T T^T) for the stacked T of Duality.sTmat_multi, lambda_r = LZ[r] / den. *)
Definition gramZ_multi_sh (D K Rin : nat) (sh : nat -> nat -> nat) (LZ : list (list bigZ))
    (den : positive) : list (list bigZ) :=
  gramZ_of (Rin * K) (fun p => TrowZ_sh D sh (nth (p / K) LZ []) (p mod K)) den.

Lemma psd_of_Z_multi_sh : forall D K Rin sh LZ den,
  psd_checkZ (Rin * K) (gramZ_multi_sh D K Rin sh (map (map BigZ.of_Z) LZ) den) = true ->
  forall y, 0 <= qform (Rin * K) (gramT D (sTmat_multi K sh (map (map Q2R) (map (lamQ den) LZ)))) y.
Proof.
  intros D K Rin sh LZ den. apply psd_of_Z_of.
  - intros r _. unfold TrowZ_sh. rewrite map_length, seq_length. reflexivity.
  - intros r i Hr Hi. unfold TrowZ_sh. rewrite (nth_map_seq _ _ _ _ Hi).
    unfold sTmat_multi, sTmat, row.
    rewrite !nth_mapmap, !nth_map_lamQ, !nthR_lamQ, !Z2R_nth_map.
    assert (Hd : IZR (Zpos den) <> 0) by (apply not_0_IZR; lia). field. exact Hd.
Qed.

(* Bracket.bracket_multi_check with the index maps of a shift. *)
Definition bracket_multi_shift_check (D K Rin : nat) (sh unsh : nat -> nat -> nat) (C0 : nat)
    (W : list (list Q)) (LZ : list (list Z)) (den : positive)
    (net : list (list (list Q) * list Q)) (lower upper : Q) : bool :=
  let WB := map (map QtoB) W in
  let LB := map (map QtoB) (map (lamQ den) LZ) in
  let nB := net_multiB net in
  Nat.ltb 0 K && Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) Rin
                        && forallb (fun u => Nat.eqb (length u) K) (fst ch)
                        && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (inner_multiB D Rin LB WB)
  && psd_checkZ (Rin * K) (gramZ_multi_sh D K Rin sh (map (map BigZ.of_Z) LZ) den)
  && forallb (fun r => forallb (fun j => BigQ.eq_bool (spredictor_multiB K unsh nB r j)
                                                      (nthB (rowB WB r) j)) (seq 0 D)) (seq 0 Rin)
  && leB (cost_multiB D K Rin nB) (QtoB upper).

Theorem bracket_multi_shift : forall D K Rin sh unsh C0 W LZ den net lower upper,
  shift_ok D K sh unsh ->
  bracket_multi_shift_check D K Rin sh unsh C0 W LZ den net lower upper = true ->
  (forall nt : network_multi, srealizes_multi D K Rin unsh nt (map (map Q2R) W) ->
                              Q2R lower <= cost_multi D K Rin nt) /\
  (exists nt : network_multi, length nt = C0 /\ wf_multi D K Rin nt
                              /\ srealizes_multi D K Rin unsh nt (map (map Q2R) W)
                              /\ cost_multi D K Rin nt <= Q2R upper).
Proof.
  intros D K Rin sh unsh C0 W LZ den net lower upper Hs H. unfold bracket_multi_shift_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[HK0 HC] Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.ltb_lt in HK0. apply Nat.eqb_eq in HC.
  split.
  - intros nt Hnt. apply leB_R in Hlow. rewrite B2R_QtoB, inner_multiB_R in Hlow.
    eapply Rle_trans; [exact Hlow|].
    exact (weak_duality_multi_shift D K Rin sh unsh _ _ nt Hs HK0
             (psd_of_Z_multi_sh D K Rin sh LZ den Hpsd) Hnt).
  - exists (net_multiR net). repeat split.
    + unfold net_multiR. rewrite map_length. exact HC.
    + apply wf_multi_of_check. exact Hwf.
    + intros r j Hr Hj. rewrite !forallb_forall in Hreal.
      specialize (Hreal r (proj2 (in_seq Rin 0 r) (conj (Nat.le_0_l r) Hr))).
      rewrite forallb_forall in Hreal.
      specialize (Hreal j (proj2 (in_seq D 0 j) (conj (Nat.le_0_l j) Hj))).
      apply B2R_eq_bool in Hreal. unfold spredictor_multiB, net_multiB in Hreal.
      rewrite sum_listB_R, rowB_map, nthB_map, map_map in Hreal.
      rewrite row_map, <- Hreal.
      unfold spredictor_multi, net_multiR. rewrite map_map. apply sum_list_map_ext. intros ch _.
      simpl. rewrite rowB_map, row_map. symmetry. apply sconvB_R.
    + apply leB_R in Hup. rewrite B2R_QtoB in Hup. eapply Rle_trans; [|exact Hup].
      right. symmetry. apply cost_multiB_R.
Qed.

(* The 2-D objects with Rin input channels: Duality's shift definitions on the grid. *)
Definition realizes2_multi (g : grid) (Rin : nat) (net : network_multi) (W : list (list R)) : Prop :=
  srealizes_multi (gridD g) (gridK g) Rin (grid_unshift g) net W.
Definition cost2_multi (g : grid) (Rin : nat) (net : network_multi) : R :=
  cost_multi (gridD g) (gridK g) Rin net.
Definition wf2_multi (g : grid) (Rin : nat) (net : network_multi) : Prop :=
  wf_multi (gridD g) (gridK g) Rin net.

(* W given as Rin signals of D1 rows of D2. *)
Definition bracket_multi_2d_check (g : grid) (Rin C0 : nat) (W : list (list (list Q)))
    (LZ : list (list Z)) (den : positive) (net : list (list (list Q) * list Q))
    (lower upper : Q) : bool :=
  Nat.ltb 0 (gD1 g) && Nat.ltb 0 (gD2 g) && Nat.leb (gK1 g) (gD1 g) && Nat.leb (gK2 g) (gD2 g)
  && Nat.eqb (length W) Rin
  && forallb (fun s => Nat.eqb (length s) (gD1 g) && forallb (fun r => Nat.eqb (length r) (gD2 g)) s) W
  && bracket_multi_shift_check (gridD g) (gridK g) Rin (grid_shift g) (grid_unshift g) C0
                               (map (@concat Q) W) LZ den net lower upper.

Theorem bracket_multi_2d : forall g Rin C0 W LZ den net lower upper,
  bracket_multi_2d_check g Rin C0 W LZ den net lower upper = true ->
  (forall nt : network_multi, realizes2_multi g Rin nt (map signal2 (map (map (map Q2R)) W)) ->
                              Q2R lower <= cost2_multi g Rin nt) /\
  (exists nt : network_multi, length nt = C0 /\ wf2_multi g Rin nt
                              /\ realizes2_multi g Rin nt (map signal2 (map (map (map Q2R)) W))
                              /\ cost2_multi g Rin nt <= Q2R upper).
Proof.
  intros g Rin C0 W LZ den net lower upper H. unfold bracket_multi_2d_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[H1 H2] HK1] HK2] _] _] Hb].
  apply Nat.ltb_lt in H1, H2. apply Nat.leb_le in HK1, HK2.
  replace (map signal2 (map (map (map Q2R)) W)) with (map (map Q2R) (map (@concat Q) W)).
  2: { rewrite !map_map. apply map_ext. intros s. unfold signal2. apply concat_map. }
  exact (bracket_multi_shift _ _ _ _ _ C0 _ LZ den net lower upper
           (grid_shift_ok g H1 H2 HK1 HK2) Hb).
Qed.
