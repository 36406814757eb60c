// network-collapse (docs/certificates.md): a one-channel network that realizes the same w as
// a given C-channel network (single-channel inputs) at cost at most the given one's plus a
// stated slack -- the Theorem's collapse (MATH.md §3) for one concrete network. Everything is
// recomputed from the two networks: both predictors, both costs, and the inequality.
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"

namespace convcert::checker {

namespace {

/// The R = 1 kernels of a collapse network as the one-row kernels network_parse reads.
std::vector<std::vector<std::vector<std::string>>>
kernels_one_row(const std::vector<std::vector<std::string>>& u) {
    std::vector<std::vector<std::vector<std::string>>> out;
    out.reserve(u.size());
    for (const auto& kernel : u)
        out.push_back({kernel});
    return out;
}

} // namespace

Verdict check_network_collapse(const CollapseClaim& claim) {
    return verdict_run([&] {
        // 1. structure, sizes, canonical rationals, slack >= 0.
        limit_check_range(claim.D, 1, kMaxSignalLength, "claim: D");
        if (claim.K < 1 || claim.K > claim.D)
            reject("claim: K = " + std::to_string(claim.K) + " is outside [1, D]");
        if (claim.R != 1)
            reject("claim: R = " + std::to_string(claim.R) +
                   " but network-collapse needs single-channel inputs (R = 1)");
        const auto D = static_cast<std::size_t>(claim.D), K = static_cast<std::size_t>(claim.K);
        const RatRows w = {rational_vector_parse(claim.w, D, "w")};
        const ExactNetwork input = network_parse(kernels_one_row(claim.input.u), claim.input.v, D,
                                                 K, 1, "input", "input.");
        if (claim.output.u.size() != 1 || claim.output.v.size() != 1)
            reject("output: " + std::to_string(claim.output.u.size()) + " kernels u and " +
                   std::to_string(claim.output.v.size()) +
                   " vectors v, expected exactly one channel");
        const ExactNetwork output = network_parse(kernels_one_row(claim.output.u), claim.output.v,
                                                  D, K, 1, "output", "output.");
        const Rat cost_in = rational_parse_canonical(claim.cost_in, "cost_in");
        const Rat cost_out = rational_parse_canonical(claim.cost_out, "cost_out");
        const Rat slack = rational_parse_canonical(claim.slack, "slack");
        if (slack < 0) reject("slack = " + rational_to_string_short(slack) + " is negative");
        // 2-3. both networks realize the claimed w, hence the same w.
        network_check_realizes(input, w, "the input network");
        network_check_realizes(output, w, "the output network");
        // 4-5. the claimed costs are the recomputed ones.
        const Rat in = network_cost(input), out = network_cost(output);
        if (in != cost_in)
            reject("cost_in is " + rational_to_string_short(cost_in) +
                   " but the input network costs " + rational_to_string_short(in));
        if (out != cost_out)
            reject("cost_out is " + rational_to_string_short(cost_out) +
                   " but the output network costs " + rational_to_string_short(out));
        // 6. the collapse does not cost more than the input (up to the stated slack).
        if (out > in + slack)
            reject("cost_out = " + rational_to_string_short(out) +
                   " exceeds cost_in + slack = " + rational_to_string_short(in + slack));
    });
}

} // namespace convcert::checker
