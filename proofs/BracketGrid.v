(* BracketGrid.v: the certified brackets and network-collapse on Z_D1 x Z_D2 (Grid.v): the
   checks of Bracket.v for any shift (bracket_shift_check, bracket_multi_shift_check,
   collapse_shift_check) with the grid's index maps, the grid's size conditions and w's shape
   (D1 rows of D2), and the theorems bracket_2d, bracket_multi_2d and collapse_2d stating the
   certified bracket with the 2-D definitions:
     (every network realizing w costs >= lower) /\
     (a well-formed network with C0 channels realizes w and costs <= upper). *)

From Coq Require Import Reals List Arith ZArith Lia Lra QArith Qreals.
From Bignums Require Import BigQ BigZ.
From Convcert Require Import Network Sums PsdCheck PsdCheckZ Schur Duality Bracket Grid.
Import ListNotations.
Open Scope R_scope.

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

(* ---------- network-collapse on the grid (R = 1) ---------- *)

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

(* ---------- Rin > 1 input channels on the grid ---------- *)

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
