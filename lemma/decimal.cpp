// Decimal output of Arb balls (see decimal.h).
#include "lemma/decimal.h"

#include "lemma/factor_error.h"

#include <flint/flint.h>

namespace convcert::lemma {

std::string arb_get_decimal(const arb_t x, long significant) {
    if (arb_is_zero(x)) return "0";
    if (arb_rel_accuracy_bits(x) < static_cast<slong>(3.33 * significant) + 8)
        throw FactorError("internal precision too low to print c to the requested digits");
    char* s = arb_get_str(x, significant, ARB_STR_NO_RADIUS);
    std::string out(s);
    flint_free(s);
    if (out.find('[') != std::string::npos)
        throw FactorError("internal precision too low to print c to the requested digits");
    return out;
}

} // namespace convcert::lemma
