(* Duality.v: weak duality, MATH.md §7 and §8, for every number of channels C at once, on
   any finite abelian group given by a shift (weak_duality_shift; Z_D is weak_duality,
   Z_D1 x Z_D2 is Grid.weak_duality_2d).
   For a network realizing w,  ||theta||^2 - <lambda, w> = sum_c z_c^T S z_c,  z_c = (u_c; v_c),
   and S >= 0 follows from 4I - T T^T >= 0 (Schur.v). Hence  <lambda, w> <= cost.
   Single-channel inputs (T = T(lambda), K x D) and Rin input channels (T stacks the Rin blocks
   T(lambda_r) into an (Rin*K) x D matrix; row r*K + k is row k of T(lambda_r);
   weak_duality_multi_shift on any shift, weak_duality_multi its 1-D case). *)

From Coq Require Import Reals List Arith Lia Lra.
From Convcert Require Import Network Sums PsdCheck Schur.
Import ListNotations.
Open Scope R_scope.

Lemma cidx_rot : forall D i k, (0 < D)%nat -> (i < D)%nat -> (k <= D)%nat ->
  cidx D ((i + k) mod D) k = i.
Proof.
  intros D i k HD Hi Hk. unfold cidx.
  rewrite Nat.add_mod_idemp_l by lia.
  replace (i + k + (D - k))%nat with (i + 1 * D)%nat by lia.
  rewrite Nat.mod_add by lia. apply Nat.mod_small. exact Hi.
Qed.

Lemma sum_list_map_minus : forall {A} (l : list A) f g,
  sum_list (map (fun a => f a - g a) l) = sum_list (map f l) - sum_list (map g l).
Proof. induction l as [|a l IH]; intros f g; simpl; [ring|]. rewrite IH. ring. Qed.

(* <lambda, u * v> = u^T T(lambda) v, for any shift (Network.shift_ok): the inner sum over j
   is reindexed by j = sh i k. *)
Lemma inner_sconv : forall D K sh unsh lam u v, shift_ok D K sh unsh ->
  sumR D (fun j => nthR lam j * sconv K unsh u v j)
  = sumR K (fun k => sumR D (fun i => nthR u k * sTmat sh lam k i * nthR v i)).
Proof.
  intros D K sh unsh lam u v Hs. unfold sconv.
  rewrite (sumR_ext D _ (fun j => sumR K (fun k => nthR lam j * (nthR u k * nthR v (unsh j k)))))
    by (intros; cbv beta; symmetry; apply sumR_scal).
  rewrite sumR_swap. apply sumR_ext. intros k Hk. cbv beta.
  destruct (Hs k Hk) as [Hsh Hunsh].
  rewrite <- (sumR_reindex D (fun i => sh i k) (fun j => unsh j k)
                (fun j => nthR lam j * (nthR u k * nthR v (unsh j k))) Hsh Hunsh).
  apply sumR_ext. intros i Hi. cbv beta.
  rewrite (proj2 (Hsh i Hi)). unfold sTmat. ring.
Qed.

(* Z_D: i + k = (i + k) mod D and j - k = cidx D j k. *)
Lemma shift_ok_1d : forall D K, (0 < D)%nat -> (K <= D)%nat ->
  shift_ok D K (fun i k => (i + k) mod D)%nat (cidx D).
Proof.
  intros D K HD HK k Hk. split; intros i Hi; split.
  - apply Nat.mod_upper_bound. lia.
  - apply cidx_rot; lia.
  - unfold cidx. apply Nat.mod_upper_bound. lia.
  - unfold cidx. rewrite Nat.add_mod_idemp_l by lia.
    replace (i + (D - k) + k)%nat with (i + 1 * D)%nat by lia.
    rewrite Nat.mod_add by lia. apply Nat.mod_small. exact Hi.
Qed.

(* The 1-D case: cconv D K is sconv K (cidx D) and Tmat D is sTmat ((i + k) mod D). *)
Lemma inner_cconv : forall D K lam u v, (0 < D)%nat -> (K <= D)%nat ->
  sumR D (fun j => nthR lam j * cconv D K u v j)
  = sumR K (fun k => sumR D (fun i => nthR u k * Tmat D lam k i * nthR v i)).
Proof.
  intros D K lam u v HD HK. exact (inner_sconv D K _ _ lam u v (shift_ok_1d D K HD HK)).
Qed.

(* ---------- single-channel inputs ---------- *)

