// Regularizer generator for R > 1 input channels: every bracket is re-verified by the
// independent checker; the closed forms (2||W||_* at K = 1, computed in long double from
// W Wᵀ, and (2/D) sum_d ||Ŵ[:,d]|| at K = D, computed with Arb balls) must lie inside the
// certified bracket; homogeneity, tampering, and the exact building blocks.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "regularizer/bracket_multi.h"
#include "regularizer/dual_bound.h"
#include "regularizer/dual_feasible.h"
#include "regularizer/least_norm_multi.h"
#include "regularizer/lower_bound.h"
#include "regularizer/network_multi.h"
#include "regularizer/psd_exact.h"
#include "regularizer/sdp_multi.h"

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace convcert::regularizer;
using convcert::lemma::Arb;
using convcert::lemma::Fmpq;

namespace {

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
            out.back().push_back(regularizer_double_to_rational(x));
    }
    return out;
}

convcert::Certificate certificate_of(const RegularizerBracketMulti& b, const StrRows& w) {
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
                                 "regularizer_bracket_multi " + b.source};
}

void set_q(fmpq_t x, const std::string& s) {
    REQUIRE(fmpq_set_str(x, s.c_str(), 10) == 0);
}

/// lower <= ref <= upper with ref an Arb ball (certain comparisons).
void require_inside(const RegularizerBracketMulti& b, const arb_t ref) {
    Fmpq q;
    Arb lo, hi;
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
    Fmpq q;
    fmpz_set_d(fmpq_numref(q.x), static_cast<double>(std::ldexp(m, 53)));
    fmpz_one(fmpq_denref(q.x));
    arb_set_fmpq(out, q.x, kPrec);
    arb_mul_2exp_si(out, out, e - 53);
    Arb rad;
    arb_set(rad.x, out);
    arb_mul_2exp_si(rad.x, rad.x, -53);
    arb_add_error(out, rad.x);
}

