// Max-margin certificates of samples with a common denominator (maxmargin/denominator.h): the
// same data written as numerators·s over x_denominator s give the same certified bounds, the
// checker accepts them and rejects a changed x_denominator; the field survives JSON and is
// absent for integer data.
#include "certify/checker/checker.h"
#include "maxmargin/denominator.h"

#include <catch2/catch.hpp>

using namespace convcert;

namespace {

data::Dataset small_integer_data() {
    data::Dataset d;
    d.R = 1;
    d.D = 4;
    d.x = {{2, 0, 1, 1},   {1, 1, 0, 2},    {3, -1, 1, 0},
           {-1, 0, -2, 1}, {0, -2, -1, -1}, {-2, 1, 0, -3}};
    d.y = {1, 1, 1, -1, -1, -1}; // separated by (1, 1, 1, 1)
    return d;
}

/// The same samples as d, as numerators·s over x_den = s.
data::Dataset over_denominator(data::Dataset d, long s) {
    for (auto& row : d.x)
        for (long& v : row)
            v *= s;
    d.x_den = s;
    return d;
}

const MaxmarginClaim& claim_of(const Certificate& c) {
    return std::get<MaxmarginBody>(c.body).claim;
}

double as_double(const std::string& q) {
    const auto slash = q.find('/');
    if (slash == std::string::npos) return std::stod(q);
    return std::stod(q.substr(0, slash)) / std::stod(q.substr(slash + 1));
}

} // namespace

TEST_CASE("maxmargin over x_denominator 4 gives exactly the integer data's bounds",
          "[maxmargin][denominator]") {
    const data::Dataset d = small_integer_data();
    const Certificate plain = maxmargin::maxmargin_certificate_denominated(d, grid_1d(d.D, 2), nullptr);
    maxmargin::MaxmarginReport rep;
    const Certificate four =
        maxmargin::maxmargin_certificate_denominated(over_denominator(d, 4), grid_1d(d.D, 2), &rep);
    CHECK(claim_of(plain).x_denominator.empty());
    CHECK(claim_of(four).x_denominator == "4");
    CHECK(claim_of(four).x[0] == std::vector<std::string>{"8", "0", "4", "4"});
    CHECK(claim_of(four).lower == claim_of(plain).lower);
    CHECK(claim_of(four).upper == claim_of(plain).upper);
    CHECK(rep.upper == claim_of(plain).upper);
    CHECK(checker::check_certificate(plain).valid);
    const auto v = checker::check_certificate(four);
    INFO(v.reason);
    CHECK(v.valid);
    // JSON: the field is written for the denominated certificate only and read back.
    CHECK(certificate_to_json(plain).find("x_denominator") == std::string::npos);
    const auto back = certificate_from_json(certificate_to_json(four));
    REQUIRE(back.certificate);
    CHECK(claim_of(*back.certificate).x_denominator == "4");
    CHECK(certificate_to_json(*back.certificate) == certificate_to_json(four));
}

TEST_CASE("maxmargin of x / s for s = 2, 3, 4, 6: valid, and the bracket of x divided by s",
          "[maxmargin][denominator]") {
    const data::Dataset d = small_integer_data(); // entries ±1 occur: already in lowest terms
    const Certificate plain = maxmargin::maxmargin_certificate_denominated(d, grid_1d(d.D, 2), nullptr);
    const double lo = as_double(claim_of(plain).lower), hi = as_double(claim_of(plain).upper);
    for (long s : {2L, 3L, 4L, 6L}) {
        INFO("x_denominator " << s);
        data::Dataset ds = d;
        ds.x_den = s;
        const Certificate c = maxmargin::maxmargin_certificate_denominated(ds, grid_1d(ds.D, 2), nullptr);
        CHECK(claim_of(c).x_denominator == std::to_string(s));
        CHECK(claim_of(c).x == claim_of(plain).x);
        const auto v = checker::check_certificate(c);
        INFO(v.reason);
        CHECK(v.valid);
        // value(x / s) = s · value(x): both brackets hold, so they overlap after scaling.
        CHECK(as_double(claim_of(c).lower) <= hi * static_cast<double>(s) * (1 + 1e-12));
        CHECK(as_double(claim_of(c).upper) >= lo * static_cast<double>(s) * (1 - 1e-12));
        CHECK(as_double(claim_of(c).upper) == Approx(hi * static_cast<double>(s)).epsilon(1e-6));
    }
}

TEST_CASE("the checker rejects a changed x_denominator", "[maxmargin][denominator]") {
    const Certificate good = maxmargin::maxmargin_certificate_denominated(
        over_denominator(small_integer_data(), 4), grid_1d(small_integer_data().D, 2), nullptr);
    REQUIRE(checker::check_certificate(good).valid);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"8", "margin"},           // samples halved: margins 1/2
        {"2", "regularizer part"}, // samples doubled: λ doubled, 4I - T Tᵀ fails
        {"0", "outside [1, 2^53]"},
        {"-4", "outside [1, 2^53]"},
        {"04", "x_denominator"},
        {"9007199254740993", "outside [1, 2^53]"},
        {"", "regularizer part"}, // absent: 1
    };
    for (const auto& [den, needle] : cases) {
        Certificate c = good;
        std::get<MaxmarginBody>(c.body).claim.x_denominator = den;
        const auto v = checker::check_certificate(c);
        INFO("x_denominator '" << den << "': " << v.reason);
        CHECK_FALSE(v.valid);
        CHECK(v.reason.find(needle) != std::string::npos);
    }
    // An empty string in the JSON is a structural error, not "absent".
    std::string json = certificate_to_json(good);
    const auto at = json.find("\"x_denominator\": \"4\"");
    REQUIRE(at != std::string::npos);
    json.replace(at, 20, "\"x_denominator\": \"\"");
    CHECK_FALSE(certificate_from_json(json).certificate);
}
