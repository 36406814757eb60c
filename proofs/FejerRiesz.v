(* FejerRiesz.v: the paper's Lemma (MATH.md section 2) for any number of vectors, over the
   library's lists of standard reals: for vectors a_i of length K there is c of length K with
   c * c = sum_i a_i * a_i (aperiodic autocorrelations, lag by lag). The proof is
   FejerRieszPoly.fr_sos (polynomials) carried to lists by PolyBridge.sum_autocorr_of_poly. *)
From Coq Require Import Reals List.
From Convcert Require Import Network Autocorr.
Require Convcert.PolyBridge Convcert.FejerRieszPoly.
Local Open Scope R_scope.

Theorem sum_autocorr_factor : forall (K : nat) (a : list (list R)),
  (forall x, In x a -> length x = K) ->
  exists c : list R, length c = K /\
    forall l : nat, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) a).
Proof.
  intros K a Ha.
  destruct (FejerRieszPoly.fr_sos_lists Ha) as [c [Hc Hpoly]].
  exact (PolyBridge.sum_autocorr_of_poly Ha Hc Hpoly).
Qed.
