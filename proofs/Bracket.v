(* Bracket.v: what a regularizer-bracket or network-collapse instance proof needs. The
   certificate's data are lists of rationals (Q); one boolean check, computed with vm_compute
   over bigQ, covers sizes, <lambda, w> >= lower, the PSD check of 4I - T T^T (PsdCheckZ.v),
   the exact realization of w by the stated network and cost <= upper. Each check is stated
   for any shift (Network.shift_ok: the kernel entry k of T(lambda) is read at sh i k and the
   convolution at unsh j k) and proven sound there (bracket_shift, bracket_multi_shift,
   collapse_shift_sound); the 1-D theorems bracket_single, bracket_multi and collapse_sound
   are their case sh i k = (i + k) mod D, unsh = cidx D (Duality.shift_ok_1d), and
   BracketGrid.v has the grid's. A passing check gives the certified statement over R:
     (every network realizing w costs >= lower) /\
     (a well-formed network with C0 channels realizes w and costs <= upper).
   Everything computed here is transported to the R definitions of Network.v by B2R. *)

From Coq Require Import Reals List Arith ZArith Lia Lra QArith Qreals.
From Bignums Require Import BigQ BigZ.
From Convcert Require Import Network Sums PsdCheck PsdCheckZ Schur Duality.
Import ListNotations.
Open Scope R_scope.

(* ---------- bigQ mirrors of the Network.v definitions ---------- *)

Definition QtoB (q : Q) : bigQ := BigQ.of_Q q.

(* Addition without normalization that keeps a common denominator: n/d + m/d = (n+m)/d
   (BigQ.add would give (n d + m d)/d^2). Sums of entries written over one denominator
   (the exporter does so for lambda, u and v) then never grow it and need no gcd. *)
Definition addC (x y : bigQ) : bigQ :=
  match x, y with
  | BigQ.Qq nx dx, BigQ.Qq ny dy =>
      if BigN.eqb dx dy then BigQ.Qq (BigZ.add nx ny) dx else BigQ.add x y
  | _, _ => BigQ.add x y
  end.

Lemma spec_addC : forall x y, Qeq (BigQ.to_Q (addC x y)) (Qplus (BigQ.to_Q x) (BigQ.to_Q y)).
Proof.
  intros [zx|nx dx] [zy|ny dy]; try apply BigQ.spec_add.
  unfold addC. destruct (BigN.eqb dx dy) eqn:E; [|apply BigQ.spec_add].
  rewrite BigN.spec_eqb in E. apply Z.eqb_eq in E.
  unfold BigQ.to_Q. rewrite !BigN.spec_eqb, BigN.spec_0, BigZ.spec_add, <- E.
  destruct (Z.eqb (BigN.to_Z dx) 0) eqn:E0.
  - reflexivity.
  - unfold Qeq, Qplus. simpl. rewrite Pos2Z.inj_mul. ring.
Qed.

Lemma B2R_addC : forall x y, B2R (addC x y) = B2R x + B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (spec_addC x y)). apply Q2R_plus. Qed.

Lemma B2R_addU : forall x y, B2R (BigQ.add x y) = B2R x + B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_add x y)). apply Q2R_plus. Qed.

Lemma B2R_mulU : forall x y, B2R (BigQ.mul x y) = B2R x * B2R y.
Proof. intros. unfold B2R. rewrite (Qeq_eqR _ _ (BigQ.spec_mul x y)). apply Q2R_mult. Qed.

Definition nthB (l : list bigQ) (i : nat) : bigQ := nth i l 0%bigQ.
Definition rowB (M : list (list bigQ)) (r : nat) : list bigQ := nth r M [].

Fixpoint sumB (n : nat) (f : nat -> bigQ) : bigQ :=
  match n with
  | O => 0%bigQ
  | S m => addC (f O) (sumB m (fun i => f (S i)))
  end.

Definition sum_listB (l : list bigQ) : bigQ := fold_right addC 0%bigQ l.

(* Network.sconv over bigQ (Z_D: unsh = cidx D). *)
Definition sconvB (K : nat) (unsh : nat -> nat -> nat) (u v : list bigQ) (j : nat) : bigQ :=
  sumB K (fun k => BigQ.mul (nthB u k) (nthB v (unsh j k))).
Definition sqnormB (n : nat) (x : list bigQ) : bigQ := sumB n (fun i => BigQ.mul (nthB x i) (nthB x i)).
Definition innerB (n : nat) (x y : list bigQ) : bigQ := sumB n (fun i => BigQ.mul (nthB x i) (nthB y i)).

Definition leB (x y : bigQ) : bool := match (x ?= y)%bigQ with Gt => false | _ => true end.

(* ---------- transport lemmas ---------- *)

