(* convcert coq: Coq instance proof of the network-collapse certificate network-collapse.json
   (D = 6, K = 3, C = 3 -> 1).
   Check it in the project root, after `make -C proofs` (the library, logical name
   Convcert; if it was built elsewhere, pass that directory instead of proofs):
     coqc -R proofs Convcert FILE.v
   (the file name must be a Coq identifier plus .v, e.g. bracket_d8_k2.v).
   certificate_holds: the one-channel output network realizes the same w as the input network
   and costs at most cost_in + slack; cost_in and cost_out are the two exact costs.
   Every number below is the certificate's; Coq recomputes every claim from them. *)

From Coq Require Import Reals QArith ZArith List.
From Convcert Require Import Network Bracket.
Import ListNotations.
Open Scope R_scope.

Definition D : nat := 6.
Definition K : nat := 3.

Definition w : list Q :=
  [(29#8); (29#4); (-10#3); (5#1); (6#1); (-3#1)].

Definition input : list (list Q * list Q) := [
  ([(1#1); (2#1); (-1#1)],
   [(1#1); (0#1); (0#1); (1#1); (0#1); (-1#1)]);
  ([(1#2); (0#1); (3#1)],
   [(0#1); (1#1); (1#3); (0#1); (2#1); (0#1)]);
  ([(2#1); (-3#2); (1#1)],
   [(-1#1); (1#1); (0#1); (0#1); (1#1); (1#4)])].

Definition output : list (list Q * list Q) := [
  ([(108832439287#274877906944); (-175450904475#274877906944); (233461132399#68719476736)],
   [(-11881129566555696786835234574124193603911680#14778398928769565570228564528359657869805143);
    (27141697242482123264165615946763765379235840#14778398928769565570228564528359657869805143);
    (21283286289385015357326596887256731714846720#14778398928769565570228564528359657869805143);
    (-11951187027258121892529318910684805348720640#14778398928769565570228564528359657869805143);
    (22065159636448180674394098796376455733313536#14778398928769565570228564528359657869805143);
    (26142359440368941810689953570130176635830272#14778398928769565570228564528359657869805143)])].

Definition cost_in : Q := (4849#144).
Definition cost_out : Q := (773589335421567338798959927682153195809656074798209684970138415691564871784224825735#31951002895515130205830552798123785852864675477896632222111153025693496869956616192).
Definition slack : Q := (0#1).

Lemma checks : collapse_check D K w input output cost_in cost_out slack = true.
Proof. vm_cast_no_check (eq_refl true). Qed.

Theorem certificate_holds :
  length (netR output) = 1%nat /\ wf D K (netR output) /\
  realizes D K (netR input) (map Q2R w) /\ realizes D K (netR output) (map Q2R w) /\
  cost D K (netR input) = Q2R cost_in /\ cost D K (netR output) = Q2R cost_out /\
  cost D K (netR output) <= cost D K (netR input) + Q2R slack.
Proof. exact (collapse_sound D K w input output cost_in cost_out slack checks). Qed.
