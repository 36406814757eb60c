// Tests of the collapse generator (regularizer/collapse.h) and its input parsing
// (regularizer/input/network_input.h): random C-channel networks collapse to one channel that the
// independent checker accepts, strictly cheaper; hand-derived optima are reached; already
// optimal inputs get a tiny stated slack or none; bad input is named.
#include "certify/checker/checker.h"
#include "regularizer/collapse.h"
#include "support/input_json.h"
#include "support/rational_convert.h"
#include "tests/rational_strings.h"

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

#include <array>
#include <chrono>
#include <cmath>
#include <complex>
#include <random>

using namespace convcert;
using namespace convcert::regularizer;

namespace {

std::string random_rational(std::mt19937_64& rng) {
    const long p = std::uniform_int_distribution<long>(-9, 9)(rng);
    const long q = std::uniform_int_distribution<long>(1, 4)(rng);
    return std::to_string(p) + "/" + std::to_string(q);
}

using Rows = std::vector<std::vector<std::string>>;

/// A network as the strings of its file: C kernels of R rows of K, C vectors of D.
struct NetText {
    long D = 0, K = 0, R = 1;
    std::vector<Rows> u;
    Rows v;
};

/// Every entry through the input parser (a kernel is a flat list when R = 1).
NetworkInstance instance_of(const NetText& n) {
    nlohmann::json j;
    j["D"] = n.D;
    j["K"] = n.K;
    j["R"] = n.R;
    j["u"] = nlohmann::json::array();
    for (const Rows& k : n.u)
        j["u"].push_back(n.R == 1 ? nlohmann::json(k.at(0)) : nlohmann::json(k));
    j["v"] = n.v;
    return network_instance_from_json(j.dump());
}

/// One-row kernels (R = 1).
NetworkInstance instance_of(long D, long K, const Rows& u, const Rows& v) {
    NetText n{D, K, 1, {}, v};
    for (const auto& k : u)
        n.u.push_back({k});
    return instance_of(n);
}

NetText random_text(std::mt19937_64& rng, long D, long K, long C, long R = 1) {
    NetText n{D, K, R, std::vector<Rows>(C, Rows(R)), Rows(C)};
    for (long c = 0; c < C; ++c) {
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                n.u[c][r].push_back(random_rational(rng));
        for (long i = 0; i < D; ++i)
            n.v[c].push_back(random_rational(rng));
    }
    n.u[0][0][0] = "1"; // the input is not the zero network
    return n;
}

NetworkInstance random_instance(std::mt19937_64& rng, long D, long K, long C) {
    return instance_of(random_text(rng, D, K, C));
}

/// x * s for canonical rational strings.
std::vector<std::string> scaled(const std::vector<std::string>& x, const std::string& s) {
    std::vector<std::string> out;
    for (const auto& e : x)
        out.push_back(test::S(checker::Rat(e) * checker::Rat(s)));
    return out;
}

/// The claim of a collapse's certificate.
const CollapseClaim& collapse_claim(const CollapseResult& r) {
    return std::get<CollapseBody>(r.certificate.body).claim;
}

/// The output network of a collapse as text.
NetText output_text(const CollapseResult& r) {
    const CollapseClaim& claim = collapse_claim(r);
    return {claim.D, claim.K, claim.R, claim.output.u, claim.output.v};
}

/// The kernels of an instance as the certificate's strings.
std::vector<Rows> kernel_rows(const NetworkInstance& net) {
    std::vector<Rows> out;
    for (const auto& k : net.u)
        out.push_back(support::fmpq_mat_to_rows(k));
    return out;
}

void require_valid(const CollapseResult& r, std::size_t max_channels = 1) {
    REQUIRE(certificate_kind(r.certificate) == CertificateKind::NetworkCollapse);
    REQUIRE(std::holds_alternative<CollapseBody>(r.certificate.body));
    REQUIRE(collapse_claim(r).output.u.size() >= 1);
    REQUIRE(collapse_claim(r).output.u.size() <= max_channels);
    const checker::Verdict v = checker::check_certificate(r.certificate);
    INFO(v.reason);
    REQUIRE(v.valid);
}

} // namespace

