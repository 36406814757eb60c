(* Recip.v: the algebra of the reciprocal polynomial recip n p = x^(n-1) p(1/x) (PolyBridge.v)
   for size p <= n, over any ring: linearity, recip of monomials, multiplicativity
   [recip_mul], and its value at a nonzero point [horner_recip]. *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals.
From mathcomp Require Import all_ssreflect ssralg ssrnum poly.
From Convcert Require Import PolyBridge.
Import GRing.Theory.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Local Open Scope ring_scope.

Section Recip.
Variable T : comRingType.
Implicit Types p q : {poly T}.

Lemma recipD n p q : recip n (p + q) = recip n p + recip n q.
Proof. by apply/polyP => i; rewrite coefD !coef_recip coefD; case: ifP; rewrite ?addr0. Qed.

Lemma recip0 n : recip n (0 : {poly T}) = 0.
Proof. by apply/polyP => i; rewrite coef_recip !coef0; case: ifP. Qed.

Lemma recipZ n (a : T) p : recip n (a *: p) = a *: recip n p.
Proof. by apply/polyP => i; rewrite coefZ !coef_recip coefZ; case: ifP; rewrite ?mulr0. Qed.

Lemma recip_sum n (I : Type) (r : seq I) (P : pred I) (F : I -> {poly T}) :
  recip n (\sum_(i <- r | P i) F i) = \sum_(i <- r | P i) recip n (F i).
Proof. exact: (big_morph _ (recipD n) (recip0 n)). Qed.

Lemma recip_XnZ n m (a : T) : (m <= n)%N -> recip n.+1 (a *: 'X^m) = a *: 'X^(n - m).
Proof.
move=> hm; apply/polyP => i; rewrite coef_recip !coefZ !coefXn.
case: ltnP => hi; last first.
  rewrite (_ : (i == (n - m)%N) = false) ?mulr0 //; apply/negbTE.
  by rewrite neq_ltn (leq_ltn_trans (leq_subr m n) hi) orbT.
congr (a * (_ : bool)%:R); apply/eqP/eqP => h.
  by rewrite -h subSS subKn // -ltnS.
by rewrite h subSS subKn.
Qed.

(* A polynomial of size <= n as the sum of its n first monomials. *)
Lemma poly_expand n p : (size p <= n)%N -> p = \sum_(j < n) p`_j *: 'X^j.
Proof.
move=> hp; rewrite -poly_def; apply/polyP => i; rewrite coef_poly.
by case: ltnP => // h; rewrite nth_default // (leq_trans hp h).
Qed.

Lemma recip_expand n p : (size p <= n.+1)%N ->
  recip n.+1 p = \sum_(j < n.+1) p`_j *: 'X^(n - j).
Proof.
move=> hp; rewrite {1}(poly_expand hp) recip_sum; apply: eq_bigr => j _.
by rewrite recip_XnZ // -ltnS.
Qed.

Lemma recip_mul a b p q : (size p <= a.+1)%N -> (size q <= b.+1)%N ->
  recip (a + b).+1 (p * q) = recip a.+1 p * recip b.+1 q.
Proof.
move=> hp hq; rewrite (recip_expand hp) (recip_expand hq) {1}(poly_expand hp).
rewrite {1}(poly_expand hq) !big_distrl !recip_sum; apply: eq_bigr => j _ /=.
rewrite !big_distrr recip_sum; apply: eq_bigr => k _ /=.
rewrite -!scalerAl -!scalerAr !scalerA -!exprD recip_XnZ; last first.
  by rewrite leq_add // -ltnS.
have hj : (j <= a)%N by rewrite -ltnS.
have hk : (k <= b)%N by rewrite -ltnS.
congr (_ *: 'X^_); nlia.
Qed.

(* One more leading zero coefficient is one more factor X. *)
Lemma recip_shift k p : (size p <= k)%N -> recip k.+1 p = 'X * recip k p.
Proof.
move=> hp; apply/polyP => -[|i]; rewrite coefXM coef_recip /=.
  by rewrite subn1 /= nth_default.
by rewrite coef_recip ltnS subSS.
Qed.

Lemma recip2X : recip 2 ('X : {poly T}) = 1.
Proof. by apply/polyP => -[|[|i]]; rewrite coef_recip coefX coef1. Qed.

Lemma recip1C (a : T) : recip 1 a%:P = a%:P.
Proof. by apply/polyP => -[|i]; rewrite coef_recip coefC /= // coefC. Qed.
End Recip.

Section RecipField.
Variable F : fieldType.
Implicit Types p : {poly F}.

(* x^n p(1/x) at a nonzero x. *)
Lemma horner_recip n p x : (size p <= n.+1)%N -> x != 0 ->
  (recip n.+1 p).[x] = x ^+ n * p.[x^-1].
Proof.
move=> hp hx; rewrite (recip_expand hp) {2}(poly_expand hp) !horner_sum mulr_sumr.
apply: eq_bigr => j _; rewrite !hornerZ !hornerXn exprVn mulrCA.
have hj : (j <= n)%N by rewrite -ltnS.
by rewrite -[in x ^+ n](subnK hj) exprD mulfK // expf_neq0.
Qed.
End RecipField.
