(* Schur.v: the Schur-complement step of MATH.md §7, for any n x D real matrix T:
   if 4I - T T^T is positive semidefinite (as a quadratic form on R^n), then so is
   S = [[I, -T/2], [-T^T/2, I]] on R^n x R^D, i.e.
     ||u||^2 + ||v||^2 - u^T T v >= 0   for all u, v.
   Identity used: ||u||^2 + ||v||^2 - u^T T v = ||v - T^T u / 2||^2 + u^T (4I - T T^T) u / 4. *)

From Coq Require Import Reals List Arith Lia Lra.
From Convcert Require Import Network Sums PsdCheck.
Open Scope R_scope.

(* 4I - T T^T, an n x n matrix. *)
Definition gramT (D : nat) (T : nat -> nat -> R) (p q : nat) : R :=
  (if Nat.eqb p q then 4 else 0) - sumR D (fun i => T p i * T q i).

(* z^T S z for z = (u; v): ||u||^2 + ||v||^2 - u^T T v. *)
Definition Sform (n D : nat) (T : nat -> nat -> R) (u v : nat -> R) : R :=
  sumR n (fun k => u k * u k) + sumR D (fun i => v i * v i)
  - sumR n (fun k => sumR D (fun i => u k * T k i * v i)).

Lemma sumR_mul_r : forall n f c, sumR n f * c = sumR n (fun i => f i * c).
Proof.
  intros. rewrite Rmult_comm, <- sumR_scal. apply sumR_ext. intros; cbv beta; ring.
Qed.

Lemma sumR_prod : forall n m f g,
  sumR n f * sumR m g = sumR n (fun i => sumR m (fun j => f i * g j)).
Proof.
  intros. rewrite sumR_mul_r. apply sumR_ext. intros i _. cbv beta.
  rewrite <- sumR_scal. reflexivity.
Qed.

Section SchurStep.
  Variables (n D : nat) (T : nat -> nat -> R).

  Let t (u : nat -> R) (i : nat) : R := sumR n (fun k => u k * T k i).

  Lemma qform_gramT : forall u,
    qform n (gramT D T) u = 4 * sumR n (fun p => u p * u p) - sumR D (fun i => t u i * t u i).
  Proof.
    intros u. unfold qform, gramT, t.
    rewrite (sumR_ext n _ (fun p => 4 * (u p * u p) -
                 sumR n (fun q => sumR D (fun i => u p * T p i * (u q * T q i))))).
    2: { intros p Hp. cbv beta.
         rewrite (sumR_ext n _ (fun q => (if Nat.eqb p q then 4 * (u p * u q) else 0) -
                                         sumR D (fun i => u p * T p i * (u q * T q i)))).
         - rewrite sumR_minus, (sumR_delta n p (fun q => 4 * (u p * u q))) by exact Hp. reflexivity.
         - intros q Hq. cbv beta.
           rewrite (sumR_ext D (fun i => u p * T p i * (u q * T q i))
                               (fun i => u p * u q * (T p i * T q i))) by (intros; cbv beta; ring).
           rewrite sumR_scal. destruct (Nat.eqb p q); ring. }
    rewrite sumR_minus, sumR_scal. f_equal.
    rewrite (sumR_ext D (fun i => sumR n (fun k => u k * T k i) * sumR n (fun k => u k * T k i))
                        (fun i => sumR n (fun p => sumR n (fun q => u p * T p i * (u q * T q i)))))
      by (intros; cbv beta; apply sumR_prod).
    symmetry. rewrite sumR_swap. apply sumR_ext. intros p _. cbv beta.
    apply sumR_swap.
  Qed.

  Lemma Sform_identity : forall u v,
    Sform n D T u v = sumR D (fun i => (v i - t u i / 2) * (v i - t u i / 2))
                      + qform n (gramT D T) u / 4.
  Proof.
    intros u v. rewrite qform_gramT. unfold Sform.
    rewrite (sumR_ext D (fun i => (v i - t u i / 2) * (v i - t u i / 2))
                        (fun i => v i * v i - t u i * v i + / 4 * (t u i * t u i)))
      by (intros; cbv beta; field).
    rewrite sumR_plus, sumR_minus, sumR_scal.
    replace (sumR D (fun i => t u i * v i))
      with (sumR n (fun k => sumR D (fun i => u k * T k i * v i))).
    - field.
    - unfold t. rewrite (sumR_ext D _ (fun i => sumR n (fun k => u k * T k i * v i)))
        by (intros; cbv beta; apply sumR_mul_r).
      rewrite sumR_swap. reflexivity.
  Qed.

  (* The Schur step: 4I - T T^T >= 0 implies S >= 0. *)
  Theorem Sform_nonneg : (forall y, 0 <= qform n (gramT D T) y) ->
    forall u v, 0 <= Sform n D T u v.
  Proof.
    intros H u v. rewrite Sform_identity.
    apply Rplus_le_le_0_compat.
    - apply sumR_nonneg. intros i _. apply Rle_0_sqr.
    - specialize (H u). lra.
  Qed.
End SchurStep.
