// The text of a valid verdict's line: the certificate's kind, sizes and the claim's key numbers
// (bounds, costs, slack) as short decimals computed by the checker's exact rational type.
#pragma once

#include "certify/certificate.h"

#include <string>

namespace convcert {

/// "(lemma-exact, K = 3)", "(regularizer-bracket, D = 8, K = 2, R = 1), C0 = 1, lower ≈ 3.1416,
/// upper ≈ 3.1417, relative gap 1.2e-10", "(network-collapse, D = 6, K = 3, 3 channels -> 1),
/// cost_in ≈ 20, cost_out ≈ 19, slack 0". Precondition: the checker found `cert` valid (a
/// number that does not parse is shown verbatim, shortened).
std::string certificate_summary(const Certificate& cert);

} // namespace convcert
