// The verdict of claim 4d of `convcert reproduce` (claim_conjecture.cpp): C >= R channels
// suffice (the paper's Conjecture 13, proven by the matrix Fejér–Riesz theorem, MATH.md), as
// certified on the claim's instances.
#pragma once

#include "reproduce/reproduce_claim.h"

#include <string>
#include <vector>

namespace convcert::reproduce {

struct ConjectureVerdict {
    bool reproduced = false;
    std::vector<std::string> reasons; ///< one line per instance that fails, when not reproduced
};

/// Reproduced when every instance of claim 4d built its certificates and all of them passed the
/// re-check, every bracket instance (fields["kind"] == "bracket") has C0 == R (values "C0",
/// "R"), and every collapse instance (kind "collapse") has at most R output channels (values
/// "channels_out", "R") and a zero slack (fields["slack"] == "0"). An instance of another kind,
/// or with a value missing, fails. An empty list is not reproduced.
ConjectureVerdict reproduce_conjecture_verdict(const std::vector<InstanceResult>& results);

} // namespace convcert::reproduce
