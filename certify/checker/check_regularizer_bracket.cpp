// regularizer-bracket (docs/certificates.md): lower <= <λ, w> <= R_{K,C}(w) <= cost <= upper.
// The lower bound is weak duality, ||θ||² - <λ, w> = sum_c z_cᵀ S z_c >= 0 once
// 4I - T Tᵀ ⪰ 0, where T stacks the R blocks T(λ_r)[k][i] = λ_r[(i+k) mod D]; the test
// (docs/certificates.md, "The PSD test") is a floating-point Cholesky with a proven error bound
// and exact fraction-free symmetric elimination over the integers for small or singular cases. The
// upper bound is a rational network that realizes w exactly, w[r] = sum_c u_c[r] * v_c (circular
// convolution on Z_D, or on Z_D1 × Z_D2 for a 2-D claim: i + k and j - k are grid_shift and
// grid_unshift of certify/grid.h, so T(λ_r)[k][i] = λ_r[i + k] with k's offset (k1, k2)).
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"
#include "certify/checker/psd_exact.h"
#include "certify/checker/psd_float.h"

#include <algorithm>
#include <cmath>

namespace convcert::checker {

namespace {

struct Bracket {
    Grid grid;
    std::size_t D = 0, K = 0, R = 0;
    RatRows w, lambda; // R rows of D
    ExactNetwork network;
    Rat lower, upper;
};

/// Sizes and limits, every entry a canonical rational.
Bracket bracket_parse(const RegularizerClaim& claim, const RegularizerBracketEvidence& ev) {
    Bracket b;
    b.grid = network_grid(claim.D, claim.K, claim.R, claim.shape, claim.kernel_shape);
    b.D = static_cast<std::size_t>(claim.D);
    b.K = static_cast<std::size_t>(claim.K);
    b.R = static_cast<std::size_t>(claim.R);
    b.w = rows_parse(claim.w, b.R, b.D, "w");
    b.lower = rational_parse_canonical(claim.lower, "lower");
    b.upper = rational_parse_canonical(claim.upper, "upper");
    b.lambda = rows_parse(ev.lambda, b.R, b.D, "lambda");
    b.network = network_parse(ev.u, ev.v, b.grid, b.R, "network", "");
    return b;
}

/// <λ, w> = sum_r sum_j λ_r[j] w_r[j], exactly.
Rat dual_value(const Bracket& b) {
    const IntRows L = rows_clear_denominators(row_pointers(b.lambda));
    const IntRows W = rows_clear_denominators(row_pointers(b.w));
    work_charge(static_cast<double>(b.R * b.D) *
                    cost_mul_ns(int_limbs(L.den) + 8, int_limbs(W.den) + 8),
                "<lambda, w>");
    Int sum = 0;
    for (std::size_t r = 0; r < b.R; ++r)
        for (std::size_t j = 0; j < b.D; ++j)
            sum += L.num[r][j] * W.num[r][j];
    return Rat(sum, L.den * W.den);
}

/// c[m] = sum_i a[i] b[i + m] (addition on the grid) for every lag m with need[m]; other
/// entries are 0.
std::vector<Int> circular_correlation(const Grid& g, const std::vector<Int>& a,
                                      const std::vector<Int>& b, const std::vector<bool>& need) {
    const long D = grid_signal_size(g);
    std::vector<Int> c(a.size());
    for (long m = 0; m < D; ++m)
        if (need[static_cast<std::size_t>(m)])
            for (long i = 0; i < D; ++i)
                c[static_cast<std::size_t>(m)] +=
                    a[static_cast<std::size_t>(i)] * b[static_cast<std::size_t>(grid_add(g, i, m))];
    return c;
}

/// The lag of the entry (k, k2) of T Tᵀ: offset(k2) - offset(k) on the grid.
long psd_lag(const Grid& g, long k, long k2) {
    return grid_sub(g, grid_offset(g, k2), grid_offset(g, k));
}

/// need[m]: m is the lag (a1, a2) = k2 - k of an entry (k, k2) of T Tᵀ, |a1| < K1, |a2| < K2;
/// with `upper_only`, only of the entries k <= k2 (flat), which a diagonal block fills: a1 > 0,
/// or a1 = 0 and a2 >= 0. In 1-D these are the lags 0..K-1 and -(K-1)..K-1 mod D.
std::vector<bool> psd_lags(const Grid& g, bool upper_only) {
    std::vector<bool> need(static_cast<std::size_t>(grid_signal_size(g)), false);
    auto flat = [&](long k1, long k2) { return k1 * g.K2 + k2; };
    for (long a1 = upper_only ? 0 : 1 - g.K1; a1 < g.K1; ++a1)
        for (long a2 = 1 - g.K2; a2 < g.K2; ++a2)
            if (!upper_only || a1 > 0 || a2 >= 0)
                need[static_cast<std::size_t>(psd_lag(g, flat(std::max(-a1, 0L), std::max(-a2, 0L)),
                                                      flat(std::max(a1, 0L), std::max(a2, 0L))))] =
                    true;
    return need;
}

[[noreturn]] void psd_failed(long pivot) {
    reject("4I - T(lambda)T(lambda)^T is not positive semidefinite (pivot " +
           std::to_string(pivot) + ")");
}

/// "the PSD test of 4I - T T^T (R*K = n, b-bit entries)", for the work meter's messages.
std::string psd_test_name(std::size_t n, double entry_bits) {
    return "the PSD test of 4I - T T^T (R*K = " + std::to_string(n) + ", " +
           std::to_string(static_cast<long>(entry_bits)) + "-bit entries)";
}

/// Charges the first PSD test that matrix_check_psd runs on an n×n matrix: the exact one up to
/// kPsdExactMaxN, the floating-point one beyond.
void psd_charge_first_test(std::size_t n, double entry_bits) {
    const auto size = static_cast<double>(n);
    if (n <= kPsdExactMaxN)
        work_charge(cost_bareiss_ns(size, entry_bits, true), psd_test_name(n, entry_bits));
    else
        work_charge(cost_psd_float_ns(size, entry_bits),
                    "the floating-point " + psd_test_name(n, entry_bits).substr(4));
}

/// Rejects unless m ⪰ 0 (psd_charge_first_test charged first). Up to kPsdExactMaxN the exact
/// test alone; beyond, the floating-point test (a proven verdict either way, O(n³) doubles),
/// then the exact one only when it is inconclusive (singular or nearly singular m) and the work
/// meter admits it (else undecided).
void matrix_check_psd(SymMatrix& m, double entry_bits) {
    if (m.n > kPsdExactMaxN) {
        const PsdFloatResult fast = sym_matrix_psd_float(m);
        if (fast.verdict == PsdFloat::positive_definite) return;
        if (fast.verdict == PsdFloat::not_psd) psd_failed(fast.pivot);
        work_charge(cost_bareiss_ns(static_cast<double>(m.n), entry_bits, true),
                    "the exact " + psd_test_name(m.n, entry_bits).substr(4) +
                        " after an inconclusive floating-point test");
    }
    const long pivot = sym_matrix_psd_failure_exact(m);
    if (pivot >= 0) psd_failed(pivot);
}

/// With λ = Λ / den, 4I - T Tᵀ ⪰ 0 iff 4 den² I - T(Λ) T(Λ)ᵀ ⪰ 0; the block (r, r') entry
/// (k, k') of T(Λ) T(Λ)ᵀ is the circular correlation of Λ_r and Λ_r' at lag k' - k (psd_lag).
void check_psd(const Bracket& b) {
    const IntRows L = rows_clear_denominators(row_pointers(b.lambda));
    const Grid& g = b.grid;
    const std::size_t D = b.D, K = b.K;
    // Up front, before any product: the correlations (R²/2 blocks, at most
    // (2K1 - 1)(2K2 - 1) + 1 lags, 2K in 1-D, D products each) and the first PSD test, from
    // R·K and the bits of Λ.
    double lambda_bits = static_cast<double>(msb(L.den) + 1);
    for (const auto& row : L.num)
        for (const Int& x : row)
            if (!x.is_zero())
                lambda_bits = std::max(lambda_bits, static_cast<double>(msb(abs(x)) + 1));
    const auto R = static_cast<double>(b.R);
    const double lambda_limbs = bits_limbs(lambda_bits);
    const double entry_bits = 2 * lambda_bits + std::log2(static_cast<double>(D)) + 3;
    const auto lags = static_cast<double>((2 * g.K1 - 1) * (2 * g.K2 - 1) + 1);
    work_charge(R * (R + 1) / 2 * lags * static_cast<double>(D) *
                    cost_mul_ns(lambda_limbs, lambda_limbs),
                "the products T T^T of the PSD test (R*K = " + std::to_string(b.R * K) + ", " +
                    std::to_string(static_cast<long>(lambda_bits)) + "-bit entries of lambda)");
    psd_charge_first_test(b.R * K, entry_bits);
    const std::vector<bool> diagonal_lags = psd_lags(g, true), all_lags = psd_lags(g, false);
    SymMatrix m(b.R * K);
    const Int four_den2 = 4 * L.den * L.den;
    for (std::size_t r = 0; r < b.R; ++r)
        for (std::size_t s = r; s < b.R; ++s) {
            const auto c =
                circular_correlation(g, L.num[r], L.num[s], r == s ? diagonal_lags : all_lags);
            for (std::size_t k = 0; k < K; ++k)
                for (std::size_t k2 = (r == s ? k : 0); k2 < K; ++k2)
                    m.at(r * K + k, s * K + k2) = -c[static_cast<std::size_t>(
                        psd_lag(g, static_cast<long>(k), static_cast<long>(k2)))];
        }
    for (std::size_t i = 0; i < m.n; ++i)
        m.at(i, i) += four_den2;
    matrix_check_psd(m, entry_bits);
}

} // namespace

Verdict check_regularizer_bracket(const RegularizerClaim& claim,
                                  const RegularizerBracketEvidence& evidence) {
    return verdict_run([&] {
        const Bracket b = bracket_parse(claim, evidence);
        const Rat dual = dual_value(b);
        if (b.lower > dual)
            reject("lower = " + rational_to_string_short(b.lower) +
                   " exceeds <lambda, w> = " + rational_to_string_short(dual));
        check_psd(b);
        network_check_realizes(b.network, b.w, "the network");
        const Rat cost = network_cost(b.network);
        if (cost > b.upper)
            reject("the network's cost " + rational_to_string_short(cost) +
                   " exceeds upper = " + rational_to_string_short(b.upper));
        if (b.lower > b.upper) reject("lower exceeds upper");
    });
}

} // namespace convcert::checker
