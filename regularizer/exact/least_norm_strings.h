// EDGE ADAPTER, removed when the pipeline switches to the exact API of least_norm.h
// (regularizer/network_one_channel.cpp and network_multi.cpp are its last users): the old
// string-typed R = 1 entry points and the old raw-array R >= 1 entry point, each a thin
// conversion around regularizer_least_norm. No logic here.
#pragma once

#include <flint/fmpq.h>
#include <flint/fmpz.h>

#include <string>
#include <vector>

namespace convcert::regularizer {

/// v = N / den: D integer numerators over one positive common denominator (not reduced).
struct LeastNormSolution {
    std::vector<std::string> numerators; ///< D integers, decimal
    std::string denominator;             ///< a positive integer
    long denominator_bits = 0;           ///< its size
};

/// regularizer_least_norm for one kernel u (K rationals "p" / "p/q") and w (D rationals).
/// Throws std::invalid_argument on malformed input, as regularizer_least_norm otherwise.
LeastNormSolution regularizer_least_norm(const std::vector<std::string>& u,
                                         const std::vector<std::string>& w);

/// The same solution as D canonical rational strings.
std::vector<std::string> regularizer_least_norm_v(const std::vector<std::string>& u,
                                                  const std::vector<std::string>& w);

/// regularizer_least_norm for kernels u_c[r][k] = u_num[(c·R + r)·K + k] / 2^u_exp and
/// W[r][j] = W[r·D + j]: v_c[j] = v_num[c·D + j] / v_den (C0·D initialized entries).
void regularizer_least_norm_multi(fmpz* v_num, fmpz_t v_den, const fmpz* u_num, ulong u_exp,
                                  const fmpq* W, long C0, long R, long K, long D);

} // namespace convcert::regularizer
