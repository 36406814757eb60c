// The channel-separation kind end to end: for the issue 18 instance (3×3, 2×2 kernels) the leaves
// of separation/ and a two-channel network (a double-precision search over the kernels, rounded to
// rationals, with the exact least-norm second layer) give a certificate the checker accepts;
// tampering with each part is rejected with the expected message; a 1-D signal admits no honest
// certificate (L1 <= U2, R_{K,C} does not depend on C); JSON round trip, the valid line's
// summary, and examples/channel-separation.json. The test's cost formula is a complex DFT, not
// certify/grid.h.
#include "bench/separation_fixtures.h"
#include "certify/check_summary.h"
#include "certify/checker/checker.h"
#include "separation/channel_separation_certificate.h"
#include "separation/network_least_norm.h"
#include "support/rational_convert.h"
#include "tests/example_certificate.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <fstream>
#include <functional>
#include <random>

using namespace convcert;
using namespace convcert::separation;
using fixtures::signal_from_ints;

namespace {

const std::vector<long> kIssueW = {2, -2, -3, 3, 2, -1, 0, 1, -3};
const char* const kExample = "examples/channel-separation.json";

/// x̂(d) = sum_j x[j] exp(-2πi (j1 d1 / D1 + j2 d2 / D2)), x on n1×n2 (zero-padded to D1×D2).
std::complex<double> dft_at(const Grid& g, const double* x, long n1, long n2, long d1, long d2) {
    const double pi = std::acos(-1.0);
    std::complex<double> s = 0;
    for (long j1 = 0; j1 < n1; ++j1)
        for (long j2 = 0; j2 < n2; ++j2)
            s += x[j1 * n2 + j2] * std::polar(1.0, -2 * pi *
                                                       (static_cast<double>(j1 * d1) / g.D1 +
                                                        static_cast<double>(j2 * d2) / g.D2));
    return s;
}

/// The least-norm cost ||v||² of C kernels u (C·K entries) by Parseval: (1/D) sum_d |ŵ(d)|² /
/// sum_c |û_c(d)|² (infinite when a frequency of w is missed).
double second_layer_cost(const Grid& g, const std::vector<double>& w,
                         const std::vector<double>& u) {
    const long K = g.K1 * g.K2, C = static_cast<long>(u.size()) / K;
    double sum = 0;
    for (long d1 = 0; d1 < g.D1; ++d1)
        for (long d2 = 0; d2 < g.D2; ++d2) {
            const double pw = std::norm(dft_at(g, w.data(), g.D1, g.D2, d1, d2));
            double pu = 0;
            for (long c = 0; c < C; ++c)
                pu += std::norm(dft_at(g, u.data() + c * K, g.K1, g.K2, d1, d2));
            if (pw > 1e-12) sum += pu > 0 ? pw / pu : INFINITY;
        }
    return sum / static_cast<double>(g.D1 * g.D2);
}

double squared_norm(const std::vector<double>& x) {
    double s = 0;
    for (double t : x)
        s += t * t;
    return s;
}

/// ||u||² · second_layer_cost: scale-invariant, and min over the scale of the cost is 2 sqrt(it).
double two_channel_phi(const Grid& g, const std::vector<double>& w, const std::vector<double>& u) {
    return squared_norm(u) * second_layer_cost(g, w, u);
}

/// A pattern search over C kernels from `starts` random points: the best u found, scaled so that
/// ||u||² = ||v||² (then the cost is 2 sqrt(φ)).
std::vector<double> kernels_search(const Grid& g, const std::vector<double>& w, long C,
                                   int starts) {
    const auto n = static_cast<std::size_t>(C * g.K1 * g.K2);
    std::mt19937_64 gen(7);
    std::normal_distribution<double> normal;
    std::vector<double> best;
    double best_phi = INFINITY;
    for (int s = 0; s < starts; ++s) {
        std::vector<double> u(n);
        for (double& x : u)
            x = normal(gen);
        double phi = two_channel_phi(g, w, u);
        for (double step = 0.5; step > 1e-7;) {
            bool moved = false;
            for (std::size_t i = 0; i < n; ++i)
                for (double sign : {1.0, -1.0}) {
                    std::vector<double> t = u;
                    t[i] += sign * step;
                    const double tp = two_channel_phi(g, w, t);
                    if (tp < phi) {
                        u = t, phi = tp, moved = true;
                        break;
                    }
                }
            if (!moved) step /= 2;
        }
        if (phi < best_phi) best = u, best_phi = phi;
    }
    const double scale = std::pow(second_layer_cost(g, w, best) / squared_norm(best), 0.25);
    for (double& x : best)
        x *= scale;
    return best;
}

/// u rounded to multiples of 2^-10, as C rows of K.
support::FmpqMat kernels_round(const std::vector<double>& u, long C, long K) {
    support::FmpqMat m(C, K);
    for (long c = 0; c < C; ++c)
        for (long k = 0; k < K; ++k)
            fmpq_set_si(fmpq_mat_entry(m.m, c, k),
                        std::lround(u[static_cast<std::size_t>(c * K + k)] * 1024), 1024);
    return m;
}

std::vector<double> doubles_of(const std::vector<long>& x) {
    return std::vector<double>(x.begin(), x.end());
}

/// An honest two-channel network for w on g: searched kernels, exact least-norm v.
struct TwoChannel {
    support::FmpqMat u, v;
};
TwoChannel two_channel_network(const Grid& g, const std::vector<long>& w) {
    const long K = grid_kernel_size(g);
    TwoChannel net;
    net.u = kernels_round(kernels_search(g, doubles_of(w), 2, 12), 2, K);
    net.v = network_least_norm_second_layer(g, net.u, signal_from_ints(w));
    return net;
}

double fmpq_double(const support::Fmpq& x) {
    return fmpq_get_d(x.x);
}

const Certificate& issue_certificate() {
    static const Certificate cert = [] {
        const Grid g = grid_2d(3, 3, 2, 2);
        const OneChannelBound bound = one_channel_bound(g, signal_from_ints(kIssueW));
        const TwoChannel net = two_channel_network(g, kIssueW);
        return channel_separation_certificate(bound, signal_from_ints(kIssueW), net.u, net.v);
    }();
    return cert;
}

ChannelSeparationBody& body(Certificate& c) {
    return std::get<ChannelSeparationBody>(c.body);
}

/// The verdict on the issue's certificate after `tamper`.
checker::Verdict tampered(const std::function<void(ChannelSeparationBody&)>& tamper) {
    Certificate c = issue_certificate();
    tamper(body(c));
    return checker::check_certificate(c);
}

void check_rejected(const checker::Verdict& v, const std::string& fragment) {
    INFO(v.reason);
    CHECK_FALSE(v.valid);
    CHECK_FALSE(v.undecided);
    CHECK(v.reason.find(fragment) != std::string::npos);
}

} // namespace