TEST_CASE("collapse: random networks, C up to 8, collapse strictly and check",
          "[collapse][random]") {
    std::mt19937_64 rng(4242);
    int trials = 0;
    for (long D : {1, 2, 3, 5, 8, 13, 32})
        for (long C = 1; C <= 8; ++C) {
            const long K = std::uniform_int_distribution<long>(1, D)(rng);
            INFO("D = " << D << ", K = " << K << ", C = " << C);
            const NetworkInstance net = random_instance(rng, D, K, C);
            const CollapseResult r = regularizer_collapse(net);
            require_valid(r);
            CHECK(r.channels == C);
            CHECK(collapse_claim(r).slack == "0");
            CHECK(r.cost_out < r.cost_in); // random inputs are not optimal
            CHECK(collapse_claim(r).input.u == kernel_rows(net));
            ++trials;
        }
    CHECK(trials == 56);
}

TEST_CASE("collapse: hand-derived optima are reached", "[collapse]") {
    SECTION("K = 1: u = (3), (4), v = e_0, e_1: w = (3, 4), optimum 2 ||w|| = 10") {
        const CollapseResult r =
            regularizer_collapse(instance_of(2, 1, {{"3"}, {"4"}}, {{"1", "0"}, {"0", "1"}}));
        require_valid(r);
        CHECK(collapse_claim(r).cost_in == "27");
        CHECK(collapse_claim(r).slack == "0");
        CHECK(r.cost_out >= 10);
        CHECK(r.cost_out - 10 < 1e-9);
    }
    SECTION("K = 2: u = (1, 1), (1, -1): r = (4, 0), c = (2, 0), optimum 4 sqrt(3/2)") {
        const CollapseResult r = regularizer_collapse(
            instance_of(3, 2, {{"1", "1"}, {"1", "-1"}}, {{"1", "0", "0"}, {"0", "1", "0"}}));
        require_valid(r);
        CHECK(collapse_claim(r).w == Rows{{"1", "2", "-1"}});
        CHECK(r.cost_in == 6);
        CHECK(std::abs(r.cost_out - 4 * std::sqrt(1.5)) < 1e-9);
    }
    SECTION("w = 0 collapses to the zero network") {
        const CollapseResult r =
            regularizer_collapse(instance_of(2, 1, {{"1"}, {"1"}}, {{"1", "0"}, {"-1", "0"}}));
        require_valid(r);
        CHECK(collapse_claim(r).cost_out == "0");
        CHECK(collapse_claim(r).output.u[0] == Rows{{"0"}});
    }
}

TEST_CASE("collapse: already optimal inputs", "[collapse]") {
    SECTION("D = K = 2, u = v = (e_0, e_1): cost 4 is optimal and needs sqrt 2, so a slack") {
        const CollapseResult r = regularizer_collapse(
            instance_of(2, 2, {{"1", "0"}, {"0", "1"}}, {{"1", "0"}, {"0", "1"}}));
        require_valid(r);
        CHECK(collapse_claim(r).cost_in == "4");
        CHECK(collapse_claim(r).slack != "0");
        CHECK(r.slack > 0);
        CHECK(r.slack < 1e-12);
    }
    std::mt19937_64 rng(99);
    for (long C : {1, 3}) {
        // A collapsed network is optimal among one-channel networks with its kernel direction:
        // collapsing it again needs no slack (C = 1 keeps the input kernel) ...
        const CollapseResult first = regularizer_collapse(random_instance(rng, 8, 3, C));
        require_valid(first);
        const NetText once = output_text(first);
        const CollapseResult again = regularizer_collapse(instance_of(once));
        require_valid(again);
        CHECK(collapse_claim(again).slack == "0");
        CHECK(again.cost_out <= first.cost_out);
        // ... and split into channels (3/5) u, (4/5) u with (3/5) v, (4/5) v (same w, same
        // cost, V least-norm for U) it is collapsed with at most a tiny slack.
        NetText split = once;
        split.u.clear();
        split.v.clear();
        for (const char* s : {"3/5", "4/5"}) {
            split.u.push_back({scaled(once.u[0][0], s)});
            split.v.push_back(scaled(once.v[0], s));
        }
        const CollapseResult r = regularizer_collapse(instance_of(split));
        require_valid(r);
        CHECK(collapse_claim(r).cost_in == collapse_claim(again).cost_in);
        CHECK(r.slack <= 1e-12 * r.cost_in);
        WARN("split optimal network, C = " << C << ": slack " << r.slack << ", " << r.source << ", "
                                           << r.bits << " bits");
    }
}

