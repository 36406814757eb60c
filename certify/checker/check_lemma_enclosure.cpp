// lemma-enclosure (docs/certificates.md): the Newton–Kantorovich contraction test in the max
// norm. Y, an approximate inverse of J(center), is computed in double and is untrusted: rounded
// to integers times per-row powers of two it *is* the chosen Y, and every bound is then exact.
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"

#include <cmath>
#include <cstdint>

namespace convcert::checker {

namespace {

// Matrices are K×K, row-major with a row stride n >= K, n % 8 == 0, zero-padded: inner loops
// then run in whole blocks of 8 and vectorize (with an AVX2 clone where the CPU has it).
#if defined(__GNUC__) && defined(__x86_64__)
#define CONVCERT_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CONVCERT_VECTOR_CLONES
#endif

/// row_r -= f row_c over n entries.
CONVCERT_VECTOR_CLONES
void row_sub_scaled(double* __restrict row_r, const double* __restrict row_c, double f,
                    std::size_t n) {
    for (std::size_t j = 0; j < n; j += 8)
        for (std::size_t t = j; t < j + 8; ++t)
            row_r[t] -= f * row_c[t];
}

/// Inverts the K×K a (stride n) in place by Gauss–Jordan with partial pivoting. Approximate;
/// returns false on a zero or non-finite pivot.
bool matrix_inverse_approx(std::vector<double>& a, std::size_t K, std::size_t n) {
    std::vector<std::size_t> swapped(K);
    for (std::size_t c = 0; c < K; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < K; ++r)
            if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c])) p = r;
        swapped[c] = p;
        for (std::size_t j = 0; j < n; ++j)
            std::swap(a[p * n + j], a[c * n + j]);
        const double pivot = a[c * n + c];
        if (pivot == 0 || !std::isfinite(pivot)) return false;
        double* row_c = &a[c * n];
        row_c[c] = 1;
        for (std::size_t j = 0; j < n; ++j)
            row_c[j] /= pivot;
        for (std::size_t r = 0; r < K; ++r) {
            const double f = a[r * n + c];
            if (r == c || f == 0) continue;
            a[r * n + c] = 0;
            row_sub_scaled(&a[r * n], row_c, f, n);
        }
    }
    for (std::size_t c = K; c-- > 0;)
        if (swapped[c] != c)
            for (std::size_t r = 0; r < K; ++r)
                std::swap(a[r * n + c], a[r * n + swapped[c]]);
    return true;
}

/// v = hi 2^25 + lo with 0 <= lo < 2^25 (so |hi| <= 2^24 when |v| <= 2^49).
void int_split_25(std::int64_t v, std::int32_t& hi, std::int32_t& lo) {
    const std::int64_t low = v & ((std::int64_t(1) << 25) - 1);
    lo = static_cast<std::int32_t>(low);
    hi = static_cast<std::int32_t>((v - low) / (std::int64_t(1) << 25));
}

/// The four exact int64 products of one row z = z_hi 2^25 + z_lo with J = J_hi 2^25 + J_lo:
/// hh = z_hi J_hi, hl = z_hi J_lo, lh = z_lo J_hi, ll = z_lo J_lo (i-k-j order, stride n).
/// Each entry is a sum of K <= 2^12 products below 2^50 in absolute value: no overflow.
CONVCERT_VECTOR_CLONES
void row_products(const std::int32_t* z_hi, const std::int32_t* z_lo,
                  const std::int32_t* __restrict J_hi, const std::int32_t* __restrict J_lo,
                  std::size_t K, std::size_t n, std::int64_t* __restrict hh,
                  std::int64_t* __restrict hl, std::int64_t* __restrict lh,
                  std::int64_t* __restrict ll) {
    for (std::size_t k = 0; k < K; ++k) {
        const std::int64_t a = z_hi[k], b = z_lo[k];
        const std::int32_t* H = J_hi + k * n;
        const std::int32_t* L = J_lo + k * n;
        for (std::size_t j = 0; j < n; j += 8)
            for (std::size_t t = j; t < j + 8; ++t) {
                const std::int64_t h = H[t], l = L[t];
                hh[t] += a * h;
                hl[t] += a * l;
                lh[t] += b * h;
                ll[t] += b * l;
            }
    }
}

/// F(x) = x ⋆ x - target = num / den exactly.
IntVector residual_exact(const std::vector<Rat>& x, const std::vector<Rat>& target) {
    const IntVector X = rational_vector_clear_denominators(x);
    const IntVector T = rational_vector_clear_denominators(target);
    IntVector F{int_autocorrelation(X.num), X.den * X.den * T.den};
    for (std::size_t j = 0; j < x.size(); ++j)
        F.num[j] = F.num[j] * T.den - T.num[j] * X.den * X.den;
    return F;
}

