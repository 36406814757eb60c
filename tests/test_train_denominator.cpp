// Training on samples with a common denominator (Dataset::x_den): the trainer sees x / x_den, so
// the same data written as numerators·4 over x_den = 4 give the same run, bit for bit.
#include "support/grid_input.h"
#include "train/gd.h"

#include <catch2/catch.hpp>

using namespace convcert;

TEST_CASE("gd_train on x / 4 written as numerators 4x over x_den = 4 is the same run",
          "[gd][denominator]") {
    data::Dataset d;
    d.R = 1;
    d.D = 6;
    d.x = {{3, 1, 0, 2, 1, 0},   {2, 2, 1, -1, 0, 1},  {1, 3, -1, 0, 2, 2},
           {-2, -1, 1, 1, 0, 1}, {-1, -3, 0, 2, 1, 1}, {0, -2, -2, 1, -1, 0}};
    d.y = {1, 1, 1, -1, -1, -1};
    data::Dataset d4 = d;
    for (auto& row : d4.x)
        for (long& v : row)
            v *= 4;
    d4.x_den = 4;
    data::Dataset dx4 = d4; // numerators 4x read as integers: 4 times larger samples
    dx4.x_den = 1;
    train::GdOptions o;
    o.kernel = support::kernel_spec_parse("3", "--kernel");
    o.C = 2;
    o.steps = 200;
    const train::GdRun a = train::gd_train(d, o), b = train::gd_train(d4, o),
                       c = train::gd_train(dx4, o);
    CHECK(a.input_scale == b.input_scale);
    CHECK(a.final_predictor == b.final_predictor);
    CHECK(a.final_params.u == b.final_params.u);
    REQUIRE(a.checkpoints.size() == b.checkpoints.size());
    for (std::size_t i = 0; i < a.checkpoints.size(); ++i) {
        CHECK(a.checkpoints[i].loss == b.checkpoints[i].loss);
        CHECK(a.checkpoints[i].margin == b.checkpoints[i].margin);
    }
    // The scale refers to the true samples: x / 4 needs 4 times the factor of the integers 4x.
    CHECK(b.input_scale == 4 * c.input_scale);
}
