(* LemmaVectors.v: ties a lemma-exact instance to its input vectors. The certificate's target
   t (rationals a_j / b_j, a summary written by the untrusted generator) is checked by
   computation over Q to be the lag-by-lag sum of the autocorrelations of the vectors a_i
   ([target_check], sound by [target_check_sound]), so that [lemma_exact_vectors_sound]
   states the Lemma for the vectors themselves:
     exists c : list R, length c = length t /\
       forall l, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) vectors).
   Lags past every list's end are 0 on both sides (zero padding), so vectors of any lengths
   are allowed; the check compares the padded lists. *)
From Coq Require Import Reals List QArith Qreals Lia.
From Bignums Require Import BigZ.
From Convcert Require Import Network Autocorr Lemma.
Import ListNotations.
Local Open Scope R_scope.

(* ---- rationals given as pairs (a, b), b > 0 ---- *)

Definition pos_den (t : Z * Z) : bool := (0 <? snd t)%Z.

Definition qQ (t : Z * Z) : Q := Qmake (fst t) (Z.to_pos (snd t)).

Lemma qQ_R : forall t, pos_den t = true -> Q2R (qQ t) = qR t.
Proof.
  intros [a b] H. unfold pos_den in H. simpl in H. apply Z.ltb_lt in H.
  unfold qQ, qR, Q2R. simpl. rewrite Z2Pos.id by exact H.
  destruct (Z.eqb b 1) eqn:E.
  - apply Z.eqb_eq in E. subst b. simpl. field.
  - reflexivity.
Qed.

Lemma map_qQ_R : forall t, forallb pos_den t = true -> map Q2R (map qQ t) = map qR t.
Proof.
  induction t as [|x t IH]; intros H; simpl; [reflexivity|].
  simpl in H. apply andb_prop in H. destruct H as [H1 H2]. rewrite qQ_R, IH by assumption.
  reflexivity.
Qed.

Lemma Q2R_0 : Q2R 0 = 0.
Proof. unfold Q2R. simpl. ring. Qed.

(* ---- the autocorrelation over Q ---- *)

Fixpoint dotQ (a b : list Q) : Q :=
  match a, b with
  | x :: a', y :: b' => x * y + dotQ a' b'
  | _, _ => 0
  end%Q.

Definition autocorrQ (a : list Q) : list Q :=
  map (fun j => dotQ a (skipn j a)) (seq 0 (length a)).

Lemma dotQ_R : forall a b, Q2R (dotQ a b) = dot (map Q2R a) (map Q2R b).
Proof.
  induction a as [|x a IH]; intros [|y b]; simpl; try apply Q2R_0.
  rewrite Q2R_plus, Q2R_mult, IH. reflexivity.
Qed.

Lemma autocorrQ_R : forall a, map Q2R (autocorrQ a) = autocorr (map Q2R a).
Proof.
  intros a. unfold autocorrQ, autocorr. rewrite map_map, map_length. apply map_ext.
  intros j. rewrite dotQ_R, skipn_map_comm. reflexivity.
Qed.

(* ---- lists of rationals as zero-padded vectors ---- *)

(* Entrywise sum, the shorter list padded with zeros. *)
Fixpoint qadd (a b : list Q) : list Q :=
  match a, b with
  | [], _ => b
  | _, [] => a
  | x :: a', y :: b' => (x + y)%Q :: qadd a' b'
  end.

(* Every entry zero. *)
Definition qis0 (a : list Q) : bool := forallb (fun x => Qeq_bool x 0) a.

(* Equality of the zero-padded lists. *)
Fixpoint qeqz (a b : list Q) : bool :=
  match a, b with
  | [], _ => qis0 b
  | _, [] => qis0 a
  | x :: a', y :: b' => Qeq_bool x y && qeqz a' b'
  end.

Lemma coef_Q2R : forall a l, coef (map Q2R a) l = Q2R (nth l a 0%Q).
Proof.
  unfold coef. induction a as [|x a IH]; intros [|l]; simpl; try (symmetry; apply Q2R_0); auto.
