// The claim registry of `convcert reproduce` (reproduce_claim.h): the list of claims in report
// order. A claim meant for --full only (6-gd, `experiment gd`) returns no instances when
// SuiteOptions::full is false.
#include "reproduce/reproduce_claim.h"

namespace convcert::reproduce {

std::vector<Claim> reproduce_claim_registry() {
    return {reproduce_claim_lemma(),
            reproduce_claim_theorem(),
            reproduce_claim_closed_forms(),
            reproduce_claim_multi_realizability(),
            reproduce_claim_multi_bracket(),
            reproduce_claim_multi_closed_forms(),
            reproduce_claim_multi_conjecture(),
            reproduce_claim_collapse(),
            reproduce_claim_gd(),
            reproduce_claim_separation_2d(),
            reproduce_claim_candidates_2d(),
            reproduce_claim_paper_mnist()};
}

} // namespace convcert::reproduce
