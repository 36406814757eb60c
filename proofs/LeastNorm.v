(* LeastNorm.v: the least-norm step of issue 15 in matrix form over the standard R (a real
   field by mathcomp-analysis' Rstruct): the row space of M^T M is the row space of M, so a w
   that some V realizes (w = V M) is also y (M^T M) for some y -- the solvability of the normal
   equations (H1) of Collapse.collapse_of_autocorr; and the per-channel form
   [normal_equations_sum]: sum_c v_c M_c = y (sum_c M_c^T M_c) for some y (M_c the D x D matrix
   of v |-> u_c * v). ConvMatrix.v carries it to the library's lists. *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals Lia.
From mathcomp Require Import all_ssreflect ssralg ssrnum matrix mxalgebra.
From mathcomp.analysis Require Import Rstruct.
From Convcert Require Import PolyBridge.
Import GRing.Theory Num.Theory.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Local Open Scope ring_scope.

(* B B^T = 0 forces B = 0 over a real field. *)
Lemma mul_tr_eq0 p n (B : 'M[R]_(p, n)) : B *m B^T = 0 -> B = 0.
Proof.
move=> h; apply/matrixP => i j; rewrite mxE.
have := congr1 (fun A : 'M_p => A i i) h; rewrite !mxE => /eqP.
rewrite psumr_eq0 => [/allP hall|k _]; last by rewrite mxE -expr2 sqr_ge0.
by move: (hall j (mem_index_enum j)); rewrite /= mxE -expr2 sqrf_eq0 => /eqP.
Qed.

(* The left kernel of M^T M is the left kernel of M^T. *)
Lemma kermx_gram p n (M : 'M[R]_(p, n)) : (kermx (M^T *m M) <= kermx M^T)%MS.
Proof.
apply/sub_kermxP; apply: mul_tr_eq0.
by rewrite trmx_mul trmxK mulmxA -(mulmxA _ M^T) (sub_kermxP (submx_refl _)) mul0mx.
Qed.

Lemma rank_gram p n (M : 'M[R]_(p, n)) : \rank (M^T *m M) = \rank M.
Proof.
apply/eqP; rewrite eqn_leq mxrankS ?submxMl //=.
have := mxrankS (kermx_gram M); rewrite !mxrank_ker mxrank_tr.
by move: (rank_leq_col M) (rank_leq_row (M^T *m M)); move: (\rank M) (\rank _) => a b; nlia.
Qed.

Theorem rowspace_gram p n (M : 'M[R]_(p, n)) : (M^T *m M :=: M)%MS.
Proof.
apply/eqmxP; have := mxrank_leqif_eq (submxMl M^T M).
by rewrite rank_gram => /leqif_refl.
Qed.

(* The normal equations can be solved: w = V M gives w = y (M^T M). *)
Theorem normal_equations_solvable p n (M : 'M[R]_(p, n)) (w : 'rV[R]_n) :
  (w <= M)%MS -> exists y : 'rV[R]_n, w = y *m (M^T *m M).
Proof. by rewrite -(rowspace_gram M) => /submxP [y ->]; exists y. Qed.

(* ---- the same for a sum of channels: w = sum_c v_c M_c gives w = y (sum_c M_c^T M_c) ---- *)

(* Diagonal entries of B B^T are sums of squares. *)
Lemma diag_mul_tr_ge0 p n (B : 'M[R]_(p, n)) i : 0 <= (B *m B^T) i i.
Proof. by rewrite mxE sumr_ge0 // => k _; rewrite mxE -expr2 sqr_ge0. Qed.

(* X G = 0 for G = sum_c M_c^T M_c forces X M_c^T = 0 for every c. *)
Lemma ker_gram_sum C p n (M : 'I_C -> 'M[R]_(n, n)) (X : 'M[R]_(p, n)) :
  X *m (\sum_c (M c)^T *m M c) = 0 -> forall c, X *m (M c)^T = 0.
Proof.
move=> hX c; apply/matrixP => i j; rewrite [RHS]mxE.
have hdiag : \sum_c ((X *m (M c)^T) *m (X *m (M c)^T)^T) i i = 0.
  rewrite -[RHS](_ : ((0 : 'M_(p, n)) *m X^T) i i = 0); last by rewrite mul0mx mxE.
  rewrite -hX mulmx_sumr mulmx_suml summxE; apply: eq_bigr => d _.
  by rewrite trmx_mul trmxK !mulmxA.
have hci : ((X *m (M c)^T) *m (X *m (M c)^T)^T) i i = 0.
  move: hdiag; rewrite (bigD1 c) //= => /eqP; rewrite paddr_eq0 ?diag_mul_tr_ge0 //.
    by case/andP => /eqP.
  by rewrite sumr_ge0 // => d _; rewrite diag_mul_tr_ge0.
move: hci; rewrite mxE => /eqP; rewrite psumr_eq0 => [/allP h|k _]; last first.
  by rewrite [Z in _ * Z]mxE -expr2 sqr_ge0.
by move: (h j (mem_index_enum j)); rewrite /= [Z in _ * Z]mxE -expr2 sqrf_eq0 => /eqP.
Qed.


(* The normal equations for a sum of channels: w = sum_c v_c M_c is y (sum_c M_c^T M_c). *)
Theorem normal_equations_sum C n (M : 'I_C -> 'M[R]_(n, n)) (v : 'I_C -> 'rV[R]_n) :
  exists y : 'rV[R]_n, \sum_c v c *m M c = y *m \sum_c (M c)^T *m M c.
Proof.
set G := \sum_c (M c)^T *m M c.
have Gsym : G^T = G.
  rewrite /G raddf_sum; apply: eq_bigr => c _.
  by rewrite /= trmx_mul trmxK.
set K := kermx G.
have hGK : (G <= kermx K^T)%MS.
  apply/sub_kermxP; have -> : G *m K^T = (K *m G)^T by rewrite [RHS]trmx_mul Gsym.
  by rewrite mulmx_ker trmx0.
have hrk : \rank (kermx K^T) = \rank G.
  by rewrite mxrank_ker mxrank_tr mxrank_ker subKn // rank_leq_col.
have hKG : (kermx K^T <= G)%MS.
  by have := mxrank_leqif_eq hGK; rewrite hrk => /leqif_refl /andP [].
have hw : ((\sum_c v c *m M c)%R <= kermx K^T)%MS.
  apply/sub_kermxP; rewrite mulmx_suml big1 // => c _; rewrite -mulmxA.
  have -> : M c *m K^T = (K *m (M c)^T)^T by rewrite [RHS]trmx_mul trmxK.
  by rewrite (ker_gram_sum (mulmx_ker G)) trmx0 mulmx0.
by have /submxP [y ->] := submx_trans hw hKG; exists y.
Qed.