Qed.

Lemma qadd_R : forall a b l,
  coef (map Q2R (qadd a b)) l = coef (map Q2R a) l + coef (map Q2R b) l.
Proof.
  intros a b l. rewrite !coef_Q2R. revert b l.
  induction a as [|x a IH]; intros [|y b] [|l]; simpl; try rewrite Q2R_0; try ring;
    try rewrite Q2R_plus; auto.
Qed.

Lemma qis0_R : forall a l, qis0 a = true -> Q2R (nth l a 0%Q) = 0.
Proof.
  induction a as [|x a IH]; intros l H; simpl; [destruct l; apply Q2R_0|].
  simpl in H. apply andb_prop in H. destruct H as [H1 H2].
  destruct l as [|l]; [|apply IH; exact H2].
  apply Qeq_bool_eq, Qeq_eqR in H1. rewrite H1. apply Q2R_0.
Qed.

Lemma qeqz_R : forall a b, qeqz a b = true -> forall l, coef (map Q2R a) l = coef (map Q2R b) l.
Proof.
  intros a b H l. rewrite !coef_Q2R. revert b l H.
  induction a as [|x a IH]; intros b l H.
  - simpl in H. rewrite (qis0_R b) by exact H. destruct l; apply Q2R_0.
  - destruct b as [|y b].
    + rewrite (qis0_R (x :: a)) by exact H. destruct l; symmetry; apply Q2R_0.
    + simpl in H. apply andb_prop in H. destruct H as [H1 H2]. destruct l as [|l]; simpl.
      * apply Qeq_eqR, Qeq_bool_eq. exact H1.
      * apply IH. exact H2.
Qed.

(* ---- the check and its soundness ---- *)

(* Every denominator positive, and t equals sum_i autocorrQ a_i as zero-padded lists. *)
Definition target_check (vs : list (list (Z * Z))) (t : list (Z * Z)) : bool :=
  forallb pos_den t && forallb (forallb pos_den) vs &&
  qeqz (map qQ t) (fold_right qadd [] (map (fun x => autocorrQ (map qQ x)) vs)).

Lemma sum_autocorrQ_R : forall vs l, forallb (forallb pos_den) vs = true ->
  coef (map Q2R (fold_right qadd [] (map (fun x => autocorrQ (map qQ x)) vs))) l =
  sum_list (map (fun x => coef (autocorr x) l) (map (map qR) vs)).
Proof.
  induction vs as [|x vs IH]; intros l H; simpl.
  - unfold coef. destruct l; reflexivity.
  - simpl in H. apply andb_prop in H. destruct H as [H1 H2].
    rewrite qadd_R, IH by exact H2. f_equal.
    rewrite autocorrQ_R, map_qQ_R by exact H1. reflexivity.
Qed.

Theorem target_check_sound : forall vs t, target_check vs t = true ->
  forall l, coef (map qR t) l = sum_list (map (fun x => coef (autocorr x) l) (map (map qR) vs)).
Proof.
  intros vs t H l. unfold target_check in H. apply andb_prop in H. destruct H as [H H3].
  apply andb_prop in H. destruct H as [H1 H2].
  rewrite <- map_qQ_R by exact H1. rewrite (qeqz_R _ _ H3 l). apply sum_autocorrQ_R.
  exact H2.
Qed.

(* The Lemma for the vectors: a lemma-exact certificate's two checks give c with
   c ⋆ c = sum_i a_i ⋆ a_i, every lag. *)
Theorem lemma_exact_vectors_sound : forall m lo hi d Ns vs t qs,
  lemma_exact_check_big m lo hi d Ns t qs = true -> target_check vs t = true ->
  exists c : list R, length c = length t /\
    forall l, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) (map (map qR) vs)).
Proof.
  intros m lo hi d Ns vs t qs Hc Ht.
  destruct (lemma_exact_sound_big m lo hi d Ns t qs Hc) as [c [Hl Ha]].
  exists c. split; [exact Hl|]. intros l. rewrite Ha. apply target_check_sound. exact Ht.
Qed.