Lemma B2R_QtoB : forall q, B2R (QtoB q) = Q2R q.
Proof. intros q. unfold B2R, QtoB. rewrite BigQ.strong_spec_of_Q. reflexivity. Qed.

Lemma nthB_map : forall l i, B2R (nthB (map QtoB l) i) = nthR (map Q2R l) i.
Proof.
  induction l as [|q l IH]; intros [|i].
  - apply B2R_0.
  - apply B2R_0.
  - apply B2R_QtoB.
  - apply IH.
Qed.

Lemma nth_mapmap : forall {A B} (f : A -> B) (L : list (list A)) r,
  nth r (map (map f) L) [] = map f (nth r L []).
Proof. intros A B f L. induction L as [|l L IH]; intros [|r]; simpl; auto. Qed.

Lemma rowB_map : forall M r, rowB (map (map QtoB) M) r = map QtoB (nth r M []).
Proof. exact (nth_mapmap QtoB). Qed.

Lemma row_map : forall M r, row (map (map Q2R) M) r = map Q2R (nth r M []).
Proof. exact (nth_mapmap Q2R). Qed.

Lemma sumB_R : forall n f, B2R (sumB n f) = sumR n (fun i => B2R (f i)).
Proof.
  induction n as [|n IH]; intros f; simpl; [apply B2R_0|].
  rewrite B2R_addC, IH. reflexivity.
Qed.

Lemma sum_listB_R : forall {A} (l : list A) f,
  B2R (sum_listB (map f l)) = sum_list (map (fun a => B2R (f a)) l).
Proof.
  induction l as [|a l IH]; intros f; simpl; [apply B2R_0|].
  rewrite B2R_addC. unfold sum_listB in IH. rewrite IH. reflexivity.
Qed.

Lemma sconvB_R : forall K unsh u v j,
  B2R (sconvB K unsh (map QtoB u) (map QtoB v) j) = sconv K unsh (map Q2R u) (map Q2R v) j.
Proof.
  intros. unfold sconvB, sconv. rewrite sumB_R. apply sumR_ext. intros k _.
  rewrite B2R_mulU, !nthB_map. reflexivity.
Qed.

Lemma sqnormB_R : forall n x, B2R (sqnormB n (map QtoB x)) = sqnorm n (map Q2R x).
Proof.
  intros. unfold sqnormB, sqnorm. rewrite sumB_R. apply sumR_ext. intros k _.
  rewrite B2R_mulU, !nthB_map. reflexivity.
Qed.

Lemma innerB_R : forall n x y, B2R (innerB n (map QtoB x) (map QtoB y)) = inner n (map Q2R x) (map Q2R y).
Proof.
  intros. unfold innerB, inner. rewrite sumB_R. apply sumR_ext. intros k _.
  rewrite B2R_mulU, !nthB_map. reflexivity.
Qed.

Lemma leB_R : forall x y, leB x y = true -> B2R x <= B2R y.
Proof.
  intros x y H. unfold leB in H. apply B2R_compare_le. destruct (x ?= y)%bigQ; congruence.
Qed.

Lemma nth_map_seq : forall {A} (f : nat -> A) n i d, (i < n)%nat -> nth i (map f (seq 0 n)) d = f i.
Proof.
  intros A f n i d H. rewrite (nth_indep _ d (f 0%nat)) by (rewrite map_length, seq_length; exact H).
  rewrite map_nth, seq_nth by exact H. reflexivity.
Qed.

(* ---------- 4I - T T^T over the integers: lambda = Lambda / den ---------- *)

