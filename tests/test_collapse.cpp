// Tests of the collapse generator (regularizer/collapse.h) and its input parsing
// (regularizer/input/network_input.h): random C-channel networks collapse to one channel that the
// independent checker accepts, strictly cheaper; hand-derived optima are reached; already
// optimal inputs get a tiny stated slack or none; bad input is named.
#include "certify/checker/checker.h"
#include "regularizer/collapse.h"
#include "support/input_json.h"
#include "tests/rational_strings.h"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <random>

using namespace convcert;
using namespace convcert::regularizer;

namespace {

std::string random_rational(std::mt19937_64& rng) {
    const long p = std::uniform_int_distribution<long>(-9, 9)(rng);
    const long q = std::uniform_int_distribution<long>(1, 4)(rng);
    return std::to_string(p) + "/" + std::to_string(q);
}

/// Every entry through the input parser, so the strings are canonical.
NetworkInstance instance_of(long D, long K, const std::vector<std::vector<std::string>>& u,
                            const std::vector<std::vector<std::string>>& v) {
    nlohmann::json j;
    j["D"] = D;
    j["K"] = K;
    j["u"] = u;
    j["v"] = v;
    return network_instance_from_json(j.dump());
}

NetworkInstance random_instance(std::mt19937_64& rng, long D, long K, long C) {
    std::vector<std::vector<std::string>> u(C), v(C);
    for (long c = 0; c < C; ++c) {
        for (long k = 0; k < K; ++k)
            u[c].push_back(random_rational(rng));
        for (long i = 0; i < D; ++i)
            v[c].push_back(random_rational(rng));
    }
    u[0][0] = "1"; // the input is not the zero network
    return instance_of(D, K, u, v);
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

/// The output network of a collapse as a one-channel instance.
NetworkInstance output_of(const CollapseResult& r) {
    const CollapseClaim& claim = collapse_claim(r);
    return instance_of(claim.D, claim.K, claim.output.u, claim.output.v);
}

void require_valid(const CollapseResult& r) {
    REQUIRE(certificate_kind(r.certificate) == CertificateKind::NetworkCollapse);
    REQUIRE(std::holds_alternative<CollapseBody>(r.certificate.body));
    REQUIRE(collapse_claim(r).output.u.size() == 1);
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
            CHECK(collapse_claim(r).input.u == net.u);
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
        CHECK(collapse_claim(r).w == std::vector<std::string>{"1", "2", "-1"});
        CHECK(r.cost_in == 6);
        CHECK(std::abs(r.cost_out - 4 * std::sqrt(1.5)) < 1e-9);
    }
    SECTION("w = 0 collapses to the zero network") {
        const CollapseResult r =
            regularizer_collapse(instance_of(2, 1, {{"1"}, {"1"}}, {{"1", "0"}, {"-1", "0"}}));
        require_valid(r);
        CHECK(collapse_claim(r).cost_out == "0");
        CHECK(collapse_claim(r).output.u[0] == std::vector<std::string>{"0"});
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
        const NetworkInstance once = output_of(first);
        const CollapseResult again = regularizer_collapse(once);
        require_valid(again);
        CHECK(collapse_claim(again).slack == "0");
        CHECK(again.cost_out <= first.cost_out);
        // ... and split into channels (3/5) u, (4/5) u with (3/5) v, (4/5) v (same w, same
        // cost, V least-norm for U) it is collapsed with at most a tiny slack.
        NetworkInstance split = once;
        split.u.clear();
        split.v.clear();
        for (const char* s : {"3/5", "4/5"}) {
            split.u.push_back(scaled(once.u[0], s));
            split.v.push_back(scaled(once.v[0], s));
        }
        const CollapseResult r = regularizer_collapse(split);
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
        {R"({"D": 2, "K": 1, "R": 2, "u": [[1]], "v": [[1, 2]]})", "R = 2"},
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
    CHECK(ok.u[0][0] == "1/2");
    CHECK(ok.v[0][1] == "-3/2");
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
