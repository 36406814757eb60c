// The index maps of certify/grid.h against coordinates computed directly, and the input-side
// readers of support/grid_input.h (kernel specs, shapes, flat and nested signals).
#include "certify/grid.h"
#include "support/grid_input.h"
#include "support/input_json.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace convcert;

TEST_CASE("grid: the 1-D grid is (i + k) mod D", "[grid]") {
    for (long D = 1; D <= 9; ++D)
        for (long K = 1; K <= D; ++K) {
            const Grid g = grid_1d(D, K);
            for (long i = 0; i < D; ++i)
                for (long k = 0; k < K; ++k) {
                    CHECK(grid_shift(g, i, k) == (i + k) % D);
                    CHECK(grid_unshift(g, i, k) == ((i - k) % D + D) % D);
                }
            for (long j = 0; j < D; ++j)
                for (long d = 0; d < D; ++d)
                    CHECK(grid_phase(g, j, d) == (j * d) % D);
        }
}

TEST_CASE("grid: 2-D maps agree with coordinates mod (D1, D2)", "[grid]") {
    std::mt19937 rng(13);
    for (int trial = 0; trial < 200; ++trial) {
        const long D1 = 1 + rng() % 7, D2 = 1 + rng() % 7;
        const long K1 = 1 + rng() % D1, K2 = 1 + rng() % D2;
        const Grid g = grid_2d(D1, D2, K1, K2);
        const long D = D1 * D2, L = grid_phase_modulus(g);
        INFO("D1=" << D1 << " D2=" << D2 << " K1=" << K1 << " K2=" << K2);
        for (long i = 0; i < D; ++i) {
            const long i1 = i / D2, i2 = i % D2;
            CHECK(grid_add(g, i, grid_neg(g, i)) == 0);
            for (long k = 0; k < K1 * K2; ++k) {
                const long k1 = k / K2, k2 = k % K2;
                CHECK(grid_shift(g, i, k) == ((i1 + k1) % D1) * D2 + (i2 + k2) % D2);
                CHECK(grid_unshift(g, i, k) == ((i1 - k1 + D1) % D1) * D2 + (i2 - k2 + D2) % D2);
            }
            for (long d = 0; d < D; ++d) {
                const double t = double(i1 * (d / D2)) / D1 + double(i2 * (d % D2)) / D2;
                const double frac = t - std::floor(t);
                const long p = grid_phase(g, i, d);
                CHECK(p >= 0);
                CHECK(p < L);
                CHECK(std::fabs(double(p) / L - frac) < 1e-12);
            }
        }
    }
}

TEST_CASE("grid_input: kernel specs, shapes and signals", "[grid]") {
    using support::InputError;
    const support::KernelSpec a = support::kernel_spec_parse("5", "--kernel");
    CHECK((a.dims == 1 && a.K1 == 1 && a.K2 == 5));
    const support::KernelSpec b = support::kernel_spec_parse("3x2", "--kernel");
    CHECK((b.dims == 2 && b.K1 == 3 && b.K2 == 2));
    for (const char* bad : {"", "0", "x3", "3x", "3x0", "-1", "2.5", "3x3x3", "1234567890"})
        CHECK_THROWS_AS(support::kernel_spec_parse(bad, "--kernel"), InputError);

    using nlohmann::json;
    CHECK(support::input_shape_read(json::parse(R"({"D": 6})"), 4096) == std::vector<long>{6});
    CHECK(support::input_shape_read(json::parse(R"({"shape": [2, 3], "D": 6})"), 4096) ==
          std::vector<long>{2, 3});
    for (const char* bad :
         {R"({})", R"({"shape": [2, 3], "D": 5})", R"({"shape": []})", R"({"shape": [0, 3]})",
          R"({"shape": [1, 2, 3]})", R"({"shape": [100, 100]})", R"({"D": 0})"})
        CHECK_THROWS_AS(support::input_shape_read(json::parse(bad), 4096), InputError);

    // "K" on a 2-D signal means K×K; K1 > D1 is refused.
    const Grid g = support::grid_from_input({3, 4}, support::kernel_spec_parse("3", "k"));
    CHECK((g.dims == 2 && g.K1 == 3 && g.K2 == 3));
    CHECK_THROWS_AS(support::grid_from_input({2, 4}, support::kernel_spec_parse("3", "k")),
                    InputError);
    CHECK_THROWS_AS(support::grid_from_input({5}, support::kernel_spec_parse("2x2", "k")),
                    InputError);
    CHECK(support::grid_from_input({5}, support::kernel_spec_parse("1x2", "k")).K2 == 2);

    // Nested rows and the flat row-major list are the same signal.
    const Grid h = grid_2d(2, 3, 1, 1);
    const auto nested =
        support::signal_from_json(json::parse(R"([[1, 2, 3], ["4", "1/2", 0]])"), h, "w");
    const auto flat = support::signal_from_json(json::parse(R"([1, 2, 3, "4", "1/2", 0])"), h, "w");
    CHECK(nested == flat);
    CHECK(flat[4] == "1/2");
    CHECK_THROWS_AS(support::signal_from_json(json::parse(R"([[1, 2, 3]])"), h, "w"), InputError);
    CHECK_THROWS_AS(support::signal_from_json(json::parse(R"([1, 2, 3])"), h, "w"), InputError);
}
