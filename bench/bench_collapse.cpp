// Benchmark of the certified collapse (regularizer/collapse.h; run by hand, not a test), in two
// parts. (1) `convcert collapse`'s pipeline on random networks (integer kernels in [-4, 4],
// second layers p/q with |p| <= 9, q <= 4; deterministic from --seed) for R in {2, 3, 4}, K in
// {4, 16, 64}, D = 256, C in {2R, 3R, 4R}: time of the numerical spectral factor, of the exact
// part (rounding, exact least-norm V, exact cost), of the check by the checker library, channels
// out, rounding bits, slack, certificate size (JSON bytes). (2) The multi-channel bracket
// (regularizer/bracket.h) on random integer W with the collapse to C0 = R and without it
// (RegularizerKernelOptions::collapse): time, C0 and certified gap of both.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "regularizer/bracket.h"
#include "regularizer/collapse.h"
#include "support/stopwatch.h"

#include <flint/fmpq.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace {

using namespace convcert;
using namespace convcert::regularizer;

const char* kHelp = R"HELP(usage: bench_collapse [--quick] [--seed N]
  --quick   collapse: K in {4, 16}, C = 2R only; bracket: K = 3 only (default: all)
  --seed N  seed of the random networks and W (default 1)
)HELP";

struct Options {
    bool quick = false;
    unsigned long seed = 1;
};

bool parse(int argc, char** argv, Options* o) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            o->quick = true;
        } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            o->seed = std::strtoul(argv[++i], nullptr, 10);
        } else {
            return false;
        }
    }
    return true;
}

NetworkInstance random_network(std::mt19937_64& rng, long R, long K, long C, long D) {
    std::uniform_int_distribution<long> kernel(-4, 4), p(-9, 9), q(1, 4);
    NetworkInstance net;
    net.D = D;
    net.K = K;
    net.R = R;
    for (long c = 0; c < C; ++c) {
        net.u.emplace_back(R, K);
        for (long r = 0; r < R; ++r)
            for (long k = 0; k < K; ++k)
                fmpq_set_si(net.u.back().at(r, k), kernel(rng), 1);
    }
    fmpq_one(net.u[0].at(0, 0)); // not the zero network
    net.v = support::FmpqMat(C, D);
    for (long c = 0; c < C; ++c)
        for (long j = 0; j < D; ++j)
            fmpq_set_si(net.v.at(c, j), p(rng), static_cast<ulong>(q(rng)));
    return net;
}

void collapse_row(const NetworkInstance& net) {
    const CollapseResult r = regularizer_collapse(net);
    const support::Stopwatch watch;
    const checker::Verdict v = checker::check_certificate(r.certificate);
    const double check = watch.seconds();
    const double mb = static_cast<double>(certificate_to_json(r.certificate).size()) / 1e6;
    std::printf("%2ld %3ld %3ld %3ld | %8.3f %8.3f %8.3f | %3ld %4ld %9.2e %8.2f | %5.1f%% %s\n",
                net.R, net.K, net.D, r.channels, r.factor_seconds, r.seconds - r.factor_seconds,
                check, r.channels_out, r.bits, r.slack, mb, 100 * (1 - r.cost_out / r.cost_in),
                v.valid ? "valid" : v.reason.c_str());
    std::fflush(stdout);
}

support::FmpqMat random_w(std::mt19937_64& rng, long R, long D) {
    std::uniform_int_distribution<long> entry(-4, 4);
    support::FmpqMat W(R, D);
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            fmpq_set_si(W.at(r, j), entry(rng), 1);
    return W;
}

void bracket_row(const support::FmpqMat& W, long K) {
    std::printf("%2ld %3ld %3ld |", static_cast<long>(W.rows()), static_cast<long>(W.cols()), K);
    for (bool collapse : {true, false}) {
        RegularizerKernelOptions options;
        options.collapse = collapse;
        try {
            const RegularizerBracket b =
                regularizer_bracket(W, K, RegularizerSolver::Auto, options);
            std::printf(" %8.2f %3ld %9.2e |", b.total_seconds, b.C0, b.relative_gap);
        } catch (const std::exception& e) {
            std::printf(" failed: %s |", e.what());
        }
    }
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, &o)) {
        std::fputs(kHelp, stderr);
        return 2;
    }
    std::mt19937_64 rng(o.seed);
    std::printf(
        "certified collapse (times in s; exact = rounding, least-norm V, cost)\n"
        " R   K   D   C | factor    exact    check | out bits     slack       MB |  saved\n");
    const std::vector<long> Ks = o.quick ? std::vector<long>{4, 16} : std::vector<long>{4, 16, 64};
    for (long R : {2, 3, 4})
        for (long K : Ks)
            for (long C = 2 * R; C <= (o.quick ? 2 * R : 4 * R); C += R)
                collapse_row(random_network(rng, R, K, C, 256));
    std::printf("\nmulti-channel bracket, W integer in [-4, 4]: with the collapse | without\n"
                " R   D   K |   time s  C0       gap |   time s  C0       gap |\n");
    for (long R : {2, 3})
        for (long K : o.quick ? std::vector<long>{3} : std::vector<long>{3, 4})
            bracket_row(random_w(rng, R, 8), K);
    return 0;
}
