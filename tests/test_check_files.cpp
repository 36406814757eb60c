// Tests of the check command's trusted-side library: the valid line's key numbers, the exit
// code precedence, the bounded file reader, and reading limits reported as malformed.
#include "certify/check_files.h"
#include "certify/file_read_bounded.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace convcert;

namespace {

std::string example_read(const std::string& name) {
    std::ifstream in(std::string(CONVCERT_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    REQUIRE_FALSE(s.str().empty());
    return s.str();
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("check_text: the valid line shows the claim's key numbers", "[check_files]") {
    // Expected decimals computed independently (Python fractions) from the examples' rationals:
    // lower = 1224744871/500000000, upper = 2449489743/10^9, gap = 1/2449489743 = 4.08e-10.
    CheckOutcome o = check_text(example_read("regularizer-bracket.json"));
    CHECK(o.status == kCheckExitOk);
    CHECK(o.line == "valid (regularizer-bracket, D = 4, K = 2, R = 1), C0 = 1, lower ≈ 2.4495, "
                    "upper ≈ 2.4495, relative gap 4.1e-10");
    // cost_in = 4849/144 = 33.6736..., cost_out = 24.2117...
    const std::string collapse = example_read("network-collapse.json");
    o = check_text(collapse);
    CHECK(o.status == kCheckExitOk);
    CHECK(o.line == "valid (network-collapse, D = 6, K = 3, 3 channels -> 1), cost_in ≈ 33.674, "
                    "cost_out ≈ 24.212, slack = 0");
    // A slack that absorbs a cost increase is shown with the ratio cost_out / cost_in.
    o = check_text(replaced(collapse, "\"slack\": \"0\"", "\"slack\": \"10\""));
    CHECK(o.status == kCheckExitOk);
    CHECK_THAT(o.line, Catch::EndsWith("slack = 10 (cost_out/cost_in ≈ 0.719)"));
    // lower ≈ upper ≈ 0.97243; the example's gap depends on the BLAS it was made with, but is
    // documented below 1e-9 (docs/certificates.md, "Examples").
    o = check_text(example_read("maxmargin-bracket.json"));
    CHECK(o.status == kCheckExitOk);
    CHECK_THAT(o.line, Catch::StartsWith("valid (maxmargin-bracket, D = ") &&
                           Catch::Contains(" samples), lower ≈ 0.97243, upper ≈ 0.97243, ") &&
                           Catch::Matches(".*relative gap [1-9](\\.[0-9])?e-(09|1[0-9])$"));
    CHECK(check_text(example_read("lemma-exact.json")).line == "valid (lemma-exact, K = 3)");
}

TEST_CASE("check_text: invalid, malformed and beyond the reading limits", "[check_files]") {
    const std::string collapse = example_read("network-collapse.json");
    CheckOutcome o = check_text(replaced(collapse, "\"29/8\"", "\"29/7\""));
    CHECK(o.status == kCheckExitInvalid);
    CHECK_THAT(o.line, Catch::StartsWith("INVALID: "));
    o = check_text(replaced(collapse, "\"D\": 6,", "\"D\": 6, \"D\": 6,"));
    CHECK(o.status == kCheckExitInvalid);
    CHECK(o.line == "INVALID: duplicate key 'D' in claim");
    o = check_text("{ not json");
    CHECK(o.status == kCheckExitUnreadable);
    CHECK_THAT(o.line, Catch::StartsWith("malformed: not valid JSON"));
    // The bomb: unterminated '[' (before: a DOM of 10^6 arrays, then a parse error).
    o = check_text(std::string(1000000, '['));
    CHECK(o.status == kCheckExitUnreadable);
    CHECK(o.line == "malformed: JSON nested deeper than 16 levels (reading limit)");
}

TEST_CASE("check_status_combine: unreadable > invalid > undecided > ok", "[check_files]") {
    const int order[] = {kCheckExitOk, kCheckExitUndecided, kCheckExitInvalid,
                         kCheckExitUnreadable};
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
            CHECK(check_status_combine(order[i], order[j]) == order[std::max(i, j)]);
        }
}

TEST_CASE("file_read_bounded reads up to the bound and refuses one byte more", "[check_files]") {
    const auto path = std::filesystem::temp_directory_path() / "convcert-read-bounded.txt";
    std::ofstream(path, std::ios::binary) << std::string(200000, 'x');
    CHECK(file_read_bounded(path.string(), 200000).size() == 200000);
    CHECK_THROWS_WITH(file_read_bounded(path.string(), 199999), Catch::Contains("larger than"));
    CHECK_THROWS_WITH(file_read_bounded(path.string() + ".missing", 10),
                      Catch::StartsWith("cannot read '"));
    std::filesystem::remove(path);
}