TEST_CASE("separation: the least-norm second layer realizes w at the Parseval cost",
          "[separation-kind]") {
    const Grid g = grid_2d(3, 3, 2, 2);
    const std::vector<double> u = {1, 0.5, -0.25, 2, 0.75, -1, 0.5, 0.125};
    const support::FmpqMat ur = kernels_round(u, 2, 4);
    const support::FmpqMat v = network_least_norm_second_layer(g, ur, signal_from_ints(kIssueW));
    // Realizes w: explicit (i1, i2) convolution in doubles (exact for these dyadic kernels up to
    // the rounding of v's entries).
    for (long j1 = 0; j1 < 3; ++j1)
        for (long j2 = 0; j2 < 3; ++j2) {
            double s = 0;
            for (long c = 0; c < 2; ++c)
                for (long k1 = 0; k1 < 2; ++k1)
                    for (long k2 = 0; k2 < 2; ++k2)
                        s += u[static_cast<std::size_t>(c * 4 + k1 * 2 + k2)] *
                             fmpq_get_d(fmpq_mat_entry(
                                 v.m, c, ((j1 - k1 + 3) % 3) * 3 + (j2 - k2 + 3) % 3));
            CHECK(s == Approx(kIssueW[static_cast<std::size_t>(j1 * 3 + j2)]).margin(1e-12));
        }
    const double expected = squared_norm(u) + second_layer_cost(g, doubles_of(kIssueW), u);
    CHECK(fmpq_double(network_cost_exact(ur, v)) == Approx(expected).epsilon(1e-12));
    // Kernels vanishing together at d = 0 (both sum to 0) cannot realize w (ŵ(0) = -1).
    const support::FmpqMat dead = kernels_round({1, -1, 0, 0, 0, 0, 1, -1}, 2, 4);
    CHECK_THROWS_AS(network_least_norm_second_layer(g, dead, signal_from_ints(kIssueW)),
                    std::invalid_argument);
}

