// Decimal output of certified real numbers (Arb balls) for the c_decimal field.
#pragma once

#include <arb.h>

#include <string>

namespace convcert::lemma {

/// x's midpoint to `significant` significant digits, as "-?D(.D+)?(e[+-]D+)?" (exactly "0"
/// for an exact zero). Throws FactorError if the ball is too wide to give that many digits.
std::string arb_get_decimal(const arb_t x, long significant);

} // namespace convcert::lemma
