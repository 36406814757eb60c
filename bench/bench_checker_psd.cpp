// Times the checker's PSD tests (docs/certificates.md, "The PSD test") on regularizer-bracket
// certificates with D = K = n, R = 1, dense 64-bit λ (bench/checker_crafted.h), in one run:
//   bench_checker_psd [--exact-max M] [n...]     (default n = 64 128 256 512 1024, M = 128)
// For each n: the exact products 4 den² I - T(Λ)T(Λ)ᵀ, the floating-point test and (n <= M)
// the exact Bareiss test on that matrix, and the whole check of the certificate.
#include "bench/checker_crafted.h"
#include "certify/checker/checker.h"
#include "certify/checker/psd_exact.h"
#include "certify/checker/psd_float.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace convcert;
using namespace convcert::checker;

namespace {

double seconds_of(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// 4 den² I - T(Λ)T(Λ)ᵀ for R = 1, K = D = λ's length, λ = Λ / 2^64 as the crafted file has it.
SymMatrix dual_gram(const std::vector<std::string>& lambda) {
    const std::size_t n = lambda.size();
    const Int den = Int(1) << 64;
    std::vector<Int> L;
    for (const auto& s : lambda)
        L.push_back(numerator(rational_parse_canonical(s, "lambda") * den));
    SymMatrix m(n);
    for (std::size_t lag = 0; lag < n; ++lag) { // T Tᵀ[k][k'] = sum_i Λ_i Λ_(i + k' - k)
        Int c = 0;
        for (std::size_t i = 0; i < n; ++i)
            c += L[i] * L[(i + lag) % n];
        for (std::size_t k = 0; k + lag < n; ++k)
            m.at(k, k + lag) = -c;
    }
    for (std::size_t i = 0; i < n; ++i)
        m.at(i, i) += 4 * den * den;
    return m;
}

const char* verdict_name(PsdFloat v) {
    return v == PsdFloat::positive_definite ? "PD" : v == PsdFloat::not_psd ? "not PSD" : "?";
}

} // namespace

int main(int argc, char** argv) {
    std::size_t exact_max = 128;
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--exact-max" && i + 1 < argc)
            exact_max = std::strtoul(argv[++i], nullptr, 10);
        else
            sizes.push_back(std::strtoul(argv[i], nullptr, 10));
    }
    if (sizes.empty()) sizes = {64, 128, 256, 512, 1024};
    std::printf("%6s %10s %10s %10s %12s %12s  %s\n", "n", "products", "float", "exact",
                "exact/float", "whole check", "verdicts (float, exact, check)");
    for (const std::size_t n : sizes) {
        const Certificate cert = crafted::regularizer_dense(n, n, 64);
        const auto& lambda = std::get<RegularizerBody>(cert.body).evidence.lambda[0];
        SymMatrix m(0);
        const double t_products = seconds_of([&] { m = dual_gram(lambda); });
        PsdFloatResult fast;
        const double t_float = seconds_of([&] { fast = sym_matrix_psd_float(m); });
        double t_exact = -1;
        long exact = -2;
        if (n <= exact_max) {
            SymMatrix copy = m;
            t_exact = seconds_of([&] { exact = sym_matrix_psd_failure_exact(copy); });
        }
        Verdict v;
        const double t_check = seconds_of([&] { v = check_certificate(cert); });
        char exact_text[32] = "-", ratio_text[32] = "-";
        if (t_exact >= 0) {
            std::snprintf(exact_text, sizeof exact_text, "%.3f", t_exact);
            std::snprintf(ratio_text, sizeof ratio_text, "%.0f", t_exact / t_float);
        }
        std::printf("%6zu %10.3f %10.3f %10s %12s %12.3f  %s, %s, %s\n", n, t_products, t_float,
                    exact_text, ratio_text, t_check, verdict_name(fast.verdict),
                    exact == -2   ? "-"
                    : exact == -1 ? "PSD"
                                  : "not PSD",
                    v.valid ? "valid" : v.reason.c_str());
        std::fflush(stdout);
    }
    return 0;
}