TEST_CASE("collapse: input errors are named", "[collapse][input]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, 2]])", "malformed JSON"},
        {R"([1, 2])", "must be a JSON object"},
        {R"({"D": 0, "K": 1, "u": [[1]], "v": [[]]})", "D must be at least 1"},
        {R"({"D": 2, "K": 3, "u": [[1, 2, 3]], "v": [[1, 2]]})", "K = 3 must satisfy"},
        {R"({"D": 2, "K": 0, "u": [[]], "v": [[1, 2]]})", "K = 0 must satisfy"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[1]], "v": [[1, 2]]})",
         "u[0] must be a list of R = 2 rows of K rationals"},
        {R"({"D": 2, "K": 1, "R": 0, "u": [[1]], "v": [[1, 2]]})", "R must be between 1 and 64"},
        {R"({"D": 2, "K": 1, "R": 65, "u": [[1]], "v": [[1, 2]]})", "R must be between 1 and 64"},
        {R"({"D": 2, "K": 1, "R": "2", "u": [[1]], "v": [[1, 2]]})", "\"R\" must be a (small)"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], [2], [3]]], "v": [[1, 2]]})",
         "u[0] must be a list of R = 2 rows"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], [2, 3]]], "v": [[1, 2]]})",
         "u[0][1] has length 2, expected K = 1"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], 2]], "v": [[1, 2]]})", "u[0][1] is not an array"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], ["x"]]], "v": [[1, 2]]})", "u[0][1][0]"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], [2]]], "v": [[1, 2], [3, 4]]})",
         "1 kernels but \"v\" has 2"},
        {R"({"D": 4096, "K": 2048, "R": 3, "u": [], "v": []})", "R*K = 6144 exceeds the limit"},
        {R"({"D": 2, "K": 1, "u": [[1, 2]], "v": [[1, 2]]})", "u[0] has length 2, expected K"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1]]})", "v[0] has length 1, expected D"},
        {R"({"D": 2, "K": 1, "u": [[1], [2]], "v": [[1, 2]]})", "2 kernels but \"v\" has 1"},
        {R"({"D": 2, "K": 1, "u": [], "v": []})", "at least one channel"},
        {R"({"D": 2, "K": 1, "u": [["inf"]], "v": [[1, 2]]})", "u[0][0]"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1.5, 2]]})", "v[0][0]: JSON number 1.5"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, "1/0"]]})", "v[0][1]"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, 2]], "w": [1, 2]})", "unknown field \"w\""},
        {R"({"K": 1, "u": [[1]], "v": [[1, 2]]})", "no field \"D\""},
        {R"({"D": 2, "K": 1, "v": [[1, 2]]})", "no field \"u\""},
        {R"({"D": 5000, "K": 1, "u": [[1]], "v": [[1]]})", "exceeds the limit"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, 1e400]]})", "malformed JSON"},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        try {
            network_instance_from_json(text);
            FAIL("accepted");
        } catch (const support::InputError& e) {
            CHECK_THAT(e.what(), Catch::Contains(expected));
        }
    }
    const NetworkInstance ok =
        network_instance_from_json(R"({"D": 2, "K": 1, "u": [["0.50"]], "v": [[1, "-6/4"]]})");
    CHECK(support::fmpq_get_string(ok.u[0].at(0, 0)) == "1/2");
    CHECK(support::fmpq_get_string(ok.v.at(0, 1)) == "-3/2");
    CHECK(ok.R == 1);
    const NetworkInstance two = network_instance_from_json(
        R"({"D": 3, "K": 2, "R": 2, "u": [[[1, "0.5"], [0, -2]]], "v": [[1, 2, "1/3"]]})");
    REQUIRE(two.u.size() == 1);
    CHECK(kernel_rows(two)[0] == Rows{{"1", "1/2"}, {"0", "-2"}});
    CHECK(two.v.rows() == 1);
    CHECK(two.v.cols() == 3);
}

