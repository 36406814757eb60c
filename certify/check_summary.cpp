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

// "D = 9, K = 4" in 1-D (no shape fields); "D = 3x3, K = 2x2" when the claim has both shapes.
std::string sizes_text(long D, long K, const std::vector<long>& shape,
                       const std::vector<long>& kernel_shape) {
    auto dims = [](long flat, const std::vector<long>& s) {
        if (s.size() != 2) return std::to_string(flat);
        return std::to_string(s[0]) + "x" + std::to_string(s[1]);
    };
    return "D = " + dims(D, shape) + ", K = " + dims(K, kernel_shape);
}

// ", lower_c1 ≈ ..., upper_c2 ≈ ..., relative separation ..." (lower_c1 - upper_c2)/upper_c2.
std::string separation_text(const std::string& lower, const std::string& upper) {
    Rat lo, hi;
    if (!rational_try_parse(lower, lo) || !rational_try_parse(upper, hi))
        return ", lower_c1 " + checker::string_quote_short(lower) + ", upper_c2 " +
               checker::string_quote_short(upper);
    std::string s = ", " + number_named("lower_c1", lo) + ", " + number_named("upper_c2", hi);
    if (hi != 0) s += ", relative separation " + decimal_short((lo - hi) / hi, 3);
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
    return ", " + sizes_text(reg.D, reg.K, reg.shape, reg.kernel_shape) +
           ", R = " + std::to_string(reg.R) + "), C0 = " + std::to_string(b.evidence.u.size()) +
           bounds_text(reg.lower, reg.upper);
}
std::string summary_of(const CollapseBody& b) {
    const CollapseClaim& col = b.claim;
    return ", " + sizes_text(col.D, col.K, col.shape, col.kernel_shape) +
           (col.R == 1 ? "" : ", R = " + std::to_string(col.R)) + ", " +
           std::to_string(col.input.u.size()) + " channels -> " +
           std::to_string(col.output.u.size()) + ")" + collapse_numbers_text(col);
}
std::string summary_of(const RankBody& b) {
    const RankClaim& rank = b.claim;
    const std::string D = rank.shape.size() == 2
                              ? std::to_string(rank.shape[0]) + "x" + std::to_string(rank.shape[1])
                              : std::to_string(rank.D);
    return ", R = " + std::to_string(rank.R) + ", D = " + D +
           ", rank >= " + std::to_string(rank.rank) + ")";
}
std::string summary_of(const MaxmarginBody& b) {
    const MaxmarginClaim& mm = b.claim;
    return ", " + sizes_text(mm.D, mm.K, mm.shape, mm.kernel_shape) +
           ", R = " + std::to_string(mm.R) + ", " + std::to_string(mm.x.size()) + " samples)" +
           bounds_text(mm.lower, mm.upper);
}
std::string summary_of(const ChannelSeparationBody& b) {
    const ChannelSeparationClaim& sep = b.claim;
    return ", " + sizes_text(sep.D, sep.K, sep.shape, sep.kernel_shape) +
           "), C0 = " + std::to_string(b.evidence.u.size()) + ", " +
           std::to_string(b.evidence.leaves.size()) + " leaves" +
           separation_text(sep.lower_c1, sep.upper_c2);
}

} // namespace

std::string certificate_summary(const Certificate& cert) {
    return "(" + certificate_kind_name(cert) +
           std::visit([](const auto& body) { return summary_of(body); }, cert.body);
}

} // namespace convcert
