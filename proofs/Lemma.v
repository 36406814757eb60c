(* What a `lemma-exact` instance proof needs (docs/certificates.md, MATH.md "Lemma, exact"):
   - integer polynomials (lists of Z, ascending powers), their evaluation [zpeval] in R, and
     arithmetic on them (sum, scaling, product, zero test) proven to commute with [zpeval];
   - [zpoly_root_between]: a strict sign change m(l) m(h) < 0 at reals l < h gives a real
     root alpha of m in [l, h] (stdlib [IVT]); [zhom] evaluates m at a rational p/q exactly;
   - [lemma_exact_check] (a boolean over Z, the specification) and [lemma_exact_sound]: it
     implies [exists c : list R, length c = K /\ autocorr c = target];
   - [lemma_exact_check_big]: the same computation over Bignums' BigZ (machine-word limbs, much
     faster under [vm_compute]), proven equal to [lemma_exact_check]; instances use this one.
   Encoding of an instance (the exporter writes it): c_k = N_k(alpha) / d with N_k in Z[y] and
   one common denominator d > 0 (so P_k = N_k / d), the interval [pl/ql, ph/qh], target
   t_j = a_j / b_j, and for every lag j a scale s_j > 0 and a quotient Q_j in Z[y] with
       s_j * (b_j * S_j - d^2 a_j) = Q_j * m,     S_j = sum_k N_k N_{k+j}   (lag j of N ⋆ N),
   checked coefficient by coefficient. At the root, m(alpha) = 0, hence
   (c ⋆ c)[j] = S_j(alpha) / d^2 = a_j / b_j. Nothing about m is assumed (not irreducible).
   Axioms: those of the standard Reals, plus (through BigZ) the specifications of Coq's
   primitive 63-bit integers (Uint63). *)
From Coq Require Import Reals List Lia ZArith Psatz.
From Bignums Require Import BigZ.
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

(* ---- a root from a sign change ---- *)

Theorem zpoly_root_between : forall m l h, l < h -> zpeval m l * zpeval m h < 0 ->
  exists alpha, l <= alpha <= h /\ zpeval m alpha = 0.
Proof.
  intros m l h Hlh Hs.
  destruct (Rlt_le_dec (zpeval m l) 0) as [Hneg|Hpos].
  - assert (0 < zpeval m h) by nra.
    destruct (IVT (zpeval m) l h (zpeval_continuity m) Hlh Hneg H) as [alpha [Hin Hz]].
    exists alpha. split; assumption.
  - assert (zpeval m h < 0) by nra.
    assert (Hc : continuity (fun x => - zpeval m x))
      by (apply continuity_opp, zpeval_continuity).
    destruct (IVT (fun x => - zpeval m x) l h Hc Hlh) as [alpha [Hin Hz]].
    + assert (zpeval m l <> 0) by (intro Hz; rewrite Hz in Hs; lra). lra.
    + lra.
    + exists alpha. split; [assumption | lra].
Qed.

(* ---- exact values at a rational p / q (q > 0): m(p/q) = N / P with P = q^deg > 0 ---- *)

Fixpoint zhom (m : list Z) (p q : Z) : Z * Z :=
  match m with
  | [] => (0%Z, 1%Z)
  | a :: m' => let (N, P) := zhom m' p q in ((a * P * q + p * N)%Z, (P * q)%Z)
  end.

Lemma zhom_spec : forall m p q, (0 < q)%Z ->
  (0 < snd (zhom m p q))%Z /\
  zpeval m (IZR p / IZR q) = IZR (fst (zhom m p q)) / IZR (snd (zhom m p q)).
Proof.
  induction m as [|a m IH]; intros p q Hq; simpl.
  - split; [lia|]. field.
  - destruct (IH p q Hq) as [HP Hv]. destruct (zhom m p q) as [N P]. simpl in HP, Hv.
    simpl. split; [nia|]. rewrite Hv, plus_IZR, !mult_IZR.
    assert (IZR P <> 0) by (apply not_0_IZR; lia).
    assert (IZR q <> 0) by (apply not_0_IZR; lia). field. split; assumption.
Qed.

Definition zsign_change (x y : Z) : bool :=
  ((x <? 0)%Z && (0 <? y)%Z) || ((0 <? x)%Z && (y <? 0)%Z).

Lemma zsign_change_sound : forall x y P Q, (0 < P)%Z -> (0 < Q)%Z ->
  zsign_change x y = true -> (IZR x / IZR P) * (IZR y / IZR Q) < 0.
