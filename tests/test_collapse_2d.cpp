// Tests of the 2-D collapse (regularizer/collapse.h, MATH.md "Two-dimensional signals"): networks
// with more channels than kernel entries collapse to fewer channels; the output's predictor and
// both costs are recomputed here with explicit (j1, j2) indexing in Boost rationals, the slack is
// max(0, cost_out - cost_in), the checker accepts and rejects a tampered v; MATH.md's w needs
// C0 = 2; inputs the construction cannot reduce are refused; 2-D network input; the CLI.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "regularizer/collapse.h"
#include "support/input_json.h"
#include "tests/cli_run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace convcert;
using namespace convcert::regularizer;
using checker::Int;
using checker::Rat;

namespace {

using Rows = std::vector<std::vector<Rat>>; // channels × flat row-major entries

Rat rat_of(const std::string& s) {
    const auto slash = s.find('/');
    if (slash == std::string::npos) return Rat(Int(s));
    return Rat(Int(s.substr(0, slash))) / Rat(Int(s.substr(slash + 1)));
}

/// The R = 1 rows of a claim's network part (kernels flat, one row each).
Rows rows_of(const std::vector<std::vector<std::string>>& rows) {
    Rows out;
    for (const auto& r : rows) {
        out.emplace_back();
        for (const auto& x : r)
            out.back().push_back(rat_of(x));
    }
    return out;
}
Rows kernels_of(const std::vector<std::vector<std::vector<std::string>>>& u) {
    std::vector<std::vector<std::string>> flat;
    for (const auto& k : u)
        flat.push_back(k.at(0));
    return rows_of(flat);
}

/// w[j1][j2] = sum_c sum_{k1,k2} u_c[k1][k2] v_c[(j1 - k1) mod D1][(j2 - k2) mod D2].
std::vector<Rat> predictor(const Rows& u, const Rows& v, long D1, long D2, long K1, long K2) {
    std::vector<Rat> w(static_cast<std::size_t>(D1 * D2));
    for (std::size_t c = 0; c < u.size(); ++c)
        for (long j1 = 0; j1 < D1; ++j1)
            for (long j2 = 0; j2 < D2; ++j2)
                for (long k1 = 0; k1 < K1; ++k1)
                    for (long k2 = 0; k2 < K2; ++k2)
                        w[static_cast<std::size_t>(j1 * D2 + j2)] +=
                            u[c][static_cast<std::size_t>(k1 * K2 + k2)] *
                            v[c][static_cast<std::size_t>(((j1 - k1 + D1) % D1) * D2 +
                                                          (j2 - k2 + D2) % D2)];
    return w;
}

Rat cost(const Rows& u, const Rows& v) {
    Rat s = 0;
    for (const Rows* m : {&u, &v})
        for (const auto& r : *m)
            for (const Rat& x : r)
                s += x * x;
    return s;
}

/// The network file of C random kernels (K1 rows of K2, nested) and vectors (D1 rows of D2).
std::string random_network_json(std::mt19937_64& rng, long D1, long D2, long K1, long K2, long C) {
    std::uniform_int_distribution<int> entry(-4, 4);
    nlohmann::json j;
    j["shape"] = {D1, D2};
    j["kernel_shape"] = {K1, K2};
    for (long c = 0; c < C; ++c) {
        nlohmann::json u = nlohmann::json::array(), v = nlohmann::json::array();
        for (long k1 = 0; k1 < K1; ++k1) {
            u.push_back(nlohmann::json::array());
            for (long k2 = 0; k2 < K2; ++k2)
                u.back().push_back(entry(rng));
        }
        for (long i1 = 0; i1 < D1; ++i1) {
            v.push_back(nlohmann::json::array());
            for (long i2 = 0; i2 < D2; ++i2)
                v.back().push_back(std::to_string(entry(rng)) + "/2");
        }
        j["u"].push_back(u);
        j["v"].push_back(v);
    }
    return j.dump();
}

/// Everything the certificate states, recomputed: same w from the input (given as rows),
/// the output realizes it, both costs, slack = max(0, cost_out - cost_in), fewer channels.
void require_collapse_holds(const CollapseResult& r, const Rows& u_in, const Rows& v_in, long D1,
                            long D2, long K1, long K2) {
    const CollapseClaim& claim = std::get<CollapseBody>(r.certificate.body).claim;
    REQUIRE(claim.shape == std::vector<long>{D1, D2});
    REQUIRE(claim.kernel_shape == std::vector<long>{K1, K2});
    const std::vector<Rat> w = predictor(u_in, v_in, D1, D2, K1, K2);
    REQUIRE(rows_of(claim.w).at(0) == w);
    const Rows u_out = kernels_of(claim.output.u), v_out = rows_of(claim.output.v);
    REQUIRE(u_out.size() < u_in.size());
    REQUIRE(predictor(u_out, v_out, D1, D2, K1, K2) == w);
    const Rat in = cost(u_in, v_in), out = cost(u_out, v_out);
    REQUIRE(rat_of(claim.cost_in) == in);
    REQUIRE(rat_of(claim.cost_out) == out);
    REQUIRE(rat_of(claim.slack) == (out > in ? out - in : Rat(0)));
    REQUIRE(checker::check_certificate(r.certificate).valid);
}

/// MATH.md's w on Z_3 × Z_3 whose one-channel cost (11.786) stays above the SDP value (11.233),
/// realized by four channels u_k = e_k (2×2 kernels), v_0 = w, v_1 = v_2 = v_3 = 0.
const char* kMathNetwork =
    R"({"shape": [3, 3], "kernel_shape": [2, 2],
        "u": [[[1, 0], [0, 0]], [[0, 1], [0, 0]], [[0, 0], [1, 0]], [[0, 0], [0, 1]]],
        "v": [[[2, -2, -3], [3, 2, -1], [0, 1, -3]], [0, 0, 0, 0, 0, 0, 0, 0, 0],
              [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0]]})";

} // namespace

