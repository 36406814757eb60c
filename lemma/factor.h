// The generator's front door: a Lemma instance in, a certificate (exact or enclosure) out.
#pragma once

#include "certify/certificate.h"
#include "lemma/instance.h"

#include <string>

namespace convcert::lemma {

enum class FactorMethod { Exact, Enclosure, Auto };

struct FactorOptions {
    FactorMethod method = FactorMethod::Auto;
    long digits = 30; ///< c_decimal accuracy, 30 <= digits <= 10000
};

/// Largest effective length that `auto` sends to the exact method first (field degree 2^K
/// for generic inputs: 64 at K = 6).
inline constexpr long kAutoExactMaxLength = 6;

/// The exact method's bound on the number of solutions it enumerates (an upper bound on the
/// field degree): 256 allows generic inputs up to K = 8 (about 2 MB of evidence, seconds to
/// check); K = 9 would be 18 MB and minutes.
inline constexpr long kExactMaxSolutions = 256;

/// Parses "exact" | "enclosure" | "auto"; throws InputError otherwise.
FactorMethod factor_method_from_string(const std::string& name);

/// Builds the certificate. Auto: exact when the effective length is at most
/// kAutoExactMaxLength, enclosure otherwise, and exact again when the enclosure fails (q has
/// roots on or very near the unit circle). Throws FactorError; InputError for digits outside
/// [30, 10000]; std::invalid_argument when instance.vectors is not m × K with m >= 1.
Certificate lemma_factor_certificate(const LemmaInstance& instance, const FactorOptions& options);

} // namespace convcert::lemma
