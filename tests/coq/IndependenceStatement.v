(* tests/coq/IndependenceStatement.v (ctest coq_library): the Theorem's two statements, written
   out as issue 15 states them in a context with only the standard library and the library's
   lists, must be the types of Independence.collapse_to_one_channel and
   Independence.independent_of_C (a weakened or changed statement fails here); and they
   instantiate on edge cases: the empty network (C = 0) collapses to one channel of cost 0, and
   a network with a zero channel gives the same bound with one channel. *)
From Coq Require Import Reals List Lia Lra.
From Convcert Require Import Network Independence.
Import ListNotations.
Local Open Scope R_scope.

Definition collapse_statement : Prop := forall (D K : nat) (net : network) (w : list R),
  (0 < D)%nat -> (K <= D)%nat -> wf D K net -> realizes D K net w ->
  exists ch : channel, wf D K [ch] /\ realizes D K [ch] w /\ cost D K [ch] <= cost D K net.

Definition independence_statement : Prop := forall (D K C : nat) (w : list R) (x : R),
  (0 < D)%nat -> (K <= D)%nat -> (1 <= C)%nat ->
  ((exists net : network, length net = C /\ wf D K net /\ realizes D K net w /\ cost D K net <= x) <->
   (exists net : network, length net = 1%nat /\ wf D K net /\ realizes D K net w /\ cost D K net <= x)).

Definition collapse_is_exact : collapse_statement := collapse_to_one_channel.
Definition independence_is_exact : independence_statement := independent_of_C.

(* The empty network realizes w = 0 at cost 0; its one-channel collapse costs at most 0. *)
Example empty_network : exists ch : channel, wf 2 1 [ch] /\ realizes 2 1 [ch] [0; 0] /\
  cost 2 1 [ch] <= 0.
Proof.
  destruct (collapse_to_one_channel 2 1 [] [0; 0]) as [ch [Hwf [Hw Hc]]].
  - lia.
  - lia.
  - constructor.
  - intros j Hj. unfold predictor, nthR. simpl.
    destruct j as [|[|j]]; [reflexivity|reflexivity|lia].
  - exists ch. split; [exact Hwf|]. split; [exact Hw|].
    replace (cost 2 1 []) with 0 in Hc by reflexivity. exact Hc.
Qed.

(* Two channels, the second zero: u = [1], v = [3; 4] realizes w = [3; 4] at cost 1 + 25 = 26,
   so one channel reaches the bound 26 as well. *)
Example zero_second_channel : exists net : network, length net = 1%nat /\ wf 2 1 net /\
  realizes 2 1 net [3; 4] /\ cost 2 1 net <= 26.
Proof.
  apply (proj1 (independent_of_C 2 1 2 [3; 4] 26 ltac:(lia) ltac:(lia) ltac:(lia))).
  exists [([1], [3; 4]); ([0], [0; 0])]. split; [reflexivity|]. split.
  - repeat constructor.
  - split.
    + intros j Hj. unfold predictor, cconv, cidx, nthR. simpl.
      destruct j as [|[|j]]; [simpl; ring|simpl; ring|lia].
    + unfold cost, sqnorm, nthR. simpl. lra.
Qed.
