// lemma-exact (docs/certificates.md): m has a real root α in (l, h) by a sign change, and with
// c_k = P_k(α) every lag of c ⋆ c - target is divisible by m. Exact, over the integers.
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"

#include <algorithm>

namespace convcert::checker {

namespace {

using Poly = std::vector<Int>; // integer polynomial, ascending powers

constexpr long kMaxHalvings = 2000;

/// The most limbs of a coefficient of p (1 for the zero polynomial).
double poly_max_limbs(const Poly& p) {
    double limbs = 1;
    for (const Int& x : p)
        limbs = std::max(limbs, int_limbs(x));
    return limbs;
}

/// The sum over the coefficients of p of their limbs.
double poly_limb_sum(const Poly& p) {
    double limbs = 0;
    for (const Int& x : p)
        limbs += int_limbs(x);
    return limbs;
}

/// acc += a * b.
void poly_add_mul(Poly& acc, const Poly& a, const Poly& b) {
    if (a.empty() || b.empty()) return;
    // sum_ij cost_mul(limbs a_i, limbs b_j), summed in closed form
    work_charge(cost_mul_ns(poly_limb_sum(a), poly_limb_sum(b)) +
                    40 * static_cast<double>(a.size() * b.size()),
                "a product of c polynomials");
    if (acc.size() < a.size() + b.size() - 1) acc.resize(a.size() + b.size() - 1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].is_zero()) continue;
        for (std::size_t j = 0; j < b.size(); ++j)
            acc[i + j] += a[i] * b[j];
    }
}

/// Whether the primitive m (deg >= 1) divides a in Z[y], by long division that must be exact
/// at every step. By Gauss's lemma this is divisibility in Q[y], i.e. a zero pseudo-remainder,
/// without pseudo-division's coefficient growth; a non-exact step rejects early.
bool poly_divides(const Poly& m, Poly a) {
    const std::size_t n = m.size() - 1;
    if (a.size() > n) {
        const double la = poly_max_limbs(a), lm = poly_max_limbs(m);
        work_charge(static_cast<double>(a.size() - n) *
                        (static_cast<double>(n) * cost_mul_ns(la, lm) + cost_div_ns(la, lm)),
                    "a division by minpoly");
    }
    Int q, r;
    for (std::size_t i = a.size(); i-- > n;) {
        if (a[i].is_zero()) continue;
        divide_qr(a[i], m[n], q, r);
        if (!r.is_zero()) return false;
        for (std::size_t t = 0; t < n; ++t)
            a[i - n + t] -= q * m[t];
        a[i] = 0;
    }
    for (std::size_t i = 0; i < n && i < a.size(); ++i)
        if (!a[i].is_zero()) return false;
    return true;
}

/// m divided by the gcd of its coefficients (same roots).
Poly poly_primitive_part(Poly m) {
    Int content = 0;
    for (const Int& x : m)
        content = x.is_zero() ? content : content.is_zero() ? Int(abs(x)) : int_gcd(x, content);
    for (Int& x : m)
        x /= content;
    return m;
}

/// Estimated ns of a Horner evaluation of a degree-n polynomial with la-limb coefficients at
/// a point of lx limbs (the value grows to la + n lx limbs), `times` such products per step.
double cost_horner_ns(double n, double la, double lx, double times) {
    return n * times * cost_mul_ns(la + n * lx, lx);
}

/// den^d p(num / den) = sum_i p_i num^i den^(d-i), d = p.size() - 1.
Int poly_eval_homogeneous(const Poly& p, const Int& num, const Int& den) {
    if (p.empty()) return 0;
    work_charge(cost_horner_ns(static_cast<double>(p.size()), poly_max_limbs(p),
                               std::max(int_limbs(num), int_limbs(den)), 2),
                "a polynomial evaluation (degree x bits)");
    Int v = p.back(), den_pow = 1;
    for (std::size_t i = p.size() - 1; i-- > 0;) {
        den_pow *= den;
        v = v * num + p[i] * den_pow;
    }
    return v;
}

/// p(x) / den for a rational x.
Rat poly_eval(const Poly& p, const Int& den, const Rat& x) {
    if (p.empty()) return 0;
    const Int v = poly_eval_homogeneous(p, numerator(x), denominator(x));
    work_charge(cost_gcd_ns(int_limbs(v) + int_limbs(den)), "normalizing P_k(mid)");
    return Rat(v, den * pow(denominator(x), static_cast<unsigned>(p.size() - 1)));
}

