(* FejerRieszPoly.v: the Fejer-Riesz lemma for
   sums of squares of real polynomials, over mathcomp's {poly R} with R Coq's standard reals
   (a real closed field by Rstruct) and C = R[i] (algebraically closed by real-closed's
   complex.v). Main result: [fr_sos] -- for real polynomials p_i of size <= K there is a real c
   of size <= K with c * recip K c = sum_i p_i * recip K p_i (MATH.md section 2).
   Route: (1) divide out G = gcd of the p_i (then the quotients have no common root, so
   sum_i q_i recip q_i has no root on the unit circle); (2) [fr_positive]: a self-reciprocal S
   that is positive on the unit circle factors, by induction on its degree: a root alpha of S
   (not on the circle, not 0) gives the real g with roots alpha (and conj alpha), and
   g * recip g divides S with a quotient of the same kind ([root_divisor]: d = 1 for a real
   alpha, 2 otherwise; no root on the circle, so the unit-circle double roots never arise).
   Helpers here: [gcd_list] (the gcd of a list of polynomials), the values on the unit circle
   ([circle_sq]: z^-n (p * recip p)(z) = |p(z)|^2 for real p). *)
Set Warnings "-notation-overridden,-ambiguous-paths".
From Coq Require Import Reals.
From mathcomp Require Import all_ssreflect ssralg ssrnum poly polydiv.
From mathcomp.real_closed Require Import complex.
From mathcomp.analysis Require Import Rstruct.
From Convcert Require Import PolyBridge Recip.
Import Order.TTheory GRing.Theory Num.Theory.

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

(* ---- values on the unit circle ---- *)

Lemma pC_recip n (p : {poly R}) : pC (recip n p) = recip n (pC p).
Proof.
by apply/polyP => i; rewrite coef_map !coef_recip; case: ifP; rewrite ?coef_map ?rmorph0.
Qed.

Lemma pC_mul (p q : {poly R}) : pC (p * q) = pC p * pC q.
Proof. by rewrite /pC rmorphM. Qed.

Lemma size_pC (p : {poly R}) : size (pC p) = size p.
Proof. exact: size_map_poly. Qed.

(* A real polynomial at conj z is the conjugate of its value at z. *)
Lemma pC_conj (p : {poly R}) (z : C) : (pC p).[z^*] = ((pC p).[z])^*.
Proof.
rewrite -horner_map /=; congr (_.[_]); rewrite -map_poly_comp.
by apply: eq_map_poly => x /=; rewrite oppr0.
Qed.

Lemma circle_neq0 (z : C) : z * z^* = 1 -> z != 0.
Proof. by move=> hz; apply/eqP => z0; move: hz; rewrite z0 mul0r => /eqP; rewrite eq_sym oner_eq0. Qed.

Lemma circle_inv (z : C) : z * z^* = 1 -> z^-1 = z^*.
Proof. by move=> hz; rewrite -[z^-1]mulr1 -hz mulKf // circle_neq0. Qed.

(* On the unit circle, z^-n (p * recip p)(z) = |p(z)|^2. *)
Lemma circle_sq n (p : {poly R}) (z : C) : (size p <= n.+1)%N -> z * z^* = 1 ->
  z^* ^+ n * (pC (p * recip n.+1 p)).[z] = (pC p).[z] * ((pC p).[z])^*.
Proof.
move=> hp hz; rewrite pC_mul hornerM pC_recip horner_recip ?size_pC ?circle_neq0 //.
by rewrite circle_inv // pC_conj mulrCA [z^* ^+ n * _]mulrA -exprMn [z^* * z]mulrC hz expr1n mul1r.
Qed.

Lemma divpK_R (d p : {poly R}) : d %| p -> p %/ d * d = p.
Proof. exact: Pdiv.Field.divpK. Qed.

