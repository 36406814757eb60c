(* Independence.v: issue 15's Theorem (MATH.md section 3) without hypotheses, over the
   library's lists of standard reals. [collapse_to_one_channel]: every well-formed network that
   realizes w can be replaced by one channel that realizes w at no larger cost -- from
   Collapse.collapse_of_autocorr, the Lemma (FejerRiesz.sum_autocorr_factor) for the kernel c,
   and ConvMatrix.normal_equations_lists for the least-norm y (normal equations (H1)).
   [independent_of_C]: for every C >= 1, a cost bound x is reached with C channels iff with one
   (zero channels pad a one-channel network to C channels), so R_{K,C}(w) does not depend on C. *)
From Coq Require Import Reals List Lia Lra.
From Convcert Require Import Network Sums Autocorr Collapse FejerRiesz.
Require Convcert.ConvMatrix.
Import ListNotations.
Local Open Scope R_scope.

Theorem collapse_to_one_channel : forall (D K : nat) (net : network) (w : list R),
  (0 < D)%nat -> (K <= D)%nat -> wf D K net -> realizes D K net w ->
  exists ch : channel, wf D K [ch] /\ realizes D K [ch] w /\ cost D K [ch] <= cost D K net.
Proof.
  intros D K net w HD HK Hwf Hw.
  assert (Hlen : forall x, In x (map fst net) -> length x = K).
  { intros x Hx. apply in_map_iff in Hx. destruct Hx as [ch [<- Hch]].
    unfold wf in Hwf; rewrite Forall_forall in Hwf. apply (Hwf ch Hch). }
  destruct (sum_autocorr_factor K (map fst net) Hlen) as [c [Hc Hac]].
  destruct (@ConvMatrix.normal_equations_lists D K net w HD HK Hw) as [y Hy].
  destruct (collapse_of_autocorr D K net w c y HD HK) as [Hr Hcost].
  - lia.
  - intros ch Hch. rewrite (Hlen (fst ch)) by (apply in_map; exact Hch). lia.
  - intros l. rewrite Hac, map_map. reflexivity.
  - exact Hw.
  - exact Hy.
  - exists (c, corr D K c y). split; [|split; assumption].
    constructor; [split; [exact Hc|apply corr_length]|constructor].
Qed.

(* ---- independent_of_C: zero channels change neither the predictor nor the cost ---- *)

Definition zero_channel (D K : nat) : channel := (repeat 0 K, repeat 0 D).

Lemma nthR_repeat0 : forall n i, nthR (repeat 0 n) i = 0.
Proof.
  unfold nthR. induction n as [|n IH]; intros [|i]; simpl; try reflexivity. apply IH.
Qed.

Lemma sum_list_map_zero : forall (A : Type) (f : A -> R) z m, f z = 0 ->
  sum_list (map f (repeat z m)) = 0.
Proof. intros A f z m Hz. induction m as [|m IH]; simpl; [reflexivity|]. rewrite Hz, IH. ring. Qed.

Lemma cconv_zero : forall D K v j, cconv D K (repeat 0 K) v j = 0.
Proof.
  intros. unfold cconv. transitivity (sumR K (fun _ => 0)); [|apply sumR_zero].
  apply sumR_ext. intros i _. rewrite nthR_repeat0. ring.
Qed.

Lemma sqnorm_zero : forall n m, sqnorm n (repeat 0 m) = 0.
Proof.
  intros. unfold sqnorm. transitivity (sumR n (fun _ => 0)); [|apply sumR_zero].
  apply sumR_ext. intros i _. rewrite nthR_repeat0. ring.
Qed.

Theorem independent_of_C : forall (D K C : nat) (w : list R) (x : R),
  (0 < D)%nat -> (K <= D)%nat -> (1 <= C)%nat ->
  ((exists net : network, length net = C /\ wf D K net /\ realizes D K net w /\ cost D K net <= x) <->
   (exists net : network, length net = 1%nat /\ wf D K net /\ realizes D K net w /\ cost D K net <= x)).
Proof.
  intros D K C w x HD HK HC. split.
  - intros [net [_ [Hwf [Hw Hx]]]].
    destruct (collapse_to_one_channel D K net w HD HK Hwf Hw) as [ch [Hwf1 [Hw1 Hc1]]].
    exists [ch]. split; [reflexivity|]. split; [exact Hwf1|]. split; [exact Hw1|]. lra.
  - intros [[|ch [|ch' net]] [Hl [Hwf [Hw Hx]]]]; try discriminate.
    exists (ch :: repeat (zero_channel D K) (C - 1)). split.
    + simpl. rewrite repeat_length. lia.
    + split; [|split].
      * unfold wf in *. constructor; [inversion Hwf; assumption|].
        apply Forall_forall. intros z Hz. apply repeat_spec in Hz. subst z.
        simpl. rewrite !repeat_length. split; reflexivity.
      * intros j Hj. rewrite <- (Hw j Hj). unfold predictor. simpl.
        rewrite sum_list_map_zero by apply cconv_zero. ring.
      * unfold cost in *. simpl in *.
        rewrite sum_list_map_zero by (simpl; rewrite !sqnorm_zero; ring). lra.
Qed.
