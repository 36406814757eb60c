// Tests of the rigorous closed-form containment of `convcert reproduce` claim 3
// (reproduce/closed_form_rigorous.h) on hand-derived values: w = (3, 4) has 2||w|| = 10
// exactly; w = e_0 in D = 4 has ŵ = (1, 1, 1, 1), so (2/D) sum |ŵ| = 2; w = (1, 1, 1) has
// ŵ = (3, 0, 0), so (2/3)·3 = 2.
#include "reproduce/closed_form_rigorous.h"
#include "support/rational_convert.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace convcert::reproduce;
namespace support = convcert::support;

namespace {

// The tests state w and the bounds as rational strings; the API takes exact values (1 × D).
support::Fmpq rat(const std::string& s) {
    support::Fmpq x;
    if (!support::fmpq_set_string(x.x, s)) throw std::invalid_argument("not a rational: " + s);
    return x;
}

Containment k1(const std::vector<std::string>& w, const std::string& lo, const std::string& hi) {
    return reproduce_k1_contained(support::fmpq_mat_from_rows({w}, "w"), rat(lo).x, rat(hi).x);
}

Containment kd(const std::vector<std::string>& w, const std::string& lo, const std::string& hi) {
    return reproduce_kd_contained(support::fmpq_mat_from_rows({w}, "w"), rat(lo).x, rat(hi).x);
}

} // namespace

TEST_CASE("K = 1 containment is decided exactly", "[closed_form_rigorous]") {
    const std::vector<std::string> w = {"3", "4"};
    CHECK(k1(w, "10", "10") == Containment::Inside);
    CHECK(k1(w, "0", "10") == Containment::Inside);
    CHECK(k1(w, "-5", "11") == Containment::Inside);
    CHECK(k1(w, "1000000000000000000000000000001/100000000000000000000000000000", "11") ==
          Containment::Outside);
    CHECK(k1(w, "9", "999999999999/100000000000") == Containment::Outside);
    CHECK(k1({"1/2", "-1/2"}, "1", "3/2") == Containment::Inside);  // sqrt 2
    CHECK(k1({"1/2", "-1/2"}, "1", "7/5") == Containment::Outside); // 1.414 > 1.4
    CHECK_THROWS_AS(k1({"x"}, "0", "1"), std::invalid_argument);
}

TEST_CASE("K = D containment is decided by ball arithmetic", "[closed_form_rigorous]") {
    const std::vector<std::string> spike = {"1", "0", "0", "0"}, flat = {"1", "1", "1"};
    CHECK(kd(spike, "1999/1000", "2001/1000") == Containment::Inside);
    CHECK(kd(spike, "2001/1000", "3") == Containment::Outside);
    CHECK(kd(spike, "1", "1999/1000") == Containment::Outside);
    CHECK(kd(flat, "1999999/1000000", "2000001/1000000") == Containment::Inside);
    // A bound equal to an irrational value's neighbourhood at 1e-40 is still decided at 256 bits:
    // w = (1, 2): ŵ = (3, -1), (2/2)(3 + 1) = 4.
    CHECK(kd({"1", "2"},
             "39999999999999999999999999999999999999999/"
             "10000000000000000000000000000000000000000",
             "4") != Containment::Outside);
    CHECK(reproduce_containment_text(Containment::Inside, true) == "inside (exact)");
    // w must be one row: a 2 × 1 matrix is refused, not read as D = 1.
    const support::FmpqMat two = support::fmpq_mat_from_rows({{"1"}, {"2"}}, "w");
    CHECK_THROWS_AS(reproduce_kd_contained(two, rat("0").x, rat("9").x), std::invalid_argument);
    CHECK_THROWS_AS(reproduce_k1_contained(two, rat("0").x, rat("9").x), std::invalid_argument);
    CHECK(reproduce_containment_text(Containment::Outside, false) == "OUTSIDE");
}
