// support::Stopwatch, the one timing helper: readings are non-negative, never decrease, are in
// seconds (a 30 ms sleep reads about 0.03, not 30 or 30000), and restart() starts again from 0.
#include "support/stopwatch.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using convcert::support::Stopwatch;

TEST_CASE("stopwatch: non-negative and monotone", "[stopwatch]") {
    const Stopwatch w;
    double last = w.seconds();
    CHECK(last >= 0);
    for (int i = 0; i < 10000; ++i) {
        const double now = w.seconds();
        REQUIRE(now >= last);
        last = now;
    }
}

TEST_CASE("stopwatch: seconds, and restart", "[stopwatch]") {
    Stopwatch w;
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    const double slept = w.seconds();
    CHECK(slept >= 0.030); // sleep_for sleeps at least that long
    CHECK(slept < 10);     // seconds, not milliseconds or microseconds
    w.restart();
    const double after = w.seconds();
    CHECK(after >= 0);
    CHECK(after < slept); // counted from the restart, not from construction
}
