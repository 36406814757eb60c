// Regularizer generator for R > 1 input channels: every bracket is re-verified by the
// independent checker; the closed forms (2||W||_* at K = 1, computed in long double from
// W Wᵀ, and (2/D) sum_d ||Ŵ[:,d]|| at K = D, computed with Arb balls) must lie inside the
// certified bracket; homogeneity, tampering, and the exact building blocks.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "certify/checker/psd_float.h"
#include "regularizer/bracket.h"
#include "regularizer/exact/dual_feasible.h"
#include "regularizer/exact/dual_scale.h"
#include "regularizer/exact/least_norm.h"
#include "regularizer/exact/lower_bound.h"
#include "regularizer/exact/network.h"
#include "regularizer/exact/psd_exact.h"
#include "regularizer/kernel_one_channel.h"
#include "regularizer/numeric/closed_form.h"
#include "regularizer/sdp/sdp_gram.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "tests/lower_bound_strings.h"

#include "tests/regularizer_fixtures.h"
#include <Eigen/Dense>

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace convcert::regularizer;
namespace support = convcert::support;
using convcert::support::Arb;
using convcert::support::Fmpq;

namespace {

using convcert::tests::inflate;
using convcert::tests::set_q;

using StrRows = std::vector<std::vector<std::string>>;

constexpr slong kPrec = 256;

/// R rows of D dyadic values with 16 fractional bits (normal distribution), as doubles.
std::vector<std::vector<double>> random_rows(long R, long D, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<std::vector<double>> w(R, std::vector<double>(D));
    for (auto& row : w)
        for (double& x : row)
            x = std::ldexp(std::nearbyint(std::ldexp(normal(gen), 16)), -16);
    return w;
}

StrRows exact(const std::vector<std::vector<double>>& w) {
    StrRows out;
    for (const auto& row : w) {
        out.emplace_back();
        for (double x : row)
            out.back().push_back(support::rational_from_double(x));
    }
    return out;
}

/// The unified bracket with its exact values written out as strings, for these tests.
struct BracketStrings {
    RegularizerBracket bracket;
    long R = 0, D = 0, K = 0, C0 = 0;
    StrRows lambda, v;
    std::vector<StrRows> u;
    std::string lower, upper;
    double lower_double = 0, upper_double = 0, relative_gap = 0;
    RegularizerDualSource source = RegularizerDualSource::Zero;
};

BracketStrings bracket_strings(const StrRows& w, long K,
                               RegularizerSolver solver = RegularizerSolver::Auto) {
    BracketStrings m;
    m.bracket = regularizer_bracket(support::fmpq_mat_from_rows(w, "w"), K, solver);
    const RegularizerBracket& b = m.bracket;
    m.R = b.R;
    m.D = b.D;
    m.K = b.K;
    m.C0 = b.C0;
    m.lambda = support::fmpq_mat_to_rows(b.lambda);
    m.v = regularizer_rows_over_denominator(b.v, b.v_den);
    for (const auto& u : b.u)
        m.u.push_back(support::fmpq_mat_to_rows(u));
    m.lower = support::fmpq_get_string(b.lower.x);
    m.upper = support::fmpq_get_string(b.upper.x);
    m.lower_double = b.lower_double;
    m.upper_double = b.upper_double;
    m.relative_gap = b.relative_gap;
    m.source = b.dual_source;
    return m;
}

convcert::Certificate bracket_strings_certificate(const BracketStrings& b, const StrRows& w) {
    return regularizer_bracket_certificate(b.bracket, support::fmpq_mat_from_rows(w, "w"));
}

convcert::Certificate certificate_of(const BracketStrings& b, const StrRows& w) {
    convcert::RegularizerClaim claim;
    claim.D = b.D;
    claim.K = b.K;
    claim.R = b.R;
    claim.w = w;
    claim.lower = b.lower;
    claim.upper = b.upper;
    convcert::RegularizerBracketEvidence ev;
    ev.lambda = b.lambda;
    ev.u = b.u;
    ev.v = b.v;
    return convcert::Certificate{convcert::RegularizerBody{claim, ev},
                                 regularizer_bracket_method(b.bracket)};
}

/// lower <= ref <= upper with ref an Arb ball (certain comparisons).
void require_inside(const BracketStrings& b, const arb_t ref) {
    support::Fmpq q;
    support::Arb lo, hi;
    set_q(q.x, b.lower);
    arb_set_fmpq(lo.x, q.x, kPrec);
    set_q(q.x, b.upper);
    arb_set_fmpq(hi.x, q.x, kPrec);
    CHECK(arb_le(lo.x, ref));
    CHECK(arb_le(ref, hi.x));
}

/// 2||W||_* = 2 trace((W Wᵀ)^(1/2)) in long double (W Wᵀ is exact there for these W), as a
/// ball of radius 1e-16 relative.
void nuclear_ball(arb_t out, const std::vector<std::vector<double>>& w) {
    const long R = static_cast<long>(w.size()), D = static_cast<long>(w[0].size());
    using MatL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
    MatL G(R, R);
    for (long r = 0; r < R; ++r)
        for (long s = 0; s < R; ++s) {
            long double sum = 0;
            for (long j = 0; j < D; ++j)
                sum += static_cast<long double>(w[r][j]) * static_cast<long double>(w[s][j]);
            G(r, s) = sum;
        }
    Eigen::SelfAdjointEigenSolver<MatL> es(G, Eigen::EigenvaluesOnly);
    long double nuc = 0;
    for (long i = 0; i < R; ++i)
        nuc += std::sqrt(std::max(es.eigenvalues()(i), 0.0L));
    // nuc = m·2^e exactly as a long double; radius 1e-16 relative (long double eps is 1e-19).
    int e = 0;
    const long double m = std::frexp(2.0L * nuc, &e);
    support::Fmpq q;
    fmpz_set_d(fmpq_numref(q.x), static_cast<double>(std::ldexp(m, 53)));
    fmpz_one(fmpq_denref(q.x));
    arb_set_fmpq(out, q.x, kPrec);
    arb_mul_2exp_si(out, out, e - 53);
    support::Arb rad;
    arb_set(rad.x, out);
    arb_mul_2exp_si(rad.x, rad.x, -53);
    arb_add_error(out, rad.x);
}

/// (2/D) sum_d ||Ŵ[:,d]||_2 as an Arb ball (exact rational angles).
void group_norm_ball(arb_t out, const std::vector<std::vector<double>>& w) {
    const long R = static_cast<long>(w.size()), D = static_cast<long>(w[0].size());
    arb_zero(out);
    support::Arb s, c, a, re, im, norm2;
    support::Fmpq angle;
    for (long d = 0; d < D; ++d) {
        arb_zero(norm2.x);
        for (long r = 0; r < R; ++r) {
            arb_zero(re.x);
            arb_zero(im.x);
            for (long j = 0; j < D; ++j) {
                fmpq_set_si(angle.x, -2 * ((j * d) % D), static_cast<ulong>(D));
                arb_sin_cos_pi_fmpq(s.x, c.x, angle.x, kPrec);
                arb_set_d(a.x, w[r][j]);
                arb_addmul(re.x, a.x, c.x, kPrec);
                arb_addmul(im.x, a.x, s.x, kPrec);
            }
            arb_addmul(norm2.x, re.x, re.x, kPrec);
            arb_addmul(norm2.x, im.x, im.x, kPrec);
        }
        arb_sqrtpos(a.x, norm2.x, kPrec);
        arb_add(out, out, a.x, kPrec);
    }
    arb_mul_2exp_si(out, out, 1);
    arb_div_si(out, out, D, kPrec);
}

/// 2·x exactly.
std::string twice(const std::string& s) {
    support::Fmpq x;
    set_q(x.x, s);
    fmpq_mul_2exp(x.x, x.x, 1);
    return convcert::support::fmpq_get_string(x.x);
}

bool leq(const std::string& a, const std::string& b) {
    support::Fmpq x, y;
    set_q(x.x, a);
    set_q(y.x, b);
    return fmpq_cmp(x.x, y.x) <= 0;
}

BracketStrings bracket_checked(const std::vector<std::vector<double>>& w, long K) {
    const StrRows ws = exact(w);
    const auto b = bracket_strings(ws, K);
    const auto verdict = convcert::checker::check_certificate(certificate_of(b, ws));
    INFO("R = " << b.R << ", D = " << b.D << ", K = " << K << ": " << verdict.reason);
    CHECK(verdict.valid);
    CHECK(leq(b.lower, b.upper));
    CHECK(b.relative_gap >= 0);
    CHECK(static_cast<long>(b.u.size()) == b.C0);
    return b;
}

} // namespace

