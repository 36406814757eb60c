(* What a `lemma-exact` instance proof needs (docs/certificates.md, MATH.md "Lemma, exact"):
   - integer polynomials (lists of Z, ascending powers), their evaluation [zpeval] in R, and
     reflective arithmetic (sum, scaling, product, zero test) proven to commute with [zpeval];
   - [zpoly_root_between]: a strict sign change m(lo) m(hi) < 0 at rationals lo < hi, checked
     by computation over Q, gives a real root alpha of m in [lo, hi] (stdlib [IVT]);
   - [lemma_exact_sound]: the boolean [lemma_exact_check], computed by [vm_compute] in an
     instance, implies [exists c : list R, length c = K /\ autocorr c = target].
   Encoding of an instance (the exporter writes it): c_k = N_k(alpha) / d with N_k in Z[y] and
   one common denominator d > 0 (so P_k = N_k / d), target t_j = a_j / b_j, and for every lag
   j a scale s_j > 0 and a quotient Q_j in Z[y] with the polynomial identity
       s_j * (b_j * S_j - d^2 a_j) = Q_j * m,     S_j = sum_k N_k N_{k+j}   (lag j of N ⋆ N),
   checked coefficient by coefficient over Z. At the root, m(alpha) = 0, hence
   (c ⋆ c)[j] = S_j(alpha) / d^2 = a_j / b_j. Nothing about m is assumed (not irreducible). *)
From Coq Require Import Reals List Lia ZArith QArith Qreals Psatz.
From Convcert Require Import Autocorr.
Import ListNotations.
Local Open Scope R_scope.

(* ---- integer polynomials and their values at a real point ---- *)

Fixpoint zpeval (p : list Z) (x : R) : R :=
  match p with
  | [] => 0
  | a :: p' => IZR a + x * zpeval p' x
  end.

Fixpoint zpadd (p q : list Z) : list Z :=
  match p, q with
  | [], _ => q
  | _, [] => p
  | a :: p', b :: q' => (a + b)%Z :: zpadd p' q'
  end.

Definition zpscale (c : Z) (p : list Z) : list Z := map (Z.mul c) p.

Fixpoint zpmul (p q : list Z) : list Z :=
  match p with
  | [] => []
  | a :: p' => zpadd (zpscale a q) (0%Z :: zpmul p' q)
  end.

Definition zpis0 (p : list Z) : bool := forallb (fun a => Z.eqb a 0) p.

Definition zpeqb (p q : list Z) : bool := zpis0 (zpadd p (zpscale (-1) q)).

Lemma zpeval_add : forall p q x, zpeval (zpadd p q) x = zpeval p x + zpeval q x.
Proof.
  induction p as [|a p IH]; intros [|b q] x; simpl; try ring.
  rewrite IH, plus_IZR. ring.
Qed.

Lemma zpeval_scale : forall c p x, zpeval (zpscale c p) x = IZR c * zpeval p x.
Proof.
  induction p as [|a p IH]; intros x; simpl; [ring|].
  unfold zpscale in IH. rewrite IH, mult_IZR. ring.
Qed.

Lemma zpeval_mul : forall p q x, zpeval (zpmul p q) x = zpeval p x * zpeval q x.
Proof.
  induction p as [|a p IH]; intros q x; simpl; [ring|].
  rewrite zpeval_add, zpeval_scale. simpl. rewrite IH. ring.
Qed.

Lemma zpis0_sound : forall p x, zpis0 p = true -> zpeval p x = 0.
Proof.
  induction p as [|a p IH]; intros x H; simpl; [reflexivity|].
  simpl in H. apply andb_prop in H. destruct H as [Ha Hp].
  apply Z.eqb_eq in Ha. subst a. rewrite IH by exact Hp. ring.
Qed.

Lemma zpeqb_sound : forall p q x, zpeqb p q = true -> zpeval p x = zpeval q x.
Proof.
  intros p q x H. apply (zpis0_sound _ x) in H.
  rewrite zpeval_add, zpeval_scale in H. apply Rminus_diag_uniq. rewrite <- H. simpl. ring.
Qed.

Lemma zpeval_continuity : forall p, continuity (zpeval p).
Proof.
  induction p as [|a p IH]; simpl.
  - apply continuity_const. intros x y. reflexivity.
  - apply continuity_plus.
    + apply continuity_const. intros x y. reflexivity.
    + apply continuity_mult; [apply derivable_continuous, derivable_id | exact IH].
Qed.

(* ---- values at rationals, computed over Q ---- *)