/// Up front: the double inverse (K³ flops) and the exact products (4 K³ int64 and K² Int
/// products of Y's rows with F).
void contraction_charge(std::size_t K, const std::vector<Int>& F_num) {
    double F_limbs = 1;
    for (const Int& f : F_num)
        F_limbs = std::max(F_limbs, int_limbs(f));
    const auto Kd = static_cast<double>(K);
    work_charge(5 * Kd * Kd * Kd + Kd * Kd * (cost_mul_ns(1, F_limbs) + cost_mul_ns(2, 2) + 30) +
                    Kd * 3 * cost_gcd_ns(F_limbs + 2),
                "the contraction test (K^3 products)");
}

/// Ĵ = J_int 2^-ej, J_int[j][k] = xf_{k+j} + xf_{k-j}, xf = floor(x 2^ej), |xf| <= 2^48:
/// each entry of J - Ĵ is in [0, 2^(1-ej)), so ||J - Ĵ||_∞ <= 2K 2^-ej. K×K, row stride n.
struct JacobianRounded {
    long ej = 0;
    std::size_t n = 0;
    std::vector<std::int32_t> hi, lo; ///< J_int = hi 2^25 + lo
    std::vector<double> Z;            ///< J_int in double (then inverted in place)
};

JacobianRounded jacobian_round(const std::vector<Rat>& x) {
    const std::size_t K = x.size();
    Rat x_max = 0;
    for (const Rat& xk : x)
        x_max = std::max(x_max, Rat(abs(xk)));
    if (x_max == 0) reject("contraction test failed: J(center) is zero");
    JacobianRounded J;
    J.ej = 48 - rational_ceil_log2(x_max);
    std::vector<std::int64_t> xf(K);
    for (std::size_t k = 0; k < K; ++k) {
        const Rat scaled = rational_mul_2exp(x[k], J.ej);
        xf[k] = int_floor_div(numerator(scaled), denominator(scaled)).convert_to<std::int64_t>();
    }
    J.n = (K + 7) / 8 * 8;
    J.hi.assign(K * J.n, 0);
    J.lo.assign(K * J.n, 0);
    J.Z.assign(K * J.n, 0.0);
    for (std::size_t j = 0; j < K; ++j)
        for (std::size_t k = 0; k < K; ++k) {
            const std::size_t at = j * J.n + k;
            const std::int64_t v = (k + j < K ? xf[k + j] : 0) + (k >= j ? xf[k - j] : 0);
            int_split_25(v, J.hi[at], J.lo[at]);
            J.Z[at] = static_cast<double>(v);
        }
    return J;
}

/// s_i = 48 - e for the row z of K entries with max_k |z_k| < 2^e, so that round(z 2^s_i) has
/// |entries| <= 2^48. Rejects a non-finite or zero row, or s_i < 0.
long row_shift(const double* z, std::size_t K) {
    double row_max = 0;
    for (std::size_t k = 0; k < K; ++k) {
        if (!std::isfinite(z[k]))
            reject("contraction test failed: J(center) is numerically singular");
        row_max = std::max(row_max, std::fabs(z[k]));
    }
    int exponent = 0;
    std::frexp(row_max, &exponent); // row_max < 2^exponent
    const long s_i = 48 - exponent;
    if (row_max == 0 || s_i < 0)
        reject("contraction test failed: J(center) is numerically singular");
    return s_i;
}

/// The max-norm row sums ||I - Y Ĵ||, ||Y|| and F_den ||Y F||. Row i of Y is
/// Z_int[i] 2^(ej - s_i), Z_int[i] = round(Z[i] 2^s_i), |Z_int| <= 2^48; then row i of Y Ĵ is
/// (Z_int J_int)[i] 2^-s_i, from four exact int64 products.
struct ContractionNorms {
    Rat IYJ = 0, Y = 0, YF = 0;
};