TEST_CASE("2-D collapse: C > K1·K2 channels always reduce, checked independently",
          "[collapse][2d]") {
    std::mt19937_64 rng(13);
    struct Case {
        long D1, D2, K1, K2, C;
    };
    for (const Case& c :
         {Case{3, 3, 2, 2, 5}, Case{2, 3, 1, 2, 3}, Case{3, 4, 2, 1, 4}, Case{4, 3, 2, 2, 6}}) {
        CAPTURE(c.D1, c.D2, c.K1, c.K2, c.C);
        const NetworkInstance net =
            network_instance_from_json(random_network_json(rng, c.D1, c.D2, c.K1, c.K2, c.C));
        REQUIRE(net.grid.dims == 2);
        const CollapseResult r = regularizer_collapse(net);
        const CollapseClaim& claim = std::get<CollapseBody>(r.certificate.body).claim;
        require_collapse_holds(r, kernels_of(claim.input.u), rows_of(claim.input.v), c.D1, c.D2,
                               c.K1, c.K2);
        REQUIRE(r.channels == c.C);
        REQUIRE(r.channels_out < c.C);
    }
}

TEST_CASE("2-D collapse: MATH.md's w needs C0 = 2, and its two channels do not reduce",
          "[collapse][2d]") {
    const NetworkInstance net = network_instance_from_json(kMathNetwork);
    const CollapseResult r = regularizer_collapse(net);
    const CollapseClaim& claim = std::get<CollapseBody>(r.certificate.body).claim;
    require_collapse_holds(r, kernels_of(claim.input.u), rows_of(claim.input.v), 3, 3, 2, 2);
    REQUIRE(r.channels_out == 2);
    REQUIRE(r.slack == 0);
    REQUIRE(r.cost_out < 11.2332); // the SDP value 11.233135 (MATH.md), within the bracket's gap
    REQUIRE(r.cost_out > 11.2331);

    // The two-channel output as an input: no construction has fewer channels.
    nlohmann::json again = nlohmann::json::parse(kMathNetwork);
    again["u"] = nlohmann::json::array();
    for (const auto& k : claim.output.u)
        again["u"].push_back(k.at(0));
    again["v"] = claim.output.v;
    try {
        (void)regularizer_collapse(network_instance_from_json(again.dump()));
        FAIL("collapsed two channels that need two");
    } catch (const CollapseNotReduced& e) {
        REQUIRE(std::string(e.what()).rfind("no collapse: the input has C = 2 channels", 0) == 0);
        REQUIRE(std::string(e.what()).find("reach C0 = 2") != std::string::npos);
    }
}

