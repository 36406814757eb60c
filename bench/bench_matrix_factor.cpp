// Benchmark of the matrix spectral factor (regularizer/numeric/matrix_spectral_factor.h) against
// its peer, Bauer's block-Toeplitz Cholesky (run by hand, not a test). Instances: C random
// channels (standard normal R×K kernels, deterministic from --seed) for R in {2, 3, 4}, K in
// {4, 16, 64}, C in {2R, 3R, 4R}, then C = R = 4 with a zero of det U(z) at 1/rho near the
// circle (rho = 0.9, 0.99, 0.999); H is their matrix autocorrelation. One row per instance: wall
// time (steady_clock, one thread), iterations (Wilson's: all, dense, and its last FFT grid) and
// relative residual
// max_j ||sum_k P_k P_{k+j}ᵀ - H_j||_max / max_j ||H_j||_max of both methods, and the largest
// difference between the two factors' coefficients (relative to the largest coefficient).
#include "bench/matrix_factor_fixtures.h"
#include "regularizer/numeric/matrix_spectral_factor.h"
#include "support/stopwatch.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace {

using namespace convcert::regularizer;
using Coeffs = std::vector<Eigen::MatrixXd>;
using convcert::fixtures::random_kernels;

const char* kHelp = R"HELP(usage: bench_matrix_factor [--quick] [--seed N] [--bauer-rows N]
  --quick         K in {4, 16} only (default K in {4, 16, 64})
  --seed N        seed of the random kernels (default 1)
  --bauer-rows N  Bauer's row cap (default 200000)
)HELP";

struct Options {
    bool quick = false;
    unsigned long seed = 1;
    long bauer_rows = 200000;
};

bool parse(int argc, char** argv, Options* o) {
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--quick") == 0) {
            o->quick = true;
        } else if (std::strcmp(argv[i], "--seed") == 0 && has_value) {
            o->seed = std::strtoul(argv[++i], nullptr, 10);
        } else if (std::strcmp(argv[i], "--bauer-rows") == 0 && has_value) {
            o->bauer_rows = std::strtol(argv[++i], nullptr, 10);
            if (o->bauer_rows < 1) return false;
        } else {
            return false;
        }
    }
    return true;
}

double coefficient_difference(const Coeffs& a, const Coeffs& b) {
    double diff = 0, scale = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        diff = std::max(diff, (a[k] - b[k]).cwiseAbs().maxCoeff());
        scale = std::max(scale, a[k].cwiseAbs().maxCoeff());
    }
    return diff / scale;
}

// C = R random channels, the first one's taps convolved with (1, -rho): det U(z) gets the zero
// 1/rho, near the circle for rho near 1.
Coeffs near_circle_kernels(unsigned long seed, long R, long K, double rho) {
    Coeffs u = random_kernels(seed, R, K, R);
    u[0].col(K - 1).setZero();
    for (long k = K - 1; k >= 1; --k)
        u[0].col(k) -= rho * u[0].col(k - 1);
    return u;
}

void run_instance(const Coeffs& u, const char* label, const Options& o) {
    const long R = u[0].rows(), K = u[0].cols(), C = static_cast<long>(u.size());
    const Coeffs H = regularizer_matrix_autocorrelation(u);
    convcert::support::Stopwatch sw;
    const MatrixSpectralFactor f = regularizer_matrix_spectral_factor(H, 1e-12);
    const double t_newton = sw.seconds();
    sw.restart();
    const MatrixSpectralFactor b = regularizer_matrix_spectral_factor_bauer(H, 1e-14, o.bauer_rows);
    const double t_bauer = sw.seconds();
    std::printf(
        "%2ld %3ld %3ld %6s | %9.4f %4ld %5ld %6ld %9.2e %4ld | %9.4f %7ld %9.2e | %9.2e %7.1f\n",
        R, K, C, label, t_newton, f.iterations, f.dense_iterations, f.grid, f.residual, f.rank,
        t_bauer, b.iterations, b.residual, coefficient_difference(f.P, b.P), t_bauer / t_newton);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, &o)) {
        std::fputs(kHelp, stderr);
        return 2;
    }
    std::printf(" R   K   C    rho | wilson s   it dense   grid  residual rank |  bauer s    rows  "
                "residual | "
                "  diff  bauer/wilson\n");
    const std::vector<long> Ks = o.quick ? std::vector<long>{4, 16} : std::vector<long>{4, 16, 64};
    for (long R : {2, 3, 4})
        for (long K : Ks)
            for (long C : {2 * R, 3 * R, 4 * R})
                run_instance(random_kernels(o.seed + 1000 * K + 10 * C + R, R, K, C), "-", o);
    // Near the circle (C = R): Bauer slows down as rho -> 1; Wilson's FFT grid grows.
    const char* labels[] = {"0.9", "0.99", "0.999"};
    const double rhos[] = {0.9, 0.99, 0.999};
    for (long K : Ks)
        for (int i = 0; i < 3; ++i)
            run_instance(near_circle_kernels(o.seed + 7 * K, 4, K, rhos[i]), labels[i], o);
    return 0;
}