Fixpoint qpeval (p : list Z) (x : Q) : Q :=
  match p with
  | [] => 0%Q
  | a :: p' => (inject_Z a + x * qpeval p' x)%Q
  end.

Lemma Q2R_inject_Z : forall z, Q2R (inject_Z z) = IZR z.
Proof. intros z. unfold Q2R, inject_Z. simpl. field. Qed.

Lemma qpeval_Q2R : forall p x, Q2R (qpeval p x) = zpeval p (Q2R x).
Proof.
  induction p as [|a p IH]; intros x; simpl.
  - unfold Q2R. simpl. field.
  - rewrite Q2R_plus, Q2R_mult, IH, Q2R_inject_Z. reflexivity.
Qed.

Definition Qlt_bool (x y : Q) : bool := negb (Qle_bool y x).

Lemma Qlt_bool_Rlt : forall x y, Qlt_bool x y = true -> Q2R x < Q2R y.
Proof.
  intros x y H. apply Qlt_Rlt. unfold Qlt_bool in H. apply Bool.negb_true_iff in H.
  apply Qnot_le_lt. intros Hle. apply Qle_bool_iff in Hle. congruence.
Qed.

(* A strict sign change of m between the rationals lo < hi: a real root in [lo, hi]. *)
Theorem zpoly_root_between : forall m lo hi,
  Qlt_bool lo hi = true -> Qlt_bool (qpeval m lo * qpeval m hi) 0 = true ->
  exists alpha, Q2R lo <= alpha <= Q2R hi /\ zpeval m alpha = 0.
Proof.
  intros m lo hi Hlh Hs. apply Qlt_bool_Rlt in Hlh. apply Qlt_bool_Rlt in Hs.
  rewrite Q2R_mult, !qpeval_Q2R in Hs. replace (Q2R 0) with 0 in Hs by (unfold Q2R; simpl; field).
  destruct (Rlt_le_dec (zpeval m (Q2R lo)) 0) as [Hneg|Hpos].
  - assert (0 < zpeval m (Q2R hi)) by nra.
    destruct (IVT (zpeval m) (Q2R lo) (Q2R hi) (zpeval_continuity m) Hlh Hneg H)
      as [alpha [Hin Hz]].
    exists alpha. split; assumption.
  - assert (zpeval m (Q2R hi) < 0) by nra.
    assert (Hc : continuity (fun x => - zpeval m x))
      by (apply continuity_opp, zpeval_continuity).
    destruct (IVT (fun x => - zpeval m x) (Q2R lo) (Q2R hi) Hc Hlh) as [alpha [Hin Hz]].
    + assert (zpeval m (Q2R lo) <> 0) by (intro Hz; rewrite Hz in Hs; lra). lra.
    + lra.
    + exists alpha. split; [assumption | lra].
Qed.

(* ---- autocorrelation of a list of integer polynomials ---- *)

Fixpoint zpdot (a b : list (list Z)) : list Z :=
  match a, b with
  | x :: a', y :: b' => zpadd (zpmul x y) (zpdot a' b')
  | _, _ => []
  end.

Definition zpautocorr (a : list (list Z)) : list (list Z) :=
  map (fun j => zpdot a (skipn j a)) (seq 0 (length a)).

Lemma zpdot_eval : forall a b x,
  zpeval (zpdot a b) x = dot (map (fun p => zpeval p x) a) (map (fun p => zpeval p x) b).
Proof.
  induction a as [|p a IH]; intros [|q b] x; simpl; try reflexivity.
  rewrite zpeval_add, zpeval_mul, IH. reflexivity.
Qed.

Lemma skipn_map_comm : forall (A B : Type) (f : A -> B) j l,
  skipn j (map f l) = map f (skipn j l).
Proof. intros A B f j. induction j as [|j IH]; intros [|x l]; simpl; auto. Qed.

(* Evaluation at x is a ring morphism, so it commutes with the autocorrelation. *)
Theorem zpautocorr_eval : forall a x,
  map (fun p => zpeval p x) (zpautocorr a) = autocorr (map (fun p => zpeval p x) a).
Proof.
  intros a x. unfold zpautocorr, autocorr. rewrite map_map, map_length. apply map_ext.
  intros j. rewrite zpdot_eval, skipn_map_comm. reflexivity.
Qed.

(* ---- the instance check ---- *)

(* The rational a / b as a real, written as the literal a (b = 1) or a / b. *)
Definition qR (t : Z * positive) : R :=
  if Pos.eqb (snd t) 1 then IZR (fst t) else IZR (fst t) / IZR (Zpos (snd t)).