Definition lamQ (den : positive) (l : list Z) : list Q := map (fun z => (z # den)%Q) l.

Fixpoint dotZ (x y : list bigZ) : bigZ :=
  match x, y with
  | a :: x', b :: y' => (a * b + dotZ x' y')%bigZ
  | _, _ => 0%bigZ
  end.

Definition TrowZ (D K : nat) (L : list (list bigZ)) (p : nat) : list bigZ :=
  map (fun i => nth ((i + p mod K) mod D) (nth (p / K) L []) 0%bigZ) (seq 0 D).

(* 4 den^2 I - Rows Rows^T for the n integer rows row 0, ..., row (n-1). *)
Definition gramZ_of (n : nat) (row : nat -> list bigZ) (den : positive) : list (list bigZ) :=
  let d := BigZ.of_Z (Zpos den) in
  let Ts := map row (seq 0 n) in
  map (fun p => map (fun q => ((if Nat.eqb p q then 4 * d * d else 0)
                               - dotZ (nth p Ts []) (nth q Ts []))%bigZ) (seq 0 n)) (seq 0 n).

(* den^2 (4I - T T^T) = 4 den^2 I - T(Lambda) T(Lambda)^T, an integer matrix. *)
Definition gramZ (D K Rin : nat) (L : list (list bigZ)) (den : positive) : list (list bigZ) :=
  gramZ_of (Rin * K) (TrowZ D K L) den.

Lemma Z2R_add : forall x y, Z2R (x + y)%bigZ = Z2R x + Z2R y.
Proof. intros. unfold Z2R. rewrite BigZ.spec_add. apply plus_IZR. Qed.

Lemma dotZ_R : forall x y n, length x = n -> length y = n ->
  Z2R (dotZ x y) = sumR n (fun i => Z2R (nth i x 0%bigZ) * Z2R (nth i y 0%bigZ)).
Proof.
  induction x as [|a x IH]; intros y n Hx Hy; simpl in Hx; subst n.
  - reflexivity.
  - destruct y as [|b y]; simpl in Hy; [discriminate|]. injection Hy as Hy.
    simpl. rewrite Z2R_add, Z2R_mul, (IH y (length x)); auto.
Qed.

Lemma Z2R_nth_map : forall l i, Z2R (nth i (map BigZ.of_Z l) 0%bigZ) = IZR (nth i l 0%Z).
Proof.
  induction l as [|z l IH]; intros [|i]; try reflexivity.
  - simpl. unfold Z2R. rewrite BigZ.spec_of_Z. reflexivity.
  - simpl. apply IH.
Qed.

Lemma nthR_lamQ : forall den l i, nthR (map Q2R (lamQ den l)) i = IZR (nth i l 0%Z) / IZR (Zpos den).
Proof.
  intros den l. unfold lamQ, nthR. induction l as [|z l IH]; intros [|i]; simpl;
    try (unfold Q2R; simpl; field; apply not_0_IZR; lia).
  apply IH.
Qed.

Lemma nth_map_lamQ : forall den (L : list (list Z)) r,
  nth r (map (lamQ den) L) [] = lamQ den (nth r L []).
Proof. intros den. exact (nth_mapmap (fun z => (z # den)%Q)). Qed.

(* If the integer rows are den * T (lambda = Lambda / den), gramZ_of is den^2 (4I - T T^T). *)
Lemma gramZ_of_R : forall D n row den (T : nat -> nat -> R) p q, (p < n)%nat -> (q < n)%nat ->
  (forall r, (r < n)%nat -> length (row r) = D) ->
  (forall r i, (r < n)%nat -> (i < D)%nat ->
     Z2R (nth i (row r) 0%bigZ) = IZR (Zpos den) * T r i) ->
  toRZ (gramZ_of n row den) p q = (IZR (Zpos den) * IZR (Zpos den)) * gramT D T p q.
Proof.
  intros D n row den T p q Hp Hq Hlen HT. unfold toRZ, entryZ, gramZ_of, gramT.
  rewrite (nth_map_seq _ _ p) by exact Hp. rewrite (nth_map_seq _ _ q) by exact Hq.
  rewrite Z2R_sub.
  rewrite !(nth_map_seq _ _ _ _ Hp), !(nth_map_seq _ _ _ _ Hq).
  rewrite (dotZ_R _ _ D) by auto.
  rewrite Rmult_minus_distr_l. f_equal.
  - destruct (Nat.eqb p q).
    + rewrite !Z2R_mul. unfold Z2R. rewrite BigZ.spec_of_Z. replace (BigZ.to_Z 4%bigZ) with 4%Z by reflexivity. ring.
    + rewrite Rmult_0_r. reflexivity.
  - rewrite <- sumR_scal. apply sumR_ext. intros i Hi. rewrite !HT by assumption. ring.
Qed.

(* ... and then psd_checkZ on it proves 4I - T T^T >= 0. *)
Lemma psd_of_Z_of : forall D n row den (T : nat -> nat -> R),
  (forall r, (r < n)%nat -> length (row r) = D) ->
  (forall r i, (r < n)%nat -> (i < D)%nat ->
     Z2R (nth i (row r) 0%bigZ) = IZR (Zpos den) * T r i) ->
  psd_checkZ n (gramZ_of n row den) = true -> forall y, 0 <= qform n (gramT D T) y.
Proof.
  intros D n row den T Hlen HT H y. pose proof (psd_checkZ_sound _ _ H y) as Hq.
  rewrite (qform_ext _ _ (fun p q => (IZR (Zpos den) * IZR (Zpos den)) * gramT D T p q)) in Hq
    by (intros; apply gramZ_of_R; assumption).
  rewrite qform_scale in Hq.
  assert (Hd : 0 < IZR (Zpos den) * IZR (Zpos den))
    by (apply Rmult_lt_0_compat; apply IZR_lt; lia).
  destruct (Rle_or_lt 0 (qform n (gramT D T) y)) as [G|G]; [exact G|].
  exfalso. pose proof (Rmult_lt_compat_l _ _ _ Hd G). lra.
Qed.

(* gramZ_of only reads rows 0 .. n-1. *)
Lemma gramZ_of_ext : forall n row row' den, (forall p, (p < n)%nat -> row p = row' p) ->
  gramZ_of n row den = gramZ_of n row' den.
Proof.
  intros n row row' den H. unfold gramZ_of.
  rewrite (map_ext_in row row' (seq 0 n)); [reflexivity|].
  intros p Hp. apply in_seq in Hp. apply H. lia.
Qed.

(* Row k of T(Lambda) for a shift: entry i is Lambda[sh i k]. *)
Definition TrowZ_sh (D : nat) (sh : nat -> nat -> nat) (lam : list bigZ) (k : nat) : list bigZ :=
  map (fun i => nth (sh i k) lam 0%bigZ) (seq 0 D).

(* den^2 (4I - T T^T) = 4 den^2 I - T(Lambda) T(Lambda)^T for lambda = Lambda / den, K x K. *)
Definition gramZ_sh (D K : nat) (sh : nat -> nat -> nat) (lam : list bigZ) (den : positive)
    : list (list bigZ) :=
  gramZ_of K (TrowZ_sh D sh lam) den.

Lemma psd_of_Z_sh : forall D K sh lamZ den,
  psd_checkZ K (gramZ_sh D K sh (map BigZ.of_Z lamZ) den) = true ->
  forall y, 0 <= qform K (gramT D (sTmat sh (map Q2R (lamQ den lamZ)))) y.
Proof.
  intros D K sh lamZ den. apply psd_of_Z_of.
  - intros r _. unfold TrowZ_sh. rewrite map_length, seq_length. reflexivity.
  - intros r i Hr Hi. unfold TrowZ_sh. rewrite (nth_map_seq _ _ _ _ Hi). unfold sTmat.
    rewrite nthR_lamQ, Z2R_nth_map.
    assert (Hd : IZR (Zpos den) <> 0) by (apply not_0_IZR; lia). field. exact Hd.
Qed.

(* den^2 (4I - T T^T) for the stacked T of Duality.sTmat_multi, lambda_r = LZ[r] / den. *)
Definition gramZ_multi_sh (D K Rin : nat) (sh : nat -> nat -> nat) (LZ : list (list bigZ))
    (den : positive) : list (list bigZ) :=
  gramZ_of (Rin * K) (fun p => TrowZ_sh D sh (nth (p / K) LZ []) (p mod K)) den.

Lemma psd_of_Z_multi_sh : forall D K Rin sh LZ den,
  psd_checkZ (Rin * K) (gramZ_multi_sh D K Rin sh (map (map BigZ.of_Z) LZ) den) = true ->
  forall y, 0 <= qform (Rin * K) (gramT D (sTmat_multi K sh (map (map Q2R) (map (lamQ den) LZ)))) y.
Proof.
  intros D K Rin sh LZ den. apply psd_of_Z_of.
  - intros r _. unfold TrowZ_sh. rewrite map_length, seq_length. reflexivity.
  - intros r i Hr Hi. unfold TrowZ_sh. rewrite (nth_map_seq _ _ _ _ Hi).
    unfold sTmat_multi, sTmat, row.
    rewrite !nth_mapmap, !nth_map_lamQ, !nthR_lamQ, !Z2R_nth_map.
    assert (Hd : IZR (Zpos den) <> 0) by (apply not_0_IZR; lia). field. exact Hd.
Qed.

(* 1-D: gramZ and Tmat_multi are the case sh i k = (i + k) mod D, by conversion. *)
Lemma psd_of_Z : forall D K Rin LZ den,
  psd_checkZ (Rin * K) (gramZ D K Rin (map (map BigZ.of_Z) LZ) den) = true ->
  forall y, 0 <= qform (Rin * K) (gramT D (Tmat_multi D K (map (map Q2R) (map (lamQ den) LZ)))) y.
Proof. intros D K Rin LZ den. exact (psd_of_Z_multi_sh D K Rin (fun i k => (i + k) mod D)%nat LZ den). Qed.

(* ---------- single-channel inputs ---------- *)

Definition spredictorB (K : nat) (unsh : nat -> nat -> nat) (net : list (list bigQ * list bigQ))
    (j : nat) : bigQ :=
  sum_listB (map (fun ch => sconvB K unsh (fst ch) (snd ch) j) net).
Definition predictorB (D K : nat) (net : list (list bigQ * list bigQ)) (j : nat) : bigQ :=
  spredictorB K (cidx D) net j.
Definition costB (D K : nat) (net : list (list bigQ * list bigQ)) : bigQ :=
  sum_listB (map (fun ch => BigQ.add (sqnormB K (fst ch)) (sqnormB D (snd ch))) net).

Definition netB (net : list (list Q * list Q)) : list (list bigQ * list bigQ) :=
  map (fun ch => (map QtoB (fst ch), map QtoB (snd ch))) net.
Definition netR (net : list (list Q * list Q)) : network :=
  map (fun ch => (map Q2R (fst ch), map Q2R (snd ch))) net.

Lemma srealizes_of_check : forall D K unsh net w,
  forallb (fun j => BigQ.eq_bool (spredictorB K unsh (netB net) j) (nthB (map QtoB w) j))
          (seq 0 D) = true ->
  srealizes D K unsh (netR net) (map Q2R w).
Proof.
  intros D K unsh net w Hreal j Hj. rewrite forallb_forall in Hreal.
  specialize (Hreal j (proj2 (in_seq D 0 j) (conj (Nat.le_0_l j) Hj))).
  apply B2R_eq_bool in Hreal. unfold spredictorB, netB in Hreal.
  rewrite sum_listB_R, nthB_map, map_map in Hreal. rewrite <- Hreal.
  unfold spredictor, netR. rewrite map_map. apply sum_list_map_ext. intros ch _.
  simpl. symmetry. apply sconvB_R.
Qed.

Lemma costB_R : forall D K net, B2R (costB D K (netB net)) = cost D K (netR net).
Proof.
  intros. unfold costB, netB. rewrite sum_listB_R, map_map.
  unfold cost, netR. rewrite map_map. apply sum_list_map_ext. intros ch _. simpl.
  rewrite B2R_addU, !sqnormB_R. reflexivity.
Qed.

Lemma wf_of_check : forall D K net,
  forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) net = true ->
  wf D K (netR net).
Proof.
  intros D K net Hwf. unfold wf, netR. rewrite Forall_forall. intros ch Hin.
  apply in_map_iff in Hin as [ch0 [E Hin]]. subst ch. simpl.
  rewrite forallb_forall in Hwf. specialize (Hwf ch0 Hin).
  apply andb_true_iff in Hwf as [H1 H2]. apply Nat.eqb_eq in H1, H2.
  rewrite !map_length. auto.
Qed.

Definition bracket_shift_check (D K : nat) (sh unsh : nat -> nat -> nat) (C0 : nat) (w : list Q)
    (lamZ : list Z) (den : positive) (net : list (list Q * list Q)) (lower upper : Q) : bool :=
  let wB := map QtoB w in
  let lamB := map QtoB (lamQ den lamZ) in
  let nB := netB net in
  Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (innerB D lamB wB)
  && psd_checkZ K (gramZ_sh D K sh (map BigZ.of_Z lamZ) den)
  && forallb (fun j => BigQ.eq_bool (spredictorB K unsh nB j) (nthB wB j)) (seq 0 D)
  && leB (costB D K nB) (QtoB upper).

Theorem bracket_shift : forall D K sh unsh C0 w lamZ den net lower upper,
  shift_ok D K sh unsh ->
  bracket_shift_check D K sh unsh C0 w lamZ den net lower upper = true ->
  (forall nt : network, srealizes D K unsh nt (map Q2R w) -> Q2R lower <= cost D K nt) /\
  (exists nt : network, length nt = C0 /\ wf D K nt /\ srealizes D K unsh nt (map Q2R w)
                        /\ cost D K nt <= Q2R upper).
Proof.
  intros D K sh unsh C0 w lamZ den net lower upper Hs H. unfold bracket_shift_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[HC Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.eqb_eq in HC.
  split.
  - intros nt Hnt. apply leB_R in Hlow. rewrite B2R_QtoB, innerB_R in Hlow.
    eapply Rle_trans; [exact Hlow|].
    exact (weak_duality_shift D K sh unsh _ _ nt Hs (psd_of_Z_sh D K sh lamZ den Hpsd) Hnt).
  - exists (netR net). repeat split.
    + unfold netR. rewrite map_length. exact HC.
    + apply wf_of_check. exact Hwf.
    + apply srealizes_of_check. exact Hreal.
    + apply leB_R in Hup. rewrite B2R_QtoB in Hup. eapply Rle_trans; [|exact Hup].
      right. symmetry. apply costB_R.
Qed.

(* Z_D: the checks of bracket_shift_check for sh i k = (i + k) mod D and unsh = cidx D, and
   0 < D, K <= D (T(lambda) is written as the Rin = 1 case of gramZ). *)
Definition bracket_check (D K C0 : nat) (w : list Q) (lamZ : list Z) (den : positive) (net : list (list Q * list Q))
    (lower upper : Q) : bool :=
  let wB := map QtoB w in
  let lamB := map QtoB (lamQ den lamZ) in
  let nB := netB net in
  Nat.ltb 0 D && Nat.leb K D && Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (innerB D lamB wB)
  && psd_checkZ K (gramZ D K 1 (map (map BigZ.of_Z) [lamZ]) den)
  && forallb (fun j => BigQ.eq_bool (predictorB D K nB j) (nthB wB j)) (seq 0 D)
  && leB (costB D K nB) (QtoB upper).

Theorem bracket_single : forall D K C0 w lamZ den net lower upper,
  bracket_check D K C0 w lamZ den net lower upper = true ->
  (forall nt : network, realizes D K nt (map Q2R w) -> Q2R lower <= cost D K nt) /\
  (exists nt : network, length nt = C0 /\ wf D K nt /\ realizes D K nt (map Q2R w)
                        /\ cost D K nt <= Q2R upper).
Proof.
  intros D K C0 w lamZ den net lower upper H. unfold bracket_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[[HD HK] HC] Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.ltb_lt in HD. apply Nat.leb_le in HK.
  unfold gramZ in Hpsd. rewrite Nat.mul_1_l in Hpsd.
  rewrite (gramZ_of_ext K _ (TrowZ_sh D (fun i k => (i + k) mod D)%nat (map BigZ.of_Z lamZ)))
    in Hpsd by (intros p Hp; unfold TrowZ; rewrite (Nat.div_small p K Hp), (Nat.mod_small p K Hp);
                reflexivity).
  exact (bracket_shift D K _ (cidx D) C0 w lamZ den net lower upper (shift_ok_1d D K HD HK)
           (andb_true_intro (conj (andb_true_intro (conj (andb_true_intro (conj
              (andb_true_intro (conj (andb_true_intro (conj HC Hwf)) Hlow)) Hpsd)) Hreal)) Hup))).
Qed.

(* ---------- multi-channel inputs ---------- *)

Definition spredictor_multiB (K : nat) (unsh : nat -> nat -> nat)
    (net : list (list (list bigQ) * list bigQ)) (r j : nat) : bigQ :=
  sum_listB (map (fun ch => sconvB K unsh (rowB (fst ch) r) (snd ch) j) net).
Definition predictor_multiB (D K : nat) (net : list (list (list bigQ) * list bigQ)) (r j : nat) : bigQ :=
  spredictor_multiB K (cidx D) net r j.
Definition cost_multiB (D K Rin : nat) (net : list (list (list bigQ) * list bigQ)) : bigQ :=
  sum_listB (map (fun ch => BigQ.add (sumB Rin (fun r => sqnormB K (rowB (fst ch) r))) (sqnormB D (snd ch))) net).
Definition inner_multiB (D Rin : nat) (L W : list (list bigQ)) : bigQ :=
  sumB Rin (fun r => innerB D (rowB L r) (rowB W r)).

Definition net_multiB (net : list (list (list Q) * list Q)) : list (list (list bigQ) * list bigQ) :=
  map (fun ch => (map (map QtoB) (fst ch), map QtoB (snd ch))) net.
Definition net_multiR (net : list (list (list Q) * list Q)) : network_multi :=
  map (fun ch => (map (map Q2R) (fst ch), map Q2R (snd ch))) net.

(* The size checks of bracket_multi_check give wf_multi; cost_multiB is cost_multi. *)
Lemma wf_multi_of_check : forall D K Rin net,
  forallb (fun ch => Nat.eqb (length (fst ch)) Rin
                     && forallb (fun u => Nat.eqb (length u) K) (fst ch)
                     && Nat.eqb (length (snd ch)) D) net = true ->
  wf_multi D K Rin (net_multiR net).
Proof.
  intros D K Rin net Hwf. unfold wf_multi, net_multiR. rewrite Forall_forall. intros ch Hin.
  apply in_map_iff in Hin as [ch0 [E Hin]]. subst ch. simpl.
  rewrite forallb_forall in Hwf. specialize (Hwf ch0 Hin).
  repeat rewrite andb_true_iff in Hwf. destruct Hwf as [[H1 H2] H3].
  apply Nat.eqb_eq in H1, H3. rewrite !map_length. repeat split; auto.
  rewrite Forall_forall. intros u Hu. apply in_map_iff in Hu as [u0 [Eu Hu]]. subst u.
  rewrite forallb_forall in H2. specialize (H2 u0 Hu). apply Nat.eqb_eq in H2.
  rewrite map_length. exact H2.
Qed.

Lemma cost_multiB_R : forall D K Rin net,
  B2R (cost_multiB D K Rin (net_multiB net)) = cost_multi D K Rin (net_multiR net).
Proof.
  intros. unfold cost_multiB, net_multiB. rewrite sum_listB_R, map_map.
  unfold cost_multi, net_multiR. rewrite map_map. apply sum_list_map_ext. intros ch _. simpl.
  rewrite B2R_addU, !sqnormB_R, sumB_R. f_equal. apply sumR_ext. intros r _.
  rewrite rowB_map, row_map, sqnormB_R. reflexivity.
Qed.

Lemma inner_multiB_R : forall D Rin LQ W,
  B2R (inner_multiB D Rin (map (map QtoB) LQ) (map (map QtoB) W))
  = inner_multi D Rin (map (map Q2R) LQ) (map (map Q2R) W).
Proof.
  intros. unfold inner_multiB, inner_multi. rewrite sumB_R. apply sumR_ext. intros r _.
  rewrite !rowB_map, !row_map, innerB_R. reflexivity.
Qed.

(* Rin input channels for any shift. *)
Definition bracket_multi_shift_check (D K Rin : nat) (sh unsh : nat -> nat -> nat) (C0 : nat)
    (W : list (list Q)) (LZ : list (list Z)) (den : positive)
    (net : list (list (list Q) * list Q)) (lower upper : Q) : bool :=
  let WB := map (map QtoB) W in
  let LB := map (map QtoB) (map (lamQ den) LZ) in
  let nB := net_multiB net in
  Nat.ltb 0 K && Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) Rin
                        && forallb (fun u => Nat.eqb (length u) K) (fst ch)
                        && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (inner_multiB D Rin LB WB)
  && psd_checkZ (Rin * K) (gramZ_multi_sh D K Rin sh (map (map BigZ.of_Z) LZ) den)
  && forallb (fun r => forallb (fun j => BigQ.eq_bool (spredictor_multiB K unsh nB r j)
                                                      (nthB (rowB WB r) j)) (seq 0 D)) (seq 0 Rin)
  && leB (cost_multiB D K Rin nB) (QtoB upper).

Theorem bracket_multi_shift : forall D K Rin sh unsh C0 W LZ den net lower upper,
  shift_ok D K sh unsh ->
  bracket_multi_shift_check D K Rin sh unsh C0 W LZ den net lower upper = true ->
  (forall nt : network_multi, srealizes_multi D K Rin unsh nt (map (map Q2R) W) ->
                              Q2R lower <= cost_multi D K Rin nt) /\
  (exists nt : network_multi, length nt = C0 /\ wf_multi D K Rin nt
                              /\ srealizes_multi D K Rin unsh nt (map (map Q2R) W)
                              /\ cost_multi D K Rin nt <= Q2R upper).
Proof.
  intros D K Rin sh unsh C0 W LZ den net lower upper Hs H. unfold bracket_multi_shift_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[HK0 HC] Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.ltb_lt in HK0. apply Nat.eqb_eq in HC.
  split.
  - intros nt Hnt. apply leB_R in Hlow. rewrite B2R_QtoB, inner_multiB_R in Hlow.
    eapply Rle_trans; [exact Hlow|].
    exact (weak_duality_multi_shift D K Rin sh unsh _ _ nt Hs HK0
             (psd_of_Z_multi_sh D K Rin sh LZ den Hpsd) Hnt).
  - exists (net_multiR net). repeat split.
    + unfold net_multiR. rewrite map_length. exact HC.
    + apply wf_multi_of_check. exact Hwf.
    + intros r j Hr Hj. rewrite !forallb_forall in Hreal.
      specialize (Hreal r (proj2 (in_seq Rin 0 r) (conj (Nat.le_0_l r) Hr))).
      rewrite forallb_forall in Hreal.
      specialize (Hreal j (proj2 (in_seq D 0 j) (conj (Nat.le_0_l j) Hj))).
      apply B2R_eq_bool in Hreal. unfold spredictor_multiB, net_multiB in Hreal.
      rewrite sum_listB_R, rowB_map, nthB_map, map_map in Hreal.
      rewrite row_map, <- Hreal.
      unfold spredictor_multi, net_multiR. rewrite map_map. apply sum_list_map_ext. intros ch _.
      simpl. rewrite rowB_map, row_map. symmetry. apply sconvB_R.
    + apply leB_R in Hup. rewrite B2R_QtoB in Hup. eapply Rle_trans; [|exact Hup].
      right. symmetry. apply cost_multiB_R.
Qed.

(* Z_D: the checks of bracket_multi_shift_check for sh i k = (i + k) mod D and unsh = cidx D
   (gramZ is then gramZ_multi_sh by conversion), and 0 < D, K <= D. *)
Definition bracket_multi_check (D K Rin C0 : nat) (W : list (list Q)) (LZ : list (list Z)) (den : positive)
    (net : list (list (list Q) * list Q)) (lower upper : Q) : bool :=
  let WB := map (map QtoB) W in
  let LB := map (map QtoB) (map (lamQ den) LZ) in
  let nB := net_multiB net in
  Nat.ltb 0 D && Nat.ltb 0 K && Nat.leb K D && Nat.eqb (length net) C0
  && forallb (fun ch => Nat.eqb (length (fst ch)) Rin
                        && forallb (fun u => Nat.eqb (length u) K) (fst ch)
                        && Nat.eqb (length (snd ch)) D) net
  && leB (QtoB lower) (inner_multiB D Rin LB WB)
  && psd_checkZ (Rin * K) (gramZ D K Rin (map (map BigZ.of_Z) LZ) den)
  && forallb (fun r => forallb (fun j => BigQ.eq_bool (predictor_multiB D K nB r j)
                                                      (nthB (rowB WB r) j)) (seq 0 D)) (seq 0 Rin)
  && leB (cost_multiB D K Rin nB) (QtoB upper).

Theorem bracket_multi : forall D K Rin C0 W LZ den net lower upper,
  bracket_multi_check D K Rin C0 W LZ den net lower upper = true ->
  (forall nt : network_multi, realizes_multi D K Rin nt (map (map Q2R) W) ->
                              Q2R lower <= cost_multi D K Rin nt) /\
  (exists nt : network_multi, length nt = C0 /\ wf_multi D K Rin nt
                              /\ realizes_multi D K Rin nt (map (map Q2R) W)
                              /\ cost_multi D K Rin nt <= Q2R upper).
Proof.
  intros D K Rin C0 W LZ den net lower upper H. unfold bracket_multi_check in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[[[HD HK0] HK] HC] Hwf] Hlow] Hpsd] Hreal] Hup].
  apply Nat.ltb_lt in HD. apply Nat.leb_le in HK.
  exact (bracket_multi_shift D K Rin _ (cidx D) C0 W LZ den net lower upper (shift_ok_1d D K HD HK)
           (andb_true_intro (conj (andb_true_intro (conj (andb_true_intro (conj (andb_true_intro (conj
              (andb_true_intro (conj (andb_true_intro (conj HK0 HC)) Hwf)) Hlow)) Hpsd)) Hreal)) Hup))).