/// Nested halvings of [l, h] keeping a sign change of m. After s halvings the interval is
/// [(base 2^s + span a) / (den 2^s), (base 2^s + span (a+1)) / (den 2^s)], or the exact root.
struct RootBisection {
    RootBisection(const Poly& m, const Rat& l, const Rat& h)
        : base(numerator(l) * denominator(h)), span(numerator(h) * denominator(l) - base),
          den(denominator(l) * denominator(h)),
          sign_lo(poly_eval_homogeneous(m, numerator(l), denominator(l)).sign()) {
        const auto n = static_cast<double>(m.size());
        work_charge(cost_horner_ns(n, poly_max_limbs(m), int_limbs(den), 2),
                    "scaling minpoly for the bisection (degree x bits)");
        Int den_pow = 1; // m_scaled[i] = m_i den^(n-i)
        m_scaled.resize(m.size());
        for (std::size_t i = m.size(); i-- > 0; den_pow *= den)
            m_scaled[i] = m[i] * den_pow;
        scaled_limbs = poly_max_limbs(m_scaled);
    }
    double scaled_limbs = 1;
    Poly m_scaled;
    Int base, span, den;
    int sign_lo;
    Int a = 0;
    long s = 0;
    bool exact = false;
    Rat root; // set when exact

    Int mid_numerator() const { return (base << (s + 1)) + span * (2 * a + 1); }
    Rat mid() const {
        if (exact) return root;
        work_charge(cost_gcd_ns(int_limbs(den) + static_cast<double>(s) / 64 + 1),
                    "the bisection midpoint");
        return Rat(mid_numerator(), den << (s + 1));
    }
    Rat half_width() const { return exact ? Rat(0) : Rat(span, den << (s + 1)); }
    /// Charges the estimated cost of the halvings from s up to `goal`, before they run: one
    /// Horner evaluation each, at a point of about bits(base) + s bits.
    void charge_halvings(long goal) const {
        const auto n = static_cast<double>(m_scaled.size());
        const double base_bits = static_cast<double>(msb(abs(base) + abs(span) + 1) + 2);
        double ns = 0;
        for (long t = s; t < goal; ++t) {
            const double num_limbs = bits_limbs(base_bits + static_cast<double>(t));
            ns +=
                cost_horner_ns(n, scaled_limbs, num_limbs, 1) + n * (scaled_limbs + n * num_limbs);
        }
        work_charge(ns, "the bisection of [l, h] to 2^-" + std::to_string(goal) +
                            " (degree x bits x halvings)");
    }
    /// One halving. Precondition: charged by charge_halvings.
    void halve() {
        // sign of m(num / (den 2^(s+1))) = sign of sum_i m_scaled[i] num^i 2^((s+1)(n-i))
        const Int num = mid_numerator();
        Int v = m_scaled.back();
        for (std::size_t i = m_scaled.size() - 1, shift = 0; i-- > 0;)
            v = v * num + (m_scaled[i] << (shift += s + 1));
        if (v.is_zero()) {
            root = Rat(num, den << (s + 1));
            exact = true;
        } else {
            a = 2 * a + (v.sign() == sign_lo ? 1 : 0);
            ++s;
        }
    }
};

/// The c_decimal rule: |d_k - P_k(α)| <= 10^-N max|d|, by enclosures of P_k over the
/// bisected interval (midpoint value ± half width · Lipschitz bound on [-R, R]).
void exact_check_decimals(const std::vector<Poly>& P, const Int& P_den, const Poly& m, const Rat& l,
                          const Rat& h, const std::vector<Rat>& d, long digits) {
    const Rat tol = decimal_tolerance(d, digits);
    if (tol == 0) {
        for (std::size_t k = 0; k < P.size(); ++k)
            if (!poly_divides(poly_primitive_part(m), P[k]))
                reject("c_decimal is all zero but c_" + std::to_string(k) + " is not zero");
        return;
    }
    // |P_k'| <= lip_k = sum_i i |p_i| 2^(e(i-1)) on [-2^e, 2^e] ⊇ [l, h].
    const long e = std::max(0L, rational_ceil_log2(std::max(Rat(abs(l)), Rat(abs(h)))));
    std::vector<Rat> lip(P.size());
    long goal = 0;
    for (std::size_t k = 0; k < P.size(); ++k) {
        const auto len = static_cast<double>(P[k].size());
        work_charge(4 * len * (static_cast<double>(e) * len / 64 + poly_max_limbs(P[k]) + 1),
                    "the Lipschitz bound of c[" + std::to_string(k) + "] (degree x bits)");
        Int sum = 0;
        for (std::size_t i = 1; i < P[k].size(); ++i)
            sum += (i * abs(P[k][i])) << (e * static_cast<long>(i - 1));
        lip[k] = Rat(sum, P_den);
        if (sum.is_zero()) continue;
        const Rat width = (h - l) * lip[k]; // half width at s halvings: width / 2^(s+1)
        if (rational_mul_2exp(width, -(kMaxHalvings + 1)) > tol)
            reject("c_decimal[" + std::to_string(k) + "]: interval too wide to reach 10^-" +
                   std::to_string(digits) + " * max|d| within 2000 halvings");
        goal = std::clamp(rational_ceil_log2(width / tol), goal, kMaxHalvings); // w <= tol/2
    }
    if (std::all_of(lip.begin(), lip.end(), [](const Rat& x) { return x == 0; })) {
        for (std::size_t k = 0; k < P.size(); ++k) // every c_k = P_k is a constant
            if (abs(d[k] - poly_eval(P[k], P_den, l)) > tol)
                reject(decimal_mismatch_reason(k, digits));
        return; // no bisection of [l, h] needed
    }
    RootBisection bisection(m, l, h);
    std::vector<std::size_t> pending(P.size());
    for (std::size_t k = 0; k < P.size(); ++k)
        pending[k] = k;
    while (true) {
        bisection.charge_halvings(goal);
        while (bisection.s < goal && !bisection.exact)
            bisection.halve();
        const Rat mid = bisection.mid(), half_width = bisection.half_width();
        std::vector<std::size_t> undecided;
        for (std::size_t k : pending) {
            const Rat dist = abs(d[k] - poly_eval(P[k], P_den, mid)), w = half_width * lip[k];
            if (dist + w <= tol) continue;
            if (dist - w > tol) reject(decimal_mismatch_reason(k, digits));
            undecided.push_back(k);
        }
        pending.swap(undecided);
        if (pending.empty()) return;
        if (bisection.s >= kMaxHalvings)
            reject("c_decimal[" + std::to_string(pending[0]) +
                   "]: agreement not settled within 2000 halvings");
        goal = std::min(kMaxHalvings, bisection.s + std::max(8L, bisection.s / 2));
    }
}

} // namespace

