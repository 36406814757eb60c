(* wip/FejerRieszPoly.v (work in progress, not in _CoqProject): the Fejer-Riesz lemma for
   sums of squares of real polynomials, over mathcomp's {poly R} with R Coq's standard reals
   (a real closed field by Rstruct) and C = R[i] (algebraically closed by real-closed's
   complex.v). Main result: [fr_sos] -- for real polynomials p_i of size <= K there is a real c
   of size <= K with c * recip K c = sum_i p_i * recip K p_i (MATH.md section 2).
   Route: (1) divide out G = gcd of the p_i (then the quotients have no common root, so
   sum_i q_i recip q_i has no root on the unit circle); (2) [fr_positive]: a self-reciprocal S
   that is positive on the unit circle factors, by induction on its degree: a root alpha of S
   (not on the circle, not 0) gives the real g with roots alpha (and conj alpha), and
   g * recip g divides S with a quotient of the same kind. *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals.
From mathcomp Require Import all_ssreflect ssralg ssrnum poly polydiv.
From mathcomp.real_closed Require Import complex.
From mathcomp.analysis Require Import Rstruct.
From Convcert Require Import PolyBridge.
Import GRing.Theory Num.Theory.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Local Open Scope ring_scope.

Notation C := (complex R).
Definition pC (p : {poly R}) : {poly C} := map_poly (real_complex R) p.

(* S is positive on the unit circle, seen from its center n: z^-n S(z) > 0 for |z| = 1
   (in C, 0 < x means x is a positive real). *)
Definition circ_pos (n : nat) (S : {poly R}) : Prop :=
  forall z : C, z * z^* = 1 -> 0 < z^* ^+ n * (pC S).[z].

Lemma fr_positive n (S : {poly R}) : (size S <= n.*2.+1)%N -> recip n.*2.+1 S = S ->
  circ_pos n S -> exists c : {poly R}, (size c <= n.+1)%N /\ c * recip n.+1 c = S.
Proof.
Admitted.

Lemma fr_sos K (ps : seq {poly R}) : all (fun p : {poly R} => size p <= K)%N ps ->
  exists c : {poly R}, (size c <= K)%N /\ c * recip K c = \sum_(p <- ps) p * recip K p.
Proof.
Admitted.

(* fr_sos for the polynomials of a list of vectors of length K. *)
Lemma fr_sos_lists K (a : list (list R)) : (forall x, List.In x a -> length x = K) ->
  exists c : {poly R}, (size c <= K)%N /\ c * recip K c = \sum_(x <- a) Poly x * recip K (Poly x).
Proof.
move=> ha; have [|c [hc hs]] := @fr_sos K (map Poly a); last by exists c; rewrite hc hs big_map.
apply/allP => _ /mapP [x /mem_In /ha hx ->].
by rewrite (leq_trans (size_Poly x)) // size_length hx.
Qed.
