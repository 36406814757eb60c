// The one-channel bound as the checker reads it, and small integer signals: shared by
// tests/test_separation.cpp and bench/bench_separation.cpp. (The certificate kind and its JSON
// come when the kind is registered; until then the checker is called on these structs.)
#pragma once

#include "certify/checker/check_one_channel_bound.h"
#include "separation/one_channel_bound.h"

#include <random>
#include <string>
#include <vector>

namespace convcert::fixtures {

/// Exact integer signal values.
inline std::vector<support::Fmpq> signal_from_ints(const std::vector<long>& v) {
    std::vector<support::Fmpq> w(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        fmpq_set_si(w[i].x, v[i], 1);
    return w;
}

/// D integers uniform in [-3, 3] from a mt19937_64 seeded with `seed`, not all zero.
inline std::vector<long> random_int_signal(unsigned long seed, long D) {
    std::mt19937_64 gen(seed);
    std::uniform_int_distribution<long> pick(-3, 3);
    std::vector<long> w(static_cast<std::size_t>(D));
    do
        for (long& x : w)
            x = pick(gen);
    while (w == std::vector<long>(w.size(), 0));
    return w;
}

/// The checker's claim for b (computed from the integer signal w).
inline checker::OneChannelBoundClaim one_channel_claim(const separation::OneChannelBound& b,
                                                       const std::vector<long>& w) {
    checker::OneChannelBoundClaim c{b.grid.D1, b.grid.D2, b.grid.K1, b.grid.K2, {}, b.lower};
    for (long x : w)
        c.w.push_back(std::to_string(x));
    return c;
}

/// The checker's evidence for b.
inline checker::OneChannelBoundEvidence one_channel_evidence(const separation::OneChannelBound& b) {
    checker::OneChannelBoundEvidence e;
    for (const separation::OneChannelLeaf& l : b.leaves)
        e.leaves.push_back(checker::OneChannelBoundLeaf{l.face, l.lo, l.hi, l.bound});
    return e;
}

} // namespace convcert::fixtures
