// `convcert separate` end to end (issue 18): the issue's 3×3 instance is certified (checked by
// `convcert check`, bounds against the issue's independent numbers: the one-channel best cost
// 11.786 and the SDP value 11.233135), deterministically; a 4×4 instance whose bracket needs
// three channels is reduced to two and certified; random 1-D signals and K = D never separate
// (one channel is optimal); bad inputs exit 2 with one line and no file.
#include "tests/cli_run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <random>
#include <string>

namespace fs = std::filesystem;
using namespace convcert;

namespace {

using Run = tests::CliRun;

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("cli-separate");
    return dir;
}

Run run(const std::string& args) {
    return tests::cli_run(scratch(), args);
}

/// The value of a canonical rational string "p" or "p/q".
double rational_value(const std::string& s) {
    const auto slash = s.find('/');
    if (slash == std::string::npos) return std::stod(s);
    return std::stod(s.substr(0, slash)) / std::stod(s.substr(slash + 1));
}

/// Writes `json` to NAME.json in scratch and returns its path.
fs::path input_write(const std::string& name, const std::string& json) {
    const fs::path p = scratch() / (name + ".json");
    tests::cli_file_write(p, json);
    return p;
}

/// The claim of a certificate file.
nlohmann::json claim_of(const fs::path& cert) {
    return nlohmann::json::parse(tests::cli_file_read(cert)).at("claim");
}

} // namespace

TEST_CASE("separate: the issue 18 instance is certified and checked", "[cli][separate]") {
    const fs::path in =
        input_write("issue", R"({"shape": [3, 3], "w": [[2, -2, -3], [3, 2, -1], [0, 1, -3]]})");
    const fs::path a = scratch() / "issue-a.json", b = scratch() / "issue-b.json";
    const Run ra = run("separate " + in.string() + " --kernel 2x2 -o " + a.string());
    INFO(ra.out << ra.err);
    REQUIRE(ra.exit_code == 0);
    CHECK(ra.out.find("relative separation") != std::string::npos);
    const Run check = run("check " + a.string());
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("valid (channel-separation") != std::string::npos);
    const nlohmann::json claim = claim_of(a);
    CHECK(claim.at("shape") == nlohmann::json({3, 3}));
    CHECK(claim.at("kernel_shape") == nlohmann::json({2, 2}));
    const double lower = rational_value(claim.at("lower_c1").get<std::string>());
    const double upper = rational_value(claim.at("upper_c2").get<std::string>());
    // The issue: one channel needs about 11.786 (an upper bound of R_{K,1}), so L1 is below it
    // and, within 0.5%, above 11.727; two channels reach the SDP value 11.233135 = R_{K,inf},
    // which bounds U2 >= R_{K,2} from below.
    CHECK(lower <= 11.7863);
    CHECK(lower > 11.7863 * 0.995);
    CHECK(upper >= 11.233135 - 1e-6);
    CHECK(upper < 11.2332);
    CHECK(lower > upper);
    // Deterministic: the same bytes again.
    REQUIRE(run("separate " + in.string() + " --kernel 2x2 -o " + b.string()).exit_code == 0);
    CHECK(tests::cli_file_read(a) == tests::cli_file_read(b));
}

TEST_CASE("separate: a 4x4 instance whose bracket has three channels is certified with two",
          "[cli][separate]") {
    const fs::path in = input_write(
        "r44",
        R"({"shape": [4, 4], "w": [[3, -1, 0, 2], [-2, 4, 1, -3], [1, 0, -5, 2], [0, 2, -1, 1]]})");
    const fs::path out = scratch() / "r44-cert.json";
    const Run r = run("separate " + in.string() + " --kernel 2x2 -o " + out.string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const Run check = run("check " + out.string());
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("C0 = 2") != std::string::npos);
    const nlohmann::json cert = nlohmann::json::parse(tests::cli_file_read(out));
    CHECK(cert.at("evidence").at("network").at("u").size() == 2);
}

TEST_CASE("separate: random 1-D signals never separate (the Lemma)", "[cli][separate]") {
    std::mt19937 gen(18);
    std::uniform_int_distribution<int> entry(-5, 5);
    const struct { long D, K; } shapes[] = {{4, 2}, {6, 3}, {6, 2}, {4, 3}, {6, 4}};
    for (const auto& s : shapes) {
        std::string w;
        for (long j = 0; j < s.D; ++j)
            w += (j ? ", " : "") + std::to_string(j == 0 ? entry(gen) | 1 : entry(gen));
        const fs::path in = input_write("d" + std::to_string(s.D),
                                        "{\"D\": " + std::to_string(s.D) + ", \"w\": [" + w + "]}");
        const fs::path out = scratch() / "none.json";
        const Run r = run("separate " + in.string() + " --kernel " + std::to_string(s.K) + " -o " +
                          out.string());
        INFO("D = " << s.D << ", K = " << s.K << ", w = [" << w << "]\n" << r.out << r.err);
        CHECK(r.exit_code == 3);
        CHECK(r.out.find("no separation proven") != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("separate: K = D has a one-channel optimum, exit 3 without a branch and bound",
          "[cli][separate]") {
    // Regression: the 9-variable one-channel tree ran for minutes although the bracket's closed
    // form (K = D) is a single channel at the certified lower bound.
    const fs::path in =
        input_write("kd", R"({"shape": [3, 3], "w": [[2, -2, -3], [3, 2, -1], [0, 1, -3]]})");
    const fs::path out = scratch() / "kd-cert.json";
    const Run r = run("separate " + in.string() + " --kernel 3x3 -o " + out.string());
    INFO(r.out << r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("one channel reaches the certified lower bound") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("separate: bad inputs exit 2 with one line and no file", "[cli][separate]") {
    const fs::path out = scratch() / "bad-out.json";
    const struct {
        const char *name, *json, *kernel;
    } bad[] = {
        {"k1-too-big", R"({"shape": [2, 3], "w": [[1, 0, 2], [0, -1, 3]]})", "3x2"},
        {"lcm12", R"({"shape": [4, 3], "w": [1, 0, 2, 0, -1, 3, 1, 1, 1, 2, 2, 2]})", "2x2"},
        {"two-inputs", R"({"R": 2, "D": 4, "w": [[1, 0, 2, 0], [0, 1, 0, 3]]})", "2"},
        {"zero", R"({"shape": [3, 3], "w": [0, 0, 0, 0, 0, 0, 0, 0, 0]})", "2x2"},
        {"not-json", R"({"shape": [3, 3], "w": [1, 2)", "2x2"},
    };
    for (const auto& b : bad) {
        const fs::path in = input_write(b.name, b.json);
        const Run r =
            run("separate " + in.string() + " --kernel " + b.kernel + " -o " + out.string());
        INFO(b.name << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(tests::cli_count_lines(r.err) == 1);
        CHECK(r.out.empty());
        CHECK_FALSE(fs::exists(out));
    }
    CHECK(
        run("separate " + input_write("ok", R"({"D": 4, "w": [1, 2, 3, 4]})").string()).exit_code ==
        2); // no --kernel
    CHECK(run("separate --help").out.find("usage: convcert separate") != std::string::npos);
}