TEST_CASE("collapse: timing", "[collapse][timing]") {
    std::mt19937_64 rng(7);
    for (const auto& [D, K, C] :
         std::vector<std::array<long, 3>>{{16, 4, 8}, {64, 8, 8}, {256, 16, 8}, {256, 64, 4}}) {
        const NetworkInstance net = random_instance(rng, D, K, C);
        const CollapseResult r = regularizer_collapse(net);
        const auto t0 = std::chrono::steady_clock::now();
        const checker::Verdict v = checker::check_certificate(r.certificate);
        const double check_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        WARN("collapse D = " << D << ", K = " << K << ", C = " << C << ": " << r.seconds
                             << " s, check " << check_s << " s, cost " << r.cost_in << " -> "
                             << r.cost_out << " (" << r.source << ", " << r.bits << " bits)");
        CHECK(v.valid);
        CHECK(r.cost_out < r.cost_in);
    }
}

// ======================= R >= 1 input channels =======================

namespace {

/// Test-side exact values of a network given as text (FLINT, independent of the generator and
/// of the checker): W[r][j] = sum_c sum_k u_c[r][k] v_c[(j - k) mod D], and the cost.
struct Exact {
    support::FmpqMat w;
    support::Fmpq cost;
};

Exact exact_of(const NetText& n) {
    Exact e;
    e.w = support::FmpqMat(n.R, n.D);
    support::Fmpq x, y;
    for (std::size_t c = 0; c < n.u.size(); ++c) {
        const support::FmpqMat u = support::fmpq_mat_from_rows(n.u[c], "u");
        const support::FmpqMat v = support::fmpq_mat_from_rows({n.v[c]}, "v");
        for (long r = 0; r < n.R; ++r)
            for (long k = 0; k < n.K; ++k) {
                fmpq_addmul(e.cost.x, u.at(r, k), u.at(r, k));
                for (long j = 0; j < n.D; ++j)
                    fmpq_addmul(e.w.at(r, j), u.at(r, k), v.at(0, ((j - k) % n.D + n.D) % n.D));
            }
        for (long j = 0; j < n.D; ++j)
            fmpq_addmul(e.cost.x, v.at(0, j), v.at(0, j));
    }
    return e;
}

/// The rank of W (R×D).
long rank_of(const support::FmpqMat& w) {
    support::FmpqMat rref(w.rows(), w.cols());
    return fmpq_mat_rref(rref.m, w.m);
}

/// The collapse of `in`, checked: valid certificate, at most R channels (at most rank W), the
/// same W and a cost no higher (both recomputed here), slack 0.
CollapseResult collapse_checked(const NetText& in) {
    const CollapseResult r = regularizer_collapse(instance_of(in));
    const Exact e_in = exact_of(in), e_out = exact_of(output_text(r));
    require_valid(r, static_cast<std::size_t>(in.R));
    CHECK(collapse_claim(r).R == in.R);
    CHECK(fmpq_mat_equal(e_in.w.m, e_out.w.m));
    CHECK(support::fmpq_mat_to_rows(e_in.w) == collapse_claim(r).w);
    CHECK(support::fmpq_get_string(e_in.cost.x) == collapse_claim(r).cost_in);
    CHECK(support::fmpq_get_string(e_out.cost.x) == collapse_claim(r).cost_out);
    CHECK(fmpq_cmp(e_out.cost.x, e_in.cost.x) <= 0);
    CHECK(collapse_claim(r).slack == "0");
    CHECK(r.channels_out <= std::max(1L, rank_of(e_in.w))); // W = 0: one zero channel
    return r;
}

} // namespace

