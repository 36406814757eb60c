// Tests of the certificate model's JSON reading and writing: round trips, determinism and
// structural errors.
#include "certify/certificate.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace convcert;

namespace {

Certificate sample_exact() {
    LemmaExactBody b;
    b.claim = {1, {{"1"}, {"1"}}, {"2"}};
    LemmaExactEvidence& e = b.evidence;
    e.minpoly = {"-2", "0", "1"};
    e.interval_lo = "1";
    e.interval_hi = "3/2";
    e.c = {{"0", "1"}};
    e.digits = 30;
    e.c_decimal = {"1.41421356237309504880168872420969807857"};
    return Certificate{b, "exact"};
}

Certificate sample_enclosure() {
    LemmaEnclosureBody b;
    b.claim = {2, {{"1", "1"}}, {"2", "1"}};
    LemmaEnclosureEvidence& e = b.evidence;
    e.center = {"1", "1"};
    e.radius = "1/1024";
    e.digits = 30;
    e.c_decimal = {"1", "1"};
    return Certificate{b, "enclosure"};
}

Certificate sample_bracket(long R) {
    RegularizerClaim claim;
    claim.D = 2;
    claim.K = 1;
    claim.R = R;
    claim.w = R == 1 ? std::vector<std::vector<std::string>>{{"3", "4"}}
                     : std::vector<std::vector<std::string>>{{"9", "12"}, {"12", "16"}};
    claim.lower = R == 1 ? "10" : "50";
    claim.upper = R == 1 ? "3903569/390625" : "50";
    RegularizerBracketEvidence e;
    if (R == 1) {
        e.lambda = {{"6/5", "8/5"}};
        e.u = {{{"559/250"}}};
        e.v = {{"750/559", "1000/559"}};
    } else {
        e.lambda = {{"18/25", "24/25"}, {"24/25", "32/25"}};
        e.u = {{{"3"}, {"4"}}};
        e.v = {{"3", "4"}};
    }
    return Certificate{RegularizerBody{claim, e}, "hand"};
}

void require_same(const LemmaClaim& x, const LemmaClaim& y) {
    REQUIRE(x.K == y.K);
    REQUIRE(x.vectors == y.vectors);
    REQUIRE(x.target == y.target);
}

void require_same(const Certificate& a, const Certificate& b) {
    REQUIRE(certificate_kind(a) == certificate_kind(b));
    if (const auto* x = std::get_if<LemmaExactBody>(&a.body)) {
        const auto& y = std::get<LemmaExactBody>(b.body);
        require_same(x->claim, y.claim);
        REQUIRE(x->evidence.minpoly == y.evidence.minpoly);
        REQUIRE(x->evidence.interval_lo == y.evidence.interval_lo);
        REQUIRE(x->evidence.interval_hi == y.evidence.interval_hi);
        REQUIRE(x->evidence.c == y.evidence.c);
        REQUIRE(x->evidence.digits == y.evidence.digits);
        REQUIRE(x->evidence.c_decimal == y.evidence.c_decimal);
    }
    if (const auto* x = std::get_if<LemmaEnclosureBody>(&a.body)) {
        const auto& y = std::get<LemmaEnclosureBody>(b.body);
        require_same(x->claim, y.claim);
        REQUIRE(x->evidence.center == y.evidence.center);
        REQUIRE(x->evidence.radius == y.evidence.radius);
        REQUIRE(x->evidence.digits == y.evidence.digits);
        REQUIRE(x->evidence.c_decimal == y.evidence.c_decimal);
    }
    if (const auto* p = std::get_if<RegularizerBody>(&a.body)) {
        const auto& q = std::get<RegularizerBody>(b.body);
        const auto &x = p->claim, &y = q.claim;
        REQUIRE((x.D == y.D && x.K == y.K && x.R == y.R));
        REQUIRE(x.w == y.w);
        REQUIRE(x.lower == y.lower);
        REQUIRE(x.upper == y.upper);
        REQUIRE(p->evidence.lambda == q.evidence.lambda);
        REQUIRE(p->evidence.u == q.evidence.u);
        REQUIRE(p->evidence.v == q.evidence.v);
    }
    REQUIRE(a.generator_method == b.generator_method);
}

} // namespace

