// maxmargin-bracket (docs/certificates.md): lower <= min { R_{K,C}(W) : y_i <W, x_i> >= 1 } <=
// upper. Lower bound by weak duality: with α >= 0 and λ = sum_i α_i y_i x_i dual feasible
// (4I - T Tᵀ ⪰ 0), every margin-feasible W and every θ realizing it satisfy
// ||θ||² >= <λ, W> = sum_i α_i y_i <x_i, W> >= sum_i α_i >= lower. Upper bound: the evidence's W
// meets every margin exactly and a rational network of cost <= upper realizes it. The PSD test,
// the realization and the cost are the regularizer-bracket checks, run on (W, λ, network).
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"

#include <cmath>

namespace convcert::checker {

namespace {

constexpr std::size_t kMaxSamples = 100000;

/// The checks, in three verdict runs (sizes, the margins and λ, the regularizer part).
Verdict maxmargin_check_parts(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence) {
    Verdict sizes = verdict_run([&] {
        limit_check_range(claim.D, 1, kMaxSignalLength, "claim: D");
        if (claim.K < 1 || claim.K > claim.D)
            reject("claim: K = " + std::to_string(claim.K) + " is outside [1, D]");
        limit_check_range(claim.R, 1, 64, "claim: R");
        if (claim.x.empty()) reject("claim: the number of samples is outside [1, 100000]");
        if (claim.x.size() > kMaxSamples)
            undecided("claim: the number of samples is outside [1, 100000]");
        if (claim.y.size() != claim.x.size()) reject("claim: x and y differ in length");
        if (evidence.alpha.size() != claim.x.size())
            reject("evidence: alpha does not have one entry per sample");
    });
    if (!sizes.valid) return sizes;
    const std::size_t n = claim.x.size(), R = static_cast<std::size_t>(claim.R),
                      D = static_cast<std::size_t>(claim.D);
    RegularizerClaim bracket_claim;
    RegularizerBracketEvidence bracket_ev;
    Verdict own = verdict_run([&] {
        std::vector<std::vector<Int>> x(n);
        std::vector<int> y(n);
        for (std::size_t i = 0; i < n; ++i) {
            const std::string name = "x[" + std::to_string(i) + "]";
            if (claim.x[i].size() != R * D) reject("claim: " + name + " does not have R*D entries");
            for (std::size_t k = 0; k < R * D; ++k)
                x[i].push_back(
                    integer_parse_canonical(claim.x[i][k], name + "[" + std::to_string(k) + "]"));
            if (claim.y[i] == "1")
                y[i] = 1;
            else if (claim.y[i] == "-1")
                y[i] = -1;
            else
                reject("claim: y[" + std::to_string(i) + "] is not \"1\" or \"-1\"");
        }
        const Rat lower = rational_parse_canonical(claim.lower, "lower");
        rational_parse_canonical(claim.upper, "upper");
        const std::vector<Rat> alpha = rational_vector_parse(evidence.alpha, n, "alpha");
        Rat sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (alpha[i] < 0) reject("alpha[" + std::to_string(i) + "] is negative");
            sum += alpha[i];
        }
        if (lower > sum)
            reject("lower = " + rational_to_string_short(lower) +
                   " exceeds sum_i alpha_i = " + rational_to_string_short(sum));
        // Margins of W, exactly: W over one denominator.
        const RatRows w = rows_parse(evidence.w, R, D, "w");
        const IntRows W = rows_clear_denominators(row_pointers(w));
        double w_limbs = 1, x_limbs = 1;
        for (const auto& row : W.num)
            for (const Int& v : row)
                w_limbs = std::max(w_limbs, int_limbs(v));
        for (const auto& xi : x)
            for (const Int& v : xi)
                x_limbs = std::max(x_limbs, int_limbs(v));
        work_charge(static_cast<double>(n * R * D) * cost_mul_ns(w_limbs, x_limbs),
                    "the margins (n*R*D products)");
        for (std::size_t i = 0; i < n; ++i) {
            Int dot = 0;
            for (std::size_t r = 0; r < R; ++r)
                for (std::size_t j = 0; j < D; ++j)
                    dot += W.num[r][j] * x[i][r * D + j];
            if (y[i] * dot < W.den)
                reject("w has margin y_i <w, x_i> = " +
                       rational_to_string_short(Rat(y[i] * dot, W.den)) + " < 1 at sample " +
                       std::to_string(i));
        }
        // λ = sum_i α_i y_i x_i, α over one denominator.
        const IntVector A = rational_vector_clear_denominators(alpha);
        double a_limbs = int_limbs(A.den);
        for (const Int& v : A.num)
            a_limbs = std::max(a_limbs, int_limbs(v));
        const double l_limbs = a_limbs + x_limbs + bits_limbs(std::log2(static_cast<double>(n)));
        work_charge(static_cast<double>(n * R * D) * cost_mul_ns(a_limbs, x_limbs) +
                        static_cast<double>(R * D) * 2 * cost_gcd_ns(l_limbs),
                    "lambda = sum_i alpha_i y_i x_i (n*R*D products)");
        std::vector<Int> L(R * D);
        for (std::size_t i = 0; i < n; ++i) {
            if (A.num[i] == 0) continue;
            const Int c = y[i] * A.num[i];
            for (std::size_t k = 0; k < R * D; ++k)
                L[k] += c * x[i][k];
        }
        bracket_claim.D = claim.D;
        bracket_claim.K = claim.K;
        bracket_claim.R = claim.R;
        bracket_claim.w = evidence.w;
        bracket_claim.lower = claim.lower;
        bracket_claim.upper = claim.upper;
        bracket_ev.lambda.assign(R, std::vector<std::string>(D));
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t j = 0; j < D; ++j)
                bracket_ev.lambda[r][j] = Rat(L[r * D + j], A.den).str();
        bracket_ev.u = evidence.u;
        bracket_ev.v = evidence.v;
    });
    if (!own.valid) return own;
    // lower <= sum α <= <λ, W> (margins >= 1, α >= 0), so the bracket check's lower <= <λ, W> is
    // implied; it adds 4I - T Tᵀ ⪰ 0, the realization of W, cost <= upper and lower <= upper.
    Verdict b = check_regularizer_bracket(bracket_claim, bracket_ev);
    if (!b.valid) b.reason = "regularizer part: " + b.reason;
    return b;
}

} // namespace

Verdict check_maxmargin_bracket(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence) {
    // One outer run, so that the three parts share one work meter (nested runs do not reset it).
    Verdict result;
    const Verdict outer = verdict_run([&] { result = maxmargin_check_parts(claim, evidence); });
    return outer.valid ? result : outer;
}

} // namespace convcert::checker