TEST_CASE("collapse: random networks with R in {1, 2, 3} collapse to at most R channels",
          "[collapse][multi][random]") {
    std::mt19937_64 rng(1717);
    int trials = 0;
    for (long R : {1, 2, 3})
        for (long K : {1, 2, 3, 5})
            for (int rep = 0; rep < 2; ++rep) {
                const long C = std::uniform_int_distribution<long>(R, 3 * R)(rng);
                const long D = std::uniform_int_distribution<long>(K, 12)(rng);
                INFO("R = " << R << ", K = " << K << ", C = " << C << ", D = " << D);
                const NetText in = random_text(rng, D, K, C, R);
                const CollapseResult r = collapse_checked(in);
                CHECK(r.channels == C);
                CHECK(r.cost_out < r.cost_in); // random inputs are not optimal
                if (K == 1) CHECK(r.channels_out == rank_of(exact_of(in).w)); // rank reduction
                ++trials;
            }
    CHECK(trials == 24);
}

TEST_CASE("collapse: R > 1, singular inputs", "[collapse][multi]") {
    std::mt19937_64 rng(23);
    SECTION("C < R: fewer channels than inputs") {
        for (long K : {1, 2, 3}) {
            INFO("K = " << K);
            const NetText in = random_text(rng, 7, K, 2, 3);
            const CollapseResult r = collapse_checked(in);
            CHECK(r.channels_out <= 2 + (K > 1)); // at K = 1, rank W <= C = 2
        }
    }
    SECTION("a channel that is a linear combination of others") {
        NetText in = random_text(rng, 8, 3, 3, 2);
        for (long r = 0; r < 2; ++r)
            for (long k = 0; k < 3; ++k)
                in.u[2][r][k] =
                    test::S(checker::Rat(in.u[0][r][k]) + 2 * checker::Rat(in.u[1][r][k]));
        const CollapseResult r = collapse_checked(in);
        CHECK(r.cost_out < r.cost_in);
    }
    SECTION("C > R channels spanning fewer than R kernels: merged exactly, no slack") {
        // All proportional (rank 1), then combinations of two (rank 2 < R = 3): the density has
        // rank < R on the whole circle with a moving range, so no rounded factor realizes W.
        for (const auto& [R, C, rank] : std::vector<std::array<long, 3>>{
                 {2, 3, 1}, {3, 5, 1}, {2, 4, 1}, {3, 4, 2}, {4, 6, 2}, {4, 7, 3}}) {
            for (long K : {1, 3, 5}) {
                INFO("R = " << R << ", C = " << C << ", rank " << rank << ", K = " << K);
                NetText in = random_text(rng, 9, K, C, R);
                for (long c = rank; c < C; ++c)
                    for (long r = 0; r < R; ++r)
                        for (long k = 0; k < K; ++k) {
                            checker::Rat x(0);
                            for (long b = 0; b < rank; ++b)
                                x = x + checker::Rat((c + b) % 3 - 1 + (b == c % rank ? 2 : 0)) *
                                            checker::Rat(in.u[b][r][k]);
                            in.u[c][r][k] = test::S(x);
                        }
                const CollapseResult r = collapse_checked(in);
                CHECK(r.channels_out <= rank);
                CHECK(r.cost_out < r.cost_in);
            }
        }
    }
    SECTION("kernels with zero leading or trailing columns") {
        for (bool leading : {true, false}) {
            INFO("leading " << leading);
            NetText in = random_text(rng, 9, 4, 5, 2);
            for (auto& kernel : in.u)
                for (auto& row : kernel) {
                    row[leading ? 0 : 3] = "0";
                    row[leading ? 1 : 2] = "0";
                }
            const CollapseResult r = collapse_checked(in);
            CHECK(r.cost_out < r.cost_in);
        }
    }
    SECTION("K = 1, W of rank 2 with R = 3: two channels") {
        NetText in = random_text(rng, 5, 1, 4, 3);
        for (long c = 0; c < 4; ++c) // every v_c in the span of v_0 and v_1
            if (c >= 2)
                for (long j = 0; j < 5; ++j)
                    in.v[c][j] =
                        test::S(checker::Rat(in.v[0][j]) * (c - 1) - checker::Rat(in.v[1][j]));
        REQUIRE(rank_of(exact_of(in).w) == 2);
        const CollapseResult r = collapse_checked(in);
        CHECK(r.channels_out == 2);
    }
    SECTION("W = 0 with R = 2: the zero network") {
        NetText in = random_text(rng, 4, 2, 2, 2);
        in.u[1] = in.u[0];
        in.v[1] = scaled(in.v[0], "-1");
        const CollapseResult r = collapse_checked(in);
        CHECK(collapse_claim(r).cost_out == "0");
    }
}

