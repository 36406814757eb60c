// A Lemma instance read from the user's input file {"K": K, "vectors": [[...], ...]}, with
// every rational brought to canonical form. Input rationals: a JSON integer, or a string
// "p", "p/q" or a finite decimal "-1.25". Limits are documented in the README.
#pragma once

#include "support/input_json.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::lemma {

inline constexpr long kMaxKernel = 4096;
inline constexpr long kMaxVectors = 4096;

struct LemmaInstance {
    long K = 0;
    std::vector<std::vector<std::string>> vectors; // canonical "p" or "p/q"
};

/// Parses and validates an instance from JSON text. Throws InputError.
LemmaInstance lemma_instance_from_json(const std::string& text);

} // namespace convcert::lemma
