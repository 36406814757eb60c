// Benchmark of the one-channel lower bound (issue 18): for the instance and random
// integer signals on grids with rational DFT cosines, the certified L1 against the best
// one-channel cost found, leaf counts, and the times to generate and to verify the evidence.
// Usage: bench_separation [max_leaves [margin]] (defaults 200000 and 1e-3; an instance that needs
// more leaves is reported as not certified).
#include "bench/separation_fixtures.h"
#include "certify/checker/rational.h"
#include "support/stopwatch.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

using namespace convcert;

namespace {

struct Instance {
    const char* name;
    Grid grid;
    std::vector<long> w;
};

std::vector<Instance> instances() {
    std::vector<Instance> out{{"issue 18", grid_2d(3, 3, 2, 2), {2, -2, -3, 3, 2, -1, 0, 1, -3}}};
    const struct {
        long D1, D2, K1, K2;
    } shapes[] = {{3, 3, 2, 2}, {2, 3, 2, 2}, {4, 4, 2, 2}, {3, 6, 2, 2},
                  {4, 4, 2, 3}, {3, 6, 3, 2}, {4, 4, 3, 3}};
    unsigned long seed = 100;
    for (const auto& s : shapes)
        for (int i = 0; i < 2; ++i, ++seed)
            out.push_back({"random", grid_2d(s.D1, s.D2, s.K1, s.K2),
                           fixtures::random_int_signal(seed, s.D1 * s.D2)});
    return out;
}

void run(const Instance& in, long max_leaves, double margin) {
    std::printf("%-8s %ldx%ld K %ldx%ld w [", in.name, in.grid.D1, in.grid.D2, in.grid.K1,
                in.grid.K2);
    for (std::size_t j = 0; j < in.w.size(); ++j)
        std::printf("%s%ld", j ? " " : "", in.w[j]);
    std::printf("]\n");
    separation::OneChannelBoundOptions opt;
    opt.max_leaves = max_leaves;
    opt.margin = margin;
    support::Stopwatch clock;
    try {
        const separation::OneChannelBound b =
            separation::one_channel_bound(in.grid, fixtures::signal_from_ints(in.w), opt);
        const double generate = clock.seconds();
        clock.restart();
        const checker::Verdict v = checker::check_one_channel_bound(
            fixtures::one_channel_claim(b, in.w), fixtures::one_channel_evidence(b));
        const double check = clock.seconds();
        std::printf("   L1 %.6f  best cost %.6f  (L1/best - 1 = %.2e)  terms %ld  leaves %zu  "
                    "nodes %ld  retargets %d\n",
                    b.lower_double, b.best_cost, b.lower_double / b.best_cost - 1, b.terms,
                    b.leaves.size(), b.nodes, b.retargets);
        std::printf("   search %.3f s  tree %.3f s  generate %.3f s  check %.3f s (estimated "
                    "%.3f s)  verdict %s %s\n",
                    b.search_seconds, b.tree_seconds, generate, check,
                    checker::work_charged_ns() * 1e-9, v.valid ? "valid" : "INVALID",
                    v.reason.c_str());
    } catch (const std::exception& e) {
        std::printf("   not certified after %.3f s: %s\n", clock.seconds(), e.what());
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    const long max_leaves = argc > 1 ? std::atol(argv[1]) : 200000;
    const double margin = argc > 2 ? std::atof(argv[2]) : 1e-3;
    std::printf("max leaves %ld, margin %g (L1 = best cost x (1 - margin), rounded down)\n",
                max_leaves, margin);
    for (const Instance& in : instances())
        run(in, max_leaves, margin);
    return 0;
}