TEST_CASE("2-D collapse: one channel never reduces; dependent kernels merge exactly",
          "[collapse][2d]") {
    REQUIRE_THROWS_AS(regularizer_collapse(network_instance_from_json(
                          R"({"shape": [2, 2], "kernel_shape": [2, 2], "u": [[1, 2, 3, 4]],
                              "v": [[1, 0, 0, 1]]})")),
                      CollapseNotReduced);
    // Two channels with the same kernel and halves of v (examples/network-collapse-2d.json).
    const NetworkInstance net = network_instance_from_json(
        R"({"shape": [3, 4], "kernel_shape": [2, 2], "u": [[1, 1, 0, 1], [[1, 1], [0, 1]]],
            "v": [["1/2", 0, "1/2", 0, 0, "1/2", 0, 0, 0, 0, 0, "1/2"],
                  [["1/2", 0, "1/2", 0], [0, "1/2", 0, 0], [0, 0, 0, "1/2"]]]})");
    const CollapseResult r = regularizer_collapse(net);
    const CollapseClaim& claim = std::get<CollapseBody>(r.certificate.body).claim;
    require_collapse_holds(r, kernels_of(claim.input.u), rows_of(claim.input.v), 3, 4, 2, 2);
    REQUIRE(r.channels_out == 1);
    REQUIRE(rat_of(claim.cost_in) == 8);
}

TEST_CASE("2-D collapse certificates: one changed v entry is rejected", "[collapse][2d][tamper]") {
    const CollapseResult r = regularizer_collapse(network_instance_from_json(kMathNetwork));
    for (bool output : {false, true}) {
        Certificate t = r.certificate;
        CollapseClaim& claim = std::get<CollapseBody>(t.body).claim;
        auto& v = output ? claim.output.v : claim.input.v;
        v[0][4] = v[0][4] == "1" ? "2" : "1";
        const checker::Verdict verdict = checker::check_certificate(t);
        REQUIRE_FALSE(verdict.valid);
        REQUIRE(verdict.reason.find(output ? "the output network does not realize w"
                                           : "the input network does not realize w") !=
                std::string::npos);
    }
}

TEST_CASE("2-D network input: shapes, nesting and refusals", "[collapse][2d][input]") {
    const NetworkInstance net = network_instance_from_json(kMathNetwork);
    REQUIRE(net.D == 9);
    REQUIRE(net.K == 4);
    REQUIRE(net.grid.D1 == 3);
    REQUIRE(net.grid.K2 == 2);
    auto refuses = [](const std::string& text, const std::string& message) {
        try {
            (void)network_instance_from_json(text);
            FAIL("accepted " << text);
        } catch (const support::InputError& e) {
            CAPTURE(e.what());
            REQUIRE(std::string(e.what()).find(message) != std::string::npos);
        }
    };
    refuses(R"({"shape": [2, 2], "u": [[1]], "v": [[1, 2, 3, 4]]})", "without \"kernel_shape\"");
    refuses(R"({"shape": [2, 2], "kernel_shape": [3, 1], "u": [[1, 2, 3]], "v": [[1, 2, 3, 4]]})",
            "K1 = 3 must satisfy 1 <= K1 <= D1 = 2");
    refuses(
        R"({"shape": [2, 2], "kernel_shape": [1, 2], "K": 3, "u": [[1, 2]], "v": [[1, 2, 3, 4]]})",
        "disagrees with \"kernel_shape\"");
    refuses(R"({"shape": [2, 2], "kernel_shape": [1, 2], "u": [[1, 2, 3]], "v": [[1, 2, 3, 4]]})",
            "u[0] has length 3, expected K1*K2 = 2");
    refuses(R"({"shape": [2, 2], "kernel_shape": [2, 2], "u": [[[1, 2]]], "v": [[1, 2, 3, 4]]})",
            "u[0] has 1 rows, expected K1 = 2");
    refuses(R"({"shape": [2, 2], "kernel_shape": [1, 2], "u": [[1, 2]], "v": [[1, 2, 3]]})",
            "v[0] has length 3, expected D1*D2 = 4");
    refuses(R"({"shape": [2, 0], "kernel_shape": [1, 1], "u": [[1]], "v": [[1, 2]]})",
            "shape[1] must be at least 1");
}

