(* Autocorrelations over Coq's standard reals (MATH.md, "Objects"):
   - [sumn n f]          the finite sum f 0 + ... + f (n-1);
   - [coef a i]          the i-th entry of a list of reals, 0 beyond its end (zero padding);
   - [autocorr a]        the aperiodic autocorrelation of a in R^K, a list of K lags,
                         (a ⋆ a)[j] = sum_{k=0}^{K-1-j} a[k] a[k+j];
   - [circ_autocorr D a] the circular autocorrelation w.r.t. D of a zero-padded to length D,
                         a list of D lags, sum_{i<D} a[i] a[(i+j) mod D].
   Main results: [autocorr_coef] (each lag as a sum over indices), [circ_autocorr_coef]
   (circular lag j = aperiodic lag j + aperiodic lag D-j, for K <= D) and
   [circ_autocorr_of_autocorr] (equal aperiodic autocorrelations give equal circular ones,
   for every D >= K). *)
From Coq Require Import Reals List Lia Arith.
Import ListNotations.
Local Open Scope R_scope.

(* ---- finite sums ---- *)

Fixpoint sumn (n : nat) (f : nat -> R) : R :=
  match n with
  | O => 0
  | S n' => sumn n' f + f n'
  end.

Lemma sumn_ext : forall n f g, (forall i, (i < n)%nat -> f i = g i) -> sumn n f = sumn n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [reflexivity|].
  rewrite (IH f g) by (intros; apply H; lia). rewrite (H n) by lia. reflexivity.
Qed.

Lemma sumn_zero : forall n f, (forall i, (i < n)%nat -> f i = 0) -> sumn n f = 0.
Proof.
  induction n as [|n IH]; intros f H; simpl; [reflexivity|].
  rewrite IH by (intros; apply H; lia). rewrite H by lia. ring.
Qed.

Lemma sumn_add : forall n m f, sumn (n + m) f = sumn n f + sumn m (fun k => f (n + k)%nat).
Proof.
  intros n m f. induction m as [|m IH]; simpl.
  - rewrite Nat.add_0_r. ring.
  - rewrite Nat.add_succ_r. simpl. rewrite IH. ring.
Qed.

Lemma sumn_shift : forall n f, sumn (S n) f = f O + sumn n (fun i => f (S i)).
Proof.
  intros n f. replace (S n) with (1 + n)%nat by reflexivity. rewrite sumn_add. simpl. ring.
Qed.

(* A sum does not change when terms that vanish are added or dropped at the end. *)
Lemma sumn_trunc : forall n m f, (n <= m)%nat -> (forall i, (n <= i)%nat -> f i = 0) ->
  sumn m f = sumn n f.
Proof.
  intros n m f Hnm H. replace m with (n + (m - n))%nat by lia. rewrite sumn_add.
  rewrite (sumn_zero (m - n)). ring. intros i _. apply H. lia.
Qed.

Lemma sumn_scal : forall n k f, sumn n (fun i => k * f i) = k * sumn n f.
Proof. induction n as [|n IH]; intros k f; simpl; [ring|]. rewrite IH. ring. Qed.

(* ---- entries with zero padding ---- *)

Definition coef (a : list R) (i : nat) : R := nth i a 0.

Lemma coef_overflow : forall a i, (length a <= i)%nat -> coef a i = 0.
Proof. intros. apply nth_overflow. assumption. Qed.

Lemma coef_skipn : forall a j i, coef (skipn j a) i = coef a (i + j).
Proof.
  unfold coef. intros a j. revert a. induction j as [|j IH]; intros a i.
  - rewrite Nat.add_0_r. reflexivity.
  - destruct a as [|x a]; simpl.
    + destruct i; reflexivity.
    + rewrite IH. rewrite Nat.add_succ_r. reflexivity.
Qed.

Lemma coef_map : forall (f : R -> R) a i, f 0 = 0 -> coef (map f a) i = f (coef a i).
Proof.
  unfold coef. intros f a i H0. revert i. induction a as [|x a IH]; intros [|i]; simpl;
    auto.
Qed.