ContractionNorms contraction_norms(const JacobianRounded& J, const std::vector<Int>& F_num) {
    const std::size_t K = F_num.size(), n = J.n;
    ContractionNorms out;
    std::vector<std::int32_t> z_hi(K), z_lo(K);
    std::vector<std::int64_t> hh(n), hl(n), lh(n), ll(n);
    for (std::size_t i = 0; i < K; ++i) {
        const long s_i = row_shift(&J.Z[i * n], K);
        Int abs_sum = 0, YF = 0;
        for (std::size_t k = 0; k < K; ++k) {
            const std::int64_t z = std::llround(std::ldexp(J.Z[i * n + k], static_cast<int>(s_i)));
            int_split_25(z, z_hi[k], z_lo[k]);
            abs_sum += std::abs(z);
            YF += z * F_num[k];
        }
        std::fill(hh.begin(), hh.end(), 0);
        std::fill(hl.begin(), hl.end(), 0);
        std::fill(lh.begin(), lh.end(), 0);
        std::fill(ll.begin(), ll.end(), 0);
        row_products(z_hi.data(), z_lo.data(), J.hi.data(), J.lo.data(), K, n, hh.data(), hl.data(),
                     lh.data(), ll.data());
        Int row_sum = 0; // sum_k |2^s_i δ_ik - (Z_int J_int)_ik|
        const Int one = Int(1) << s_i;
        for (std::size_t k = 0; k < K; ++k) {
            Int v = (Int(hh[k]) << 50) + (Int(hl[k]) + lh[k]) * (1 << 25) + ll[k];
            if (k == i) v -= one;
            row_sum += abs(v);
        }
        out.IYJ = std::max(out.IYJ, rational_mul_2exp(Rat(row_sum), -s_i));
        out.Y = std::max(out.Y, rational_mul_2exp(Rat(abs_sum), J.ej - s_i));
        out.YF = std::max(out.YF, rational_mul_2exp(Rat(abs(YF)), J.ej - s_i));
    }
    return out;
}

/// The contraction test of docs/certificates.md for F(y) = y ⋆ y - target on R^K,
/// K = x.size() = target.size() >= 1, box x ± r. Rejects (naming the failed bound) unless
/// rho < 1 and beta <= r.
void contraction_test(const std::vector<Rat>& x, const std::vector<Rat>& target, const Rat& r) {
    const std::size_t K = x.size();
    const IntVector F = residual_exact(x, target);
    contraction_charge(K, F.num);
    JacobianRounded J = jacobian_round(x);
    if (!matrix_inverse_approx(J.Z, K, J.n))
        reject("contraction test failed: J(center) is numerically singular");
    const ContractionNorms norms = contraction_norms(J, F.num);

    // ρ and β of docs/certificates.md with ||I - Y J|| <= ||I - Y Ĵ|| + ||Y|| 2K 2^-ej.
    Rat norm_YF = norms.YF;
    norm_YF /= F.den;
    const Rat Kr(static_cast<long>(K));
    const Rat eta = norms.IYJ + norms.Y * rational_mul_2exp(2 * Kr, -J.ej);
    const Rat rho = eta + 2 * Kr * norms.Y * r;
    const Rat beta = norm_YF + eta * r + Kr * norms.Y * r * r;
    if (rho >= 1)
        reject("contraction test failed: rho = " + rational_to_decimal_string(rho) + " >= 1");
    if (beta > r)
        reject("contraction test failed: beta = " + rational_to_decimal_string(beta) +
               " > r = " + rational_to_decimal_string(r));
}

} // namespace

Verdict check_lemma_enclosure(const LemmaClaim& claim, const LemmaEnclosureEvidence& ev) {
    return verdict_run([&] {
        const ParsedClaim parsed = claim_parse(claim);
        const std::size_t K = parsed.K;
        const std::vector<Rat> x = rational_vector_parse(ev.center, K, "center");
        const Rat r = rational_parse_canonical(ev.radius, "radius");
        const std::vector<Rat> d = decimals_parse(ev.c_decimal, ev.digits, K);
        claim_check_target(parsed);
        if (r <= 0) reject("radius must be > 0");

        // Vanishing top lags with a center that is exactly 0 there: the test runs on the
        // leading n coordinates (a factor of the trimmed target, padded with zeros, is a
        // factor of the whole one), which avoids the ill-conditioned zero tail of J. With
        // |x_0| > r every c in the box has c_0 != 0, and lag m = max{k : c_k != 0} of c ⋆ c is
        // c_0 c_m != 0, so m < n: every solution in the box has the zero tail, and the leading
        // test's uniqueness holds in the whole box (docs/certificates.md, "Trailing zeros").
        std::size_t n = K;
        while (n > 0 && parsed.target[n - 1] == 0 && x[n - 1] == 0)
            --n;
        if (n > 0 && n < K && abs(x[0]) <= r)
            reject("trailing zeros: |center[0]| <= radius, so the box may hold a solution "
                   "with a nonzero tail");
        if (n > 0) {
            const auto lead = static_cast<std::ptrdiff_t>(n);
            contraction_test({x.begin(), x.begin() + lead},
                             {parsed.target.begin(), parsed.target.begin() + lead}, r);
        }

        // c_decimal: c_k lies in [x_k - r, x_k + r].
        const Rat tol = decimal_tolerance(d, ev.digits);
        for (std::size_t k = 0; k < K; ++k)
            if (abs(d[k] - x[k]) + r > tol) reject(decimal_mismatch_reason(k, ev.digits));
    });
}

} // namespace convcert::checker
