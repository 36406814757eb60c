// Wall-clock timing for reports and benchmarks: one steady clock, seconds as doubles. Timings
// are informational only; no result of the generator depends on them (no wall-clock caps).
#pragma once

#include <chrono>

namespace convcert::support {

/// Seconds elapsed since construction (or the last restart), by std::chrono::steady_clock.
class Stopwatch {
  public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    void restart() { start_ = std::chrono::steady_clock::now(); }
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

  private:
    std::chrono::steady_clock::time_point start_;
};

} // namespace convcert::support