TEST_CASE("multi: stacked Gram matches T Tᵀ computed directly", "[regularizer][multi]") {
    std::mt19937 gen(5);
    std::uniform_int_distribution<long> dist(-9, 9);
    for (long R : {1L, 2L, 3L})
        for (long D : {1L, 4L, 7L})
            for (long K : {1L, (D + 1) / 2, D}) {
                std::vector<long> lam(R * D);
                for (long& x : lam)
                    x = dist(gen);
                convcert::support::FmpzVec n(R * D);
                for (long i = 0; i < R * D; ++i)
                    fmpz_set_si(n.v + i, lam[i]);
                support::FmpzMat N(R * K, R * K);
                regularizer_gram_integer_stacked(N.m, n.v, R, D, K);
                for (long a = 0; a < R * K; ++a)
                    for (long b = 0; b < R * K; ++b) {
                        // T[(r,k)][i] = λ_r[(i+k) mod D]
                        long sum = 0;
                        for (long i = 0; i < D; ++i)
                            sum += lam[(a / K) * D + (i + a % K) % D] *
                                   lam[(b / K) * D + (i + b % K) % D];
                        CHECK(fmpz_get_si(fmpz_mat_entry(N.m, a, b)) == sum);
                    }
            }
}

TEST_CASE("multi: SDPA's reduced SDP matches the closed forms; its λ is its dual value",
          "[regularizer][multi]") {
    for (long R : {2L, 3L}) {
        const long D = 9;
        const auto w = random_rows(R, D, static_cast<unsigned>(500 + R));
        support::Arb nuc, l21;
        nuclear_ball(nuc.x, w);
        group_norm_ball(l21.x, w);
        const double ref1 = arf_get_d(arb_midref(nuc.x), ARF_RND_NEAR);
        const double refd = arf_get_d(arb_midref(l21.x), ARF_RND_NEAR);
        for (long K : {1L, 4L, D}) {
            const auto sdp = regularizer_sdp_gram_solve(w, K);
            CHECK(sdp.constraints == (R + R * (R + 1) / 2) + 4 * (2 * R + R * R));
            CHECK(sdp.lambda_dot_w == Approx(sdp.dual).epsilon(1e-9));
            CHECK(sdp.value_x == Approx(sdp.primal).epsilon(1e-5));
            CHECK(sdp.primal - sdp.dual >= -1e-9 * sdp.primal);
            if (K == 1) CHECK(sdp.primal == Approx(ref1).epsilon(1e-6));
            if (K == D) CHECK(sdp.primal == Approx(refd).epsilon(1e-6));
            if (K == 4) {
                CHECK(sdp.primal < ref1);
                CHECK(sdp.primal > refd);
            }
        }
    }
}

