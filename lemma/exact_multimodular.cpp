// CRT and rational reconstruction of the factor's coefficients (exact_multimodular.h).
#include "lemma/exact_multimodular.h"
#include "support/flint_raii.h"

#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/nmod_poly.h>
#include <flint/ulong_extras.h>

namespace convcert::lemma {

namespace {

// Σ_k P_k P_{k+j} - t_j ≡ 0 mod m for every lag j = 0..K-1 (P_k = 0 for k >= P.size()).
bool lemma_verify_exact(const fmpz_poly_t m, const std::vector<support::FmpqPoly>& P,
                        const std::vector<support::Fmpq>& target) {
    support::FmpqPoly mq, acc, prod, rem;
    fmpq_poly_set_fmpz_poly(mq.p, m);
    const slong K = static_cast<slong>(target.size());
    const slong len = static_cast<slong>(P.size());
    for (slong j = 0; j < K; ++j) {
        fmpq_poly_zero(acc.p);
        for (slong k = 0; k + j < len; ++k) {
            fmpq_poly_mul(prod.p, P[k].p, P[k + j].p);
            fmpq_poly_add(acc.p, acc.p, prod.p);
        }
        fmpq_poly_sub_fmpq(acc.p, acc.p, target[j].x);
        fmpq_poly_rem(rem.p, acc.p, mq.p);
        if (!fmpq_poly_is_zero(rem.p)) return false;
    }
    return true;
}

// The constants Q_k / L: the case deg m = 1 (m' = 1).
void lemma_constants(std::vector<support::FmpqPoly>& P, const std::vector<support::FmpzPoly>& Q,
                     const fmpz_t L) {
    for (const auto& Qk : Q) {
        support::FmpqPoly pk;
        fmpq_poly_set_fmpz_poly(pk.p, Qk.p);
        fmpq_poly_scalar_div_fmpz(pk.p, pk.p, L);
        P.push_back(std::move(pk));
    }
}

// P_k times the product of the primes used, as residues in [0, modulus).
struct CrtState {
    std::vector<support::FmpzPoly> acc;
    support::Fmpz modulus;
    slong used = 0; // primes used
};

// Adds the residues of P_k = Q_k / (L m') mod (m, p) to st; false (st unchanged) when m' is not
// invertible mod (m, p). Precondition: p prime, p does not divide L.
bool lemma_crt_add_prime(CrtState& st, const fmpz_poly_t m, const std::vector<support::FmpzPoly>& Q,
                         const fmpz_t L, mp_limb_t p) {
    nmod_poly_t mp, dmp, inv, qp, t;
    nmod_poly_init(mp, p);
    nmod_poly_init(dmp, p);
    nmod_poly_init(inv, p);
    nmod_poly_init(qp, p);
    nmod_poly_init(t, p);
    fmpz_poly_get_nmod_poly(mp, m);
    nmod_poly_derivative(dmp, mp);
    const bool ok = nmod_poly_invmod(inv, dmp, mp) != 0;
    if (ok) {
        const mp_limb_t linv = n_invmod(fmpz_fdiv_ui(L, p), p);
        nmod_poly_scalar_mul_nmod(inv, inv, linv);
        for (std::size_t k = 0; k < Q.size(); ++k) {
            fmpz_poly_get_nmod_poly(qp, Q[k].p);
            nmod_poly_mulmod(t, qp, inv, mp);
            fmpz_poly_CRT_ui(st.acc[k].p, st.acc[k].p, st.modulus.x, t, 0);
        }
        fmpz_mul_ui(st.modulus.x, st.modulus.x, p);
        ++st.used;
    }
    nmod_poly_clear(mp);
    nmod_poly_clear(dmp);
    nmod_poly_clear(inv);
    nmod_poly_clear(qp);
    nmod_poly_clear(t);
    return ok;
}

// P from the residues by rational reconstruction with |numerator|, denominator <=
// 2^-33 sqrt(modulus) (2 N D < modulus with 2^-65 to spare); false if a coefficient has none.
bool lemma_reconstruct(std::vector<support::FmpqPoly>& P, const CrtState& st) {
    support::Fmpz bound, a;
    fmpz_fdiv_q_2exp(bound.x, st.modulus.x, 66);
    fmpz_sqrt(bound.x, bound.x);
    P.clear();
    bool all = true;
    support::Fmpq r;
    for (std::size_t k = 0; k < st.acc.size() && all; ++k) {
        support::FmpqPoly pk;
        for (slong i = 0; i < fmpz_poly_length(st.acc[k].p) && all; ++i) {
            fmpz_poly_get_coeff_fmpz(a.x, st.acc[k].p, i);
            if (!fmpq_reconstruct_fmpz_2(r.x, a.x, st.modulus.x, bound.x, bound.x))
                all = false;
            else
                fmpq_poly_set_coeff_fmpq(pk.p, i, r.x);
        }
        P.push_back(std::move(pk));
    }
    return all;
}

} // namespace

// Reconstruction is tried after 16 primes and then every time their number grew by half, so
// that a premature reconstruction is vanishingly unlikely and the verification rare.
bool lemma_solve_multimodular(std::vector<support::FmpqPoly>& P, const fmpz_poly_t m,
                              const std::vector<support::FmpzPoly>& Q, const fmpz_t L,
                              const std::vector<support::Fmpq>& target) {
    P.clear();
    if (fmpz_poly_degree(m) == 1) {
        lemma_constants(P, Q, L);
        return lemma_verify_exact(m, P, target);
    }
    CrtState st;
    st.acc.resize(Q.size());
    fmpz_one(st.modulus.x);
    mp_limb_t p = UWORD(1) << 62;
    slong next_check = 16;
    for (slong tries = 0; tries < 100000 && st.used < 8192; ++tries) {
        p = n_nextprime(p, 1);
        if (fmpz_fdiv_ui(L, p) == 0) continue;
        if (!lemma_crt_add_prime(st, m, Q, L, p) || st.used < next_check) continue;
        next_check += next_check / 2;
        if (lemma_reconstruct(P, st) && lemma_verify_exact(m, P, target)) return true;
    }
    P.clear();
    return false;
}

} // namespace convcert::lemma
