(* convcert coq: Coq instance proof of the regularizer-bracket certificate regularizer-bracket.json
   (D = 4, K = 2, R = 1, C0 = 1).
   Check it in the project root, after `make -C proofs` (the library, logical name
   Convcert; if it was built elsewhere, pass that directory instead of proofs):
     coqc -R proofs Convcert FILE.v
   (the file name must be a Coq identifier plus .v, e.g. bracket_d8_k2.v).
   certificate_holds: every network (any number of channels) realizing w costs at least lower,
   and a well-formed network with C0 channels realizes w and costs at most upper.
   Every number below is the certificate's; Coq recomputes every claim from them. *)

From Coq Require Import Reals QArith ZArith List.
From Convcert Require Import Network Bracket.
Import ListNotations.
Open Scope R_scope.

Definition D : nat := 4.
Definition K : nat := 2.
Definition C0 : nat := 1.

Definition lower : Q := (1224744871#500000000).
Definition upper : Q := (2449489743#1000000000).

Definition w : list Q :=
  [(1#1); (1#1); (0#1); (0#1)].

(* Evidence: the dual point lambda and the network (u_c, v_c). *)
Definition lam_den : positive := 0xb2d05e00.
Definition lamZ : list Z := (* lambda = lamZ / lam_den *)
  [0xdb005ef5; 0xdb005ef5; -0x49001fa7; -0x49001fa7]%Z.

Definition net : list (list Q * list Q) := [
  ([(0x5f867#0x7a120); (0x5f867#0x7a120)],
   [(0x5b8d8#0x5f867); (0x1e848#0x5f867); (-0x1e848#0x5f867); (0x1e848#0x5f867)])].

Lemma checks : bracket_check D K C0 w lamZ lam_den net lower upper = true.
Proof. vm_cast_no_check (eq_refl true). Qed.

Theorem certificate_holds :
  (forall nt : network, realizes D K nt (map Q2R w) -> Q2R lower <= cost D K nt) /\
  (exists nt : network, length nt = C0 /\ wf D K nt /\ realizes D K nt (map Q2R w)
                        /\ cost D K nt <= Q2R upper).
Proof. exact (bracket_single D K C0 w lamZ lam_den net lower upper checks). Qed.
