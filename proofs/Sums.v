(* Sums.v: algebra of the finite sums sumR n f = sum_{i<n} f i of Network.v
   (extensionality on the range, linearity, last term, exchange of double sums,
   positivity, Kronecker deltas, rotation of an index mod D). *)

From Coq Require Import Reals List Arith Lia Lra.
From Convcert Require Import Network.
Open Scope R_scope.

Lemma sumR_ext : forall n f g, (forall i, (i < n)%nat -> f i = g i) -> sumR n f = sumR n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [reflexivity|].
  rewrite (H 0%nat) by lia. f_equal. apply IH. intros i Hi. apply H. lia.
Qed.

Lemma sumR_plus : forall n f g, sumR n (fun i => f i + g i) = sumR n f + sumR n g.
Proof.
  induction n as [|n IH]; intros f g; simpl; [ring|].
  rewrite IH. ring.
Qed.

Lemma sumR_scal : forall n c f, sumR n (fun i => c * f i) = c * sumR n f.
Proof.
  induction n as [|n IH]; intros c f; simpl; [ring|].
  rewrite IH. ring.
Qed.

Lemma sumR_zero : forall n, sumR n (fun _ => 0) = 0.
Proof. induction n as [|n IH]; simpl; [reflexivity|]. rewrite IH. ring. Qed.

Lemma sumR_minus : forall n f g, sumR n (fun i => f i - g i) = sumR n f - sumR n g.
Proof.
  induction n as [|n IH]; intros f g; simpl; [ring|].
  rewrite IH. ring.
Qed.

Lemma sumR_last : forall n f, sumR (S n) f = sumR n f + f n.
Proof.
  induction n as [|n IH]; intros f.
  - simpl. ring.
  - change (sumR (S (S n)) f) with (f 0%nat + sumR (S n) (fun i => f (S i))).
    rewrite IH. simpl. ring.
Qed.

Lemma sumR_swap : forall n m f,
  sumR n (fun i => sumR m (fun j => f i j)) = sumR m (fun j => sumR n (fun i => f i j)).
Proof.
  induction n as [|n IH]; intros m f; simpl.
  - symmetry. apply sumR_zero.
  - rewrite (IH m (fun i j => f (S i) j)). rewrite <- sumR_plus. reflexivity.
Qed.

Lemma sumR_nonneg : forall n f, (forall i, (i < n)%nat -> 0 <= f i) -> 0 <= sumR n f.
Proof.
  induction n as [|n IH]; intros f H; simpl; [lra|].
  apply Rplus_le_le_0_compat; [apply H; lia|]. apply IH. intros i Hi. apply H. lia.
Qed.

Lemma sumR_le : forall n f g, (forall i, (i < n)%nat -> f i <= g i) -> sumR n f <= sumR n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [lra|].
  apply Rplus_le_compat; [apply H; lia|]. apply IH. intros i Hi. apply H. lia.
Qed.

(* Kronecker delta: sum_j [m = j] f j = f m for m < n. *)
Lemma sumR_delta : forall n m f, (m < n)%nat ->
  sumR n (fun j => if Nat.eqb m j then f j else 0) = f m.
Proof.
  induction n as [|n IH]; intros m f Hm; [lia|]. simpl.
  destruct m as [|m].
  - simpl. rewrite sumR_zero. ring.
  - simpl. rewrite (IH m (fun j => f (S j))) by lia. ring.
Qed.

(* Sum over a list of the sum over a range, and back. *)
Lemma sum_list_map_plus : forall {A} (l : list A) f g,
  sum_list (map (fun a => f a + g a) l) = sum_list (map f l) + sum_list (map g l).
Proof. induction l as [|a l IH]; intros f g; simpl; [ring|]. rewrite IH. ring. Qed.

Lemma sum_list_map_ext : forall {A} (l : list A) f g, (forall a, In a l -> f a = g a) ->
  sum_list (map f l) = sum_list (map g l).
Proof.
  induction l as [|a l IH]; intros f g H; simpl; [reflexivity|].
  rewrite H by (left; reflexivity). rewrite (IH f g) by (intros; apply H; right; assumption).
  reflexivity.