Proof.
  intros x y P Q HP HQ H. unfold zsign_change in H.
  apply IZR_lt in HP. apply IZR_lt in HQ.
  assert (HiP : 0 < / IZR P) by (apply Rinv_0_lt_compat; exact HP).
  assert (HiQ : 0 < / IZR Q) by (apply Rinv_0_lt_compat; exact HQ).
  unfold Rdiv.
  apply Bool.orb_true_iff in H. destruct H as [H|H]; apply andb_prop in H;
    destruct H as [H1 H2]; apply Z.ltb_lt in H1; apply Z.ltb_lt in H2;
    apply IZR_lt in H1; apply IZR_lt in H2.
  - assert (IZR x * / IZR P < 0) by nra. assert (0 < IZR y * / IZR Q) by nra. nra.
  - assert (0 < IZR x * / IZR P) by nra. assert (IZR y * / IZR Q < 0) by nra. nra.
Qed.

Lemma frac_lt : forall a b c d, (0 < b)%Z -> (0 < d)%Z -> (a * d < c * b)%Z ->
  IZR a / IZR b < IZR c / IZR d.
Proof.
  intros a b c d Hb Hd H. apply IZR_lt in Hb. apply IZR_lt in Hd. apply IZR_lt in H.
  rewrite !mult_IZR in H.
  assert (E : IZR c / IZR d - IZR a / IZR b = (IZR c * IZR b - IZR a * IZR d) / (IZR b * IZR d))
    by (field; lra).
  assert (0 < (IZR c * IZR b - IZR a * IZR d) / (IZR b * IZR d))
    by (apply Rdiv_lt_0_compat; nra).
  lra.
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

(* ---- the instance check (specification, over Z) ---- *)

(* The rational a / b as a real, written as the literal a (b = 1) or a / b. *)
Definition qR (t : Z * Z) : R :=
  if Z.eqb (snd t) 1 then IZR (fst t) else IZR (fst t) / IZR (snd t).

(* One lag: b_j > 0, s_j > 0 and s_j * (b_j * S_j - d^2 a_j) = Q_j * m as polynomials. *)
Definition lag_ok (m : list Z) (d : Z) (s : list Z) (a b sj : Z) (qj : list Z) : bool :=
  (0 <? b)%Z && (0 <? sj)%Z &&
  zpeqb (zpscale sj (zpadd (zpscale b s) [(- (d * d * a))%Z])) (zpmul qj m).
Arguments lag_ok : simpl never.

(* Lag by lag; all three lists of the same length. *)
Fixpoint lags_ok (m : list Z) (d : Z) (S : list (list Z)) (t : list (Z * Z))
    (qs : list (Z * list Z)) : bool :=
  match S, t, qs with
  | [], [], [] => true
  | s :: S', (a, b) :: t', (sj, qj) :: qs' => lag_ok m d s a b sj qj && lags_ok m d S' t' qs'
  | _, _, _ => false
  end.

(* m has a sign change on [pl/ql, ph/qh] and every lag identity holds. *)
Definition lemma_exact_check (m : list Z) (lo hi : Z * Z) (d : Z) (Ns : list (list Z))
    (t : list (Z * Z)) (qs : list (Z * list Z)) : bool :=
  let (pl, ql) := lo in
  let (ph, qh) := hi in
  (0 <? ql)%Z && (0 <? qh)%Z && (pl * qh <? ph * ql)%Z && (0 <? d)%Z &&
  zsign_change (fst (zhom m pl ql)) (fst (zhom m ph qh)) &&
  lags_ok m d (zpautocorr Ns) t qs.

Lemma lag_ok_sound : forall m d s a b sj qj alpha, (0 < d)%Z -> zpeval m alpha = 0 ->
  lag_ok m d s a b sj qj = true ->
  / IZR d * / IZR d * zpeval s alpha = qR (a, b).
Proof.
  intros m d s a b sj qj alpha Hd0 Hm H. unfold lag_ok in H.
  apply andb_prop in H. destruct H as [H H1]. apply andb_prop in H. destruct H as [Hb0 Hs0].
  apply Z.ltb_lt in Hb0. apply Z.ltb_lt in Hs0.
  apply (zpeqb_sound _ _ alpha) in H1.
  rewrite zpeval_mul, Hm, Rmult_0_r, zpeval_scale, zpeval_add, zpeval_scale in H1.
  cbn [zpeval] in H1. rewrite Rmult_0_r, Rplus_0_r, opp_IZR, !mult_IZR in H1.
  assert (Hs : IZR sj <> 0) by (apply not_0_IZR; lia).
  assert (Hb : IZR b <> 0) by (apply not_0_IZR; lia).
  assert (Hd : IZR d <> 0) by (apply not_0_IZR; lia).
  apply Rmult_integral in H1. destruct H1 as [H1|H1]; [contradiction|].
  unfold qR. cbn [fst snd]. destruct (Z.eqb b 1) eqn:Eb.
  - apply Z.eqb_eq in Eb. subst b.
    field_simplify_eq; [|exact Hd]. lra.
  - field_simplify_eq; [|split; assumption]. lra.
