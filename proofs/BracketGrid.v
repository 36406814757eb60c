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
