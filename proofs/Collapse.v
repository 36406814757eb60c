(* Collapse.v: the reduction step of the Theorem (MATH.md §3, issue 4 item 3) for networks with
   single-channel inputs, over Coq's standard reals, in a Fourier-free form.

   Proven here:
   - [corr]: the adjoint of v |-> u * v, (corr u y)[i] = sum_{k<K} u[k] y[(i+k) mod D], and the
     adjoint identity [cconv_adjoint]: sum_j (u * v)[j] y[j] = sum_i v[i] (corr u y)[i];
   - [gram_circ]: (u * corr u y)[j] = sum_{l<D} rho_u[l] y[(j+l) mod D], rho_u the circular
     autocorrelation w.r.t. D, so the Gram operator of the channel depends on u only through
     its autocorrelation; [gram_of_autocorr]: sum_c u_c ⋆ u_c = c ⋆ c (aperiodic) gives
     c * corr c y = sum_c u_c * corr u_c y for every y;
   - [collapse_least_norm]: let the C-channel network (u_c, v_c) realize w, let y solve the
     normal equations sum_c u_c * corr u_c y = w, and let the one kernel c have the same Gram
     operator at y and ||c||^2 = sum_c ||u_c||^2. Then the one-channel network (c, corr c y)
     realizes w and costs at most the C-channel one (corr c y is the least-norm v for c; the
     proof is ||v_c||^2 >= 2 <v_c, v'_c> - ||v'_c||^2 with v'_c = corr u_c y, summed over c);
   - [sqnorm_of_autocorr]: lag 0 of sum_c u_c ⋆ u_c = c ⋆ c is ||c||^2 = sum_c ||u_c||^2;
   - [collapse_of_autocorr]: the collapse from sum_c u_c ⋆ u_c = c ⋆ c and a solution y of
     the normal equations.

   A hypothesis of [collapse_of_autocorr]: that the normal equations
   sum_c u_c * corr u_c y = w have a solution y when some V realizes w (range(A A^T) = range(A)
   for A : V |-> sum_c u_c * v_c). It is proven in ConvMatrix.normal_equations_lists, and
   Independence.collapse_to_one_channel discharges both hypotheses. *)

From Coq Require Import Reals List Arith Lia Lra.
From Convcert Require Import Network Sums Autocorr Duality.
Import ListNotations.
Local Open Scope R_scope.

(* (corr u y)[i] = sum_{k<K} u[k] y[(i + k) mod D], i < D: the adjoint of v |-> u * v. *)
Definition corr (D K : nat) (u y : list R) : list R :=
  map (fun i => sumR K (fun k => nthR u k * nthR y ((i + k) mod D))) (seq 0 D).

Lemma nthR_corr : forall D K u y i, (i < D)%nat ->
  nthR (corr D K u y) i = sumR K (fun k => nthR u k * nthR y ((i + k) mod D)).
Proof. intros. unfold corr, nthR at 1. apply nth_map_seq. assumption. Qed.

Lemma corr_length : forall D K u y, length (corr D K u y) = D.
Proof. intros. unfold corr. rewrite map_length, seq_length. reflexivity. Qed.

(* sum_j (u * v)[j] y[j] = sum_i v[i] (corr u y)[i]: Duality.inner_cconv (<lambda, u * v> =
   u^T T(lambda) v) with lambda = y, summed over k first. *)
Theorem cconv_adjoint : forall D K u v y, (0 < D)%nat -> (K <= D)%nat ->
  sumR D (fun j => cconv D K u v j * nthR y j) =
  sumR D (fun i => nthR v i * nthR (corr D K u y) i).
Proof.
  intros D K u v y HD HK.
  rewrite (sumR_ext D _ (fun j => nthR y j * cconv D K u v j)) by (intros; apply Rmult_comm).
  rewrite inner_cconv by assumption. rewrite sumR_swap. apply sumR_ext. intros i Hi.
  rewrite nthR_corr by exact Hi. rewrite <- sumR_scal. apply sumR_ext. intros k _.
  unfold Tmat. ring.
Qed.

(* ||x - x'||^2 >= 0, rearranged. *)
Lemma sqnorm_pythagoras : forall n x x',
  2 * inner n x x' - sqnorm n x' <= sqnorm n x.
Proof.
  intros n x x'. unfold inner, sqnorm.
  assert (H : 0 <= sumR n (fun i => (nthR x i - nthR x' i) * (nthR x i - nthR x' i)))
    by (apply sumR_nonneg; intros; apply Rle_0_sqr).
  rewrite (sumR_ext n _ (fun i => (nthR x i * nthR x i + (-2) * (nthR x i * nthR x' i))
                                  + nthR x' i * nthR x' i)) in H by (intros; cbv beta; ring).
  rewrite !sumR_plus, sumR_scal in H. lra.
Qed.

Definition wy (D : nat) (w y : list R) : R := sumR D (fun j => nthR w j * nthR y j).

(* sum_c <v_c, corr u_c y> = <w, y> when the network realizes w. *)
Lemma network_adjoint : forall D K net w y, (0 < D)%nat -> (K <= D)%nat ->
  realizes D K net w ->
  sum_list (map (fun ch : channel => inner D (snd ch) (corr D K (fst ch) y)) net) = wy D w y.
Proof.
  intros D K net w y HD HK Hw. unfold inner.
  rewrite (sum_list_map_ext net _ (fun ch : channel => sumR D (fun j => cconv D K (fst ch) (snd ch) j * nthR y j)))
    by (intros ch _; symmetry; apply cconv_adjoint; assumption).
  rewrite sum_list_map_sumR. unfold wy. apply sumR_ext. intros j Hj.
  rewrite <- (Hw j Hj). unfold predictor.
  rewrite (sum_list_map_ext net (fun ch : channel => cconv D K (fst ch) (snd ch) j * nthR y j)
             (fun ch : channel => nthR y j * cconv D K (fst ch) (snd ch) j)) by (intros; cbv beta; ring).
  rewrite sum_list_map_scal. apply Rmult_comm.
Qed.

Lemma cost_split : forall D K (net : network),
  cost D K net = sum_list (map (fun ch : channel => sqnorm K (fst ch)) net) +
                 sum_list (map (fun ch : channel => sqnorm D (snd ch)) net).
Proof.
  intros D K net. unfold cost. induction net as [|ch net IH]; simpl; [ring|].
  rewrite IH. ring.
Qed.

(* The collapse, given a solution y of the normal equations and a kernel c with the same Gram
   operator at y and the same squared norm. *)
Theorem collapse_least_norm : forall D K net w c y, (0 < D)%nat -> (K <= D)%nat ->
  realizes D K net w ->
  (forall j, (j < D)%nat ->
     sum_list (map (fun ch : channel => cconv D K (fst ch) (corr D K (fst ch) y) j) net) = nthR w j) ->
  (forall j, (j < D)%nat ->
     cconv D K c (corr D K c y) j =
     sum_list (map (fun ch : channel => cconv D K (fst ch) (corr D K (fst ch) y) j) net)) ->
  sqnorm K c = sum_list (map (fun ch : channel => sqnorm K (fst ch)) net) ->
  realizes D K [(c, corr D K c y)] w /\ cost D K [(c, corr D K c y)] <= cost D K net.
Proof.
  intros D K net w c y HD HK Hw Hnormal Hgram Hc.
  assert (Hout : forall j, (j < D)%nat -> cconv D K c (corr D K c y) j = nthR w j)
    by (intros j Hj; rewrite Hgram by exact Hj; apply Hnormal; exact Hj).
  split.
  - intros j Hj. unfold predictor. simpl. rewrite Hout by exact Hj. ring.
  - (* ||corr c y||^2 = <w, y> *)
    assert (Hv : sqnorm D (corr D K c y) = wy D w y).
    { unfold sqnorm. fold (inner D (corr D K c y) (corr D K c y)). unfold inner.
      rewrite <- cconv_adjoint by assumption. unfold wy. apply sumR_ext. intros j Hj.
      rewrite Hout by exact Hj. reflexivity. }
    (* sum_c ||corr u_c y||^2 = <w, y> *)
    assert (Hv' : sum_list (map (fun ch : channel => sqnorm D (corr D K (fst ch) y)) net) = wy D w y).
    { assert (Hr : realizes D K (map (fun ch : channel => (fst ch, corr D K (fst ch) y)) net) w)
        by (intros j Hj; unfold predictor; rewrite map_map; exact (Hnormal j Hj)).
      pose proof (network_adjoint D K _ w y HD HK Hr) as E. rewrite map_map in E. exact E. }
    (* sum_c ||v_c||^2 >= 2 <w, y> - <w, y> *)
    assert (Hle : sum_list (map (fun ch : channel => 2 * inner D (snd ch) (corr D K (fst ch) y)
                                           - sqnorm D (corr D K (fst ch) y)) net)
                  <= sum_list (map (fun ch : channel => sqnorm D (snd ch)) net))
      by (apply sum_list_map_le; intros; apply sqnorm_pythagoras).
    rewrite (sum_list_map_ext net _ (fun ch : channel => 2 * inner D (snd ch) (corr D K (fst ch) y)
                                               + (-1) * sqnorm D (corr D K (fst ch) y)))
      in Hle by (intros; cbv beta; ring).
    rewrite sum_list_map_plus, !sum_list_map_scal, (network_adjoint D K net w y HD HK Hw), Hv' in Hle.
    rewrite (cost_split D K net). unfold cost. simpl. rewrite Hv, Hc. lra.
Qed.

(* Network.v's sumR and Autocorr.v's sumn are the same sum. *)
Lemma sumR_sumn : forall n g, sumR n g = sumn n g.
Proof.
  induction n as [|n IH]; intros g; [reflexivity|].
  rewrite sumR_last. simpl. rewrite IH. reflexivity.
Qed.

(* Lag 0 of sum_c u_c ⋆ u_c = c ⋆ c: ||c||^2 = sum_c ||u_c||^2 (kernels of length <= K). *)
Theorem sqnorm_of_autocorr : forall K (us : list (list R)) c,
  (length c <= K)%nat -> Forall (fun u => (length u <= K)%nat) us ->
  coef (autocorr c) 0 = sum_list (map (fun u => coef (autocorr u) 0) us) ->
  sqnorm K c = sum_list (map (fun u => sqnorm K u) us).
Proof.
  intros K us c Hc Hus H.
  assert (Hsq : forall a, (length a <= K)%nat -> sqnorm K a = coef (autocorr a) 0).
  { intros a Ha. rewrite (autocorr_coef_wide a 0 K Ha). unfold sqnorm. rewrite sumR_sumn.
    apply sumn_ext. intros i _. unfold nthR, coef. rewrite Nat.add_0_r. reflexivity. }
  rewrite Hsq by exact Hc. rewrite H. apply sum_list_map_ext. intros u Hu.
  rewrite Hsq; [reflexivity|]. rewrite Forall_forall in Hus. apply Hus. exact Hu.
Qed.

(* ---- the Gram operator depends on u only through its autocorrelation ---- *)

Lemma sumR_pad : forall u K D (g : nat -> R), (length u <= K)%nat -> (K <= D)%nat ->
  sumR K (fun k => nthR u k * g k) = sumR D (fun k => nthR u k * g k).
Proof.
  intros u K D g Hu HK. rewrite !sumR_sumn. symmetry. apply sumn_trunc; [exact HK|].
  intros i Hi. unfold nthR. rewrite nth_overflow by lia. ring.
Qed.

Lemma cidx_lt : forall D j k, (0 < D)%nat -> (cidx D j k < D)%nat.
Proof. intros. unfold cidx. apply Nat.mod_upper_bound. lia. Qed.

Lemma cidx_add_rot : forall D j k l, (0 < D)%nat -> (k <= D)%nat ->
  ((cidx D j k + (l + k) mod D) mod D = (j + l) mod D)%nat.
Proof.
  intros D j k l HD Hk. unfold cidx. assert (HD' : D <> 0%nat) by lia.
  rewrite <- Nat.add_mod by exact HD'.
  replace (j + (D - k) + (l + k))%nat with (j + l + 1 * D)%nat by lia.
  apply Nat.mod_add. exact HD'.
Qed.

(* (u * corr u y)[j] = sum_{l<D} rho_u[l] y[(j + l) mod D], rho_u the circular autocorrelation. *)
Theorem gram_circ : forall D K u y j, (0 < D)%nat -> (length u <= K)%nat -> (K <= D)%nat ->
  cconv D K u (corr D K u y) j =
  sumR D (fun l => coef (circ_autocorr D u) l * nthR y ((j + l) mod D)).
Proof.
  intros D K u y j HD Hu HK. unfold cconv.
  rewrite (sumR_pad u K D (fun k => nthR (corr D K u y) (cidx D j k))) by assumption.
  rewrite (sumR_ext D _ (fun k => sumR D (fun l =>
             nthR u k * (nthR u ((l + k) mod D) * nthR y ((j + l) mod D))))).
  2: { intros k Hk. rewrite nthR_corr by (apply cidx_lt; exact HD).
       rewrite (sumR_pad u K D (fun k' => nthR y ((cidx D j k + k') mod D))) by assumption.
       rewrite <- sumR_scal.
       rewrite <- (sumR_rot D k (fun k' => nthR u k * (nthR u k' * nthR y ((cidx D j k + k') mod D))))
         by exact HD.
       apply sumR_ext. intros l Hl. rewrite cidx_add_rot by lia. reflexivity. }
  rewrite sumR_swap. apply sumR_ext. intros l Hl.
  unfold circ_autocorr, coef at 1. rewrite nth_map_seq by exact Hl.
  rewrite <- sumR_sumn, Rmult_comm, <- sumR_scal. apply sumR_ext. intros k Hk.
  unfold coef, nthR. rewrite (Nat.add_comm l k). ring.
Qed.

(* Hence equal aperiodic autocorrelations give equal Gram operators: hypothesis (H2). *)
Theorem gram_of_autocorr : forall D K (net : network) c y, (0 < D)%nat -> (K <= D)%nat ->
  (length c <= K)%nat -> (forall ch, In ch net -> (length (fst ch) <= K)%nat) ->
  (forall l, coef (autocorr c) l = sum_list (map (fun ch : channel => coef (autocorr (fst ch)) l) net)) ->
  forall j, (j < D)%nat ->
  cconv D K c (corr D K c y) j =
  sum_list (map (fun ch : channel => cconv D K (fst ch) (corr D K (fst ch) y) j) net).
Proof.
  intros D K net c y HD HK Hc Hnet Hr j Hj.
  rewrite gram_circ by assumption.
  rewrite (sum_list_map_ext net _ (fun ch : channel => sumR D (fun l =>
             coef (circ_autocorr D (fst ch)) l * nthR y ((j + l) mod D))))
    by (intros ch Hch; apply gram_circ; [exact HD | apply Hnet; exact Hch | exact HK]).
  rewrite sum_list_map_sumR. apply sumR_ext. intros l Hl.
  rewrite (sum_list_map_ext net _ (fun ch : channel => nthR y ((j + l) mod D) *
             (coef (autocorr (fst ch)) l + coef (autocorr (fst ch)) (D - l))))
    by (intros ch Hch; rewrite circ_autocorr_coef
          by (first [exact Hl | exact (Nat.le_trans _ K _ (Hnet ch Hch) HK)]);
        apply Rmult_comm).
  rewrite sum_list_map_scal, sum_list_map_plus, <- !Hr.
  rewrite circ_autocorr_coef by lia. apply Rmult_comm.
Qed.

(* MATH.md §3's collapse, assuming only that the normal equations are solvable (see
   COLLAPSE.md): from sum_c u_c ⋆ u_c = c ⋆ c and a solution y of
   sum_c u_c * corr u_c y = w, the one-channel network (c, corr c y) realizes w at no larger
   cost than the C-channel network. *)
Theorem collapse_of_autocorr : forall D K (net : network) w c y, (0 < D)%nat -> (K <= D)%nat ->
  (length c <= K)%nat -> (forall ch, In ch net -> (length (fst ch) <= K)%nat) ->
  (forall l, coef (autocorr c) l = sum_list (map (fun ch : channel => coef (autocorr (fst ch)) l) net)) ->
  realizes D K net w ->
  (forall j, (j < D)%nat ->
     sum_list (map (fun ch : channel => cconv D K (fst ch) (corr D K (fst ch) y) j) net) = nthR w j) ->
  realizes D K [(c, corr D K c y)] w /\ cost D K [(c, corr D K c y)] <= cost D K net.
Proof.
  intros D K net w c y HD HK Hc Hnet Hr Hw Hnormal.
  apply collapse_least_norm; try assumption.
  - intros j Hj. apply gram_of_autocorr; assumption.
  - rewrite (sqnorm_of_autocorr K (map fst net) c Hc).
    + rewrite map_map. reflexivity.
    + apply Forall_forall. intros u Hu. apply in_map_iff in Hu. destruct Hu as [ch [E Hch]].
      subst u. apply Hnet. exact Hch.
    + rewrite map_map. apply Hr.
Qed.
