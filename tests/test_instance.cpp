// Tests of input parsing (lemma/instance): canonical rationals and one-line input errors.
#include "lemma/factor.h"
#include "lemma/instance.h"
#include "support/input_json.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

using namespace convcert::lemma;
namespace support = convcert::support;

TEST_CASE("rational_canonicalize", "[instance]") {
    CHECK(support::rational_canonicalize("0", "x") == "0");
    CHECK(support::rational_canonicalize("-0", "x") == "0");
    CHECK(support::rational_canonicalize("007", "x") == "7");
    CHECK(support::rational_canonicalize("6/4", "x") == "3/2");
    CHECK(support::rational_canonicalize("-6/4", "x") == "-3/2");
    CHECK(support::rational_canonicalize("4/2", "x") == "2");
    CHECK(support::rational_canonicalize("-1.25", "x") == "-5/4");
    CHECK(support::rational_canonicalize("0.50", "x") == "1/2");
    CHECK(support::rational_canonicalize("123456789012345678901234567890", "x") ==
          "123456789012345678901234567890");
    for (const char* bad : {"", "-", "1/0", "1/", "/2", "1.", ".5", "1e5", "+3", "1/-2", "0x10",
                            "nan", "inf", "1 ", " 1", "1//2", "1.2.3", "--1"}) {
        INFO("input '" << bad << "'");
        CHECK_THROWS_AS(support::rational_canonicalize(bad, "x"), support::InputError);
    }
    CHECK_THROWS_WITH(support::rational_canonicalize("1/0", "vectors[0][1]"),
                      Catch::Contains("vectors[0][1]") && Catch::Contains("zero denominator"));
}

TEST_CASE("lemma_instance_from_json accepts the documented forms", "[instance]") {
    const auto inst =
        lemma_instance_from_json(R"({"K": 3, "vectors": [[1, 2, -3], ["1/2", "0", "4"]]})");
    REQUIRE(inst.K == 3);
    REQUIRE(support::fmpq_mat_to_rows(inst.vectors) ==
            std::vector<std::vector<std::string>>{{"1", "2", "-3"}, {"1/2", "0", "4"}});
    const auto dec = lemma_instance_from_json(R"({"vectors": [["-1.25", "10/4"]], "K": 2})");
    REQUIRE(support::fmpq_mat_to_rows(dec.vectors) ==
            std::vector<std::vector<std::string>>{{"-5/4", "5/2"}});
}

TEST_CASE("lemma_factor_certificate refuses vectors that are not m x K", "[instance]") {
    const FactorOptions options;
    CHECK_THROWS_AS(lemma_factor_certificate(LemmaInstance{3, support::FmpqMat(2, 2)}, options),
                    std::invalid_argument);
    CHECK_THROWS_AS(lemma_factor_certificate(LemmaInstance{2, support::FmpqMat(0, 2)}, options),
                    std::invalid_argument);
    // the same shapes, consistent: a certificate (the zero target, exact)
    const convcert::Certificate ok =
        lemma_factor_certificate(LemmaInstance{2, support::FmpqMat(2, 2)}, options);
    CHECK(convcert::certificate_kind(ok) == convcert::CertificateKind::LemmaExact);
}

TEST_CASE("lemma_instance_from_json rejects bad input with one clear line", "[instance]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{\"K\": 3, \"vectors\": [[1, 2, 3]", "malformed JSON"},
        {"[1, 2]", "must be a JSON object"},
        {R"({"vectors": [[1]]})", "no field \"K\""},
        {R"({"K": 1})", "no field \"vectors\""},
        {R"({"K": 0, "vectors": [[]]})", "at least 1"},
        {R"({"K": -2, "vectors": [[1]]})", "at least 1"},
        {R"({"K": 1.5, "vectors": [[1]]})", "\"K\" must be an integer"},
        {R"({"K": 5000, "vectors": [[1]]})", "exceeds the limit 4096"},
        {R"({"K": 99999999999999999999, "vectors": [[1]]})", "must be an integer"},
        {R"({"K": 2, "vectors": []})", "is empty"},
        {R"({"K": 2, "vectors": [[1, 2], [3]]})", "vectors[1] has length 1, expected K = 2"},
        {R"({"K": 2, "vectors": [[1, 2.5]]})", "is not an integer"},
        {R"({"K": 2, "vectors": [[1, 1e400]]})", "1e400"},
        {R"({"K": 2, "vectors": [[1, "abc"]]})", "vectors[0][1]"},
        {R"({"K": 2, "vectors": [[1, null]]})", "not a number or a rational string"},
        {R"({"K": 2, "vectors": [[1, "1/0"]]})", "zero denominator"},
        {R"({"K": 2, "vectors": [1, 2]})", "vectors[0] is not an array"},
        {R"({"K": 1, "vectors": [[1]], "extra": 3})", "unknown field \"extra\""},
    };
    for (const auto& [text, expected] : cases) {
        INFO("input: " << text);
        try {
            lemma_instance_from_json(text);
            FAIL("accepted");
        } catch (const support::InputError& e) {
            const std::string what = e.what();
            CHECK_THAT(what, Catch::Contains(expected));
            CHECK(what.find('\n') == std::string::npos);
        }
    }
    std::string huge(100001, '7');
    CHECK_THROWS_WITH(lemma_instance_from_json(R"({"K": 1, "vectors": [[")" + huge + "\"]]}"),
                      Catch::Contains("longer than 100000"));
}
