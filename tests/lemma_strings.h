// Test helper: the Lemma engine's exact values (lemma/autocorrelation.h) to and from rational
// strings "p" / "p/q", so that the tests can state instances and targets as text and compare
// them with hand values. A thin conversion at the tests' edge; the engine itself takes exact
// values only.
#pragma once

#include "lemma/autocorrelation.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::lemma {

/// The rows as an m × K matrix. Throws std::invalid_argument on a bad shape or entry.
inline support::FmpqMat lemma_rows(const std::vector<std::vector<std::string>>& rows) {
    return support::fmpq_mat_from_rows(rows, "test vectors");
}

/// Each string read strictly (support::fmpq_set_string). Throws std::invalid_argument.
inline std::vector<support::Fmpq> lemma_rats(const std::vector<std::string>& v) {
    std::vector<support::Fmpq> out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!support::fmpq_set_string(out[i].x, v[i]))
            throw std::invalid_argument("not a rational: '" + v[i] + "'");
    return out;
}

/// Canonical strings of the values.
inline std::vector<std::string> lemma_strs(const std::vector<support::Fmpq>& v) {
    std::vector<std::string> out;
    for (const support::Fmpq& x : v)
        out.push_back(support::fmpq_get_string(x.x));
    return out;
}

/// lemma_target of the rows, as canonical strings.
inline std::vector<std::string>
lemma_target_strings(const std::vector<std::vector<std::string>>& rows) {
    return lemma_strs(lemma_target(lemma_rows(rows)));
}

} // namespace convcert::lemma