TEST_CASE("collapse: R = 2, collapsing a collapse needs no slack", "[collapse][multi]") {
    std::mt19937_64 rng(5);
    const NetText in = random_text(rng, 8, 3, 5, 2);
    const CollapseResult first = collapse_checked(in);
    const CollapseResult again = collapse_checked(output_text(first));
    CHECK(again.cost_out <= first.cost_out);
}

namespace {

/// A K = 1 network as doubles: U (R×C, column c the kernel of channel c) and V (C×D).
NetText k1_text(const Eigen::MatrixXd& U, const Eigen::MatrixXd& V) {
    NetText n{V.cols(), 1, U.rows(), std::vector<Rows>(U.cols(), Rows(U.rows())), Rows(V.rows())};
    for (long c = 0; c < U.cols(); ++c) {
        for (long r = 0; r < U.rows(); ++r)
            n.u[c][r].push_back(support::rational_from_double(U(r, c)));
        for (long j = 0; j < V.cols(); ++j)
            n.v[c].push_back(support::rational_from_double(V(c, j)));
    }
    return n;
}

/// x rounded to 30 significant bits (exact in the network's text).
double round30(double x) {
    int e = 0;
    std::frexp(x, &e);
    return std::ldexp(std::nearbyint(std::ldexp(x, 30 - e)), e - 30);
}

/// Test-side W (R×D) of a network in double (its entries are exact dyadics here).
Eigen::MatrixXd w_of(const NetText& n) {
    const Exact e = exact_of(n);
    Eigen::MatrixXd w(n.R, n.D);
    for (long r = 0; r < n.R; ++r)
        for (long j = 0; j < n.D; ++j)
            w(r, j) = fmpq_get_d(e.w.at(r, j));
    return w;
}

} // namespace

TEST_CASE("collapse: K = 1 is a rank reduction; at the optimum it costs 2||W||_* (Eigen SVD)",
          "[collapse][multi]") {
    std::mt19937_64 rng(101);
    std::normal_distribution<double> normal;
    for (long R : {1, 2, 3, 4})
        for (long D : {R, R + 3, 2 * R + 5}) {
            INFO("R = " << R << ", D = " << D << " (seed 101)");
            // The optimum: W = A S Bᵀ (SVD of a random W), U = A S^(1/2), V = S^(1/2) Bᵀ, rounded
            // to 30 bits, then split into 2R channels 0.6 U, 0.8 U and 0.6 V, 0.8 V (rounded to
            // 30 bits): within about 2^-29 relative of 2||W||_* for the W they make.
            Eigen::MatrixXd W0(R, D);
            for (long r = 0; r < R; ++r)
                for (long j = 0; j < D; ++j)
                    W0(r, j) = normal(rng);
            const Eigen::JacobiSVD<Eigen::MatrixXd> svd0(W0,
                                                         Eigen::ComputeThinU | Eigen::ComputeThinV);
            const Eigen::VectorXd root = svd0.singularValues().cwiseSqrt();
            Eigen::MatrixXd U = svd0.matrixU() * root.asDiagonal();
            Eigen::MatrixXd V = root.asDiagonal() * svd0.matrixV().transpose();
            U = U.unaryExpr(&round30);
            V = V.unaryExpr(&round30);
            Eigen::MatrixXd Us(R, 2 * R), Vs(2 * R, D);
            Us << 0.6 * U, 0.8 * U;
            Vs << 0.6 * V, 0.8 * V;
            Us = Us.unaryExpr(&round30);
            Vs = Vs.unaryExpr(&round30);
            const NetText in = k1_text(Us, Vs);
            const Eigen::MatrixXd W = w_of(in);
            const Eigen::JacobiSVD<Eigen::MatrixXd> svd(W);
            const double nuclear2 = 2 * svd.singularValues().sum();
            const CollapseResult r = regularizer_collapse(instance_of(in));
            require_valid(r, static_cast<std::size_t>(R));
            CHECK(r.channels_out == R); // rank W = R
            CHECK(r.slack <= 1e-12 * r.cost_in);
            CHECK(r.cost_in == Approx(nuclear2).epsilon(1e-7));
            CHECK(r.cost_out >= nuclear2 * (1 - 1e-12));
            CHECK(r.cost_out == Approx(nuclear2).epsilon(1e-7));
        }
}

