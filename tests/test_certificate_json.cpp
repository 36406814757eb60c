// Tests of the certificate model's JSON reading and writing: round trips, determinism and
// structural errors.
#include "certify/certificate.h"

#include <catch2/catch.hpp>

using namespace convcert;

namespace {

Certificate sample_exact() {
    Certificate c;
    c.kind = kKindLemmaExact;
    c.claim = {1, {{"1"}, {"1"}}, {"2"}};
    LemmaExactEvidence e;
    e.minpoly = {"-2", "0", "1"};
    e.interval_lo = "1";
    e.interval_hi = "3/2";
    e.c = {{"0", "1"}};
    e.digits = 30;
    e.c_decimal = {"1.41421356237309504880168872420969807857"};
    c.exact = e;
    c.generator_method = "exact";
    return c;
}

Certificate sample_enclosure() {
    Certificate c;
    c.kind = kKindLemmaEnclosure;
    c.claim = {2, {{"1", "1"}}, {"2", "1"}};
    LemmaEnclosureEvidence e;
    e.center = {"1", "1"};
    e.radius = "1/1024";
    e.digits = 30;
    e.c_decimal = {"1", "1"};
    c.enclosure = e;
    c.generator_method = "enclosure";
    return c;
}

void require_same(const Certificate& a, const Certificate& b) {
    REQUIRE(a.kind == b.kind);
    REQUIRE(a.claim.K == b.claim.K);
    REQUIRE(a.claim.vectors == b.claim.vectors);
    REQUIRE(a.claim.target == b.claim.target);
    REQUIRE(a.exact.has_value() == b.exact.has_value());
    REQUIRE(a.enclosure.has_value() == b.enclosure.has_value());
    if (a.exact) {
        REQUIRE(a.exact->minpoly == b.exact->minpoly);
        REQUIRE(a.exact->interval_lo == b.exact->interval_lo);
        REQUIRE(a.exact->interval_hi == b.exact->interval_hi);
        REQUIRE(a.exact->c == b.exact->c);
        REQUIRE(a.exact->digits == b.exact->digits);
        REQUIRE(a.exact->c_decimal == b.exact->c_decimal);
    }
    if (a.enclosure) {
        REQUIRE(a.enclosure->center == b.enclosure->center);
        REQUIRE(a.enclosure->radius == b.enclosure->radius);
        REQUIRE(a.enclosure->digits == b.enclosure->digits);
        REQUIRE(a.enclosure->c_decimal == b.enclosure->c_decimal);
    }
    REQUIRE(a.generator_method == b.generator_method);
}

} // namespace

TEST_CASE("certificate JSON round trip and determinism", "[json]") {
    for (const Certificate& cert : {sample_exact(), sample_enclosure()}) {
        const std::string text = certificate_to_json(cert);
        REQUIRE(text == certificate_to_json(cert));
        REQUIRE(text.back() == '\n');
        const auto read = certificate_from_json(text);
        INFO(read.error);
        REQUIRE(read.certificate);
        require_same(cert, *read.certificate);
        REQUIRE(certificate_to_json(*read.certificate) == text);
        // Field order is fixed: format, version, kind, claim, evidence, generator.
        REQUIRE(text.find("\"format\"") < text.find("\"version\""));
        REQUIRE(text.find("\"kind\"") < text.find("\"claim\""));
        REQUIRE(text.find("\"claim\"") < text.find("\"evidence\""));
    }
}

TEST_CASE("certificate_from_json names structural problems", "[json]") {
    const std::string good = certificate_to_json(sample_exact());
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        return s;
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {replaced("\"convcert-certificate\"", "\"other\""), "format"},
        {replaced("\"version\": 1", "\"version\": 2"), "version"},
        {replaced("\"lemma-exact\"", "\"lemma-magic\""), "unknown certificate kind"},
        {replaced("\"minpoly\"", "\"minpolynomial\""), "no field 'minpoly'"},
        {replaced("\"K\": 1", "\"K\": \"1\""), "claim.K is not an integer"},
        {replaced("\"-2\"", "-2"), "evidence.minpoly[0] is not a string"},
        {replaced("\"digits\": 30", "\"digits\": \"30\""), "evidence.digits"},
    };
    for (const auto& [text, expected] : cases) {
        const auto read = certificate_from_json(text);
        INFO(text);
        REQUIRE_FALSE(read.certificate);
        REQUIRE_FALSE(read.syntax_error);
        CHECK_THAT(read.error, Catch::Contains(expected));
    }
    const auto broken = certificate_from_json(good.substr(0, good.size() / 2));
    REQUIRE_FALSE(broken.certificate);
    REQUIRE(broken.syntax_error);
    const auto interval =
        certificate_from_json(replaced("\"interval\": [", "\"interval\": [\"0\","));
    REQUIRE_FALSE(interval.certificate);
    CHECK_THAT(interval.error, Catch::Contains("exactly two ends"));
}
