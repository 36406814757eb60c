// Rigorous containment of the single-channel closed forms in a certified bracket, for claim 3
// of `convcert reproduce` (MATH.md §5): K = 1, 2||w||_2 in [lower, upper] decided in exact
// rational arithmetic (squares compared, FLINT fmpq); K = D, (2/D) sum_d |ŵ[d]| in
// [lower, upper] decided by Arb ball arithmetic (the DFT from exact sin/cos of rational
// multiples of π). Direct computations in the generator's libraries, not checked certificates.
#pragma once

#include <string>
#include <vector>

namespace convcert::reproduce {

/// 1: proven inside [lower, upper]; -1: proven outside; 0: undecided (Arb only: a ball that
/// overlaps a bound, e.g. when the closed form equals a bound exactly).
enum class Containment { Outside = -1, Undecided = 0, Inside = 1 };

/// w: D canonical rationals; lower, upper: canonical rationals. Throws std::invalid_argument on
/// a string FLINT cannot read.
Containment reproduce_k1_contained(const std::vector<std::string>& w, const std::string& lower,
                                   const std::string& upper);

/// The same for (2/D) sum_d |ŵ[d]| at `bits` of working precision (>= 64).
Containment reproduce_kd_contained(const std::vector<std::string>& w, const std::string& lower,
                                   const std::string& upper, long bits = 256);

/// "inside (exact)", "inside (Arb ball)", "OUTSIDE", "undecided" for the report.
std::string reproduce_containment_text(Containment c, bool exact);

} // namespace convcert::reproduce