TEST_CASE("convcert collapse on a 2-D network: C -> C0, exit 3 and no file when it cannot",
          "[collapse][2d][cli]") {
    const auto dir = tests::cli_scratch_create("collapse-2d");
    tests::cli_file_write(dir / "math.json", kMathNetwork);
    const tests::CliRun ok = tests::cli_run(dir, "collapse " + (dir / "math.json").string() +
                                                     " -o " + (dir / "c.json").string());
    REQUIRE(ok.exit_code == 0);
    CAPTURE(ok.out, ok.err);
    REQUIRE(ok.out.find("C = 4 -> 2") != std::string::npos);
    REQUIRE(ok.out.find("one channel is not always possible in 2-D") != std::string::npos);
    const tests::CliRun check = tests::cli_run(dir, "check " + (dir / "c.json").string());
    REQUIRE(check.exit_code == 0);

    tests::cli_file_write(dir / "one.json", R"({"shape": [2, 2], "kernel_shape": [2, 2],
                                                 "u": [[1, 2, 3, 4]], "v": [[1, 0, 0, 1]]})");
    const tests::CliRun none = tests::cli_run(dir, "collapse " + (dir / "one.json").string() +
                                                       " -o " + (dir / "none.json").string());
    REQUIRE(none.exit_code == 3);
    REQUIRE(tests::cli_count_lines(none.err) == 1);
    REQUIRE(none.err.rfind("convcert collapse: no collapse: the input has C = 1 channel", 0) == 0);
    REQUIRE_FALSE(std::filesystem::exists(dir / "none.json"));
}

TEST_CASE("a network on a 1×D grid collapses as the 1-D one (the Lemma holds there)",
          "[collapse][2d]") {
    nlohmann::json one_d = nlohmann::json::parse(
        tests::cli_file_read(std::string(CONVCERT_SOURCE_DIR) + "/examples/network-3ch.json"));
    nlohmann::json row = one_d;
    row["shape"] = {1, one_d["D"]};
    row["kernel_shape"] = {1, one_d["K"]};
    row.erase("D");
    row.erase("K");
    const CollapseResult a = regularizer_collapse(network_instance_from_json(one_d.dump()));
    const CollapseResult b = regularizer_collapse(network_instance_from_json(row.dump()));
    const CollapseClaim &ca = std::get<CollapseBody>(a.certificate.body).claim,
                        &cb = std::get<CollapseBody>(b.certificate.body).claim;
    REQUIRE(cb.shape == std::vector<long>{1, ca.D});
    REQUIRE(cb.output.u == ca.output.u);
    REQUIRE(cb.output.v == ca.output.v);
    REQUIRE(cb.slack == ca.slack);
    REQUIRE(checker::check_certificate(b.certificate).valid);
}

TEST_CASE("checker: a 2-D collapse may keep up to max(R, C) channels, not more",
          "[collapse][2d][tamper]") {
    const CollapseResult r = regularizer_collapse(network_instance_from_json(kMathNetwork));
    Certificate t = r.certificate;
    CollapseClaim& claim = std::get<CollapseBody>(t.body).claim;
    REQUIRE(claim.output.u.size() == 2);
    // Zero channels change neither the predictor nor the cost: 4 = C channels are allowed ...
    for (int extra = 0; extra < 2; ++extra) {
        claim.output.u.push_back({std::vector<std::string>(4, "0")});
        claim.output.v.push_back(std::vector<std::string>(9, "0"));
    }
    REQUIRE(checker::check_certificate(t).valid);
    // ... 5 are not.
    claim.output.u.push_back({std::vector<std::string>(4, "0")});
    claim.output.v.push_back(std::vector<std::string>(9, "0"));
    const checker::Verdict verdict = checker::check_certificate(t);
    REQUIRE_FALSE(verdict.valid);
    REQUIRE(verdict.reason ==
            "output: 5 kernels u and 5 vectors v, expected 1 to max(R, C) = 4 channels");
}
