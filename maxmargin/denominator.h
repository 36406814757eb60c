// Max-margin certificates for samples with a common denominator (x / x_den, float data): the
// problem is homogeneous, min { R(W) : y_i <W, x_i / s> >= 1 } = s · min { R(W) : y_i <W, x_i>
// >= 1 }, so the certificate is computed on integer numerators and scaled exactly.
#pragma once

#include "maxmargin/bracket.h"

namespace convcert::maxmargin {

/// The maxmargin-bracket certificate of the samples x / x_den of d, with claim "x" the
/// numerators and "x_denominator" = x_den (absent when 1: then exactly maxmargin_certificate).
/// Computed by maxmargin_certificate on the numerators in lowest terms (numerators and x_den
/// divided by their gcd, so that numerators·4 over 4 give exactly the integer data's bounds)
/// times b (b = 1 if that x_den is a perfect square, 2 if it is an odd power of two, else x_den),
/// so that s = b·x_den is a perfect square;
/// then lower, upper, α and W are multiplied by s and the network's u and v by √s (cost × s,
/// realized predictor × s). The report's bounds, values and W are scaled alike.
/// Preconditions and exceptions as maxmargin_certificate; also std::invalid_argument when a
/// numerator times b exceeds 2^53.
Certificate maxmargin_certificate_denominated(const data::Dataset& d, const Grid& g,
                                              MaxmarginReport* report);

} // namespace convcert::maxmargin
