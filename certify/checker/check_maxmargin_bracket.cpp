// maxmargin-bracket (docs/certificates.md): lower <= min { R_{K,C}(W) : y_i <W, x_i> >= 1 } <=
// upper. Lower bound by weak duality: with α >= 0 and λ = sum_i α_i y_i x_i dual feasible
// (4I - T Tᵀ ⪰ 0), every margin-feasible W and every θ realizing it satisfy
// ||θ||² >= <λ, W> = sum_i α_i y_i <x_i, W> >= sum_i α_i >= lower. Upper bound: the evidence's W
// meets every margin exactly and a rational network of cost <= upper realizes it. The PSD test,
// the realization and the cost are the regularizer-bracket checks, run on (W, λ, network), with
// the claim's grid (2-D claims: "shape", "kernel_shape"); samples and W are flat, row-major.
// With "x_denominator" s the samples are x_i / s (x_i the claim's integers): the margins read
// y_i <W, x_i> >= s and λ = sum_i α_i y_i x_i / s.
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"

#include <cmath>

namespace convcert::checker {

namespace {

constexpr std::size_t kMaxSamples = 100000;

/// The samples' common denominator: 1 when absent, else a canonical integer in [1, 2^53] (the
/// dataset format's bound).
Int x_denominator_parse(const MaxmarginClaim& claim) {
    if (claim.x_denominator.empty()) return 1;
    const Int s = integer_parse_canonical(claim.x_denominator, "x_denominator");
    if (s < 1 || s > (Int(1) << 53)) reject("claim: x_denominator is outside [1, 2^53]");
    return s;
}

/// Step 1: the sizes of claim and evidence (the grid's, network_grid, then the samples').
void maxmargin_check_sizes(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence) {
    network_grid(claim.D, claim.K, claim.R, claim.shape, claim.kernel_shape);
    if (claim.x.empty()) reject("claim: the number of samples is outside [1, 100000]");
    if (claim.x.size() > kMaxSamples)
        undecided("claim: the number of samples is outside [1, 100000]");
    if (claim.y.size() != claim.x.size()) reject("claim: x and y differ in length");
    if (evidence.alpha.size() != claim.x.size())
        reject("evidence: alpha does not have one entry per sample");
}

/// The samples x_i (R·D integers each, channel-major) and their labels y_i = ±1.
struct Samples {
    std::vector<std::vector<Int>> x;
    std::vector<int> y;
};

Samples samples_parse(const MaxmarginClaim& claim, std::size_t R, std::size_t D) {
    const std::size_t n = claim.x.size();
    Samples s{std::vector<std::vector<Int>>(n), std::vector<int>(n)};
    for (std::size_t i = 0; i < n; ++i) {
        const std::string name = "x[" + std::to_string(i) + "]";
        if (claim.x[i].size() != R * D) reject("claim: " + name + " does not have R*D entries");
        for (std::size_t k = 0; k < R * D; ++k)
            s.x[i].push_back(
                integer_parse_canonical(claim.x[i][k], name + "[" + std::to_string(k) + "]"));
        if (claim.y[i] == "1")
            s.y[i] = 1;
        else if (claim.y[i] == "-1")
            s.y[i] = -1;
        else
            reject("claim: y[" + std::to_string(i) + "] is not \"1\" or \"-1\"");
    }
    return s;
}

/// α >= 0 and lower <= sum_i α_i.
void alpha_check(const std::vector<Rat>& alpha, const Rat& lower) {
    Rat sum = 0;
    for (std::size_t i = 0; i < alpha.size(); ++i) {
        if (alpha[i] < 0) reject("alpha[" + std::to_string(i) + "] is negative");
        sum += alpha[i];
    }
    if (lower > sum)
        reject("lower = " + rational_to_string_short(lower) +
               " exceeds sum_i alpha_i = " + rational_to_string_short(sum));
}

/// The largest limb count of the entries, at least 1.
double limbs_max(const std::vector<std::vector<Int>>& rows) {
    double limbs = 1;
    for (const auto& row : rows)
        for (const Int& v : row)
            limbs = std::max(limbs, int_limbs(v));
    return limbs;
}

/// y_i <W, x_i / x_den> >= 1 at every sample, exactly: W = W.num / W.den over one denominator.
void margins_check(const IntRows& W, const Samples& s, const Int& x_den, double x_limbs) {
    const std::size_t n = s.x.size(), R = W.num.size(), D = W.num[0].size();
    work_charge(static_cast<double>(n * R * D) * cost_mul_ns(limbs_max(W.num), x_limbs),
                "the margins (n*R*D products)");
    for (std::size_t i = 0; i < n; ++i) {
        Int dot = 0;
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t j = 0; j < D; ++j)
                dot += W.num[r][j] * s.x[i][r * D + j];
        if (s.y[i] * dot < W.den * x_den)
            reject("w has margin y_i <w, x_i> = " +
                   rational_to_string_short(Rat(s.y[i] * dot, W.den * x_den)) + " < 1 at sample " +
                   std::to_string(i));
    }
}

/// The numerators of λ = sum_i α_i y_i x_i (RD = R·D entries) over A.den, α = A.num / A.den.
std::vector<Int> lambda_numerators(const IntVector& A, const Samples& s, std::size_t RD,
                                   double x_limbs) {
    const std::size_t n = s.x.size();
    double a_limbs = int_limbs(A.den);
    for (const Int& v : A.num)
        a_limbs = std::max(a_limbs, int_limbs(v));
    const double l_limbs = a_limbs + x_limbs + bits_limbs(std::log2(static_cast<double>(n)));
    work_charge(static_cast<double>(n * RD) * cost_mul_ns(a_limbs, x_limbs) +
                    static_cast<double>(RD) * 2 * cost_gcd_ns(l_limbs),
                "lambda = sum_i alpha_i y_i x_i (n*R*D products)");
    std::vector<Int> L(RD);
    for (std::size_t i = 0; i < n; ++i) {
        if (A.num[i] == 0) continue;
        const Int c = s.y[i] * A.num[i];
        for (std::size_t k = 0; k < RD; ++k)
            L[k] += c * s.x[i][k];
    }
    return L;
}

/// The regularizer-bracket instance (W, λ = L / den, network) that step 3 checks.
void regularizer_part_build(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence,
                            const std::vector<Int>& L, const Int& den,
                            RegularizerClaim& bracket_claim,
                            RegularizerBracketEvidence& bracket_ev) {
    const std::size_t R = static_cast<std::size_t>(claim.R), D = static_cast<std::size_t>(claim.D);
    bracket_claim.D = claim.D;
    bracket_claim.K = claim.K;
    bracket_claim.R = claim.R;
    bracket_claim.shape = claim.shape;
    bracket_claim.kernel_shape = claim.kernel_shape;
    bracket_claim.w = evidence.w;
    bracket_claim.lower = claim.lower;
    bracket_claim.upper = claim.upper;
    bracket_ev.lambda.assign(R, std::vector<std::string>(D));
    for (std::size_t r = 0; r < R; ++r)
        for (std::size_t j = 0; j < D; ++j)
            bracket_ev.lambda[r][j] = Rat(L[r * D + j], den).str();
    bracket_ev.u = evidence.u;
    bracket_ev.v = evidence.v;
}

/// Step 2: the max-margin part (margins of W, α and λ), then the instance of step 3.
void maxmargin_check_own(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence,
                         RegularizerClaim& bracket_claim, RegularizerBracketEvidence& bracket_ev) {
    const std::size_t n = claim.x.size(), R = static_cast<std::size_t>(claim.R),
                      D = static_cast<std::size_t>(claim.D);
    const Samples samples = samples_parse(claim, R, D);
    const Rat lower = rational_parse_canonical(claim.lower, "lower");
    rational_parse_canonical(claim.upper, "upper");
    const std::vector<Rat> alpha = rational_vector_parse(evidence.alpha, n, "alpha");
    alpha_check(alpha, lower);
    const RatRows w = rows_parse(evidence.w, R, D, "w");
    const Int x_den = x_denominator_parse(claim);
    const double x_limbs = limbs_max(samples.x);
    margins_check(rows_clear_denominators(row_pointers(w)), samples, x_den, x_limbs);
    const IntVector A = rational_vector_clear_denominators(alpha);
    const std::vector<Int> L = lambda_numerators(A, samples, R * D, x_limbs);
    regularizer_part_build(claim, evidence, L, A.den * x_den, bracket_claim, bracket_ev);
}

/// The checks, in three verdict runs (sizes, the margins and λ, the regularizer part).
Verdict maxmargin_check_parts(const MaxmarginClaim& claim, const MaxmarginEvidence& evidence) {
    Verdict sizes = verdict_run([&] { maxmargin_check_sizes(claim, evidence); });
    if (!sizes.valid) return sizes;
    RegularizerClaim bracket_claim;
    RegularizerBracketEvidence bracket_ev;
    Verdict own =
        verdict_run([&] { maxmargin_check_own(claim, evidence, bracket_claim, bracket_ev); });
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