Qed.

Lemma sum_list_map_le : forall {A} (l : list A) f g, (forall a, In a l -> f a <= g a) ->
  sum_list (map f l) <= sum_list (map g l).
Proof.
  induction l as [|a l IH]; intros f g H; simpl; [lra|].
  apply Rplus_le_compat; [apply H; left; reflexivity|].
  apply IH. intros; apply H; right; assumption.
Qed.

Lemma sum_list_map_sumR : forall {A} (l : list A) n (f : A -> nat -> R),
  sum_list (map (fun a => sumR n (f a)) l) = sumR n (fun i => sum_list (map (fun a => f a i) l)).
Proof.
  induction l as [|a l IH]; intros n f; simpl.
  - symmetry. apply sumR_zero.
  - rewrite IH. rewrite <- sumR_plus. reflexivity.
Qed.

Lemma sum_list_map_scal : forall {A} (l : list A) c f,
  sum_list (map (fun a => c * f a) l) = c * sum_list (map f l).
Proof. induction l as [|a l IH]; intros c f; simpl; [ring|]. rewrite IH. ring. Qed.

(* Rotating the summation index on Z_D: sum_{i<D} f((i + k) mod D) = sum_{i<D} f i. *)
Lemma sumR_rot1 : forall D f, (0 < D)%nat ->
  sumR D (fun i => f ((i + 1) mod D)%nat) = sumR D f.
Proof.
  intros D f HD. destruct D as [|D]; [lia|].
  rewrite sumR_last. simpl sumR at 2.
  replace ((D + 1) mod S D)%nat with 0%nat
    by (replace (D + 1)%nat with (1 * S D)%nat by lia; rewrite Nat.mod_mul; lia).
  rewrite (sumR_ext D (fun i => f ((i + 1) mod S D)%nat) (fun i => f (S i))).
  - ring.
  - intros i Hi. f_equal. rewrite Nat.mod_small by lia. lia.
Qed.

Lemma sumR_rot : forall D k f, (0 < D)%nat ->
  sumR D (fun i => f ((i + k) mod D)%nat) = sumR D f.
Proof.
  intros D k f HD. revert f. induction k as [|k IH]; intros f.
  - apply sumR_ext. intros i Hi. rewrite Nat.add_0_r, Nat.mod_small by lia. reflexivity.
  - rewrite <- (IH f). rewrite <- (sumR_rot1 D (fun i => f ((i + k) mod D)%nat)) by lia.
    apply sumR_ext. intros i Hi. f_equal.
    rewrite Nat.add_mod_idemp_l by lia. f_equal. lia.
Qed.

(* Reindexing by a bijection f of {0..n-1} (inverse g): sum_{i<n} h (f i) = sum_{i<n} h i. *)
Lemma sumR_reindex : forall n (f g : nat -> nat) (h : nat -> R),
  (forall i, (i < n)%nat -> (f i < n)%nat /\ g (f i) = i) ->
  (forall j, (j < n)%nat -> (g j < n)%nat /\ f (g j) = j) ->
  sumR n (fun i => h (f i)) = sumR n h.
Proof.
  intros n f g h Hf Hg.
  rewrite (sumR_ext n _ (fun i => sumR n (fun j => if Nat.eqb (f i) j then h j else 0))).
  2: { intros i Hi. symmetry. exact (sumR_delta n (f i) h (proj1 (Hf i Hi))). }
  rewrite sumR_swap. apply sumR_ext. intros j Hj.
  rewrite (sumR_ext n _ (fun i => if Nat.eqb (g j) i then (fun _ => h j) i else 0)).
  - exact (sumR_delta n (g j) (fun _ => h j) (proj1 (Hg j Hj))).
  - intros i Hi. destruct (Nat.eqb (f i) j) eqn:E, (Nat.eqb (g j) i) eqn:E'; try reflexivity.
    + apply Nat.eqb_eq in E. subst j. rewrite (proj2 (Hf i Hi)), Nat.eqb_refl in E'. discriminate.
    + apply Nat.eqb_eq in E'. subst i. rewrite (proj2 (Hg j Hj)), Nat.eqb_refl in E. discriminate.
Qed.
