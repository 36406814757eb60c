// Tests of the rigorous closed-form containment of `convcert reproduce` claim 3
// (reproduce/closed_form_rigorous.h) on hand-derived values: w = (3, 4) has 2||w|| = 10
// exactly; w = e_0 in D = 4 has ŵ = (1, 1, 1, 1), so (2/D) sum |ŵ| = 2; w = (1, 1, 1) has
// ŵ = (3, 0, 0), so (2/3)·3 = 2.
#include "reproduce/closed_form_rigorous.h"

#include <catch2/catch.hpp>

using namespace convcert::reproduce;

TEST_CASE("K = 1 containment is decided exactly", "[closed_form_rigorous]") {
    const std::vector<std::string> w = {"3", "4"};
    CHECK(reproduce_k1_contained(w, "10", "10") == Containment::Inside);
    CHECK(reproduce_k1_contained(w, "0", "10") == Containment::Inside);
    CHECK(reproduce_k1_contained(w, "-5", "11") == Containment::Inside);
    CHECK(reproduce_k1_contained(w,
                                 "1000000000000000000000000000001/100000000000000000000000000000",
                                 "11") == Containment::Outside);
    CHECK(reproduce_k1_contained(w, "9", "999999999999/100000000000") == Containment::Outside);
    CHECK(reproduce_k1_contained({"1/2", "-1/2"}, "1", "3/2") == Containment::Inside); // sqrt 2
    CHECK(reproduce_k1_contained({"1/2", "-1/2"}, "1", "7/5") ==
          Containment::Outside); // 1.414 > 1.4
    CHECK_THROWS_AS(reproduce_k1_contained({"x"}, "0", "1"), std::invalid_argument);
}

TEST_CASE("K = D containment is decided by ball arithmetic", "[closed_form_rigorous]") {
    const std::vector<std::string> spike = {"1", "0", "0", "0"}, flat = {"1", "1", "1"};
    CHECK(reproduce_kd_contained(spike, "1999/1000", "2001/1000") == Containment::Inside);
    CHECK(reproduce_kd_contained(spike, "2001/1000", "3") == Containment::Outside);
    CHECK(reproduce_kd_contained(spike, "1", "1999/1000") == Containment::Outside);
    CHECK(reproduce_kd_contained(flat, "1999999/1000000", "2000001/1000000") ==
          Containment::Inside);
    // A bound equal to an irrational value's neighbourhood at 1e-40 is still decided at 256 bits:
    // w = (1, 2): ŵ = (3, -1), (2/2)(3 + 1) = 4.
    CHECK(reproduce_kd_contained({"1", "2"},
                                 "39999999999999999999999999999999999999999/"
                                 "10000000000000000000000000000000000000000",
                                 "4") != Containment::Outside);
    CHECK(reproduce_containment_text(Containment::Inside, true) == "inside (exact)");
    CHECK(reproduce_containment_text(Containment::Outside, false) == "OUTSIDE");
}
