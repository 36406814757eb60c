(* Network.v: the objects of MATH.md over Coq's standard reals -- finite sums, circular
   convolution on Z_D (kernels zero-padded), single- and multi-channel 2-layer linear CNNs
   as lists of channels (u_c, v_c), "the network realizes w", its weight cost, and the
   dual matrix T(lambda). Vectors are lists of reals read with nth and default 0, so a
   length-K kernel is implicitly zero-padded; every definition only reads the entries a
   vector of the stated size has (k < K, i < D), so longer lists are truncated. *)

From Coq Require Import Reals List Arith Lia.
Import ListNotations.
Open Scope R_scope.

(* sum_{i < n} f i. The recursion peels off the first term (f 0). *)
Fixpoint sumR (n : nat) (f : nat -> R) : R :=
  match n with
  | O => 0
  | S m => f O + sumR m (fun i => f (S i))
  end.

(* Entry i of a vector (0 beyond its end). *)
Definition nthR (l : list R) (i : nat) : R := nth i l 0.

(* Sum of a list of reals. *)
Definition sum_list (l : list R) : R := fold_right Rplus 0 l.

(* The index (j - k) mod D, for k <= D (always the case here: k < K <= D). *)
Definition cidx (D j k : nat) : nat := ((j + (D - k)) mod D)%nat.

(* Circular convolution on Z_D, MATH.md §1: (u * v)[j] = sum_{k<K} u[k] v[(j - k) mod D]
   (u has K entries, zero-padded to D). *)
Definition cconv (D K : nat) (u v : list R) (j : nat) : R :=
  sumR K (fun k => nthR u k * nthR v (cidx D j k)).

(* ||x||^2 of the first n entries. *)
Definition sqnorm (n : nat) (x : list R) : R := sumR n (fun i => nthR x i * nthR x i).

(* <x, y> over the first n entries. *)
Definition inner (n : nat) (x y : list R) : R := sumR n (fun i => nthR x i * nthR y i).

(* ---------- single-channel inputs (MATH.md §§1-7) ---------- *)

(* A channel is (u_c, v_c): kernel u_c in R^K, second-layer weights v_c in R^D. *)
Definition channel : Type := (list R * list R)%type.
Definition network : Type := list channel.

(* The predictor w[j] = sum_c (u_c * v_c)[j]. *)
Definition predictor (D K : nat) (net : network) (j : nat) : R :=
  sum_list (map (fun ch => cconv D K (fst ch) (snd ch) j) net).

(* The network realizes w in R^D. *)
Definition realizes (D K : nat) (net : network) (w : list R) : Prop :=
  forall j, (j < D)%nat -> predictor D K net j = nthR w j.

(* ||theta||^2 = sum_c ||u_c||^2 + ||v_c||^2. *)
Definition cost (D K : nat) (net : network) : R :=
  sum_list (map (fun ch => sqnorm K (fst ch) + sqnorm D (snd ch)) net).

(* Well-formed: every kernel has exactly K entries and every v_c exactly D. *)
Definition wf (D K : nat) (net : network) : Prop :=
  Forall (fun ch => length (fst ch) = K /\ length (snd ch) = D) net.

(* ---------- multi-channel inputs (MATH.md §8), Rin input channels ---------- *)

(* A channel is (u_c, v_c) with u_c a list of Rin kernels (u_c[r] in R^K). *)
Definition channel_multi : Type := (list (list R) * list R)%type.
Definition network_multi : Type := list channel_multi.

(* Row r of a list of vectors ([] = zero vector beyond the end). *)
Definition row (M : list (list R)) (r : nat) : list R := nth r M [].

(* W[r][j] = sum_c (u_c[r] * v_c)[j]. *)
Definition predictor_multi (D K : nat) (net : network_multi) (r j : nat) : R :=
  sum_list (map (fun ch => cconv D K (row (fst ch) r) (snd ch) j) net).

Definition realizes_multi (D K Rin : nat) (net : network_multi) (W : list (list R)) : Prop :=
  forall r j, (r < Rin)%nat -> (j < D)%nat -> predictor_multi D K net r j = nthR (row W r) j.

(* sum_c (sum_r ||u_c[r]||^2) + ||v_c||^2. *)
Definition cost_multi (D K Rin : nat) (net : network_multi) : R :=
  sum_list (map (fun ch => sumR Rin (fun r => sqnorm K (row (fst ch) r)) + sqnorm D (snd ch)) net).

Definition wf_multi (D K Rin : nat) (net : network_multi) : Prop :=
  Forall (fun ch => length (fst ch) = Rin /\ Forall (fun u => length u = K) (fst ch)
                    /\ length (snd ch) = D) net.

(* <Lambda, W> = sum_r <lambda_r, W[r]>. *)
Definition inner_multi (D Rin : nat) (L W : list (list R)) : R :=
  sumR Rin (fun r => inner D (row L r) (row W r)).

(* ---------- the dual matrix (MATH.md §7) ---------- *)

(* T(lambda)[k][i] = lambda[(i + k) mod D], a K x D matrix. *)
Definition Tmat (D : nat) (lam : list R) (k i : nat) : R := nthR lam ((i + k) mod D).

(* The stacked (Rin*K) x D matrix of §8: row r*K + k is row k of T(lambda_r). *)
Definition Tmat_multi (D K : nat) (L : list (list R)) (p i : nat) : R :=
  Tmat D (row L (p / K)) (p mod K) i.

(* ---------- any finite abelian group: signals and kernels on flat indices ---------- *)

(* MATH.md, "Two-dimensional signals": a signal has D entries (i < D), a kernel K (k < K);
   sh i k is the index of i + (kernel entry k) and unsh j k that of j - (kernel entry k).
   The 1-D definitions above are the case sh i k = (i + k) mod D, unsh = cidx D (each is the
   s-definition by conversion; Duality.shift_ok_1d); Z_D1 x Z_D2 is in Grid.v. *)

(* (u * v)[j] = sum_{k<K} u[k] v[unsh j k]. *)
Definition sconv (K : nat) (unsh : nat -> nat -> nat) (u v : list R) (j : nat) : R :=
  sumR K (fun k => nthR u k * nthR v (unsh j k)).

Definition spredictor (K : nat) (unsh : nat -> nat -> nat) (net : network) (j : nat) : R :=
  sum_list (map (fun ch => sconv K unsh (fst ch) (snd ch) j) net).

Definition srealizes (D K : nat) (unsh : nat -> nat -> nat) (net : network) (w : list R) : Prop :=
  forall j, (j < D)%nat -> spredictor K unsh net j = nthR w j.

(* T(lambda)[k][i] = lambda[sh i k], a K x D matrix. *)
Definition sTmat (sh : nat -> nat -> nat) (lam : list R) (k i : nat) : R := nthR lam (sh i k).

(* For every kernel entry k < K, i |-> sh i k and j |-> unsh j k are mutually inverse
   bijections of {0..D-1} (translation by an element of the group and by its opposite). *)
Definition shift_ok (D K : nat) (sh unsh : nat -> nat -> nat) : Prop :=
  forall k, (k < K)%nat ->
    (forall i, (i < D)%nat -> (sh i k < D)%nat /\ unsh (sh i k) k = i) /\
    (forall j, (j < D)%nat -> (unsh j k < D)%nat /\ sh (unsh j k) k = j).