TEST_CASE("multi: exact least-norm V realizes W and beats the network that made W",
          "[regularizer][multi]") {
    std::mt19937 gen(11);
    std::uniform_int_distribution<long> dist(-5, 5);
    for (long R : {2L, 3L})
        for (auto [D, K, C0] : {std::tuple<long, long, long>{6, 2, 3}, {7, 3, 4}, {5, 1, 3}}) {
            // A random integer network (u, v) defines W; the least-norm V for the same u must
            // realize W and cost at most ||v||².
            std::vector<std::vector<std::vector<std::string>>> u(
                C0, StrRows(R, std::vector<std::string>(K)));
            StrRows v(C0, std::vector<std::string>(D));
            std::vector<long> un(C0 * R * K), vn(C0 * D), w(R * D, 0);
            for (long i = 0; i < C0 * R * K; ++i)
                un[i] = dist(gen);
            for (long i = 0; i < C0 * D; ++i)
                vn[i] = dist(gen);
            long vnorm = 0;
            for (long c = 0; c < C0; ++c) {
                for (long r = 0; r < R; ++r)
                    for (long k = 0; k < K; ++k)
                        u[c][r][k] = std::to_string(un[(c * R + r) * K + k]);
                for (long j = 0; j < D; ++j) {
                    v[c][j] = std::to_string(vn[c * D + j]);
                    vnorm += vn[c * D + j] * vn[c * D + j];
                }
                for (long r = 0; r < R; ++r)
                    for (long k = 0; k < K; ++k)
                        for (long j = 0; j < D; ++j)
                            w[r * D + (j + k) % D] += un[(c * R + r) * K + k] * vn[c * D + j];
            }
            StrRows ws(R, std::vector<std::string>(D));
            convcert::support::FmpqVec wq(R * D);
            for (long i = 0; i < R * D; ++i) {
                ws[i / D][i % D] = std::to_string(w[i]);
                fmpq_set_si(wq.v + i, w[i], 1);
            }
            std::vector<support::FmpqMat> uq;
            for (const auto& k : u)
                uq.push_back(support::fmpq_mat_from_rows(k, "u"));
            const support::FmpqMat Wq = support::fmpq_mat_from_rows(ws, "W");
            REQUIRE(regularizer_network_realizes(uq, support::fmpq_mat_from_rows(v, "v"), Wq));
            const RegularizerLeastNorm ln = regularizer_least_norm(uq, Wq);
            support::FmpqMat vls(C0, D);
            support::Fmpq norm, bound;
            for (long c = 0; c < C0; ++c)
                for (long j = 0; j < D; ++j) {
                    fmpq_set_fmpz_frac(vls.at(c, j), ln.numerators[c * D + j].x, ln.denominator.x);
                    fmpq_addmul(norm.x, vls.at(c, j), vls.at(c, j));
                }
            CHECK(regularizer_network_realizes(uq, vls, Wq));
            fmpq_set_si(bound.x, vnorm, 1);
            CHECK(fmpq_cmp(norm.x, bound.x) <= 0);
            // One changed entry no longer realizes W.
            fmpq_add_si(vls.at(0, 0), vls.at(0, 0), 1);
            CHECK_FALSE(regularizer_network_realizes(uq, vls, Wq));
        }
}

TEST_CASE("multi: fewer than R kernels have no exact least-norm V", "[regularizer][multi]") {
    const auto w = exact(random_rows(3, 6, 3));
    const Kernels one{Rows{{1.0, 0.5}, {0.25, -1.0}, {0.0, 2.0}}};
    CHECK_THROWS_AS(regularizer_network_round(one, support::fmpq_mat_from_rows(w, "w"), 24),
                    std::runtime_error);
}

TEST_CASE("multi: K = 1 brackets contain 2||W||_* and hold for every C >= R (C0 = R)",
          "[regularizer][multi]") {
    for (long R : {2L, 3L, 4L})
        for (long D : {3L, 8L, 13L}) {
            const unsigned seed = static_cast<unsigned>(10 * R + D);
            INFO("R = " << R << ", D = " << D << ", seed " << seed);
            const auto w = random_rows(R, D, seed);
            const auto b = bracket_checked(w, 1);
            CHECK(b.source == RegularizerDualSource::ClosedFormK1);
            CHECK(b.C0 == R); // R channels even when rank W = D < R
            CHECK(b.relative_gap <= 1e-9);
            support::Arb ref;
            nuclear_ball(ref.x, w);
            require_inside(b, ref.x);
        }
}