Verdict check_lemma_exact(const LemmaClaim& claim, const LemmaExactEvidence& ev) {
    return verdict_run([&] {
        // 1. structure, canonical numbers, sizes
        const ParsedClaim parsed = claim_parse(claim);
        const std::size_t K = parsed.K;
        if (ev.minpoly.size() > kMaxMinpolyDegree + 1)
            undecided("minpoly: degree exceeds the limit 4096");
        Poly m;
        for (std::size_t i = 0; i < ev.minpoly.size(); ++i)
            m.push_back(
                integer_parse_canonical(ev.minpoly[i], "minpoly[" + std::to_string(i) + "]"));
        const Rat l = rational_parse_canonical(ev.interval_lo, "interval[0]");
        const Rat h = rational_parse_canonical(ev.interval_hi, "interval[1]");
        if (ev.c.size() != K)
            reject("c has " + std::to_string(ev.c.size()) + " polynomials, expected " +
                   std::to_string(K));
        // Bounded length: deg P_k <= 2 deg m (the generator writes P_k reduced, deg P_k < deg m;
        // hand-written P_k need not be). deg m < 1 is rejected in step 3.
        const std::size_t deg_m = ev.minpoly.size() - 1;
        for (std::size_t k = 0; k < K && deg_m >= 1; ++k)
            if (ev.c[k].size() > 2 * deg_m + 1)
                undecided("c[" + std::to_string(k) + "] has degree " +
                          std::to_string(ev.c[k].size() - 1) + " > 2 deg minpoly = " +
                          std::to_string(2 * deg_m) + " (the limit: deg P_k <= 2 deg m)");
        std::vector<Rat> coefficients; // all P_k, flattened, over one common denominator
        for (std::size_t k = 0; k < K; ++k) {
            const auto Pk =
                rational_vector_parse(ev.c[k], ev.c[k].size(), "c[" + std::to_string(k) + "]");
            coefficients.insert(coefficients.end(), Pk.begin(), Pk.end());
        }
        const std::vector<Rat> d = decimals_parse(ev.c_decimal, ev.digits, K);

        // 2. the target
        claim_check_target(parsed);

        // 3. a real root of m in (l, h)
        if (m.size() < 2) reject("minpoly has degree < 1");
        if (m.back().is_zero()) reject("minpoly: leading coefficient is zero");
        if (!(l < h)) reject("interval ends out of order");
        if (poly_eval_homogeneous(m, numerator(l), denominator(l)).sign() *
                poly_eval_homogeneous(m, numerator(h), denominator(h)).sign() >=
            0)
            reject("interval: m(l)*m(h) is not negative");

        // 4. each lag j: b_j sum_k Q_k Q_{k+j} - a_j D^2 ≡ 0 mod m, P_k = Q_k / D, t_j = a_j / b_j
        const Poly m_primitive = poly_primitive_part(m);
        const IntVector cleared = rational_vector_clear_denominators(coefficients);
        std::vector<Poly> Q(K);
        for (std::size_t k = 0, at = 0; k < K; at += ev.c[k].size(), ++k)
            Q[k].assign(cleared.num.begin() + at, cleared.num.begin() + at + ev.c[k].size());
        for (std::size_t j = 0; j < K; ++j) {
            Poly lag;
            for (std::size_t k = 0; k + j < K; ++k)
                poly_add_mul(lag, Q[k], Q[k + j]);
            for (Int& x : lag)
                x *= denominator(parsed.target[j]);
            if (lag.empty()) lag.push_back(0);
            lag[0] -= numerator(parsed.target[j]) * cleared.den * cleared.den;
            if (!poly_divides(m_primitive, std::move(lag)))
                reject("lag " + std::to_string(j) + " of c*c - target is not divisible by minpoly");
        }

        // 5. c_decimal
        exact_check_decimals(Q, cleared.den, m, l, h, d, ev.digits);
    });
}

} // namespace convcert::checker