Lemma nth_map_seq : forall (f : nat -> R) n j d, (j < n)%nat -> nth j (map f (seq 0 n)) d = f j.
Proof.
  intros f n j d Hj. rewrite nth_indep with (d' := f 0%nat) by (rewrite map_length, seq_length; exact Hj).
  rewrite map_nth, seq_nth by exact Hj. reflexivity.
Qed.

(* ---- the aperiodic autocorrelation ---- *)

(* sum_k a[k] b[k] over the common length. *)
Fixpoint dot (a b : list R) : R :=
  match a, b with
  | x :: a', y :: b' => x * y + dot a' b'
  | _, _ => 0
  end.

(* (a ⋆ a)[j] = sum_k a[k] a[k+j] = dot a (a shifted left by j), j = 0 .. length a - 1. *)
Definition autocorr (a : list R) : list R :=
  map (fun j => dot a (skipn j a)) (seq 0 (length a)).

Lemma autocorr_length : forall a, length (autocorr a) = length a.
Proof. intros. unfold autocorr. rewrite map_length, seq_length. reflexivity. Qed.

Lemma dot_sumn : forall a b, dot a b = sumn (length a) (fun i => coef a i * coef b i).
Proof.
  induction a as [|x a IH]; intros b; [reflexivity|].
  change (length (x :: a)) with (S (length a)). rewrite sumn_shift. destruct b as [|y b].
  - cbn [dot]. rewrite sumn_zero. unfold coef; simpl. ring.
    intros i _. unfold coef; simpl. destruct i; ring.
  - cbn [dot]. rewrite IH. unfold coef; simpl. reflexivity.
Qed.

Lemma dot_scal : forall k a b, dot (map (fun x => k * x) a) (map (fun x => k * x) b) =
  k * k * dot a b.
Proof.
  induction a as [|x a IH]; intros [|y b]; simpl; try ring. rewrite IH. ring.
Qed.

(* Lag j as an index sum; for j >= length a both sides are 0. *)
Theorem autocorr_coef : forall a j,
  coef (autocorr a) j = sumn (length a) (fun i => coef a i * coef a (i + j)).
Proof.
  intros a j. destruct (Nat.lt_ge_cases j (length a)) as [Hj|Hj].
  - unfold autocorr, coef at 1. rewrite nth_map_seq by exact Hj. rewrite dot_sumn.
    apply sumn_ext. intros i _. fold (coef a i) (coef (skipn j a) i).
    rewrite coef_skipn. reflexivity.
  - rewrite coef_overflow by (rewrite autocorr_length; exact Hj).
    symmetry. apply sumn_zero. intros i _. rewrite (coef_overflow a (i + j)) by lia. ring.
Qed.

Lemma autocorr_scal : forall k a,
  autocorr (map (fun x => k * x) a) = map (fun y => k * k * y) (autocorr a).
Proof.
  intros k a. unfold autocorr. rewrite map_length, map_map. apply map_ext. intros j.
  rewrite <- dot_scal. f_equal. clear. revert a.
  induction j as [|j IH]; intros [|x a]; simpl; auto.
Qed.

(* ---- the circular autocorrelation w.r.t. D ---- *)

Definition circ_autocorr (D : nat) (a : list R) : list R :=
  map (fun j => sumn D (fun i => coef a i * coef a ((i + j) mod D))) (seq 0 D).

Lemma circ_autocorr_length : forall D a, length (circ_autocorr D a) = D.
Proof. intros. unfold circ_autocorr. rewrite map_length, seq_length. reflexivity. Qed.

(* Sums of length at least length a of a[i] a[i+l] all equal lag l. *)
Lemma autocorr_coef_wide : forall a l N, (length a <= N)%nat ->
  coef (autocorr a) l = sumn N (fun i => coef a i * coef a (i + l)).
Proof.
  intros a l N HN. rewrite autocorr_coef. symmetry. apply sumn_trunc; [exact HN|].
  intros i Hi. rewrite coef_overflow by exact Hi. ring.
Qed.

(* Folding the lags mod D: circular lag j = aperiodic lag j + aperiodic lag D - j
   (lag D is 0 as K <= D; at j = D/2 both terms are the same lag, counted twice). *)
Theorem circ_autocorr_coef : forall D a j, (length a <= D)%nat -> (j < D)%nat ->
  coef (circ_autocorr D a) j = coef (autocorr a) j + coef (autocorr a) (D - j).
Proof.
  intros D a j HK Hj. unfold circ_autocorr, coef at 1. rewrite nth_map_seq by exact Hj.
  replace D with ((D - j) + j)%nat at 1 by lia. rewrite sumn_add.
  rewrite (autocorr_coef_wide a j D HK), (autocorr_coef_wide a (D - j) D HK).
  f_equal.
  - (* i < D - j: no wrap-around; the terms i >= D - j of the wide sum vanish *)
    rewrite (sumn_trunc (D - j) D) by
      (lia || (intros i Hi; rewrite (coef_overflow a (i + j)) by lia; ring)).
    apply sumn_ext. intros i Hi. rewrite Nat.mod_small by lia. reflexivity.
  - (* i = D - j + k, k < j: (i + j) mod D = k *)
    rewrite (sumn_trunc j D) by
      (lia || (intros i Hi; rewrite (coef_overflow a (i + (D - j))) by lia; ring)).
    apply sumn_ext. intros k Hk.
    replace ((D - j + k + j) mod D)%nat with k.
    + rewrite Rmult_comm. f_equal. f_equal. lia.
    + replace (D - j + k + j)%nat with (k + 1 * D)%nat by lia.
      rewrite Nat.mod_add by lia. rewrite Nat.mod_small by lia. reflexivity.
Qed.

(* The reduction step of MATH.md: equality of the aperiodic autocorrelations implies equality
   of the circular ones, for every D at least the kernel sizes. *)
Theorem circ_autocorr_of_autocorr : forall D a b,
  (length a <= D)%nat -> (length b <= D)%nat -> autocorr a = autocorr b ->
  circ_autocorr D a = circ_autocorr D b.
Proof.
  intros D a b Ha Hb H. apply nth_ext with (d := 0) (d' := 0).
  - rewrite !circ_autocorr_length. reflexivity.
  - intros j Hj. rewrite circ_autocorr_length in Hj. fold (coef (circ_autocorr D a) j).
    fold (coef (circ_autocorr D b) j).
    rewrite !circ_autocorr_coef by assumption. rewrite H. reflexivity.
Qed.