TEST_CASE("collapse: K = 1, random networks reduce to rank W channels at most the fixed-Gram cost",
          "[collapse][multi]") {
    std::mt19937_64 rng(202);
    std::normal_distribution<double> normal;
    for (long R : {2, 3, 4})
        for (long C : {R, R + 1, 3 * R})
            for (long D : {R - 1, R + 2}) {
                INFO("R = " << R << ", C = " << C << ", D = " << D << " (seed 202)");
                Eigen::MatrixXd U(R, C), V(C, D);
                for (long i = 0; i < U.size(); ++i)
                    U(i) = round30(normal(rng));
                for (long i = 0; i < V.size(); ++i)
                    V(i) = round30(normal(rng));
                const NetText in = k1_text(U, V);
                const Eigen::MatrixXd W = w_of(in);
                const Eigen::JacobiSVD<Eigen::MatrixXd> svd(W);
                const long rank = std::min(R, D); // random W
                // The best second layer for the input kernels, balanced: projected onto col W
                // (Π), G = Π U Uᵀ Π: 2 sqrt(tr G · tr(G⁺ W Wᵀ)) bounds what the factor reaches.
                const Eigen::MatrixXd Pi = W * W.completeOrthogonalDecomposition().pseudoInverse();
                const Eigen::MatrixXd G = Pi * U * U.transpose() * Pi;
                const double fixed_gram =
                    2 * std::sqrt(G.trace() * (G.completeOrthogonalDecomposition().pseudoInverse() *
                                               W * W.transpose())
                                                  .trace());
                const CollapseResult r = regularizer_collapse(instance_of(in));
                require_valid(r, static_cast<std::size_t>(R));
                CHECK(r.channels_out == rank);
                CHECK(collapse_claim(r).slack == "0");
                CHECK(r.cost_out >= 2 * svd.singularValues().sum() * (1 - 1e-12));
                CHECK(r.cost_out <= fixed_gram * (1 + 1e-6));
            }
}

TEST_CASE("collapse: K = D, random networks stay above (2/D) sum_d ||Ŵ[:,d]|| (direct DFT)",
          "[collapse][multi]") {
    std::mt19937_64 rng(303);
    for (long R : {2, 3, 4})
        for (long D : {2, 5, 8})
            for (long C : {R, 2 * R + 1}) {
                INFO("R = " << R << ", D = K = " << D << ", C = " << C << " (seed 303)");
                const NetText in = random_text(rng, D, D, C, R);
                const Eigen::MatrixXd W = w_of(in);
                double closed = 0; // (2/D) sum_d ||Ŵ[:,d]||, the K = D optimum
                for (long d = 0; d < D; ++d) {
                    Eigen::VectorXcd hat = Eigen::VectorXcd::Zero(R);
                    for (long j = 0; j < D; ++j)
                        hat += W.col(j).cast<std::complex<double>>() *
                               std::polar(1.0, -2 * M_PI * static_cast<double>(j * d) / D);
                    closed += 2 * hat.norm() / static_cast<double>(D);
                }
                const CollapseResult r = collapse_checked(in);
                CHECK(r.cost_out >= closed * (1 - 1e-12));
                CHECK(r.cost_out < r.cost_in);
            }
}