Qed.

(* ---------- network-collapse: two concrete networks, realization and costs ---------- *)

Definition collapse_shift_check (D K : nat) (unsh : nat -> nat -> nat) (w : list Q)
    (input output : list (list Q * list Q)) (cost_in cost_out slack : Q) : bool :=
  let real net := forallb (fun j => BigQ.eq_bool (spredictorB K unsh (netB net) j)
                                                 (nthB (map QtoB w) j)) (seq 0 D) in
  Nat.eqb (length output) 1
  && forallb (fun ch => Nat.eqb (length (fst ch)) K && Nat.eqb (length (snd ch)) D) output
  && real input && real output
  && BigQ.eq_bool (costB D K (netB input)) (QtoB cost_in)
  && BigQ.eq_bool (costB D K (netB output)) (QtoB cost_out)
  && leB (QtoB cost_out) (BigQ.add_norm (QtoB cost_in) (QtoB slack)).

Theorem collapse_shift_sound : forall D K unsh w input output cost_in cost_out slack,
  collapse_shift_check D K unsh w input output cost_in cost_out slack = true ->
  length (netR output) = 1%nat /\ wf D K (netR output) /\
  srealizes D K unsh (netR input) (map Q2R w) /\ srealizes D K unsh (netR output) (map Q2R w) /\
  cost D K (netR input) = Q2R cost_in /\ cost D K (netR output) = Q2R cost_out /\
  cost D K (netR output) <= cost D K (netR input) + Q2R slack.