TEST_CASE("multi: K = D brackets contain (2/D) sum_d ||Ŵ[:,d]|| and hold for every C >= R",
          "[regularizer][multi]") {
    for (long R : {2L, 3L, 4L})
        for (long D : {1L, 2L, 5L, 8L, 12L}) {
            const unsigned seed = static_cast<unsigned>(100 + 10 * R + D);
            INFO("R = " << R << ", D = " << D << ", seed " << seed);
            const auto w = random_rows(R, D, seed);
            const auto b = bracket_checked(w, D);
            CHECK(b.source == (D == 1 ? RegularizerDualSource::ClosedFormK1
                                      : RegularizerDualSource::ClosedFormKD));
            CHECK(b.C0 == R); // R Fourier-side channels
            CHECK(b.relative_gap <= 1e-9);
            support::Arb ref;
            group_norm_ball(ref.x, w);
            require_inside(b, ref.x);
        }
}

TEST_CASE("multi: SDP brackets are certified, narrow, and between the closed forms",
          "[regularizer][multi]") {
    for (long R : {2L, 3L})
        for (auto [D, K] : {std::pair<long, long>{6, 2}, {8, 3}, {10, 4}, {12, 3}}) {
            const auto w = random_rows(R, D, static_cast<unsigned>(1000 + 100 * R + 10 * D + K));
            const auto b = bracket_checked(w, K);
            CHECK((b.source == RegularizerDualSource::Sdpa ||
                   b.source == RegularizerDualSource::Barrier));
            INFO("R = " << R << ", D = " << D << ", K = " << K << ", gap " << b.relative_gap);
            CHECK(b.relative_gap <= 1e-8);
            CHECK(b.C0 == R); // the SDP's network collapsed to R channels: holds for C >= R
            // R_{K,∞} decreases in K: the K = D value is below, the K = 1 value above.
            support::Arb nuc, l21, lo, hi;
            support::Fmpq q;
            nuclear_ball(nuc.x, w);
            group_norm_ball(l21.x, w);
            set_q(q.x, b.lower);
            arb_set_fmpq(lo.x, q.x, kPrec);
            set_q(q.x, b.upper);
            arb_set_fmpq(hi.x, q.x, kPrec);
            CHECK(arb_le(lo.x, nuc.x));
            CHECK(arb_le(l21.x, hi.x));
        }
}

TEST_CASE("multi: R = 1, the Newton and SDPA solvers agree", "[regularizer][multi]") {
    const auto w = random_rows(1, 9, 77);
    const auto b = bracket_checked(w, 3);
    const auto single = bracket_strings(exact(w), 3, RegularizerSolver::Sdpa);
    CHECK(leq(single.lower, b.upper));
    CHECK(single.lower_double == Approx(b.lower_double).epsilon(1e-8));
}

TEST_CASE("multi: homogeneity, the bracket of 2W is twice that of W", "[regularizer][multi]") {
    for (long K : {1L, 3L, 7L}) {
        const auto w = random_rows(2, 7, 42);
        auto w2 = w;
        for (auto& row : w2)
            for (double& x : row)
                x *= 2.0;
        const auto b = bracket_checked(w, K);
        const auto b2 = bracket_checked(w2, K);
        // [2 lower, 2 upper] and [lower2, upper2] both contain R(2W) = 2 R(W): they overlap.
        CHECK(leq(twice(b.lower), b2.upper));
        CHECK(leq(b2.lower, twice(b.upper)));
        CHECK(b2.lower_double == Approx(2.0 * b.lower_double).epsilon(1e-8));
    }
}

TEST_CASE("multi: tampered brackets fail the checker", "[regularizer][multi]") {
    const auto w = exact(random_rows(2, 8, 9));
    const auto b = bracket_strings(w, 3);
    const auto cert = certificate_of(b, w);
    REQUIRE(convcert::checker::check_certificate(cert).valid);
    // The library's assembly holds the same claim and evidence.
    auto lib = bracket_strings_certificate(b, w);
    lib.generator_method = cert.generator_method;
    CHECK(convcert::certificate_to_json(lib) == convcert::certificate_to_json(cert));
    CHECK(regularizer_dual_feasible_strings(b.lambda, 3));

    // λ scaled by 1 + 1e-6 (lower scaled too, so that only the PSD test can fail).
    auto bad = cert;
    for (auto& row : std::get<convcert::RegularizerBody>(bad.body).evidence.lambda)
        for (auto& x : row)
            x = inflate(x);
    CHECK_FALSE(regularizer_dual_feasible_strings(
        std::get<convcert::RegularizerBody>(bad.body).evidence.lambda, 3));
    auto verdict = convcert::checker::check_certificate(bad);
    CHECK_FALSE(verdict.valid);
    CHECK(verdict.reason.find("not positive semidefinite") != std::string::npos);

    // One entry of v changed.
    bad = cert;
    auto& x = std::get<convcert::RegularizerBody>(bad.body).evidence.v[0][3];
    x = x == "0" ? "1" : twice(x);
    verdict = convcert::checker::check_certificate(bad);
    CHECK_FALSE(verdict.valid);
    CHECK(verdict.reason.find("does not realize") != std::string::npos);

    // The upper bound just below the network's cost.
    bad = cert;
    support::Fmpq up, eps;
    set_q(up.x, b.upper);
    fmpq_set_si(eps.x, 1, 1000000000);
    fmpq_mul(eps.x, eps.x, up.x);
    fmpq_sub(up.x, up.x, eps.x);
    std::get<convcert::RegularizerBody>(bad.body).claim.upper =
        convcert::support::fmpq_get_string(up.x);
    CHECK_FALSE(convcert::checker::check_certificate(bad).valid);
}