TEST_CASE("separation: the issue 18 instance is certified", "[separation-kind]") {
    Certificate c = issue_certificate();
    const ChannelSeparationClaim& claim = body(c).claim;
    const double L1 = support::rational_to_double(claim.lower_c1);
    const double U2 = support::rational_to_double(claim.upper_c2);
    CHECK(L1 == Approx(11.7745).margin(2e-3));
    CHECK(U2 < L1);
    CHECK(U2 > 11.2331); // the SDP value is a lower bound of every two-channel cost
    CHECK(claim.shape == std::vector<long>{3, 3});
    CHECK(claim.kernel_shape == std::vector<long>{2, 2});
    CHECK(body(c).evidence.u.size() == 2);
    const checker::Verdict v = checker::check_certificate(c);
    INFO(v.reason);
    CHECK(v.valid);
    CHECK(certificate_summary(c).rfind("(channel-separation, D = 3x3, K = 2x2), C0 = 2, ", 0) == 0);
}

TEST_CASE("separation: tampered certificates are rejected", "[separation-kind]") {
    SECTION("a leaf removed") {
        check_rejected(
            tampered([](auto& b) { b.evidence.leaves.erase(b.evidence.leaves.begin() + 5); }),
            "is not the next box of the bisection tree");
    }
    SECTION("lower_c1 raised above the true one-channel minimum 11.7863") {
        check_rejected(tampered([](auto& b) { b.claim.lower_c1 = "1179/100"; }),
                       "is below (lower/2)^2");
    }
    SECTION("upper_c2 lowered below the network's cost") {
        check_rejected(tampered([](auto& b) { b.claim.upper_c2 = "11"; }), "the network's cost");
    }
    SECTION("a network entry changed") {
        check_rejected(tampered([](auto& b) { b.evidence.u[1][0][2] = "1/3"; }),
                       "the network does not realize w");
    }
    SECTION("lower_c1 <= upper_c2") {
        check_rejected(tampered([](auto& b) { b.claim.lower_c1 = b.claim.upper_c2; }),
                       "does not exceed upper_c2");
    }
    SECTION("shape and kernel shape swapped") {
        check_rejected(tampered([](auto& b) { std::swap(b.claim.shape, b.claim.kernel_shape); }),
                       "claim: D = 9 but shape = ");
    }
    SECTION("one channel only") {
        check_rejected(tampered([](auto& b) {
                           b.evidence.u.pop_back();
                           b.evidence.v.pop_back();
                       }),
                       "C0 >= 2");
    }
    SECTION("R = 2") {
        check_rejected(tampered([](auto& b) { b.claim.R = 2; }), "claim: R = 2, must be 1");
    }
}

