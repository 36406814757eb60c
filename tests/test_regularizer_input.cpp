// Tests of regularizer input parsing: accepted shapes and one-line errors for bad input.
#include "regularizer/input/regularizer_input.h"
#include "support/input_json.h"

#include <catch2/catch.hpp>

using namespace convcert;

namespace {

/// The 1-D kernel "K" of --kernel K.
regularizer::RegularizerInstance regularizer_instance_from_json(const std::string& text, long K) {
    return regularizer::regularizer_instance_from_json(text, support::KernelSpec{1, K, 1});
}

} // namespace

TEST_CASE("regularizer input: single- and multi-channel shapes", "[regularizer_input]") {
    const auto one =
        regularizer_instance_from_json(R"({"D": 4, "w": [1, "-5", "3/6", "0.25"]})", 2);
    REQUIRE(one.D == 4);
    REQUIRE(one.R == 1);
    REQUIRE(one.w == std::vector<std::vector<std::string>>{{"1", "-5", "1/2", "1/4"}});
    const auto two =
        regularizer_instance_from_json(R"({"R": 2, "D": 3, "w": [[1, 2, 3], [0, 0, "-1"]]})", 3);
    REQUIRE(two.R == 2);
    REQUIRE(two.w.size() == 2);
    REQUIRE(two.w[1] == std::vector<std::string>{"0", "0", "-1"});
}

TEST_CASE("regularizer input: bad input gives one clear line", "[regularizer_input]") {
    const std::vector<std::tuple<std::string, long, std::string>> cases = {
        {R"({"D": 4, "w": [1, 2, 3, 4]})", 5, "1 <= K <= D = 4"},
        {R"({"D": 4, "w": [1, 2, 3, 4]})", 0, "1 <= K <= D"},
        {R"({"D": 0, "w": []})", 1, "D must be at least 1"},
        {R"({"D": 5000, "w": []})", 1, "exceeds the limit 4096"},
        {R"({"D": 4, "w": [1, 2, 3]})", 2, "w has length 3, expected D = 4"},
        {R"({"D": 2, "w": [1, 2.5]})", 1, "is not an integer"},
        {R"({"D": 2, "w": [1, "nan"]})", 1, "w[1]"},
        {R"({"D": 2, "w": [1, "inf"]})", 1, "w[1]"},
        {R"({"D": 2, "w": [1, 1e999]})", 1, "malformed JSON"},
        {R"({"D": 2, "w": [1, null]})", 1, "not a number or a rational string"},
        {R"({"R": 2, "D": 2, "w": [1, 2]})", 1, "w[0] is not an array"},
        {R"({"R": 2, "D": 2, "w": [[1, 2]]})", 1, "list of R = 2 rows"},
        {R"({"R": 0, "D": 2, "w": [1, 2]})", 1, "R must be between 1 and 64"},
        {R"({"D": 2})", 1, "no field \"w\""},
        {R"({"w": [1]})", 1, "no field \"D\""},
        {R"({"D": 1, "w": [1], "K": 1})", 1, "unknown field \"K\""},
        {R"({"D": 2, "w": [1, 2]Garbage)", 1, "malformed JSON"},
    };
    for (const auto& [text, K, expected] : cases) {
        INFO(text << " with K = " << K);
        try {
            regularizer_instance_from_json(text, K);
            FAIL("accepted");
        } catch (const support::InputError& e) {
            const std::string what = e.what();
            CHECK_THAT(what, Catch::Contains(expected));
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}