(* Weak duality on any finite abelian group given by a shift (sh, unsh). *)
Theorem weak_duality_shift : forall D K sh unsh (lam w : list R) (net : network),
  shift_ok D K sh unsh ->
  (forall y, 0 <= qform K (gramT D (sTmat sh lam)) y) ->
  srealizes D K unsh net w -> inner D lam w <= cost D K net.
Proof.
  intros D K sh unsh lam w net Hs Hpsd Hreal.
  assert (E : inner D lam w = sum_list (map (fun ch =>
              sumR K (fun k => sumR D (fun i => nthR (fst ch) k * sTmat sh lam k i * nthR (snd ch) i)))
              net)).
  { unfold inner.
    rewrite (sumR_ext D _ (fun j => sum_list (map (fun ch => nthR lam j * sconv K unsh (fst ch) (snd ch) j) net))).
    2: { intros j Hj. cbv beta. rewrite <- (Hreal j Hj). unfold spredictor.
         rewrite sum_list_map_scal. ring. }
    rewrite <- sum_list_map_sumR. apply sum_list_map_ext. intros ch _.
    apply inner_sconv; assumption. }
  rewrite E. unfold cost.
  assert (0 <= sum_list (map (fun ch => (sqnorm K (fst ch) + sqnorm D (snd ch)) -
     sumR K (fun k => sumR D (fun i => nthR (fst ch) k * sTmat sh lam k i * nthR (snd ch) i))) net)).
  { apply (Rle_trans _ (sum_list (map (fun _ : channel => 0) net))).
    { clear. induction net; simpl; lra. }
    apply sum_list_map_le. intros ch _.
    pose proof (Sform_nonneg K D (sTmat sh lam) Hpsd (nthR (fst ch)) (nthR (snd ch))) as H.
    unfold Sform, sqnorm in *. lra. }
  rewrite sum_list_map_minus in H. lra.
Qed.

(* The 1-D statement (MATH.md §7): the case sh = (i + k) mod D, unsh = cidx D. *)
Theorem weak_duality : forall D K (lam w : list R) (net : network),
  (0 < D)%nat -> (K <= D)%nat ->
  (forall y, 0 <= qform K (gramT D (Tmat D lam)) y) ->
  realizes D K net w -> inner D lam w <= cost D K net.
Proof.
  intros D K lam w net HD HK Hpsd Hreal.
  exact (weak_duality_shift D K _ _ lam w net (shift_ok_1d D K HD HK) Hpsd Hreal).
Qed.

(* ---------- multi-channel inputs ---------- *)

Lemma sumR_add : forall a b f, sumR (a + b) f = sumR a f + sumR b (fun i => f (a + i)%nat).
Proof.
  induction a as [|a IH]; intros b f; simpl; [rewrite Rplus_0_l; reflexivity|].
  rewrite IH. ring.
Qed.

(* A sum over p < Rin*K is a double sum over (r, k) with p = r*K + k. *)
Lemma sumR_pair : forall Rin K (g : nat -> nat -> R), (0 < K)%nat ->
  sumR (Rin * K) (fun p => g (p / K) (p mod K))%nat = sumR Rin (fun r => sumR K (fun k => g r k)).
Proof.
  induction Rin as [|Rin IH]; intros K g HK; [reflexivity|].
  change (S Rin * K)%nat with (K + Rin * K)%nat. rewrite sumR_add. simpl sumR at 3.
  f_equal.
  - apply sumR_ext. intros k Hk. rewrite Nat.div_small, Nat.mod_small by lia. reflexivity.
  - rewrite <- (IH K (fun r k => g (S r) k)) by exact HK. apply sumR_ext. intros i _.
    replace (K + i)%nat with (i + 1 * K)%nat by lia.
    rewrite Nat.div_add, Nat.mod_add by lia. f_equal. lia.
Qed.

(* Kernel u_c flattened: entry r*K + k is u_c[r][k]. *)
Definition flat (K : nat) (u : list (list R)) (p : nat) : R := nthR (row u (p / K)) (p mod K).

(* ---------- multi-channel inputs on any shift ---------- *)

(* The stacked (Rin*K) x D matrix for a shift: row r*K + k is row k of sTmat sh lambda_r. *)
Definition sTmat_multi (K : nat) (sh : nat -> nat -> nat) (L : list (list R)) (p i : nat) : R :=
  sTmat sh (row L (p / K)) (p mod K) i.

(* W[r][j] = sum_c (u_c[r] * v_c)[j] with the convolution of the shift. *)
Definition spredictor_multi (K : nat) (unsh : nat -> nat -> nat) (net : network_multi)
    (r j : nat) : R :=
  sum_list (map (fun ch => sconv K unsh (row (fst ch) r) (snd ch) j) net).