Qed.

Lemma lags_ok_sound : forall m d alpha, (0 < d)%Z -> zpeval m alpha = 0 ->
  forall S t qs, lags_ok m d S t qs = true ->
  map (fun p => / IZR d * / IZR d * zpeval p alpha) S = map qR t /\ length S = length t.
Proof.
  intros m d alpha Hd Hm. induction S as [|s S IH]; intros [|[a b] t] [|[sj qj] qs] H;
    simpl in H; try discriminate; [split; reflexivity|].
  apply andb_prop in H. destruct H as [H1 H2]. destruct (IH t qs H2) as [IHm IHl].
  simpl. rewrite IHm, IHl. split; [|reflexivity]. f_equal.
  exact (lag_ok_sound m d s a b sj qj alpha Hd Hm H1).
Qed.

Theorem lemma_exact_sound : forall m lo hi d Ns t qs,
  lemma_exact_check m lo hi d Ns t qs = true ->
  exists c : list R, length c = length t /\ autocorr c = map qR t.
Proof.
  intros m [pl ql] [ph qh] d Ns t qs H. unfold lemma_exact_check in H.
  repeat match type of H with
         | andb _ _ = true => apply andb_prop in H; destruct H as [H ?]
         end.
  rename H into Hql. repeat match goal with
                     | Hx : (_ <? _)%Z = true |- _ => apply Z.ltb_lt in Hx
                     end.
  match goal with Hx : zsign_change _ _ = true |- _ => rename Hx into Hsign end.
  match goal with Hx : lags_ok _ _ _ _ _ = true |- _ => rename Hx into Hlags end.
  destruct (zhom_spec m pl ql) as [HPl Hvl]; [assumption|].
  destruct (zhom_spec m ph qh) as [HPh Hvh]; [assumption|].
  pose proof (zsign_change_sound _ _ _ _ HPl HPh Hsign) as Hs.
  rewrite <- Hvl, <- Hvh in Hs.
  assert (Hlh : IZR pl / IZR ql < IZR ph / IZR qh) by (apply frac_lt; assumption).
  destruct (zpoly_root_between m _ _ Hlh Hs) as [alpha [_ Hm]].
  assert (Hd : (0 < d)%Z) by assumption.
  destruct (lags_ok_sound m d alpha Hd Hm _ _ _ Hlags) as [Hv Hl].
  exists (map (fun x => / IZR d * x) (map (fun p => zpeval p alpha) Ns)). split.
  - rewrite !map_length. unfold zpautocorr in Hl. rewrite map_length, seq_length in Hl.
    exact Hl.
  - rewrite autocorr_scal, <- zpautocorr_eval, map_map. rewrite <- Hv. reflexivity.
Qed.

(* ---- the same check over BigZ ---- *)

Definition zl (p : list bigZ) : list Z := map BigZ.to_Z p.
Definition bzl (p : list Z) : list bigZ := map BigZ.of_Z p.

Fixpoint bzpadd (p q : list bigZ) : list bigZ :=
  match p, q with
  | [], _ => q
  | _, [] => p
  | a :: p', b :: q' => (a + b)%bigZ :: bzpadd p' q'
  end.

Definition bzpscale (c : bigZ) (p : list bigZ) : list bigZ := map (BigZ.mul c) p.

Fixpoint bzpmul (p q : list bigZ) : list bigZ :=
  match p with
  | [] => []
  | a :: p' => bzpadd (bzpscale a q) (0%bigZ :: bzpmul p' q)
  end.

Definition bzpis0 (p : list bigZ) : bool := forallb (fun a => BigZ.eqb a 0%bigZ) p.

Definition bzpeqb (p q : list bigZ) : bool := bzpis0 (bzpadd p (bzpscale (-1)%bigZ q)).

Fixpoint bzpdot (a b : list (list bigZ)) : list bigZ :=
  match a, b with
  | x :: a', y :: b' => bzpadd (bzpmul x y) (bzpdot a' b')
  | _, _ => []
  end.

Definition bzpautocorr (a : list (list bigZ)) : list (list bigZ) :=
  map (fun j => bzpdot a (skipn j a)) (seq 0 (length a)).