Lemma recipK n (p : {poly R}) : (size p <= n)%N -> recip n (recip n p) = p.
Proof.
move=> hp; apply/polyP => i; rewrite !coef_recip; case: ltnP => hi.
  rewrite ifT; last by move: hi; nlia.
  by congr (p`_ _); move: hi; nlia.
by rewrite nth_default // (leq_trans hp hi).
Qed.

Lemma conjC1 : (1 : C)^* = 1.
Proof. by apply/eqP; rewrite eq_complex /= oppr0 !eqxx. Qed.

Lemma conjC0 : (0 : C)^* = 0.
Proof. by apply/eqP; rewrite eq_complex /= oppr0 !eqxx. Qed.

Lemma conjCK (x : C) : x^*^* = x.
Proof. by case: x => a b /=; rewrite opprK. Qed.

Lemma real_of_conj (x : C) : x^* = x -> real_complex R (complex.Re x) = x.
Proof. by move=> h; rewrite ReJ_add h -mulr2n -[x *+ 2]mulr_natr mulfK // pnatr_eq0. Qed.

(* A complex polynomial equal to its conjugate is the image of its real part. *)
Lemma pC_Re (Q : {poly C}) : map_poly conjc Q = Q -> pC (map_poly (@complex.Re _) Q) = Q.
Proof.
move=> h; apply/polyP => i; rewrite /pC coef_map /= coef_map_id0 //.
by apply: real_of_conj; rewrite -{2}h coef_map.
Qed.

Lemma pC_dvdp (p q : {poly R}) : (pC p %| pC q) = (p %| q).
Proof. exact: dvdp_map. Qed.

Lemma pC_coprimep (p q : {poly R}) : coprimep (pC p) (pC q) = coprimep p q.
Proof. exact: coprimep_map. Qed.

Lemma pC_coef0 (p : {poly R}) : (pC p)`_0 = real_complex R p`_0.
Proof. by rewrite /pC coef_map. Qed.

(* The reciprocal of a polynomial of size d+1 with p_0 <> 0 has size d+1. *)
Lemma size_recip_full (T : ringType) d (p : {poly T}) : p`_0 != 0 ->
  size (recip d.+1 p) = d.+1.
Proof.
move=> h0; apply/eqP; rewrite eqn_leq size_recip /= ltnNge; apply/negP => /leq_sizeP h.
by move: (h d (leqnn d)) h0; rewrite coef_recip ltnSn ?Nat.sub_diag ?subnn => ->; rewrite eqxx.
Qed.

(* A quotient by a divisor of size m: size <= n + 1 - (m - 1). *)
Lemma size_divp_le (p d : {poly R}) n : d != 0 -> d %| p -> (size p <= n)%N ->
  (size (p %/ d)%R <= n - (size d).-1)%N.
Proof.
move=> hd hdp hp; have hpq := divpK_R hdp.
have [->|hq] := eqVneq (p %/ d) 0; first by rewrite size_poly0.
rewrite -hpq size_mul // in hp.
move: hp (size_poly_gt0 d) (size_poly_gt0 (p %/ d)); rewrite hd hq; move: (size (p %/ d)) (size d) => a b; nlia.
Qed.

(* A divisor's reciprocal divides the reciprocal. *)
Lemma dvdp_recip d m (g S : {poly R}) : g %| S -> size g = d.+1 -> (size S <= m.+1)%N ->
  (d <= m)%N -> recip d.+1 g %| recip m.+1 S.
Proof.
move=> hgS hg hS hdm; have g0 : g != 0 by rewrite -size_poly_eq0 hg.
rewrite -(divpK_R hgS) -(subnK hdm) -addSn recip_mul ?hg ?dvdp_mull //.
have := size_divp_le g0 hgS hS; rewrite hg /=; move: (size _) => a; nlia.
Qed.

Lemma inv_conj_neq (a b : C) : a != 0 -> a * b != 1 -> a^-1 != b.
Proof. by move=> a0 h; apply/eqP => hab; move: h; rewrite -hab mulfV ?eqxx. Qed.

(* The step of the induction: a self-reciprocal S, positive on the unit circle, with
   S_0 <> 0 and degree 2n > 0, has a real divisor g * recip g with g of degree d = 1 or 2
   (g has the root alpha of S, and conj alpha), g without roots on the unit circle. *)
Lemma root_divisor n (S : {poly R}) : (0 < n)%N -> size S = n.*2.+1 ->
  recip n.*2.+1 S = S -> S`_0 != 0 -> circ_pos n S ->
  exists d, exists2 g : {poly R}, (0 < d <= 2)%N /\ size g = d.+1 /\
    size (recip d.+1 g) = d.+1 & g * recip d.+1 g %| S /\
    (forall z : C, z * z^* = 1 -> (pC g).[z] != 0).
Proof.
move=> hn hsz hrec h0 hpos.
have [a ha] : exists a : C, root (pC S) a.
  by apply/closed_rootP; rewrite size_pC hsz eqSS double_eq0 -lt0n.
have Sa : (pC S).[a] = 0 by apply/eqP.
have Sac : (pC S).[a^*] = 0 by rewrite pC_conj Sa conjC0.
have a0 : a != 0.
  apply: contraNneq h0 => a0; move: Sa; rewrite a0 horner_coef0 pC_coef0 => /eqP.
  by rewrite fmorph_eq0.
have aC : a * a^* != 1.
  by apply/negP => /eqP ha1; move: (hpos a ha1); rewrite Sa mulr0 ltxx.
have ac0 : a^* != 0 by rewrite conjc_eq0.
have aCc : a^* * a^*^* != 1 by rewrite conjCK mulrC.
have S0 : S != 0 by rewrite -size_poly_eq0 hsz.
(* the complex polynomial P with the roots a (and conj a), equal to its conjugate *)
have [d [P [hd hPc hsP] [hP0 hPS hPr hPz]]] : exists d, exists2 P : {poly C},
    [/\ (0 < d <= 2)%N, map_poly conjc P = P & size P = d.+1] &
    [/\ P`_0 != 0, P %| pC S, coprimep P (recip d.+1 P) &
        forall z : C, z * z^* = 1 -> P.[z] != 0].
  have za : forall z : C, z * z^* = 1 -> z != a.
    by move=> z hz; apply/eqP => e; move: aC; rewrite -e hz eqxx.
  have zac : forall z : C, z * z^* = 1 -> z != a^*.
    by move=> z hz; apply/eqP => e; move: aCc; rewrite -e hz eqxx.
  have [ar|anr] := eqVneq a^* a.
    have aa : a * a != 1 by rewrite -{2}ar.
    exists 1%N; exists ('X - a%:P).
      by split => //; [rewrite rmorphB /= map_polyX map_polyC /= ar|rewrite size_XsubC].
    split.
    - by rewrite coefB coefX coefC /= sub0r oppr_eq0.
    - by rewrite dvdp_XsubCl.
    - rewrite coprimep_sym coprimep_XsubC rootE horner_recip ?size_XsubC //.
      by rewrite hornerXsubC mulf_neq0 ?expf_neq0 // subr_eq0 inv_conj_neq.
    - by move=> z hz; rewrite hornerXsubC subr_eq0 za.
  have aa : a * a != 1.
    apply: contra anr; rewrite -expr2 sqrf_eq1 => /orP [] /eqP ->.
      by rewrite conjC1.
    by rewrite rmorphN conjC1.
  have aac : a^* * a^* != 1.
    by apply: contra aa => /eqP h; rewrite -[a]conjCK -rmorphM h conjC1.
  exists 2%N; exists (('X - a%:P) * ('X - (a^*)%:P)).
    split => //.
      by rewrite rmorphM /= !rmorphB /= !map_polyX !map_polyC /= conjCK mulrC.
    by rewrite size_mul ?polyXsubC_eq0 // !size_XsubC.
  split.
  - by rewrite -horner_coef0 hornerM !hornerXsubC !sub0r mulf_neq0 ?oppr_eq0.
  - rewrite Gauss_dvdp ?coprimep_XsubC ?root_XsubC //.
    by rewrite !dvdp_XsubCl /root Sa Sac eqxx.
  - have hs : (size (('X - a%:P) * ('X - (a^*)%:P))%R <= 3)%N.
      by rewrite size_mul ?polyXsubC_eq0 // !size_XsubC.
    rewrite coprimepMl !(coprimep_sym ('X - _)) !coprimep_XsubC !rootE.
    rewrite !horner_recip // !hornerM !hornerXsubC.
    rewrite !mulf_neq0 ?expf_neq0 // subr_eq0 ?inv_conj_neq //.
    by rewrite mulrC.
  - by move=> z hz; rewrite hornerM !hornerXsubC mulf_neq0 // subr_eq0 ?za ?zac.
set g := map_poly (@complex.Re _) P.
have hgP : pC g = P by exact: pC_Re.
have hg : size g = d.+1 by rewrite -size_pC hgP.
have hg0 : g`_0 != 0 by move: hP0; rewrite -hgP pC_coef0 fmorph_eq0.
have hdn : (d <= n.*2)%N by case/andP: hd => _ hd2; move: hn; rewrite -!addnn; nlia.
exists d; exists g.
  by split => //; split => //; apply: size_recip_full.
split; last by move=> z hz; rewrite hgP; apply: hPz.
rewrite Gauss_dvdp; last by rewrite -pC_coprimep pC_recip hgP.
rewrite -pC_dvdp hgP hPS /= -{1}hrec dvdp_recip ?hsz //.
by rewrite -pC_dvdp hgP.
Qed.


Lemma circle_conj (z : C) : z * z^* = 1 -> z^* * z = 1.
Proof. by rewrite mulrC. Qed.

Lemma fr_positive n (S : {poly R}) : (size S <= n.*2.+1)%N -> recip n.*2.+1 S = S ->
  circ_pos n S -> exists c : {poly R}, (size c <= n.+1)%N /\ c * recip n.+1 c = S.
Proof.
elim/ltn_ind: n S => n IH S hS hrec hpos.
have [h0|h0] := eqVneq S`_0 0.
  (* S_0 = 0: S = S' * X, and S' is of the same kind with center n - 1 *)
  case: n IH hS hrec hpos => [|n] IH hS hrec hpos.
    have S0 : S = 0 by rewrite (size1_polyC hS) h0.
    have := hpos 1; rewrite conjC1 mulr1 S0 /pC map_poly0 horner0 mulr0 ltxx.
    by move=> /(_ erefl).
  have hX : 'X %| S.
    by rewrite -(subr0 'X) -polyC0 dvdp_XsubCl /root horner_coef0 h0.
  set S' := S %/ 'X; have ES : S = S' * 'X by rewrite divpK_R.
  have htop : S`_(n.+1).*2 = 0.
    by rewrite -{1}hrec coef_recip ifT // ?Nat.sub_diag ?subnn h0.
  have hS2 : (size S <= (n.+1).*2)%N.
    apply/leq_sizeP => j hj; move: hj; rewrite leq_eqVlt => /orP [/eqP <- //|hj].
    by apply: (leq_sizeP _ _ hS).
  have S'0 : S' != 0.
    apply/eqP => S'0; move: (hpos 1); rewrite conjC1 mulr1 ES S'0 mul0r /pC map_poly0.
    by rewrite horner0 mulr0 ltxx => /(_ erefl).
  have hS' : (size S' <= n.*2.+1)%N.
    by move: hS2; rewrite ES size_mulX // doubleS ltnS.
  have hrec' : recip n.*2.+1 S' = S'.
    apply: (@mulIf _ 'X); first by rewrite polyX_eq0.
    have E1 : recip (n.+1).*2.+1 S = 'X * recip n.*2.+1 S'.
      rewrite recip_shift // {1}ES doubleS.
      have -> : (n.*2).+2 = (n.*2 + 1).+1 by rewrite addn1.
      by rewrite recip_mul ?size_polyX // recip2X mulr1.
    by rewrite -ES -{1}hrec E1 mulrC.
  have hpos' : circ_pos n S'.
    move=> z hz; move: (hpos z hz); rewrite ES pC_mul hornerM /pC map_polyX hornerX.
    by rewrite exprSr mulrACA circle_conj // mulr1.
  have [c [hc hcS]] := IH n (ltnSn n) S' hS' hrec' hpos'.
  exists c; split; first exact: (leq_trans hc).
  by rewrite recip_shift // mulrCA hcS ES mulrC.
(* S_0 <> 0 *)
case: n IH hS hrec hpos => [|n] IH hS hrec hpos.
  (* a positive constant: its square root *)
  have ES : S = (S`_0)%:P := size1_polyC hS.
  have hS0 : 0 < S`_0.
    move: (hpos 1); rewrite conjC1 mulr1 expr0 mul1r {1}ES /pC map_polyC hornerC ltcE.
    by move=> /(_ erefl) /andP [_].
  exists (Num.sqrt S`_0)%:P; split; first by rewrite size_polyC leq_b1.
  by rewrite recip1C -polyCM -expr2 sqr_sqrtr ?ltW.
have hsz : size S = (n.+1).*2.+1.
  have htop : S`_((n.+1).*2) != 0 by rewrite -{1}hrec coef_recip ifT // ?Nat.sub_diag ?subnn.
  apply/eqP; rewrite eqn_leq hS /= ltnNge; apply/negP => /leq_sizeP h.
  by move: htop; rewrite h // eqxx.
have [d [g [hd [hg hrg]] [hdiv hgz]]] := root_divisor (ltn0Sn n) hsz hrec h0 hpos.
set h := g * recip d.+1 g.
have S0 : S != 0 by rewrite -size_poly_eq0 hsz.
have g0 : g != 0 by rewrite -size_poly_eq0 hg.
have rg0 : recip d.+1 g != 0 by rewrite -size_poly_eq0 hrg.
have h0' : h != 0 by rewrite mulf_neq0.
have hsh : size h = d.*2.+1 by rewrite size_mul // hg hrg -addnn addSn addnS.
have hdn : (d <= n.+1)%N by move: (dvdp_leq S0 hdiv); rewrite hsh hsz ltnS leq_double.
set T := S %/ h; have ET : S = T * h by rewrite divpK_R.
have T0 : T != 0 by apply: contraNneq S0 => T0; rewrite ET T0 mul0r.
set k := (n.+1 - d)%N.
have hnk : n.+1 = (k + d)%N by rewrite /k subnK.
have hsT : size T = k.*2.+1.
  by move: hsz; rewrite ET size_mul // hsh hnk; move: (size T) => a; rewrite -!addnn; nlia.
have hrh : recip d.*2.+1 h = h.
  by rewrite -addnn recip_mul ?hg ?hrg // recipK ?hg // mulrC.
have hrecT : recip k.*2.+1 T = T.
  apply: (@mulIf _ h h0'); rewrite -ET -{1}hrec {1}ET hnk doubleD.
  by rewrite recip_mul ?hsT ?hsh // hrh.
have hposT : circ_pos k T.
  move=> z hz; move: (hpos z hz); rewrite ET pC_mul hornerM hnk exprD mulrACA.
  rewrite pmulr_lgt0 // /h circle_sq ?hg // -sqr_normc exprn_gt0 // normr_gt0.
  exact: hgz.
have hk : (k < n.+1)%N by rewrite /k; case/andP: hd; nlia.
have [c [hc hcT]] := IH k hk T (eq_leq hsT) hrecT hposT.
exists (g * c); split.
  rewrite (leq_trans (size_mul_leq _ _)) // hg hnk.
  by move: hc; move: (size c) => a; nlia.
by rewrite hnk addnC recip_mul ?hg // mulrACA hcT mulrC -ET.
Qed.

(* ---- the gcd of a list of polynomials ---- *)

Section GcdList.
Variable F : fieldType.
Implicit Types p d : {poly F}.

Definition gcd_list (ps : seq {poly F}) : {poly F} := foldr (@gcdp F) 0 ps.

Lemma gcd_list_dvd ps p : p \in ps -> gcd_list ps %| p.
Proof.
elim: ps => //= q ps IH; rewrite inE => /orP [/eqP ->|/IH h]; first exact: dvdp_gcdl.
exact: dvdp_trans (dvdp_gcdr _ _) h.
Qed.

Lemma dvd_gcd_list ps d : (forall p, p \in ps -> d %| p) -> d %| gcd_list ps.
Proof.
elim: ps => [|q ps IH] h /=; first by rewrite dvdp0.
by rewrite dvdp_gcd h ?mem_head //= IH // => p hp; apply: h; rewrite inE hp orbT.
Qed.

Lemma gcd_list0 ps p : gcd_list ps = 0 -> p \in ps -> p = 0.
Proof. by move=> h hp; apply/eqP; rewrite -dvd0p -h gcd_list_dvd. Qed.

Lemma gcd_list_all0 ps : all (fun p => p == 0) ps -> gcd_list ps = 0.
Proof. by elim: ps => //= q ps IH /andP [/eqP -> /IH ->]; rewrite gcd0p. Qed.
End GcdList.

Lemma pC_gcd_list ps : pC (gcd_list ps) = gcd_list (map pC ps).
Proof.
elim: ps => [|q ps IH] /=; first by rewrite /pC map_poly0.
by rewrite -IH; exact: gcdp_map.
Qed.

Lemma size_sum_le (I : Type) (r : seq I) (P : pred I) (F : I -> {poly R}) B :
  (forall i, P i -> (size (F i) <= B)%N) -> (size (\sum_(i <- r | P i) F i)%R <= B)%N.
Proof.
move=> h; elim/big_ind: _ => [|p q hp hq|i hi]; first by rewrite size_poly0.
  by rewrite (leq_trans (size_add _ _)) // geq_max hp hq.
exact: h.
Qed.

Lemma pC_sum (I : Type) (r : seq I) (P : pred I) (F : I -> {poly R}) :
  pC (\sum_(i <- r | P i) F i) = \sum_(i <- r | P i) pC (F i).
Proof. by rewrite /pC rmorph_sum. Qed.

Lemma pC_neq0 (p : {poly R}) : p != 0 -> pC p != 0.
Proof. by rewrite -!size_poly_eq0 size_pC. Qed.




Lemma fr_sos K (ps : seq {poly R}) : all (fun p : {poly R} => size p <= K)%N ps ->
  exists c : {poly R}, (size c <= K)%N /\ c * recip K c = \sum_(p <- ps) p * recip K p.
Proof.
move=> /allP hps; set G := gcd_list ps.
have [G0|G0] := eqVneq G 0.
  exists 0; split; first by rewrite size_poly0.
  by rewrite mul0r big_seq big1 // => p hp; rewrite (gcd_list0 G0 hp) mul0r.
have [p0 hp0 p0n0] : exists2 p0, p0 \in ps & p0 != 0.
  apply/hasP; apply: contraNT G0 => h; apply/eqP/gcd_list_all0; apply/allP => p hp.
  by apply: contraNT h => hp0; apply/hasP; exists p.
have hGK : (size G <= K)%N.
  by rewrite (leq_trans (dvdp_leq p0n0 (gcd_list_dvd hp0))) // hps.
set m := (size G).-1; set K' := (K - size G)%N.
have hGm : size G = m.+1 by rewrite /m prednK // size_poly_gt0.
have hK : K = (K' + m).+1 by rewrite /K' hGm; move: hGK; rewrite hGm; nlia.
have hq : forall p, p \in ps -> (size (p %/ G)%R <= K'.+1)%N.
  move=> p hp; rewrite (leq_trans (size_divp_le G0 (gcd_list_dvd hp) (hps p hp))) //.
  by rewrite hGm /K' hK; nlia.
set T := \sum_(p <- ps) (p %/ G) * recip K'.+1 (p %/ G).
have hS : \sum_(p <- ps) p * recip K p = G * recip m.+1 G * T.
  rewrite /T mulr_sumr big_seq [RHS]big_seq; apply: eq_bigr => p hp.
  rewrite -{1 2}(divpK_R (gcd_list_dvd hp)) hK recip_mul ?hq -?hGm //.
  by rewrite mulrACA mulrC.
have [c [hc hcT]] : exists c : {poly R}, (size c <= K'.+1)%N /\ c * recip K'.+1 c = T.
  apply: fr_positive.
  - rewrite /T big_seq; apply: size_sum_le => p hp; apply: (leq_trans (size_mul_leq _ _)).
    move: (hq p hp) (size_recip K'.+1 (p %/ G)); rewrite -addnn.
    by move: (size (p %/ G)) (size (recip K'.+1 (p %/ G))) => a b; nlia.
  - rewrite /T recip_sum big_seq [RHS]big_seq; apply: eq_bigr => p hp.
    by rewrite -addnn recip_mul ?hq ?size_recip // recipK ?hq // mulrC.
  move=> z hz.
  have E : z^* ^+ K' * (pC T).[z] =
           \sum_(p <- ps | p \in ps) (pC (p %/ G)).[z] * ((pC (p %/ G)).[z])^*.
    rewrite /T pC_sum horner_sum mulr_sumr big_seq; apply: eq_bigr => p hp.
    exact: circle_sq (hq p hp) hz.
  rewrite E lt0r sumr_ge0 ?andbT => [|p _]; last exact: mulcJ_ge0.
  rewrite psumr_eq0 => [|p _]; last exact: mulcJ_ge0.
  apply/negP => /allP hall.
  have hdiv : ('X - z%:P) * pC G %| pC G.
    rewrite [X in _ %| X]pC_gcd_list; apply: dvd_gcd_list => _ /mapP [p hp ->].
    rewrite -(divpK_R (gcd_list_dvd hp)) pC_mul dvdp_mul2r ?pC_neq0 //.
    rewrite dvdp_XsubCl /root; move: (hall p hp); rewrite hp /= mulf_eq0 conjc_eq0.
    by rewrite orbb.
  move: (dvdp_leq (pC_neq0 G0) hdiv); rewrite size_mul ?polyXsubC_eq0 ?pC_neq0 //.
  by rewrite size_XsubC; nlia.
exists (G * c); split.
  rewrite (leq_trans (size_mul_leq _ _)) // hGm hK; move: hc; move: (size c) => a; nlia.
by rewrite hS -hcT hK addnC recip_mul -?hGm // mulrACA.
Qed.

(* fr_sos for the polynomials of a list of vectors of length K. *)
Lemma fr_sos_lists K (a : list (list R)) : (forall x, List.In x a -> length x = K) ->
  exists c : {poly R}, (size c <= K)%N /\ c * recip K c = \sum_(x <- a) Poly x * recip K (Poly x).
Proof.
move=> ha; have [|c [hc hs]] := @fr_sos K (map Poly a); last by exists c; rewrite hc hs big_map.
apply/allP => _ /mapP [x /mem_In /ha hx ->].
by rewrite (leq_trans (size_Poly x)) // size_length hx.
Qed.
