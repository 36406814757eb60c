// FFTW's planner (fftw_plan_*, fftw_destroy_plan) is not thread-safe while its plans are
// (fftw_execute on distinct arrays): every plan in convcert is made and destroyed under this one
// lock, so that a training job and a barrier run can share a process (`reproduce --jobs 2`).
#pragma once

#include <mutex>

namespace convcert::support {

/// Held around every fftw_plan_* and fftw_destroy_plan call.
inline std::mutex fftw_planner_mutex;

} // namespace convcert::support