Fixpoint bzhom (m : list bigZ) (p q : bigZ) : bigZ * bigZ :=
  match m with
  | [] => (0%bigZ, 1%bigZ)
  | a :: m' => let (N, P) := bzhom m' p q in ((a * P * q + p * N)%bigZ, (P * q)%bigZ)
  end.

Definition bzsign_change (x y : bigZ) : bool :=
  ((x <? 0)%bigZ && (0 <? y)%bigZ) || ((0 <? x)%bigZ && (y <? 0)%bigZ).

Definition blag_ok (m : list bigZ) (d : bigZ) (s : list bigZ) (a b sj : bigZ)
    (qj : list bigZ) : bool :=
  (0 <? b)%bigZ && (0 <? sj)%bigZ &&
  bzpeqb (bzpscale sj (bzpadd (bzpscale b s) [(- (d * d * a))%bigZ])) (bzpmul qj m).

Fixpoint blags_ok (m : list bigZ) (d : bigZ) (S : list (list bigZ)) (t : list (bigZ * bigZ))
    (qs : list (bigZ * list bigZ)) : bool :=
  match S, t, qs with
  | [], [], [] => true
  | s :: S', (a, b) :: t', (sj, qj) :: qs' => blag_ok m d s a b sj qj && blags_ok m d S' t' qs'
  | _, _, _ => false
  end.

Definition bpair (x : Z * Z) : bigZ * bigZ := (BigZ.of_Z (fst x), BigZ.of_Z (snd x)).

