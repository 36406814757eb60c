// rank-bound (docs/certificates.md): an invertible rank×rank minor of W, so rank W >= rank.
// With K = 1 a network computes W = sum_c u_c v_cᵀ (u_c in R^R, v_c in R^D), of rank <= C, so
// no network with C < rank channels realizes W (MATH.md §8). The minor's determinant is decided
// by exact Gaussian elimination over Q.
#include "certify/checker/checker.h"
#include "certify/checker/claim.h"
#include "certify/checker/network.h"

#include <algorithm>

namespace convcert::checker {

namespace {

inline constexpr long kMaxRankRows = 64;

void rank_indices_check(const std::vector<long>& idx, long count, long bound,
                        const std::string& what) {
    if (static_cast<long>(idx.size()) != count)
        reject(what + ": " + std::to_string(idx.size()) +
               " indices, expected rank = " + std::to_string(count));
    for (std::size_t i = 0; i < idx.size(); ++i) {
        if (idx[i] < 0 || idx[i] >= bound)
            reject(what + "[" + std::to_string(i) + "] = " + std::to_string(idx[i]) +
                   " is outside [0, " + std::to_string(bound - 1) + "]");
        if (i > 0 && idx[i] <= idx[i - 1])
            reject(what + " is not strictly increasing at index " + std::to_string(i));
    }
}

} // namespace

Verdict check_rank_bound(const RankClaim& claim, const RankEvidence& evidence) {
    return verdict_run([&] {
        // 1. structure, sizes, canonical rationals, indices.
        limit_check_range(claim.D, 1, kMaxSignalLength, "claim: D");
        if (claim.K != 1)
            reject("claim: K = " + std::to_string(claim.K) +
                   " but rank-bound is stated for K = 1 only");
        // A 2-D claim's kernel_shape is then [1, 1]; the grid plays no further part (the minor
        // is of W's flat, row-major columns).
        network_grid(claim.D, claim.K, claim.R, claim.shape, claim.kernel_shape);
        limit_check_range(claim.R, 1, kMaxRankRows, "claim: R");
        if (static_cast<long>(claim.w.size()) != claim.R)
            reject("claim: w has " + std::to_string(claim.w.size()) +
                   " rows, expected R = " + std::to_string(claim.R));
        if (claim.rank < 1 || claim.rank > std::min(claim.R, claim.D))
            reject("claim: rank = " + std::to_string(claim.rank) + " is outside [1, min(R, D)]");
        std::vector<std::vector<Rat>> W;
        for (long r = 0; r < claim.R; ++r)
            W.push_back(rational_vector_parse(claim.w[static_cast<std::size_t>(r)],
                                              static_cast<std::size_t>(claim.D),
                                              "w[" + std::to_string(r) + "]"));
        rank_indices_check(evidence.rows, claim.rank, claim.R, "evidence.rows");
        rank_indices_check(evidence.columns, claim.rank, claim.D, "evidence.columns");
        // 2. the minor is invertible: each row over its own common denominator (a nonzero
        // row scaling), then fraction-free (Bareiss) elimination with row swaps; every division
        // is exact (Sylvester's identity), and no gcd is taken.
        const auto n = static_cast<std::size_t>(claim.rank);
        std::vector<std::vector<Int>> M;
        double bits = 1;
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<Rat> row;
            for (std::size_t j = 0; j < n; ++j)
                row.push_back(W[static_cast<std::size_t>(evidence.rows[i])]
                               [static_cast<std::size_t>(evidence.columns[j])]);
            M.push_back(rational_vector_clear_denominators(row).num);
            for (const Int& x : M.back())
                bits = std::max(bits, x.is_zero() ? 1.0 : static_cast<double>(msb(abs(x)) + 1));
        }
        work_charge(cost_bareiss_ns(static_cast<double>(n), bits, false),
                    "the elimination of the rank x rank minor");
        Int prev = 1;
        for (std::size_t col = 0; col < n; ++col) {
            std::size_t pivot = col;
            while (pivot < n && M[pivot][col] == 0)
                ++pivot;
            if (pivot == n)
                reject("the minor (evidence.rows x evidence.columns) is singular: column " +
                       std::to_string(col) + " of its echelon form has no pivot");
            std::swap(M[pivot], M[col]);
            for (std::size_t i = col + 1; i < n; ++i) {
                for (std::size_t j = col + 1; j < n; ++j)
                    M[i][j] = (M[col][col] * M[i][j] - M[i][col] * M[col][j]) / prev; // exact
                M[i][col] = 0;
            }
            prev = M[col][col];
        }
    });
}

} // namespace convcert::checker
