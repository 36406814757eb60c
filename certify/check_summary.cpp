// The valid line's summary of a certificate (see check_summary.h).
#include "certify/check_summary.h"

#include "certify/checker/rational.h"

#include <variant>

namespace convcert {

namespace {

using checker::Rat;

std::string decimal_short(const Rat& x, int digits = 5) {
    return checker::rational_to_decimal_string(x, digits);
}

// "name ≈ 3.1416", or "name = 0" / "name = 12" when the value is a short integer.
std::string number_named(const std::string& name, const Rat& x) {
    if (denominator(x) == 1 && abs(numerator(x)) < 100000) return name + " = " + x.str();
    return name + " ≈ " + decimal_short(x);
}

// The canonical rational `s` (already accepted by the checker), or nothing if it does not parse.
bool rational_try_parse(const std::string& s, Rat& out) {
    try {
        out = checker::rational_parse_canonical(s, "summary");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// ", lower ≈ ..., upper ≈ ..., relative gap ..." for a bracket [lower, upper].
std::string bounds_text(const std::string& lower, const std::string& upper) {
    Rat lo, hi;
    if (!rational_try_parse(lower, lo) || !rational_try_parse(upper, hi))
        return ", lower " + checker::string_quote_short(lower) + ", upper " +
               checker::string_quote_short(upper);
    std::string s = ", " + number_named("lower", lo) + ", " + number_named("upper", hi);
    if (hi != 0) s += ", relative gap " + decimal_short((hi - lo) / hi, 2);
    return s;
}

// ", cost_in ≈ ..., cost_out ≈ ..., slack ...", plus cost_out/cost_in when the slack is nonzero.
std::string collapse_numbers_text(const CollapseClaim& col) {
    Rat in, out, slack;
    if (!rational_try_parse(col.cost_in, in) || !rational_try_parse(col.cost_out, out) ||
        !rational_try_parse(col.slack, slack))
        return ", slack " + checker::string_quote_short(col.slack);
    std::string s = ", " + number_named("cost_in", in) + ", " + number_named("cost_out", out) +
                    ", " + number_named("slack", slack);
    if (slack != 0 && in != 0) s += " (cost_out/cost_in ≈ " + decimal_short(out / in, 3) + ")";
    return s;
}

// The summary of each kind after "(kind": one overload per body, so a kind without one is a
// compile error in certificate_summary's std::visit.
std::string summary_of(const LemmaExactBody& b) {
    return ", K = " + std::to_string(b.claim.K) + ")";
}
std::string summary_of(const LemmaEnclosureBody& b) {
    return ", K = " + std::to_string(b.claim.K) + ")";
}
std::string summary_of(const RegularizerBody& b) {
    const RegularizerClaim& reg = b.claim;
    return ", D = " + std::to_string(reg.D) + ", K = " + std::to_string(reg.K) +
           ", R = " + std::to_string(reg.R) + "), C0 = " + std::to_string(b.evidence.u.size()) +
           bounds_text(reg.lower, reg.upper);
}
std::string summary_of(const CollapseBody& b) {
    const CollapseClaim& col = b.claim;
    return ", D = " + std::to_string(col.D) + ", K = " + std::to_string(col.K) +
           (col.R == 1 ? "" : ", R = " + std::to_string(col.R)) + ", " +
           std::to_string(col.input.u.size()) + " channels -> " +
           std::to_string(col.output.u.size()) + ")" + collapse_numbers_text(col);
}
std::string summary_of(const RankBody& b) {
    const RankClaim& rank = b.claim;
    return ", R = " + std::to_string(rank.R) + ", D = " + std::to_string(rank.D) +
           ", rank >= " + std::to_string(rank.rank) + ")";
}
std::string summary_of(const MaxmarginBody& b) {
    const MaxmarginClaim& mm = b.claim;
    return ", D = " + std::to_string(mm.D) + ", K = " + std::to_string(mm.K) +
           ", R = " + std::to_string(mm.R) + ", " + std::to_string(mm.x.size()) + " samples)" +
           bounds_text(mm.lower, mm.upper);
}

} // namespace

std::string certificate_summary(const Certificate& cert) {
    return "(" + certificate_kind_name(cert) +
           std::visit([](const auto& body) { return summary_of(body); }, cert.body);
}

} // namespace convcert
