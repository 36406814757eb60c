(* wip/LeastNorm.v (work in progress, not in _CoqProject): the least-norm step of issue 15 in
   matrix form over the standard R (a real field by mathcomp-analysis' Rstruct): the row space
   of M^T M is the row space of M, so a w that some V realizes (w = V M) is also y (M^T M) for
   some y -- the solvability of the normal equations (H1) of Collapse.collapse_of_autocorr.
   Still missing: the matrix M of V |-> sum_c u_c * v_c from the lists of Collapse.v, and
   Independence.v (collapse_to_one_channel, independent_of_C). *)
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
