// regularizer-bracket (docs/certificates.md): lower <= <λ, w> <= R_{K,C}(w) <= cost <= upper.
// The lower bound is weak duality, ||θ||² - <λ, w> = sum_c z_cᵀ S z_c >= 0 once
// 4I - T Tᵀ ⪰ 0, where T stacks the R blocks T(λ_r)[k][i] = λ_r[(i+k) mod D]; the test is exact
// fraction-free symmetric elimination over the integers. The upper bound is a rational network
// that realizes w exactly, w[r] = sum_c u_c[r] * v_c (circular convolution on Z_D).
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"

namespace convcert::checker {

namespace {

constexpr long kMaxD = 4096;
constexpr long kMaxR = 64;
constexpr long kMaxBlock = 4096; // R·K, the size of 4I - T Tᵀ
constexpr std::size_t kMaxChannels = 4096;

using Rows = std::vector<std::vector<Rat>>;

struct Bracket {
    std::size_t D = 0, K = 0, R = 0;
    Rows w, lambda;                  // R rows of D
    std::vector<Rows> u;             // C0 kernels, R rows of K
    std::vector<std::vector<Rat>> v; // C0 vectors of D
    Rat lower, upper;
};

/// R rows of `count` canonical rationals, named what[r][i] (what[i] when R == 1).
Rows rows_parse(const std::vector<std::vector<std::string>>& rows, std::size_t R, std::size_t count,
                const std::string& what) {
    if (rows.size() != R)
        reject(what + " has " + std::to_string(rows.size()) +
               " rows, expected R = " + std::to_string(R));
    Rows out;
    for (std::size_t r = 0; r < R; ++r)
        out.push_back(rational_vector_parse(rows[r], count,
                                            R == 1 ? what : what + "[" + std::to_string(r) + "]"));
    return out;
}

/// Sizes and limits, every entry a canonical rational.
Bracket bracket_parse(const RegularizerClaim& claim, const RegularizerBracketEvidence& ev) {
    if (claim.D < 1 || claim.D > kMaxD)
        reject("claim: D = " + std::to_string(claim.D) + " is outside [1, 4096]");
    if (claim.K < 1 || claim.K > claim.D)
        reject("claim: K = " + std::to_string(claim.K) + " is outside [1, D]");
    if (claim.R < 1 || claim.R > kMaxR)
        reject("claim: R = " + std::to_string(claim.R) + " is outside [1, 64]");
    if (claim.R * claim.K > kMaxBlock)
        reject("claim: R*K = " + std::to_string(claim.R * claim.K) + " exceeds the limit 4096");
    if (ev.u.empty()) reject("network: no channels (u is empty)");
    if (ev.u.size() > kMaxChannels)
        reject("network: " + std::to_string(ev.u.size()) +
               " channels exceed the limit of 4096 channels");
    if (ev.v.size() != ev.u.size())
        reject("network: " + std::to_string(ev.u.size()) + " kernels u but " +
               std::to_string(ev.v.size()) + " vectors v");
    Bracket b;
    b.D = static_cast<std::size_t>(claim.D);
    b.K = static_cast<std::size_t>(claim.K);
    b.R = static_cast<std::size_t>(claim.R);
    b.w = rows_parse(claim.w, b.R, b.D, "w");
    b.lower = rational_parse_canonical(claim.lower, "lower");
    b.upper = rational_parse_canonical(claim.upper, "upper");
    b.lambda = rows_parse(ev.lambda, b.R, b.D, "lambda");
    for (std::size_t c = 0; c < ev.u.size(); ++c) {
        const std::string cs = "[" + std::to_string(c) + "]";
        b.u.push_back(rows_parse(ev.u[c], b.R, b.K, "u" + cs));
        b.v.push_back(rational_vector_parse(ev.v[c], b.D, "v" + cs));
    }
    return b;
}

/// Every entry of `rows` over one common denominator, rows kept.
struct IntRows {
    std::vector<std::vector<Int>> num;
    Int den;
};
IntRows rows_clear_denominators(const std::vector<const std::vector<Rat>*>& rows) {
    std::vector<Rat> all;
    for (const auto* row : rows)
        all.insert(all.end(), row->begin(), row->end());
    IntVector flat = rational_vector_clear_denominators(all);
    IntRows out{{}, flat.den};
    std::size_t at = 0;
    for (const auto* row : rows) {
        out.num.emplace_back(flat.num.begin() + at, flat.num.begin() + at + row->size());
        at += row->size();
    }
    return out;
}

std::vector<const std::vector<Rat>*> row_pointers(const Rows& rows) {
    std::vector<const std::vector<Rat>*> out;
    for (const auto& row : rows)
        out.push_back(&row);
    return out;
}

/// <λ, w> = sum_r sum_j λ_r[j] w_r[j], exactly.
Rat dual_value(const Bracket& b) {
    const IntRows L = rows_clear_denominators(row_pointers(b.lambda));
    const IntRows W = rows_clear_denominators(row_pointers(b.w));
    Int sum = 0;
    for (std::size_t r = 0; r < b.R; ++r)
        for (std::size_t j = 0; j < b.D; ++j)
            sum += L.num[r][j] * W.num[r][j];
    return Rat(sum, L.den * W.den);
}

/// c[m] = sum_i a[i] b[(i + m) mod D] for every lag m with need[m]; other entries are 0.
std::vector<Int> circular_correlation(const std::vector<Int>& a, const std::vector<Int>& b,
                                      const std::vector<bool>& need) {
    const std::size_t D = a.size();
    std::vector<Int> c(D);
    for (std::size_t m = 0; m < D; ++m)
        if (need[m])
            for (std::size_t i = 0; i < D; ++i)
                c[m] += a[i] * b[(i + m) % D];
    return c;
}

/// The upper triangle of a symmetric n×n matrix, packed row by row.
struct SymMatrix {
    std::size_t n;
    std::vector<Int> a;
    explicit SymMatrix(std::size_t size) : n(size), a(size * (size + 1) / 2) {}
    Int& at(std::size_t i, std::size_t j) { return a[i * n - i * (i - 1) / 2 + (j - i)]; }
};

/// Rejects unless the symmetric integer matrix is positive semidefinite. Bareiss elimination
/// in index order: by Sylvester's identity the entry (i, j) after pivots P is the minor
/// det A[P+i, P+j], so every division is exact and a pivot has the sign of the Schur
/// complement's. A zero pivot needs a zero row (then the index is dropped from P).
void matrix_check_psd(SymMatrix& m) {
    auto failed = [](std::size_t k) {
        reject("4I - T(lambda)T(lambda)^T is not positive semidefinite (pivot " +
               std::to_string(k) + ")");
    };
    Int prev = 1, t;
    for (std::size_t k = 0; k < m.n; ++k) {
        const Int pivot = m.at(k, k);
        if (pivot < 0) failed(k);
        if (pivot == 0) {
            for (std::size_t j = k + 1; j < m.n; ++j)
                if (m.at(k, j) != 0) failed(k);
            continue;
        }
        for (std::size_t i = k + 1; i < m.n; ++i) {
            const Int aki = m.at(k, i);
            for (std::size_t j = i; j < m.n; ++j) {
                Int& x = m.at(i, j);
                t = pivot * x;
                t -= aki * m.at(k, j);
                x = t / prev; // exact
            }
        }
        prev = pivot;
    }
}

/// With λ = Λ / den, 4I - T Tᵀ ⪰ 0 iff 4 den² I - T(Λ) T(Λ)ᵀ ⪰ 0; the block (r, r') entry
/// (k, k') of T(Λ) T(Λ)ᵀ is the circular correlation of Λ_r and Λ_r' at lag k' - k.
void check_psd(const Bracket& b) {
    const IntRows L = rows_clear_denominators(row_pointers(b.lambda));
    const std::size_t D = b.D, K = b.K;
    std::vector<bool> diagonal_lags(D, false), all_lags(D, false);
    for (std::size_t d = 0; d < K; ++d) {
        diagonal_lags[d] = all_lags[d] = true;
        all_lags[(D - d) % D] = true;
    }
    SymMatrix m(b.R * K);
    const Int four_den2 = 4 * L.den * L.den;
    for (std::size_t r = 0; r < b.R; ++r)
        for (std::size_t s = r; s < b.R; ++s) {
            const auto c =
                circular_correlation(L.num[r], L.num[s], r == s ? diagonal_lags : all_lags);
            for (std::size_t k = 0; k < K; ++k)
                for (std::size_t k2 = (r == s ? k : 0); k2 < K; ++k2)
                    m.at(r * K + k, s * K + k2) = -c[(k2 + D - k) % D];
        }
    for (std::size_t i = 0; i < m.n; ++i)
        m.at(i, i) += four_den2;
    matrix_check_psd(m);
}

/// Rejects unless sum_c u_c[r] * v_c == w[r] for every r (first differing index named).
void check_realization(const Bracket& b) {
    std::vector<const std::vector<Rat>*> u_rows;
    for (const auto& kernel : b.u)
        for (const auto& row : kernel)
            u_rows.push_back(&row);
    std::vector<const std::vector<Rat>*> v_rows;
    for (const auto& v : b.v)
        v_rows.push_back(&v);
    const IntRows U = rows_clear_denominators(u_rows);
    const IntRows V = rows_clear_denominators(v_rows);
    const Int den = U.den * V.den;
    for (std::size_t r = 0; r < b.R; ++r) {
        std::vector<Int> sum(b.D);
        for (std::size_t c = 0; c < b.u.size(); ++c) {
            const std::vector<Int>& u = U.num[c * b.R + r];
            const std::vector<Int>& v = V.num[c];
            for (std::size_t k = 0; k < b.K; ++k)
                if (u[k] != 0)
                    for (std::size_t i = 0; i < b.D; ++i)
                        sum[(i + k) % b.D] += u[k] * v[i];
        }
        for (std::size_t j = 0; j < b.D; ++j) {
            const Rat& target = b.w[r][j];
            if (sum[j] * denominator(target) == numerator(target) * den) continue;
            const std::string at = b.R == 1
                                       ? "[" + std::to_string(j) + "]"
                                       : "[" + std::to_string(r) + "][" + std::to_string(j) + "]";
            reject("the network does not realize w: sum_c u_c * v_c at " + at + " is " +
                   rational_to_string_short(Rat(sum[j], den)) + " but w" + at + " is " +
                   rational_to_string_short(target));
        }
    }
}

/// sum_c ||u_c||² + ||v_c||², exactly.
Rat network_cost(const Bracket& b) {
    Rat cost = 0;
    for (std::size_t c = 0; c < b.u.size(); ++c) {
        std::vector<const std::vector<Rat>*> rows = row_pointers(b.u[c]);
        rows.push_back(&b.v[c]);
        for (const auto* row : rows) {
            const IntVector x = rational_vector_clear_denominators(*row);
            Int squares = 0;
            for (const Int& n : x.num)
                squares += n * n;
            cost += Rat(squares, x.den * x.den);
        }
    }
    return cost;
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
        check_realization(b);
        const Rat cost = network_cost(b);
        if (cost > b.upper)
            reject("the network's cost " + rational_to_string_short(cost) +
                   " exceeds upper = " + rational_to_string_short(b.upper));
        if (b.lower > b.upper) reject("lower exceeds upper");
    });
}

} // namespace convcert::checker