Definition srealizes_multi (D K Rin : nat) (unsh : nat -> nat -> nat) (net : network_multi)
    (W : list (list R)) : Prop :=
  forall r j, (r < Rin)%nat -> (j < D)%nat -> spredictor_multi K unsh net r j = nthR (row W r) j.

(* Weak duality with Rin input channels on any finite abelian group given by a shift. *)
Theorem weak_duality_multi_shift : forall D K Rin sh unsh (L W : list (list R)) (net : network_multi),
  shift_ok D K sh unsh -> (0 < K)%nat ->
  (forall y, 0 <= qform (Rin * K) (gramT D (sTmat_multi K sh L)) y) ->
  srealizes_multi D K Rin unsh net W -> inner_multi D Rin L W <= cost_multi D K Rin net.
Proof.
  intros D K Rin sh unsh L W net Hs HK0 Hpsd Hreal.
  set (bil := fun ch : channel_multi => sumR (Rin * K) (fun p => sumR D (fun i =>
                 flat K (fst ch) p * sTmat_multi K sh L p i * nthR (snd ch) i))).
  assert (E : inner_multi D Rin L W = sum_list (map bil net)).
  { unfold inner_multi, inner.
    rewrite (sumR_ext Rin _ (fun r => sum_list (map (fun ch =>
               sumR D (fun j => nthR (row L r) j * sconv K unsh (row (fst ch) r) (snd ch) j)) net))).
    2: { intros r Hr. cbv beta.
         rewrite (sumR_ext D _ (fun j => sum_list (map (fun ch =>
                    nthR (row L r) j * sconv K unsh (row (fst ch) r) (snd ch) j) net))).
         2: { intros j Hj. cbv beta. rewrite <- (Hreal r j Hr Hj). unfold spredictor_multi.
              rewrite sum_list_map_scal. reflexivity. }
         rewrite <- sum_list_map_sumR. reflexivity. }
    rewrite <- sum_list_map_sumR. apply sum_list_map_ext. intros ch _.
    unfold bil, flat, sTmat_multi.
    rewrite (sumR_pair Rin K (fun r k => sumR D (fun i =>
               nthR (row (fst ch) r) k * sTmat sh (row L r) k i * nthR (snd ch) i))) by exact HK0.
    apply sumR_ext. intros r _. apply inner_sconv; assumption. }
  rewrite E. unfold cost_multi.
  cut (0 <= sum_list (map (fun ch => (sumR Rin (fun r => sqnorm K (row (fst ch) r))
                                      + sqnorm D (snd ch)) - bil ch) net)).
  { intros H. rewrite sum_list_map_minus in H. unfold channel_multi in *. lra. }
  apply (Rle_trans _ (sum_list (map (fun _ : channel_multi => 0) net))).
  { clear. induction net; simpl; lra. }
  apply sum_list_map_le. intros ch _.
  pose proof (Sform_nonneg (Rin * K) D (sTmat_multi K sh L) Hpsd (flat K (fst ch)) (nthR (snd ch))) as H.
  unfold Sform in H. unfold bil.
  replace (sumR Rin (fun r => sqnorm K (row (fst ch) r)))
    with (sumR (Rin * K) (fun k => flat K (fst ch) k * flat K (fst ch) k)).
  - unfold sqnorm. lra.
  - unfold flat, sqnorm.
    apply (sumR_pair Rin K (fun r k => nthR (row (fst ch) r) k * nthR (row (fst ch) r) k)).
    exact HK0.
Qed.

(* The 1-D statement (MATH.md §8): Tmat_multi D K and realizes_multi D K Rin are
   sTmat_multi K ((i + k) mod D) and srealizes_multi D K Rin (cidx D) by conversion. *)
Theorem weak_duality_multi : forall D K Rin (L W : list (list R)) (net : network_multi),
  (0 < D)%nat -> (0 < K)%nat -> (K <= D)%nat ->
  (forall y, 0 <= qform (Rin * K) (gramT D (Tmat_multi D K L)) y) ->
  realizes_multi D K Rin net W -> inner_multi D Rin L W <= cost_multi D K Rin net.
Proof.
  intros D K Rin L W net HD HK0 HK Hpsd Hreal.
  exact (weak_duality_multi_shift D K Rin _ _ L W net (shift_ok_1d D K HD HK) HK0 Hpsd Hreal).
Qed.
