// The claim registry of `convcert reproduce` (reproduce_claim.h): the list of claims in report
// order. Issue 6 (`experiment gd`) adds its factory here; a claim meant for --full only returns
// no instances when SuiteOptions::full is false.
#include "reproduce/reproduce_claim.h"

namespace convcert::reproduce {

std::vector<Claim> reproduce_claim_registry() {
    // Report order. Issue 6 (`experiment gd`) adds its claim here, guarded by opt.full in its
    // instances() (an empty instance list in quick mode).
    return {reproduce_claim_lemma(),
            reproduce_claim_theorem(),
            reproduce_claim_closed_forms(),
            reproduce_claim_multi_realizability(),
            reproduce_claim_multi_bracket(),
            reproduce_claim_multi_closed_forms(),
            reproduce_claim_multi_conjecture(),
            reproduce_claim_collapse()};
}

} // namespace convcert::reproduce