TEST_CASE("multi: zero W gives the bracket [0, 0]", "[regularizer][multi]") {
    const StrRows w(2, std::vector<std::string>(5, "0"));
    for (long K : {1L, 2L, 5L}) {
        const auto b = bracket_strings(w, K);
        CHECK(b.lower == "0");
        CHECK(b.upper == "0");
        CHECK(convcert::checker::check_certificate(certificate_of(b, w)).valid);
    }
}

TEST_CASE("multi: degenerate inputs still give certified brackets", "[regularizer][multi]") {
    // D < R (rank W < R), a zero row, constant rows (Ŵ_d = 0 for d != 0), one row only.
    const std::vector<std::pair<StrRows, std::vector<long>>> cases = {
        {{{"1", "2"}, {"3", "-1"}, {"1/2", "0"}}, {1, 2}},
        {{{"1", "0", "-2", "1", "3"}, {"0", "0", "0", "0", "0"}}, {1, 2, 5}},
        {{{"1", "1", "1", "1"}, {"-2", "-2", "-2", "-2"}}, {1, 2, 4}},
        {{{"1", "1", "0", "0"}}, {1, 2, 4}},
    };
    for (const auto& [w, Ks] : cases)
        for (long K : Ks) {
            const auto b = bracket_strings(w, K);
            const auto verdict =
                convcert::checker::check_certificate(bracket_strings_certificate(b, w));
            INFO("R = " << b.R << ", D = " << b.D << ", K = " << K << ": " << verdict.reason);
            CHECK(verdict.valid);
            CHECK(b.relative_gap <= 1e-8);
        }
}

namespace {

/// The largest singular value of the stacked T(λ) (T[(r,k)][i] = λ_r[(i+k) mod D]) built
/// directly in long double, independently of the generator's Gram matrices.
long double stacked_t_norm(const std::vector<std::vector<long double>>& lambda, long K) {
    const long R = static_cast<long>(lambda.size()), D = static_cast<long>(lambda[0].size());
    using MatL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
    MatL T(R * K, D);
    for (long r = 0; r < R; ++r)
        for (long k = 0; k < K; ++k)
            for (long i = 0; i < D; ++i)
                T(r * K + k, i) = lambda[r][(i + k) % D];
    return Eigen::JacobiSVD<MatL>(T).singularValues()(0);
}

/// s·Λ / 2^E in long double (exact for the sizes used: |Λ·a| < 2^64 is not needed, only the
/// quotient's 64-bit rounding).
std::vector<std::vector<long double>> scaled_rows(const support::FmpzMat& L, long E,
                                                  const RegularizerDualScale& s) {
    std::vector<std::vector<long double>> out(fmpz_mat_nrows(L.m));
    const long double sv = std::ldexp(static_cast<long double>(fmpz_get_d(s.a.x)), -s.b);
    for (long r = 0; r < fmpz_mat_nrows(L.m); ++r)
        for (long i = 0; i < fmpz_mat_ncols(L.m); ++i) {
            long e = 0;
            const double m = fmpz_get_d_2exp(&e, fmpz_mat_entry(L.m, r, i));
            out[r].push_back(sv * std::ldexp(static_cast<long double>(m), e - E));
        }
    return out;
}

} // namespace

TEST_CASE("dual scale: s·λ has ||T||_op just below 2, for λ of any size", "[regularizer][exact]") {
    std::mt19937 gen(21);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (long R : {1L, 2L, 3L})
        for (auto [D, K] : {std::pair<long, long>{1, 1}, {5, 2}, {7, 7}, {12, 4}})
            for (long bits : {20L, 44L, 700L}) {
                // Λ with `bits` bits and E = bits: λ of order 1. bits = 700 makes T Tᵀ's
                // integer entries overflow a double (2^1400), which an unnormalized
                // eigenvalue estimate cannot survive.
                support::FmpzMat L(R, D);
                for (long r = 0; r < R; ++r)
                    for (long i = 0; i < D; ++i) {
                        fmpz* x = fmpz_mat_entry(L.m, r, i);
                        fmpz_set_d(x, std::nearbyint(std::ldexp(normal(gen), std::min(bits, 44L))));
                        if (bits > 44) fmpz_mul_2exp(x, x, static_cast<ulong>(bits - 44));
                    }
                const long E = bits;
                const auto s = regularizer_dual_scale(L.m, E, K);
                INFO("R = " << R << ", D = " << D << ", K = " << K << ", bits = " << bits);
                CHECK(s.attempts == 1);
                CHECK(s.b >= -E);
                const long double norm = stacked_t_norm(scaled_rows(L, E, s), K);
                CHECK(norm <= 2.0L * (1 + 1e-15L));
                CHECK(norm >= 2.0L * (1 - 1e-9L));
                // The exact feasibility test agrees on s·λ and rejects (1 + 2^-20)·s·λ.
                support::FmpqMat lam(R, D), big(R, D);
                support::Fmpz num, den;
                fmpz_one(den.x);
                fmpz_mul_2exp(den.x, den.x, static_cast<ulong>(E + s.b));
                support::Fmpq grow;
                fmpq_set_si(grow.x, (1L << 20) + 1, 1L << 20);
                for (long r = 0; r < R; ++r)
                    for (long i = 0; i < D; ++i) {
                        fmpz_mul(num.x, fmpz_mat_entry(L.m, r, i), s.a.x);
                        fmpq_set_fmpz_frac(lam.at(r, i), num.x, den.x);
                        fmpq_mul(big.at(r, i), lam.at(r, i), grow.x);
                    }
                CHECK(regularizer_dual_feasible(lam, K));
                CHECK_FALSE(regularizer_dual_feasible(big, K));
            }
}