TEST_CASE("separation: in 1-D no honest certificate exists", "[separation-kind]") {
    const Grid g = grid_1d(6, 3);
    const std::vector<long> w = {2, -1, 3, 0, 1, -2};
    const OneChannelBound bound = one_channel_bound(g, signal_from_ints(w));
    const TwoChannel net = two_channel_network(g, w);
    const double cost = fmpq_double(network_cost_exact(net.u, net.v));
    INFO("L1 = " << bound.lower << ", two-channel cost " << cost);
    CHECK(support::rational_to_double(bound.lower) <= cost);
    CHECK_THROWS_AS(channel_separation_certificate(bound, signal_from_ints(w), net.u, net.v),
                    std::invalid_argument);
    // The checker on a D1 = 1 grid: the same parts written as a certificate are refused for the
    // inequality alone; a 1-D claim carries no shape fields.
    Certificate c{ChannelSeparationBody{}, {}};
    ChannelSeparationBody& b = body(c);
    b.claim.D = 6;
    b.claim.K = 3;
    b.claim.w = {{"2", "-1", "3", "0", "1", "-2"}};
    b.claim.lower_c1 = bound.lower;
    b.claim.upper_c2 = support::fmpq_get_string(network_cost_exact(net.u, net.v).x);
    for (const auto& l : bound.leaves)
        b.evidence.leaves.push_back(OneChannelBoundLeaf{l.face, l.lo, l.hi, l.bound});
    for (const auto& row : support::fmpq_mat_to_rows(net.u))
        b.evidence.u.push_back({row});
    b.evidence.v = support::fmpq_mat_to_rows(net.v);
    check_rejected(checker::check_certificate(c), "does not exceed upper_c2");
    CHECK(certificate_to_json(c).find("shape") == std::string::npos);
    // Both halves are honest: with upper_c2 below lower_c1 only the network's cost fails.
    b.claim.upper_c2 = "1/1000000";
    check_rejected(checker::check_certificate(c), "the network's cost");
    // A lower_c1 above the network's cost reaches the leaves on the D1 = 1 grid, which refuse it.
    b.claim.upper_c2 = support::fmpq_get_string(network_cost_exact(net.u, net.v).x);
    b.claim.lower_c1 = "1000";
    check_rejected(checker::check_certificate(c), "is below (lower/2)^2 = 250000");
    // And the leaves alone prove the 1-D bound.
    const checker::Verdict leaves = checker::check_one_channel_bound(
        fixtures::one_channel_claim(bound, w), fixtures::one_channel_evidence(bound));
    INFO(leaves.reason);
    CHECK(leaves.valid);
}

TEST_CASE("separation: JSON round trip and a missing field", "[separation-kind]") {
    const std::string text = certificate_to_json(issue_certificate());
    const CertificateReadResult read = certificate_from_json(text);
    INFO(read.error);
    REQUIRE(read.certificate);
    CHECK(certificate_kind(*read.certificate) == CertificateKind::ChannelSeparation);
    CHECK(certificate_to_json(*read.certificate) == text);
    std::string broken = text;
    broken.replace(broken.find("\"leaves\""), 8, "\"leafs\"");
    CHECK(certificate_from_json(broken).error == "evidence has no field 'leaves'");
}

TEST_CASE("separation: 2-D valid lines print shapes, 1-D lines stay flat", "[separation-kind]") {
    Certificate two_d{RegularizerBody{}, {}};
    RegularizerClaim& r = std::get<RegularizerBody>(two_d.body).claim;
    r.D = 9, r.K = 4, r.R = 1, r.shape = {3, 3}, r.kernel_shape = {2, 2};
    r.lower = "1", r.upper = "2";
    CHECK(certificate_summary(two_d).rfind("(regularizer-bracket, D = 3x3, K = 2x2, R = 1)", 0) ==
          0);
    r.shape.clear(), r.kernel_shape.clear();
    CHECK(certificate_summary(two_d).rfind("(regularizer-bracket, D = 9, K = 4, R = 1)", 0) == 0);
}

TEST_CASE("separation: examples/channel-separation.json is valid", "[separation-kind]") {
    const Certificate c = tests::example_certificate(kExample);
    const checker::Verdict v = checker::check_certificate(c);
    INFO(v.reason);
    CHECK(v.valid);
}

// Hidden (run with `test_checker_separation "[.write-separation-example]"` from any directory):
// rewrites the example from the issue's certificate.
TEST_CASE("separation: write the example", "[.write-separation-example]") {
    std::ofstream out(std::string(CONVCERT_SOURCE_DIR) + "/" + kExample);
    out << certificate_to_json(issue_certificate());
    REQUIRE(out);
}