(* One lag: s_j * (b_j * S_j - d^2 a_j) = Q_j * m as polynomials. *)
Definition lag_ok (m : list Z) (d : positive) (s : list Z) (a : Z) (b sj : positive)
    (qj : list Z) : bool :=
  zpeqb (zpscale (Zpos sj) (zpadd (zpscale (Zpos b) s) [(- (Zpos d * Zpos d * a))%Z]))
        (zpmul qj m).
Arguments lag_ok : simpl never.

(* Lag by lag; all three lists of the same length. *)
Fixpoint lags_ok (m : list Z) (d : positive) (S : list (list Z)) (t : list (Z * positive))
    (qs : list (positive * list Z)) : bool :=
  match S, t, qs with
  | [], [], [] => true
  | s :: S', (a, b) :: t', (sj, qj) :: qs' => lag_ok m d s a b sj qj && lags_ok m d S' t' qs'
  | _, _, _ => false
  end.

Definition lemma_exact_check (m : list Z) (lo hi : Q) (d : positive) (Ns : list (list Z))
    (t : list (Z * positive)) (qs : list (positive * list Z)) : bool :=
  Qlt_bool lo hi && Qlt_bool (qpeval m lo * qpeval m hi) 0 && lags_ok m d (zpautocorr Ns) t qs.

Lemma lag_ok_sound : forall m d s a b sj qj alpha, zpeval m alpha = 0 ->
  lag_ok m d s a b sj qj = true ->
  / IZR (Zpos d) * / IZR (Zpos d) * zpeval s alpha = qR (a, b).
Proof.
  intros m d s a b sj qj alpha Hm H1. unfold lag_ok in H1.
  apply (zpeqb_sound _ _ alpha) in H1.
  rewrite zpeval_mul, Hm, Rmult_0_r, zpeval_scale, zpeval_add, zpeval_scale in H1.
  cbn [zpeval] in H1. rewrite Rmult_0_r, Rplus_0_r, opp_IZR, !mult_IZR in H1.
  assert (Hs : IZR (Zpos sj) <> 0) by (apply not_0_IZR; discriminate).
  assert (Hb : IZR (Zpos b) <> 0) by (apply not_0_IZR; discriminate).
  assert (Hd : IZR (Zpos d) <> 0) by (apply not_0_IZR; discriminate).
  apply Rmult_integral in H1. destruct H1 as [H1|H1]; [contradiction|].
  unfold qR. cbn [fst snd]. destruct (Pos.eqb b 1) eqn:Eb.
  - apply Pos.eqb_eq in Eb. subst b.
    field_simplify_eq; [|exact Hd]. lra.
  - field_simplify_eq; [|split; assumption]. lra.
Qed.

Lemma lags_ok_sound : forall m d alpha, zpeval m alpha = 0 ->
  forall S t qs, lags_ok m d S t qs = true ->
  map (fun p => / IZR (Zpos d) * / IZR (Zpos d) * zpeval p alpha) S = map qR t /\
  length S = length t.
Proof.
  intros m d alpha Hm. induction S as [|s S IH]; intros [|[a b] t] [|[sj qj] qs] H;
    simpl in H; try discriminate; [split; reflexivity|].
  apply andb_prop in H. destruct H as [H1 H2]. destruct (IH t qs H2) as [IHm IHl].
  simpl. rewrite IHm, IHl. split; [|reflexivity]. f_equal.
  exact (lag_ok_sound m d s a b sj qj alpha Hm H1).
Qed.

Theorem lemma_exact_sound : forall m lo hi d Ns t qs,
  lemma_exact_check m lo hi d Ns t qs = true ->
  exists c : list R, length c = length t /\ autocorr c = map qR t.
Proof.
  intros m lo hi d Ns t qs H. unfold lemma_exact_check in H.
  apply andb_prop in H. destruct H as [H Hlags]. apply andb_prop in H. destruct H as [Hlh Hs].
  destruct (zpoly_root_between m lo hi Hlh Hs) as [alpha [_ Hm]].
  destruct (lags_ok_sound m d alpha Hm _ _ _ Hlags) as [Hv Hl].
  exists (map (fun x => / IZR (Zpos d) * x) (map (fun p => zpeval p alpha) Ns)). split.
  - rewrite !map_length. unfold zpautocorr in Hl. rewrite map_length, seq_length in Hl.
    exact Hl.
  - rewrite autocorr_scal, <- zpautocorr_eval, map_map. rewrite <- Hv. reflexivity.
Qed.
