(* PolyBridge.v: the bridge between the library's lists of standard reals and mathcomp's
   polynomials over R (made a real closed field by mathcomp-analysis' Rstruct).
   - [recip K p]  the reciprocal polynomial x^(K-1) p(1/x) of p (coefficient i is p_(K-1-i),
                  for i < K), so that for a list x of length K the coefficient K-1+l of
                  [Poly x * recip K (Poly x)] is the lag l of its autocorrelation;
   - [sumn_big], [sum_list_big]: the library's finite sums as mathcomp big sums.
   Main result: [sum_autocorr_of_poly] -- a polynomial identity
   c * recip K c = sum_i a_i * recip K a_i (sizes <= K) gives a list c of length K with
   coef (autocorr c) l = sum_i coef (autocorr a_i) l for every lag l (the Lemma's statement
   in FejerRiesz.v, MATH.md section 2). *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals List Lia.
From mathcomp Require Import all_ssreflect ssralg ssrnum poly.
From mathcomp.analysis Require Import Rstruct.
From Convcert Require Import Network Autocorr.
Import GRing.Theory.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Local Open Scope ring_scope.

(* x^(K-1) p(1/x) for size p <= K: coefficient i is p_(K-1-i) for i < K. *)
Definition recip {T : ringType} (K : nat) (p : {poly T}) : {poly T} :=
  \poly_(i < K) p`_(K - i.+1).

Lemma coef_recip (T : ringType) K (p : {poly T}) i : (recip K p)`_i = if (i < K)%N then p`_(K - i.+1) else 0.
Proof. by rewrite coef_poly. Qed.

Lemma size_recip (T : ringType) K (p : {poly T}) : (size (recip K p) <= K)%N.
Proof. exact: size_poly. Qed.

(* ---- the library's sums as big sums ---- *)

Lemma sumn_big n f : sumn n f = \sum_(i < n) f i.
Proof. elim: n => [|n IH] /=; first by rewrite big_ord0. by rewrite big_ord_recr /= IH. Qed.

Lemma sum_list_big (A : Type) (f : A -> R) s :
  sum_list (List.map f s) = \sum_(x <- s) f x.
Proof. elim: s => [|x s IH] /=; first by rewrite big_nil. by rewrite big_cons IH. Qed.

(* ---- the autocorrelation as a coefficient of p * recip p ---- *)

Lemma coef_Poly_list (x : list R) i : (Poly x)`_i = Autocorr.coef x i.
Proof. rewrite coef_Poly /Autocorr.coef; elim: x i => [|y x IH] [|i] //=. Qed.

(* lia on ssreflect's boolean comparisons of naturals. *)
Ltac nlia := intros; repeat match goal with
  | H : is_true (leq _ _) |- _ => move/ssrnat.leP: H => H
  | H : leq _ _ = true |- _ => move/ssrnat.leP: H => H end;
  rewrite ?ltnNge ?negbK; try apply/ssrnat.leP; change predn with Nat.pred in *;
  unfold addn, subn, addn_rec, subn_rec in *;
  lia.

Lemma size_length (x : list R) : size x = length x.
Proof. by elim: x => [|y x IH] //=; rewrite IH. Qed.

(* Lag l < K of the autocorrelation of x (K = size x) is coefficient K-1+l of
   Poly x * recip K (Poly x). *)
Lemma coef_autocorr_poly (x : list R) l : (l < size x)%N ->
  Autocorr.coef (autocorr x) l = (Poly x * recip (size x) (Poly x))`_(size x - 1 + l).
Proof.
move=> hl; set K := size x; rewrite autocorr_coef -size_length sumn_big coefM.
have -> : (K - 1 + l).+1 = (l + K)%N by move: hl; rewrite /K; nlia.
rewrite big_split_ord /= [X in _ = X + _]big1 ?add0r => [|i _]; last first.
  rewrite coef_recip ifF ?mulr0 //; apply/negbTE; rewrite -leqNgt /=.
  by move: (ltn_ord i) hl; rewrite /K; nlia.
apply: eq_bigr => i _ /=; rewrite coef_recip ifT; last first.
  by move: (ltn_ord i); rewrite /K; nlia.
rewrite !coef_Poly_list mulrC; congr (Autocorr.coef x _ * Autocorr.coef x _).
  by move: (ltn_ord i) hl; rewrite /K; nlia.
by rewrite addnC; apply/eqP; rewrite eqn_add2r /=.
Qed.

(* ---- from a polynomial identity to the Lemma's statement over lists ---- *)

(* The first K coefficients of p, as a list. *)
Definition poly_list (K : nat) (p : {poly R}) : list R := mkseq (fun i => p`_i) K.

Lemma length_poly_list K (p : {poly R}) : length (poly_list K p) = K.
Proof. by rewrite -size_length size_mkseq. Qed.

Lemma Poly_poly_list K (p : {poly R}) : (size p <= K)%N -> Poly (poly_list K p) = p.
Proof.
move=> hp; apply/polyP => i; rewrite coef_Poly; case: (ltnP i K) => hi.
  by rewrite nth_mkseq.
by rewrite !nth_default ?size_mkseq // (leq_trans hp hi).
Qed.

Lemma mem_In (A : eqType) (x : A) s : x \in s -> In x s.
Proof. by elim: s => //= y s IH; rewrite inE => /orP [/eqP ->|/IH]; auto. Qed.

(* Lags l >= K of vectors of length K vanish. *)
Lemma coef_autocorr_high (x : list R) l : (length x <= l)%N -> Autocorr.coef (autocorr x) l = 0.
Proof. by move=> /leP hl; apply: coef_overflow; rewrite autocorr_length. Qed.

Theorem sum_autocorr_of_poly K (a : list (list R)) (c : {poly R}) :
  (forall x, In x a -> length x = K) -> (size c <= K)%N ->
  c * recip K c = \sum_(x <- a) Poly x * recip K (Poly x) ->
  exists c' : list R, length c' = K /\
    forall l, Autocorr.coef (autocorr c') l =
              sum_list (List.map (fun x => Autocorr.coef (autocorr x) l) a).
Proof.
move=> ha hc hpoly; exists (poly_list K c); split; first exact: length_poly_list.
move=> l; rewrite sum_list_big; case: (ltnP l K) => hl.
  have hs : size (poly_list K c) = K by rewrite size_length length_poly_list.
  rewrite coef_autocorr_poly hs ?Poly_poly_list // hpoly coef_sum.
  apply: eq_big_seq => x /mem_In /ha hx.
  by rewrite coef_autocorr_poly size_length hx.
rewrite coef_autocorr_high ?length_poly_list // big1_seq // => x /andP [_ /mem_In /ha hx].
by rewrite coef_autocorr_high ?hx.
Qed.