TEST_CASE("dual scale: above 64 rows the checker's floating-point PSD test decides",
          "[regularizer][exact]") {
    // n = R·K = 160: with the former first margin 2^-40 the smallest eigenvalue of
    // 4I - T Tᵀ (about 8·2^-40) is below Rump's shift (about 4n²u = 1.1e-11), so the checker
    // would need its exact test; with 2^-24 the fast test proves it.
    std::mt19937 gen(5);
    std::normal_distribution<double> normal(0.0, 1.0);
    const long R = 2, D = 96, K = 80, E = 44;
    support::FmpzMat L(R, D);
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            fmpz_set_d(fmpz_mat_entry(L.m, r, i), std::nearbyint(std::ldexp(normal(gen), 44)));
    const auto s = regularizer_dual_scale(L.m, E, K);
    CHECK(s.attempts == 1);
    const long double norm = stacked_t_norm(scaled_rows(L, E, s), K);
    CHECK(norm <= 2.0L * (1 - std::ldexp(1.0L, -25)));
    CHECK(norm >= 2.0L * (1 - std::ldexp(1.0L, -22)));
    // The checker's input: 4·2^(2E+2b) I - a² N with N = T(Λ)T(Λ)ᵀ.
    support::FmpzVec rows(R * D);
    for (long r = 0; r < R; ++r)
        _fmpz_vec_set(rows.v + r * D, fmpz_mat_entry(L.m, r, 0), D);
    support::FmpzMat N(R * K, R * K);
    regularizer_gram_integer_stacked(N.m, rows.v, R, D, K);
    support::Fmpz a2, diag, t;
    fmpz_mul(a2.x, s.a.x, s.a.x);
    fmpz_one(diag.x);
    fmpz_mul_2exp(diag.x, diag.x, static_cast<ulong>(2 * (E + s.b) + 2));
    convcert::checker::SymMatrix m(static_cast<std::size_t>(R * K));
    for (long i = 0; i < R * K; ++i)
        for (long j = i; j < R * K; ++j) {
            fmpz_mul(t.x, a2.x, fmpz_mat_entry(N.m, i, j));
            fmpz_neg(t.x, t.x);
            if (i == j) fmpz_add(t.x, t.x, diag.x);
            char* text = fmpz_get_str(nullptr, 10, t.x);
            m.at(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) =
                convcert::checker::Int(text);
            flint_free(text);
        }
    CHECK(convcert::checker::sym_matrix_psd_float(m).verdict ==
          convcert::checker::PsdFloat::positive_definite);
}

TEST_CASE("dual scale: λ = 0 needs no test", "[regularizer][exact]") {
    support::FmpzMat L(2, 3);
    const auto s = regularizer_dual_scale(L.m, 7, 2);
    CHECK(fmpz_is_one(s.a.x));
    CHECK(s.b == 0);
    CHECK(s.attempts == 0);
    CHECK_THROWS_AS(regularizer_dual_scale(L.m, 7, 4), std::invalid_argument);
}

