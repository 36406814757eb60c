// network-collapse (docs/certificates.md): a network with at most R channels (on a grid with
// D1, D2 > 1: at most max(R, C)) that realizes the same w as a given C-channel network (R input
// channels) at cost at most the given one's plus a stated slack -- the collapse of MATH.md §3 (R =
// 1) and of "The multi-channel conjecture follows from the matrix Fejér–Riesz theorem" (R > 1) for
// one concrete network. Everything is recomputed from the two networks: both predictors, both
// costs, and the inequality. A 2-D claim ("shape", "kernel_shape") convolves on Z_D1 × Z_D2
// (network_grid, network_check_realizes).
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"

#include <algorithm>

namespace convcert::checker {

Verdict check_network_collapse(const CollapseClaim& claim) {
    return verdict_run([&] {
        // 1. structure, sizes, canonical rationals, at most R output channels, slack >= 0.
        const Grid grid = network_grid(claim.D, claim.K, claim.R, claim.shape, claim.kernel_shape);
        const auto D = static_cast<std::size_t>(claim.D), R = static_cast<std::size_t>(claim.R);
        const RatRows w = rows_parse(claim.w, R, D, "w");
        const ExactNetwork input =
            network_parse(claim.input.u, claim.input.v, grid, R, "input", "input.");
        // 1-D (and D1 = 1 or D2 = 1): at most R, the Lemma's collapse. 2-D: at most max(R, C),
        // since one channel is not always possible there (MATH.md).
        const bool two_d = grid.D1 > 1 && grid.D2 > 1;
        const std::size_t most = two_d ? std::max(R, claim.input.u.size()) : R;
        if (claim.output.u.size() > most || claim.output.v.size() > most)
            reject("output: " + std::to_string(claim.output.u.size()) + " kernels u and " +
                   std::to_string(claim.output.v.size()) + " vectors v, expected 1 to " +
                   (two_d ? "max(R, C) = " : "R = ") + std::to_string(most) + " channels");
        const ExactNetwork output =
            network_parse(claim.output.u, claim.output.v, grid, R, "output", "output.");
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