(* The instances' check: the evidence in BigZ (its literals parse fast), the target in Z. *)
Definition lemma_exact_check_big (m : list bigZ) (lo hi : bigZ * bigZ) (d : bigZ)
    (Ns : list (list bigZ)) (t : list (Z * Z)) (qs : list (bigZ * list bigZ)) : bool :=
  let (pl, ql) := lo in
  let (ph, qh) := hi in
  (0 <? ql)%bigZ && (0 <? qh)%bigZ && (pl * qh <? ph * ql)%bigZ && (0 <? d)%bigZ &&
  bzsign_change (fst (bzhom m pl ql)) (fst (bzhom m ph qh)) &&
  blags_ok m d (bzpautocorr Ns) (map bpair t) qs.

Lemma zl_bzl : forall p, zl (bzl p) = p.
Proof.
  intros p. unfold zl, bzl. rewrite map_map.
  rewrite (map_ext _ (fun x => x)) by (intros; apply BigZ.spec_of_Z). apply map_id.
Qed.

Lemma zl_add : forall p q, zl (bzpadd p q) = zpadd (zl p) (zl q).
Proof.
  induction p as [|a p IH]; intros [|b q]; simpl; try reflexivity.
  rewrite BigZ.spec_add. unfold zl in IH |- *. rewrite IH. reflexivity.
Qed.

Lemma zl_scale : forall c p, zl (bzpscale c p) = zpscale (BigZ.to_Z c) (zl p).
Proof.
  intros c p. unfold zl, bzpscale, zpscale. rewrite !map_map. apply map_ext.
  intros a. apply BigZ.spec_mul.
Qed.

Lemma zl_mul : forall p q, zl (bzpmul p q) = zpmul (zl p) (zl q).
Proof.
  induction p as [|a p IH]; intros q; [reflexivity|]. cbn [bzpmul].
  rewrite zl_add, zl_scale. change (zl (0%bigZ :: bzpmul p q)) with (BigZ.to_Z 0%bigZ :: zl (bzpmul p q)).
  rewrite IH. replace (BigZ.to_Z 0%bigZ) with 0%Z by reflexivity. reflexivity.
Qed.

Lemma bzpis0_zl : forall p, bzpis0 p = zpis0 (zl p).
Proof.
  induction p as [|a p IH]; simpl; [reflexivity|].
  rewrite BigZ.spec_eqb. replace (BigZ.to_Z 0%bigZ) with 0%Z by reflexivity.
  unfold zl in IH |- *. rewrite IH. reflexivity.
Qed.

Lemma bzpeqb_zl : forall p q, bzpeqb p q = zpeqb (zl p) (zl q).
Proof.
  intros p q. unfold bzpeqb, zpeqb. rewrite bzpis0_zl, zl_add, zl_scale. reflexivity.
Qed.

Lemma zl_dot : forall a b, zl (bzpdot a b) = zpdot (map zl a) (map zl b).
Proof.
  induction a as [|x a IH]; intros [|y b]; simpl; try reflexivity.
  rewrite zl_add, zl_mul, IH. reflexivity.
Qed.

Lemma zl_autocorr : forall a, map zl (bzpautocorr a) = zpautocorr (map zl a).
Proof.
  intros a. unfold bzpautocorr, zpautocorr. rewrite map_map, map_length. apply map_ext.
  intros j. rewrite zl_dot, skipn_map_comm. reflexivity.
Qed.

Lemma bzhom_zl : forall m p q,
  BigZ.to_Z (fst (bzhom m p q)) = fst (zhom (zl m) (BigZ.to_Z p) (BigZ.to_Z q)) /\
  BigZ.to_Z (snd (bzhom m p q)) = snd (zhom (zl m) (BigZ.to_Z p) (BigZ.to_Z q)).
Proof.
  induction m as [|a m IH]; intros p q; simpl.
  - split; reflexivity.
  - destruct (IH p q) as [H1 H2]. destruct (bzhom m p q) as [N P].
    destruct (zhom (zl m) (BigZ.to_Z p) (BigZ.to_Z q)) as [N' P']. simpl in *.
    rewrite BigZ.spec_add, !BigZ.spec_mul, H1, H2. split; reflexivity.
Qed.

Lemma bzsign_change_zl : forall x y,
  bzsign_change x y = zsign_change (BigZ.to_Z x) (BigZ.to_Z y).
Proof.
  intros x y. unfold bzsign_change, zsign_change. rewrite !BigZ.spec_ltb.
  replace (BigZ.to_Z 0%bigZ) with 0%Z by reflexivity. reflexivity.
Qed.

Lemma blag_ok_zl : forall m d s a b sj qj,
  blag_ok m d s a b sj qj =
  lag_ok (zl m) (BigZ.to_Z d) (zl s) (BigZ.to_Z a) (BigZ.to_Z b) (BigZ.to_Z sj) (zl qj).
Proof.
  intros. unfold blag_ok, lag_ok. rewrite !BigZ.spec_ltb, bzpeqb_zl, zl_scale,
    zl_add, zl_scale, zl_mul. replace (BigZ.to_Z 0%bigZ) with 0%Z by reflexivity.
  change (zl [(- (d * d * a))%bigZ]) with [BigZ.to_Z (- (d * d * a))%bigZ].
  rewrite BigZ.spec_opp, !BigZ.spec_mul. reflexivity.
Qed.

Definition zpair (x : bigZ * bigZ) : Z * Z := (BigZ.to_Z (fst x), BigZ.to_Z (snd x)).
Definition zqpair (x : bigZ * list bigZ) : Z * list Z := (BigZ.to_Z (fst x), zl (snd x)).

Lemma blags_ok_zl : forall m d S t qs,
  blags_ok m d S t qs = lags_ok (zl m) (BigZ.to_Z d) (map zl S) (map zpair t) (map zqpair qs).
Proof.
  intros m d. induction S as [|s S IH]; intros [|[a b] t] [|[sj qj] qs]; simpl;
    try reflexivity.
  rewrite blag_ok_zl, IH. reflexivity.
Qed.

Theorem lemma_exact_check_big_eq : forall m lo hi d Ns t qs,
  lemma_exact_check_big m lo hi d Ns t qs =
  lemma_exact_check (zl m) (zpair lo) (zpair hi) (BigZ.to_Z d) (map zl Ns) t (map zqpair qs).
Proof.
  intros m [pl ql] [ph qh] d Ns t qs. unfold lemma_exact_check_big, lemma_exact_check, zpair.
  cbn [fst snd]. rewrite bzsign_change_zl, blags_ok_zl, zl_autocorr.
  rewrite (proj1 (bzhom_zl m pl ql)), (proj1 (bzhom_zl m ph qh)).
  rewrite !BigZ.spec_ltb, !BigZ.spec_mul. replace (BigZ.to_Z 0%bigZ) with 0%Z by reflexivity.
  rewrite map_map.
  rewrite (map_ext (fun x => zpair (bpair x)) (fun x => x))
    by (intros [x y]; unfold zpair, bpair; simpl; rewrite !BigZ.spec_of_Z; reflexivity).
  rewrite map_id. reflexivity.
Qed.

Theorem lemma_exact_sound_big : forall m lo hi d Ns t qs,
  lemma_exact_check_big m lo hi d Ns t qs = true ->
  exists c : list R, length c = length t /\ autocorr c = map qR t.
Proof.
  intros m lo hi d Ns t qs H. rewrite lemma_exact_check_big_eq in H.
  exact (lemma_exact_sound _ _ _ _ _ _ _ H).
Qed.
