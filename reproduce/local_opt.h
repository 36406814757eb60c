// Local optimization of the reduced cost over C-channel networks (the experiment a user would
// run, MATH.md §3.1 fact 1 and §8): F(U) = ||U||² + (1/D) sum_{d: Ŵ_d≠0} Ŵ_dᴴ Σ_d(U)⁻¹ Ŵ_d with
// Σ_d(U) = sum_c û_c[:,d] û_c[:,d]ᴴ (R×R), i.e. the cost of the kernels U with their least-norm
// second layer V. For R = 1 this is ||U||² + (1/D) sum_d |ŵ[d]|²/σ_U(d). L-BFGS with Armijo
// backtracking from seeded random starts; everything in double, deterministic (fixed
// iteration caps, no wall-clock limits). Empirical: a local minimum is an upper estimate of
// R_{K,C}(W), never a certified value (the exact network of network_multi.h is).
#pragma once

#include <cstdint>
#include <vector>

namespace convcert::reproduce {

using Rows = std::vector<std::vector<double>>; ///< R rows of D doubles
using Kernels = std::vector<Rows>;             ///< C kernels, each R rows of K

/// F(U) and, when grad is not null, its gradient (same shape as U). Returns +infinity when
/// some Σ_d with Ŵ_d ≠ 0 is not (numerically) positive definite; |Ŵ_d| <= 1e-13 max_d |Ŵ_d|
/// counts as 0. Preconditions: W has R >= 1 rows of D >= 1, U has C >= 1 kernels of R rows of
/// the same K <= D; throws std::invalid_argument otherwise.
double reproduce_reduced_cost(const Rows& W, const Kernels& U, Kernels* grad = nullptr);

struct LocalOptRun {
    Kernels kernels;        ///< the final point
    double value = 0;       ///< F there
    int iterations = 0;     ///< L-BFGS iterations taken
    bool converged = false; ///< gradient test met (else an iteration cap or a stall)
};

/// L-BFGS (memory 10) from start until ||∇F||_∞ <= gradient_tolerance·(1 + F), the step
/// stalls, or max_iterations. Precondition: F(start) finite (throws std::invalid_argument).
LocalOptRun reproduce_lbfgs(const Rows& W, const Kernels& start, int max_iterations = 2000,
                            double gradient_tolerance = 1e-11);

/// splitmix64: the seed of instance `index` derived from the suite seed (and of a start).
std::uint64_t reproduce_seed_mix(std::uint64_t seed, std::uint64_t index);

/// C random kernels of R rows of K, entries N(0, s²) with s = (||W||_F / (C·R·K))^(1/2) from a
/// seeded generator (own Box–Muller: identical on every platform).
Kernels reproduce_random_kernels(const Rows& W, long C, long K, std::uint64_t seed);

struct LocalSearch {
    double best = 0;            ///< smallest F over the starts
    std::vector<double> values; ///< F at the end of each start
    Kernels best_kernels;
    int iterations = 0; ///< total
};

/// `starts` >= 1 L-BFGS runs with C channels from reproduce_random_kernels(W, C, K,
/// reproduce_seed_mix(seed, s)); starts whose random point has F = inf are redrawn (up to 10
/// times each).
LocalSearch reproduce_local_search(const Rows& W, long K, long C, int starts, std::uint64_t seed,
                                   int max_iterations = 2000);

} // namespace convcert::reproduce