TEST_CASE("lower bound: any R, exact λ with ||T||_op <= 2 and lower = <λ, W>",
          "[regularizer][exact]") {
    std::mt19937 gen(33);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (long R : {1L, 2L, 3L})
        for (auto [D, K] : {std::pair<long, long>{1, 1}, {6, 3}, {9, 9}}) {
            std::vector<std::vector<double>> lambda(R, std::vector<double>(D));
            for (auto& row : lambda)
                for (double& x : row)
                    x = 3 * normal(gen);
            const auto W = support::fmpq_mat_from_doubles(random_rows(R, D, 7 * R + D));
            const auto b = regularizer_lower_bound(lambda, W, K);
            INFO("R = " << R << ", D = " << D << ", K = " << K);
            std::vector<std::vector<long double>> ld(R);
            long double dot = 0;
            for (long r = 0; r < R; ++r)
                for (long i = 0; i < D; ++i) {
                    ld[r].push_back(fmpq_get_d(b.lambda.at(r, i)));
                    dot += ld[r][i] * static_cast<long double>(fmpq_get_d(W.at(r, i)));
                    // s·λ_q is within 2^-40 of s·λ (the grid keeps 44 bits of max |λ|).
                    CHECK(std::abs(fmpq_get_d(b.lambda.at(r, i)) -
                                   fmpq_get_d(b.scale.x) * lambda[r][i]) <= 1e-11 * 3 * 6);
                }
            CHECK(stacked_t_norm(ld, K) <= 2.0L * (1 + 1e-15L));
            CHECK(stacked_t_norm(ld, K) >= 2.0L * (1 - 1e-9L));
            CHECK(static_cast<double>(dot) == Approx(b.lower_double).epsilon(1e-12));
            CHECK(regularizer_dual_feasible(b.lambda, K));
            // The string edge returns the same rationals.
            const auto m = regularizer_lower_bound_rows(lambda, support::fmpq_mat_to_rows(W), K);
            CHECK(m.lambda == support::fmpq_mat_to_rows(b.lambda));
            CHECK(m.lower == support::fmpq_get_string(b.lower.x));
        }
    support::FmpqMat W(2, 4);
    CHECK_THROWS_AS(regularizer_lower_bound({{1, 2, 3, 4}}, W, 2), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_lower_bound({{1, 2, 3, 4}, {1, 2, 3}}, W, 2),
                    std::invalid_argument);
    CHECK_THROWS_AS(regularizer_lower_bound({{1, 2, 3, 4}, {1, 2, 3, NAN}}, W, 2),
                    std::invalid_argument);
    const auto zero = regularizer_lower_bound({{0, 0, 0, 0}, {0, 0, 0, 0}}, W, 2);
    CHECK(fmpq_is_zero(zero.lower.x));
    CHECK(fmpq_is_one(zero.scale.x));
}

namespace {

/// Canonical strings of V = numerators / denominator, C0 rows of D.
StrRows least_norm_rows(const RegularizerLeastNorm& s, long C0, long D) {
    StrRows out(C0, std::vector<std::string>(D));
    support::Fmpq q;
    for (long c = 0; c < C0; ++c)
        for (long j = 0; j < D; ++j) {
            fmpq_set_fmpz_frac(q.x, s.numerators[c * D + j].x, s.denominator.x);
            out[c][j] = support::fmpq_get_string(q.x);
        }
    return out;
}

/// A random integer network of C0 kernels (R×K, entries in [-5, 5], every kernel set to
/// 1 + x when `vanish`, so that it vanishes at d = D/2 for even D) and the W it realizes.
std::pair<std::vector<support::FmpqMat>, support::FmpqMat>
random_network(long C0, long R, long K, long D, bool vanish, std::mt19937& gen) {
    std::uniform_int_distribution<long> dist(-5, 5);
    std::vector<support::FmpqMat> u(C0, support::FmpqMat(R, K));
    support::FmpqMat W(R, D);
    support::Fmpq t;
    for (long c = 0; c < C0; ++c) {
        std::vector<long> v(D);
        for (long& x : v)
            x = dist(gen);
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                fmpq_set_si(u[c].at(r, k), dist(gen), 1);
        if (vanish && K >= 2) // u_c[r] = 1 + x
            for (long r = 0; r < R; ++r)
                for (long k = 0; k < K; ++k)
                    fmpq_set_si(u[c].at(r, k), k < 2 ? 1 : 0, 1);
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                for (long j = 0; j < D; ++j) {
                    fmpq_mul_si(t.x, u[c].at(r, k), v[j]);
                    fmpq_add(W.at(r, (j + k) % D), W.at(r, (j + k) % D), t.x);
                }
    }
    return {u, W};
}

} // namespace

namespace {

/// The least-norm V in doubles, frequency by frequency: v̂_d = Û_dᴴ Σ_d⁻¹ Ŵ_d (v̂_d = 0 where
/// Σ_d = 0), by a plain DFT, independently of the polynomial arithmetic.
std::vector<std::vector<double>> least_norm_double(const std::vector<support::FmpqMat>& u,
                                                   const support::FmpqMat& W) {
    using Cd = std::complex<double>;
    const long C0 = static_cast<long>(u.size()), R = W.rows(), K = u[0].cols(), D = W.cols();
    std::vector<Eigen::VectorXcd> vhat(D);
    for (long d = 0; d < D; ++d) {
        Eigen::MatrixXcd U(R, C0);
        Eigen::VectorXcd w(R);
        auto root = [&](long j) { return std::polar(1.0, -2 * M_PI * double(j * d % D) / D); };
        for (long r = 0; r < R; ++r) {
            w(r) = 0;
            for (long j = 0; j < D; ++j)
                w(r) += fmpq_get_d(W.at(r, j)) * root(j);
            for (long c = 0; c < C0; ++c) {
                U(r, c) = 0;
                for (long k = 0; k < K; ++k)
                    U(r, c) += fmpq_get_d(u[c].at(r, k)) * root(k);
            }
        }
        const Eigen::MatrixXcd S = U * U.adjoint();
        vhat[d] = S.norm() < 1e-9 ? Eigen::VectorXcd::Zero(C0)
                                  : Eigen::VectorXcd(U.adjoint() * S.ldlt().solve(w));
    }
    std::vector<std::vector<double>> v(C0, std::vector<double>(D));
    for (long c = 0; c < C0; ++c)
        for (long j = 0; j < D; ++j) {
            Cd sum = 0;
            for (long d = 0; d < D; ++d)
                sum += vhat[d](c) * std::polar(1.0, 2 * M_PI * double(j * d % D) / D);
            v[c][j] = sum.real() / D;
        }
    return v;
}

} // namespace

