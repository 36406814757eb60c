(* tests/coq/FejerRieszStatement.v (ctest coq_library): the Lemma's statement, written out as
   issue 15 states it in a context with only the standard library and the library's lists, must
   be the type of FejerRiesz.sum_autocorr_factor (a weakened or changed statement fails here);
   and its edge cases instantiate: K = 0, an empty list of vectors, the all-zero input, and
   vectors whose top lags vanish (trailing zeros). *)
From Coq Require Import Reals List.
From Convcert Require Import Network Autocorr FejerRiesz.
Import ListNotations.
Local Open Scope R_scope.

Definition issue_statement : Prop := forall (K : nat) (a : list (list R)),
  (forall x, In x a -> length x = K) ->
  exists c : list R, length c = K /\
    forall l : nat, coef (autocorr c) l = sum_list (map (fun x => coef (autocorr x) l) a).

Definition statement_is_exact : issue_statement := sum_autocorr_factor.

(* K = 0: c is the empty list. *)
Example k0 : exists c : list R, c = [] /\ forall l, coef (autocorr c) l = 0.
Proof.
  destruct (sum_autocorr_factor 0 [[]; []]) as [c [Hl Hc]].
  - intros x [<-|[<-|[]]]; reflexivity.
  - exists c; split; [now destruct c|]. intros l; rewrite Hc; simpl.
    unfold coef; destruct l; simpl; ring.
Qed.

(* No vectors, or all-zero vectors: c * c = 0 at every lag. *)
Example no_vectors : exists c : list R, length c = 3%nat /\ forall l, coef (autocorr c) l = 0.
Proof.
  destruct (sum_autocorr_factor 3 []) as [c [Hl Hc]]; [intros x []|].
  exists c; split; [exact Hl|]. intros l; rewrite Hc; reflexivity.
Qed.

(* Trailing zeros: [1; 0; 0] and [0; 2; 0] have lag 2 zero, and so has c. *)
Example top_lags_vanish : exists c : list R, length c = 3%nat /\
  coef (autocorr c) 0 = 5 /\ coef (autocorr c) 2 = 0.
Proof.
  destruct (sum_autocorr_factor 3 [[1; 0; 0]; [0; 2; 0]]) as [c [Hl Hc]].
  - intros x [<-|[<-|[]]]; reflexivity.
  - exists c; split; [exact Hl|]. rewrite !Hc. unfold coef, autocorr; simpl. split; ring.
Qed.