Proof.
  intros D K unsh w input output cost_in cost_out slack H. unfold collapse_shift_check in H.
  cbv zeta beta in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[HC Hwf] Hin] Hout] Hcin] Hcout] Hle].
  apply B2R_eq_bool in Hcin, Hcout. rewrite costB_R, B2R_QtoB in Hcin, Hcout.
  apply leB_R in Hle. rewrite B2R_add, !B2R_QtoB in Hle.
  repeat split.
  - unfold netR. rewrite map_length. apply Nat.eqb_eq. exact HC.
  - apply wf_of_check. exact Hwf.
  - apply srealizes_of_check. exact Hin.
  - apply srealizes_of_check. exact Hout.
  - exact Hcin.
  - exact Hcout.
  - rewrite Hcin, Hcout. exact Hle.
Qed.

(* Z_D: the convolution of unsh = cidx D. *)
Definition collapse_check (D K : nat) (w : list Q) (input output : list (list Q * list Q))
    (cost_in cost_out slack : Q) : bool :=
  collapse_shift_check D K (cidx D) w input output cost_in cost_out slack.

Theorem collapse_sound : forall D K w input output cost_in cost_out slack,
  collapse_check D K w input output cost_in cost_out slack = true ->
  length (netR output) = 1%nat /\ wf D K (netR output) /\
  realizes D K (netR input) (map Q2R w) /\ realizes D K (netR output) (map Q2R w) /\
  cost D K (netR input) = Q2R cost_in /\ cost D K (netR output) = Q2R cost_out /\
  cost D K (netR output) <= cost D K (netR input) + Q2R slack.
Proof. exact (fun D K => collapse_shift_sound D K (cidx D)). Qed.
