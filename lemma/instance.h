// A Lemma instance read from the user's input file {"K": K, "vectors": [[...], ...]}: the
// rationals are parsed once here, at the edge, into exact values. Input rationals: a JSON
// integer, or a string "p", "p/q" or a finite decimal "-1.25". Limits are documented in the
// README.
#pragma once

#include "support/flint_raii.h"
#include "support/input_json.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::lemma {

inline constexpr long kMaxKernel = 4096;
inline constexpr long kMaxVectors = 4096;

/// The vectors a_1..a_m as the rows of an m × K matrix (m >= 1, K = vectors.cols()).
struct LemmaInstance {
    long K = 0;
    support::FmpqMat vectors;
};

/// Parses and validates an instance from JSON text. Throws InputError.
LemmaInstance lemma_instance_from_json(const std::string& text);

} // namespace convcert::lemma