TEST_CASE("certificate JSON round trip and determinism", "[json]") {
    for (const Certificate& cert :
         {sample_exact(), sample_enclosure(), sample_bracket(1), sample_bracket(2)}) {
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

TEST_CASE("regularizer-bracket JSON: flat rows iff R == 1", "[json]") {
    const std::string one = certificate_to_json(sample_bracket(1));
    const std::string two = certificate_to_json(sample_bracket(2));
    // R = 1: w, lambda and each u_c are flat lists; R = 2: lists of R lists.
    CHECK(one.find("\"w\": [\n   \"3\"") != std::string::npos);
    CHECK(one.find("\"lambda\": [\n   \"6/5\"") != std::string::npos);
    CHECK(one.find("\"u\": [\n    [\n     \"559/250\"") != std::string::npos);
    CHECK(two.find("\"w\": [\n   [\n    \"9\"") != std::string::npos);
    CHECK(two.find("\"u\": [\n    [\n     [\n      \"3\"") != std::string::npos);
    // Field order: claim D, K, R, w, lower, upper; evidence lambda, network {u, v}.
    CHECK(one.find("\"D\"") < one.find("\"K\""));
    CHECK(one.find("\"R\"") < one.find("\"w\""));
    CHECK(one.find("\"lower\"") < one.find("\"upper\""));
    CHECK(one.find("\"lambda\"") < one.find("\"network\""));
    CHECK(one.find("\"u\"") < one.find("\"v\""));
    CHECK(one.find("\"digits\"") == std::string::npos);

    auto replaced = [](std::string s, const std::string& from, const std::string& to) {
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        return s.replace(at, from.size(), to);
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {replaced(one, "\"R\": 1", "\"R\": 2"), "claim.w must be a list of R lists when R > 1"},
        {replaced(two, "\"R\": 2", "\"R\": 1"), "claim.w must be a flat list of rationals"},
        {replaced(one, "\"lambda\": [", "\"lambda\": [[\"1\"],"),
         "evidence.lambda must be a flat list"},
        {replaced(one, "\"559/250\"", "[\"559/250\"]"),
         "evidence.network.u[0] must be a flat list"},
        {replaced(one, "\"network\"", "\"net\""), "no field 'network'"},
        {replaced(one, "\"upper\"", "\"top\""), "no field 'upper'"},
        {replaced(one, "\"R\": 1", "\"R\": \"1\""), "claim.R is not an integer"},
        {replaced(one, "\"v\": [", "\"v\": [3, "), "evidence.network.v[0] is not an array"},
    };
    for (const auto& [text, expected] : cases) {
        const auto read = certificate_from_json(text);
        INFO(text);
        REQUIRE_FALSE(read.certificate);
        REQUIRE_FALSE(read.syntax_error);
        CHECK_THAT(read.error, Catch::Contains(expected));
    }
    // A certificate of another kind does not carry the bracket fields, and vice versa.
    const auto lemma = certificate_from_json(certificate_to_json(sample_exact()));
    REQUIRE(lemma.certificate);
    CHECK_FALSE(std::holds_alternative<RegularizerBody>(lemma.certificate->body));
    const auto bracket = certificate_from_json(one);
    REQUIRE(bracket.certificate);
    CHECK(std::holds_alternative<RegularizerBody>(bracket.certificate->body));
}

namespace {

// The sample lemma-exact certificate with `from` (first occurrence) replaced by `to`.
std::string exact_json_replaced(const std::string& from, const std::string& to) {
    std::string s = certificate_to_json(sample_exact());
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("certificate_from_json rejects duplicate keys, naming the key", "[json]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {exact_json_replaced("\"version\": 1,", "\"version\": 1, \"version\": 1,"),
         "duplicate key 'version' at the top level"},
        {exact_json_replaced("\"K\": 1,", "\"K\": 1, \"K\": 2,"), "duplicate key 'K' in claim"},
        {exact_json_replaced("\"digits\": 30,", "\"digits\": 30, \"digits\": 31,"),
         "duplicate key 'digits' in evidence"},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        const auto read = certificate_from_json(text);
        REQUIRE_FALSE(read.certificate);
        CHECK_FALSE(read.syntax_error);
        CHECK(read.error == expected);
    }
    // The same key in two different objects is fine.
    CHECK(certificate_from_json(certificate_to_json(sample_exact())).certificate);
}

TEST_CASE("certificate_from_json: integers beyond 64 bits are out of range, never wrapped",
          "[json]") {
    // 2^63 would wrap to -2^63 through get<long>(); 2^64 and -2^63 - 1 are read as doubles.
    for (const std::string big :
         {"9223372036854775808", "18446744073709551615", "18446744073709551616",
          "-9223372036854775809", "100000000000000000000000000000"}) {
        INFO(big);
        const auto read =
            certificate_from_json(exact_json_replaced("\"K\": 1,", "\"K\": " + big + ","));
        REQUIRE_FALSE(read.certificate);
        CHECK_THAT(read.error, Catch::StartsWith("claim.K") && Catch::Contains("out of range"));
    }
    const auto max =
        certificate_from_json(exact_json_replaced("\"K\": 1,", "\"K\": 9223372036854775807,"));
    REQUIRE(max.certificate);
    CHECK(std::get<LemmaExactBody>(max.certificate->body).claim.K == 9223372036854775807L);
    const auto half = certificate_from_json(exact_json_replaced("\"K\": 1,", "\"K\": 1.5,"));
    CHECK(half.error == "claim.K is not an integer");
}

TEST_CASE("certificate_from_json refuses texts beyond the reading limits as malformed", "[json]") {
    const auto limit_refused = [](const std::string& text, const std::string& expected) {
        const auto read = certificate_from_json(text);
        CHECK_FALSE(read.certificate);
        CHECK(read.syntax_error);
        CHECK_THAT(read.error, Catch::Contains(expected) && Catch::Contains("reading limit"));
    };
    // Depth: kJsonMaxDepth levels parse (then fail as a structure), one more is refused.
    const std::string ok_deep = std::string(kJsonMaxDepth, '[') + std::string(kJsonMaxDepth, ']');
    CHECK_FALSE(certificate_from_json(ok_deep).syntax_error);
    limit_refused(std::string(kJsonMaxDepth + 1, '[') + std::string(kJsonMaxDepth + 1, ']'),
                  "nested deeper than 16");
    limit_refused(std::string(1000000, '['), "nested deeper");
    // One string (value or key) of kJsonMaxStringBytes + 1 bytes.
    const std::string long_string(kJsonMaxStringBytes + 1, '7');
    limit_refused("[\"" + long_string + "\"]", "string longer than");
    limit_refused("{\"" + long_string + "\": 1}", "string longer than");
    CHECK_FALSE(certificate_from_json("[\"" + long_string.substr(1) + "\"]").syntax_error);
    // Keys per object.
    std::string keys = "{";
    for (std::size_t i = 0; i <= kJsonMaxObjectKeys; ++i)
        keys += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    limit_refused(keys + "}", "more than 256 keys");
    // Values: the outer array and kJsonMaxValues integers, one value too many.
    std::string values = "[";
    values.reserve(2 * kJsonMaxValues + 2);
    for (std::size_t i = 0; i < kJsonMaxValues; ++i)
        values += i ? ",0" : "0";
    limit_refused(values + "]", "more than 16777216 JSON values");
}

namespace {

// The seven kinds' names, as the format documents them (docs/certificates.md).
const std::vector<std::string> kKindNames = {
    "lemma-exact", "lemma-enclosure",   "regularizer-bracket", "network-collapse",
    "rank-bound",  "maxmargin-bracket", "channel-separation"};

// The text of examples/NAME.json; there is one example certificate per kind, named after it.
std::string example_text(const std::string& name) {
    std::ifstream in(std::string(CONVCERT_SOURCE_DIR) + "/examples/" + name + ".json");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` with its "kind" value replaced by `kind`.
std::string kind_replaced(std::string text, const std::string& kind) {
    const std::string key = "\"kind\": \"";
    const std::size_t from = text.find(key);
    REQUIRE(from != std::string::npos);
    const std::size_t begin = from + key.size(), end = text.find('"', begin);
    return text.replace(begin, end - begin, kind);
}

} // namespace

TEST_CASE("every kind's example reads and re-serializes byte-identically", "[json][kinds]") {
    for (const std::string& name : kKindNames) {
        INFO(name);
        const std::string text = example_text(name);
        const CertificateReadResult read = certificate_from_json(text);
        INFO(read.error);
        REQUIRE(read.certificate);
        CHECK(certificate_to_json(*read.certificate) == text);
        CHECK(certificate_kind_name(*read.certificate) == name);
    }
}

TEST_CASE("the reader refuses a file with another kind's claim and evidence", "[json][kinds]") {
    // Every ordered pair of kinds: kind A's example relabelled as kind B is a structural error
    // (the model cannot hold parts of two kinds, and the reader does not guess).
    for (const std::string& from : kKindNames) {
        const std::string text = example_text(from);
        for (const std::string& as : kKindNames) {
            if (as == from) continue;
            INFO(from << " relabelled as " << as);
            const CertificateReadResult read = certificate_from_json(kind_replaced(text, as));
            CHECK_FALSE(read.certificate);
            CHECK_FALSE(read.syntax_error);
            CHECK_FALSE(read.error.empty());
        }
    }
    const CertificateReadResult unknown =
        certificate_from_json(kind_replaced(example_text("rank-bound"), "lemma-exactly"));
    CHECK(unknown.error == "unknown certificate kind 'lemma-exactly'");
}

TEST_CASE("the table of kinds: one distinct name per kind, in the documented order",
          "[json][kinds]") {
    REQUIRE(kCertificateKindCount == kKindNames.size());
    std::set<std::string> names;
    for (std::size_t i = 0; i < kCertificateKindCount; ++i) {
        const std::string name = certificate_kind_name(CertificateKind(i));
        CHECK(name == kKindNames[i]);
        names.insert(name);
    }
    CHECK(names.size() == kCertificateKindCount);
    CHECK(certificate_kind_of<RegularizerBody>() == CertificateKind::RegularizerBracket);
    CHECK(certificate_kind(sample_enclosure()) == CertificateKind::LemmaEnclosure);
    CHECK(certificate_kind_name(sample_bracket(2)) == std::string("regularizer-bracket"));
}

TEST_CASE("2-D claims: shape and kernel_shape after R, only in 2-D, malformed ones named",
          "[json][2d]") {
    for (const std::string name :
         {"regularizer-bracket", "network-collapse", "rank-bound", "maxmargin-bracket"}) {
        INFO(name);
        // The 1-D example has neither field; the 2-D one has both, right after "R".
        CHECK(example_text(name).find("shape") == std::string::npos);
        const std::string text = example_text(name + "-2d");
        std::vector<std::string> keys;
        const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
        for (const auto& item : parsed.at("claim").items())
            keys.push_back(item.key());
        REQUIRE(keys.size() > 5);
        CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 5) ==
              std::vector<std::string>{"D", "K", "R", "shape", "kernel_shape"});
        const CertificateReadResult read = certificate_from_json(text);
        REQUIRE(read.certificate);
        CHECK(certificate_to_json(*read.certificate) == text);
        // Malformed fields are structural errors naming the field.
        auto with_claim = [&](const char* key, const nlohmann::ordered_json& value) {
            nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
            j["claim"][key] = value;
            return certificate_from_json(j.dump());
        };
        const CertificateReadResult not_array = with_claim("shape", 3);
        REQUIRE_FALSE(not_array.certificate);
        CHECK_THAT(not_array.error, Catch::Contains("claim.shape is not an array"));
        const CertificateReadResult not_integer = with_claim("kernel_shape", {"2", 2});
        REQUIRE_FALSE(not_integer.certificate);
        CHECK_THAT(not_integer.error, Catch::Contains("claim.kernel_shape[0]"));
    }
}