/// (2/D) sum_d ||Ŵ[:,d]||_2 as an Arb ball (exact rational angles).
void group_norm_ball(arb_t out, const std::vector<std::vector<double>>& w) {
    const long R = static_cast<long>(w.size()), D = static_cast<long>(w[0].size());
    arb_zero(out);
    Arb s, c, a, re, im, norm2;
    Fmpq angle;
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

/// The rational string s·(1 + 1e-6).
std::string inflate(const std::string& s) {
    Fmpq x, f;
    set_q(x.x, s);
    fmpq_set_si(f.x, 1000001, 1000000);
    fmpq_mul(x.x, x.x, f.x);
    return convcert::lemma::fmpq_get_string(x.x);
}

/// 2·x exactly.
std::string twice(const std::string& s) {
    Fmpq x;
    set_q(x.x, s);
    fmpq_mul_2exp(x.x, x.x, 1);
    return convcert::lemma::fmpq_get_string(x.x);
}

bool leq(const std::string& a, const std::string& b) {
    Fmpq x, y;
    set_q(x.x, a);
    set_q(y.x, b);
    return fmpq_cmp(x.x, y.x) <= 0;
}

RegularizerBracketMulti bracket_checked(const std::vector<std::vector<double>>& w, long K) {
    const StrRows ws = exact(w);
    const auto b = regularizer_bracket_multi(ws, K);
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
                convcert::lemma::FmpzVec n(R * D);
                for (long i = 0; i < R * D; ++i)
                    fmpz_set_si(n.v + i, lam[i]);
                FmpzMat N(R * K, R * K);
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
        Arb nuc, l21;
        nuclear_ball(nuc.x, w);
        group_norm_ball(l21.x, w);
        const double ref1 = arf_get_d(arb_midref(nuc.x), ARF_RND_NEAR);
        const double refd = arf_get_d(arb_midref(l21.x), ARF_RND_NEAR);
        for (long K : {1L, 4L, D}) {
            const auto sdp = regularizer_sdp_multi_solve(w, K);
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
            convcert::lemma::FmpqVec wq(R * D);
            for (long i = 0; i < R * D; ++i) {
                ws[i / D][i % D] = std::to_string(w[i]);
                fmpq_set_si(wq.v + i, w[i], 1);
            }
            REQUIRE(regularizer_network_realizes_multi(u, v, ws));
            convcert::lemma::FmpzVec unum(C0 * R * K), vnum(C0 * D);
            for (long i = 0; i < C0 * R * K; ++i)
                fmpz_set_si(unum.v + i, un[i]);
            convcert::lemma::Fmpz den;
            regularizer_least_norm_multi(vnum.v, den.x, unum.v, 0, wq.v, C0, R, K, D);
            StrRows vls(C0, std::vector<std::string>(D));
            Fmpq x, norm, bound;
            for (long c = 0; c < C0; ++c)
                for (long j = 0; j < D; ++j) {
                    fmpq_set_fmpz_frac(x.x, vnum.v + c * D + j, den.x);
                    vls[c][j] = convcert::lemma::fmpq_get_string(x.x);
                    fmpq_addmul(norm.x, x.x, x.x);
                }
            CHECK(regularizer_network_realizes_multi(u, vls, ws));
            fmpq_set_si(bound.x, vnorm, 1);
            CHECK(fmpq_cmp(norm.x, bound.x) <= 0);
            // One changed entry no longer realizes W.
            vls[0][0] = twice(vls[0][0]) == vls[0][0] ? "1" : twice(vls[0][0]);
            CHECK_FALSE(regularizer_network_realizes_multi(u, vls, ws));
        }
}

TEST_CASE("multi: fewer than R kernels have no exact least-norm V", "[regularizer][multi]") {
    const auto w = exact(random_rows(3, 6, 3));
    const Kernels one{Rows{{1.0, 0.5}, {0.25, -1.0}, {0.0, 2.0}}};
    CHECK_THROWS_AS(regularizer_network_multi(one, w, 24), std::runtime_error);
}

TEST_CASE("multi: K = 1 brackets contain 2||W||_*", "[regularizer][multi]") {
    for (long R : {2L, 3L})
        for (long D : {3L, 8L, 13L}) {
            const auto w = random_rows(R, D, static_cast<unsigned>(10 * R + D));
            const auto b = bracket_checked(w, 1);
            CHECK(b.source == "closed-form K=1");
            CHECK(b.relative_gap <= 1e-9);
            Arb ref;
            nuclear_ball(ref.x, w);
            require_inside(b, ref.x);
        }
}

TEST_CASE("multi: K = D brackets contain (2/D) sum_d ||Ŵ[:,d]||", "[regularizer][multi]") {
    for (long R : {2L, 3L})
        for (long D : {1L, 2L, 5L, 8L, 12L}) {
            const auto w = random_rows(R, D, static_cast<unsigned>(100 + 10 * R + D));
            const auto b = bracket_checked(w, D);
            CHECK(b.source == (D == 1 ? "closed-form K=1" : "closed-form K=D"));
            CHECK(b.C0 <= R);
            CHECK(b.relative_gap <= 1e-9);
            Arb ref;
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
            CHECK(b.source == "sdpa");
            INFO("R = " << R << ", D = " << D << ", K = " << K << ", gap " << b.relative_gap);
            CHECK(b.relative_gap <= 1e-8);
            // R_{K,∞} decreases in K: the K = D value is below, the K = 1 value above.
            Arb nuc, l21, lo, hi;
            Fmpq q;
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

TEST_CASE("multi: R = 1 agrees with the single-channel pipeline", "[regularizer][multi]") {
    const auto w = random_rows(1, 9, 77);
    const auto b = bracket_checked(w, 3);
    const auto single = regularizer_dual_bound(exact(w)[0], 3);
    CHECK(leq(single.bound.lower, b.upper));
    CHECK(single.bound.lower_double == Approx(b.lower_double).epsilon(1e-8));
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
    const auto b = regularizer_bracket_multi(w, 3);
    const auto cert = certificate_of(b, w);
    REQUIRE(convcert::checker::check_certificate(cert).valid);
    // The library's assembly holds the same claim and evidence.
    auto lib = regularizer_bracket_multi_certificate(b, w);
    lib.generator_method = cert.generator_method;
    CHECK(convcert::certificate_to_json(lib) == convcert::certificate_to_json(cert));
    CHECK(regularizer_dual_feasible_multi(b.lambda, 3));

    // λ scaled by 1 + 1e-6 (lower scaled too, so that only the PSD test can fail).
    auto bad = cert;
    for (auto& row : std::get<convcert::RegularizerBody>(bad.body).evidence.lambda)
        for (auto& x : row)
            x = inflate(x);
    CHECK_FALSE(regularizer_dual_feasible_multi(
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
    Fmpq up, eps;
    set_q(up.x, b.upper);
    fmpq_set_si(eps.x, 1, 1000000000);
    fmpq_mul(eps.x, eps.x, up.x);
    fmpq_sub(up.x, up.x, eps.x);
    std::get<convcert::RegularizerBody>(bad.body).claim.upper =
        convcert::lemma::fmpq_get_string(up.x);
    CHECK_FALSE(convcert::checker::check_certificate(bad).valid);
}

TEST_CASE("multi: zero W gives the bracket [0, 0]", "[regularizer][multi]") {
    const StrRows w(2, std::vector<std::string>(5, "0"));
    for (long K : {1L, 2L, 5L}) {
        const auto b = regularizer_bracket_multi(w, K);
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
            const auto b = regularizer_bracket_multi(w, K);
            const auto verdict =
                convcert::checker::check_certificate(regularizer_bracket_multi_certificate(b, w));
            INFO("R = " << b.R << ", D = " << b.D << ", K = " << K << ": " << verdict.reason);
            CHECK(verdict.valid);
            CHECK(b.relative_gap <= 1e-8);
        }
}
