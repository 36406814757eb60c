// Times the checker on crafted certificates at and beyond its work limits (docs/certificates.md,
// "Limits"): `bench_checker_limits CASE ARGS...` checks one certificate and prints the verdict,
// the wall time and the work meter's estimate. Run it under /usr/bin/time -v for the peak RSS.
//   exact-horner N D        lemma-exact, minpoly y^N - 1, interval ends 1 -+ 10^-D
//   exact-bisect N DIGITS   lemma-exact, minpoly y^N - 1, [1/3, 2] bisected to DIGITS digits
//   long-c LENGTH           lemma-exact, sqrt 2 as a polynomial of LENGTH coefficients
//   primes K                lemma-enclosure, vectors with K distinct prime denominators
//   enclosure K             lemma-enclosure, a valid K-dimensional box
//   psd D K BITS            regularizer-bracket, dense λ over 2^BITS
//   rank R BITS             rank-bound, a dense R×R minor of BITS-bit integers
//   files PATH...           certificate files (e.g. those of convcert reproduce), one line each
#include "bench/checker_crafted.h"
#include "certify/checker/checker.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

using namespace convcert;

namespace {

Certificate crafted_certificate(int argc, char** argv) {
    const std::string name = argv[1];
    auto arg = [&](int i) { return i < argc ? std::strtoul(argv[i], nullptr, 10) : 0UL; };
    if (name == "exact-horner") return crafted::lemma_exact_power(arg(2), unsigned(arg(3)), false);
    if (name == "exact-bisect")
        return crafted::lemma_exact_power(arg(2), 0, true, static_cast<long>(arg(3)));
    if (name == "long-c") return crafted::lemma_exact_long_c(arg(2));
    if (name == "primes") return crafted::lemma_distinct_primes(arg(2));
    if (name == "enclosure") return crafted::lemma_enclosure_dominant(arg(2));
    if (name == "psd") return crafted::regularizer_dense(arg(2), arg(3), unsigned(arg(4)));
    if (name == "rank") return crafted::rank_dense(arg(2), unsigned(arg(3)));
    std::fprintf(stderr, "unknown case %s\n", name.c_str());
    std::exit(2);
}

/// Checks one certificate and prints "name: seconds (estimate): verdict".
void check_and_print(const Certificate& cert, const std::string& name) {
    const auto t0 = std::chrono::steady_clock::now();
    const checker::Verdict v = checker::check_certificate(cert);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: %.2f s (estimate %.2f s): %s%s\n", name.c_str(), seconds,
                checker::work_charged_ns() * 1e-9,
                v.valid       ? "valid"
                : v.undecided ? "undecided: "
                              : "INVALID: ",
                v.reason.c_str());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_checker_limits CASE ARGS... (see the source)\n");
        return 2;
    }
    if (std::string(argv[1]) != "files") {
        check_and_print(crafted_certificate(argc, argv), argv[1]);
        return 0;
    }
    for (int i = 2; i < argc; ++i) {
        std::ifstream in(argv[i]);
        std::stringstream text;
        text << in.rdbuf();
        const CertificateReadResult read = certificate_from_json(text.str());
        if (!read.certificate) {
            std::printf("%s: unreadable: %s\n", argv[i], read.error.c_str());
            continue;
        }
        check_and_print(*read.certificate, argv[i]);
    }
    return 0;
}
