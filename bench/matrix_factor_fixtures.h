// Random multi-channel kernels for the matrix spectral factor: shared by
// tests/test_matrix_spectral_factor.cpp (identities) and bench/bench_matrix_factor.cpp (timings).
#pragma once

#include <Eigen/Dense>

#include <random>
#include <vector>

namespace convcert::fixtures {

/// C kernels of R rows of K taps, entries standard normal from a mt19937_64 seeded with `seed`.
inline std::vector<Eigen::MatrixXd> random_kernels(unsigned long seed, long R, long K, long C) {
    std::mt19937_64 gen(seed);
    std::normal_distribution<double> normal;
    std::vector<Eigen::MatrixXd> u(static_cast<std::size_t>(C), Eigen::MatrixXd(R, K));
    for (auto& m : u)
        for (long i = 0; i < R; ++i)
            for (long k = 0; k < K; ++k)
                m(i, k) = normal(gen);
    return u;
}

} // namespace convcert::fixtures