TEST_CASE("least norm: any R, U V = W exactly and V is the double-precision least norm",
          "[regularizer][exact]") {
    std::mt19937 gen(41);
    std::vector<std::tuple<long, long, long, long, bool>> cases; // R, D, K, C0, vanish
    for (long D : {1L, 5L, 8L, 12L})
        for (long K : {1L, 3L, D})
            for (long C0 : {1L, 2L, 3L})
                for (bool vanish : {false, true})
                    if (K <= D) cases.emplace_back(1, D, K, C0, vanish);
    for (long R : {2L, 3L})
        for (auto [D, K, C0] :
             {std::tuple<long, long, long>{6, 2, 3}, {7, 3, 4}, {5, 1, 3}, {6, 3, R}, {9, 4, R}})
            cases.emplace_back(R, D, K, C0, false);
    for (auto [R, D, K, C0, vanish] : cases) {
        auto [u, W] = random_network(C0, R, K, D, vanish, gen);
        INFO("R = " << R << ", D = " << D << ", K = " << K << ", C0 = " << C0 << ", vanish "
                    << vanish);
        const auto s = regularizer_least_norm(u, W);
        const auto v = least_norm_rows(s, C0, D);
        // Realization, by the convolution sum itself.
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j) {
                support::Fmpq sum, t, vq;
                for (long c = 0; c < C0; ++c)
                    for (long k = 0; k < K; ++k) {
                        set_q(vq.x, v[c][((j - k) % D + D) % D]);
                        fmpq_mul(t.x, u[c].at(r, k), vq.x);
                        fmpq_add(sum.x, sum.x, t.x);
                    }
                CHECK(fmpq_equal(sum.x, W.at(r, j)));
            }
        const auto vd = least_norm_double(u, W);
        for (long c = 0; c < C0; ++c)
            for (long j = 0; j < D; ++j)
                CHECK(support::rational_to_double(v[c][j]) == Approx(vd[c][j]).margin(1e-9));
    }
}

TEST_CASE("network: any R, exact cost, realization, and equal to the old builders",
          "[regularizer][exact]") {
    std::mt19937 gen(57);
    for (auto [R, D, K, C0] : {std::tuple<long, long, long, long>{1, 6, 2, 1},
                               {1, 8, 3, 1},
                               {1, 5, 5, 1},
                               {1, 7, 3, 2},
                               {2, 6, 2, 3},
                               {2, 7, 3, 2},
                               {3, 5, 2, 4}}) {
        auto [u, W] = random_network(C0, R, K, D, false, gen);
        INFO("R = " << R << ", D = " << D << ", K = " << K << ", C0 = " << C0);
        const auto net = regularizer_network_from_kernels(u, W);
        CHECK(net.bits == 0);
        const support::FmpqMat vv = regularizer_network_v_values(net);
        // The cost recomputed from the entries; the realization by the convolution sum.
        support::Fmpq cost, t;
        for (const auto& k : net.u)
            for (long i = 0; i < R * K; ++i)
                fmpq_addmul(cost.x, k.at(i / K, i % K), k.at(i / K, i % K));
        for (long i = 0; i < C0 * D; ++i)
            fmpq_addmul(cost.x, vv.at(i / D, i % D), vv.at(i / D, i % D));
        CHECK(fmpq_equal(cost.x, net.cost.x));
        for (long r = 0; r < R; ++r)
            for (long j = 0; j < D; ++j) {
                support::Fmpq sum;
                for (long c = 0; c < C0; ++c)
                    for (long k = 0; k < K; ++k)
                        fmpq_addmul(sum.x, net.u[c].at(r, k), vv.at(c, ((j - k) % D + D) % D));
                CHECK(fmpq_equal(sum.x, W.at(r, j)));
            }
        CHECK(regularizer_network_realizes(net.u, vv, W));
        auto bad = vv;
        fmpq_add_si(bad.at(0, 0), bad.at(0, 0), 1);
        CHECK_FALSE(regularizer_network_realizes(net.u, bad, W));
        // The v strings share one denominator and read back to v.
        const auto vs = regularizer_rows_over_denominator(net.v, net.v_den);
        for (long i = 0; i < C0 * D; ++i) {
            support::Fmpq q;
            REQUIRE(fmpq_set_str(q.x, vs[i / D][i % D].c_str(), 10) == 0);
            fmpq_canonicalise(q.x);
            CHECK(fmpq_equal(q.x, vv.at(i / D, i % D)));
        }
        if (C0 >= R) { // the same (integer) kernels through the rounding entry point
            Kernels kernels;
            for (const auto& k : u)
                kernels.push_back(support::fmpq_mat_to_doubles(k));
            const auto now = regularizer_network_round(kernels, W, 24);
            CHECK(now.bits == 24);
            CHECK(now.cost_double == Approx(net.cost_double).epsilon(1e-12));
            CHECK(regularizer_network_realizes(now.u, regularizer_network_v_values(now), W));
        }
    }
    support::FmpqMat W(1, 4);
    CHECK_THROWS_AS(regularizer_network_round({{{0.0, 0.0}}}, W, 24), std::invalid_argument);
    CHECK_THROWS_AS(regularizer_network_from_kernels({support::FmpqMat(2, 2)}, W),
                    std::invalid_argument);
}
