// SDPA-format files of the regularizer SDPs (sdpa_format.h) and the full-form peers (sdp_full.h):
// the file reads back as exactly the data SDPA is given, and CSDP (an independent solver, run on
// the written files) finds the closed forms of MATH.md §5 at K = 1 and K = D and, at 1 < K < D,
// the value of convcert's own reduced solve. CSDP is required: scripts/setup.sh installs it.
#include "bench/peers/csdp_run.h"
#include "bench/peers/sdp_full.h"
#include "regularizer/sdp/sdp_autocorrelation.h"
#include "regularizer/sdp/sdp_data.h"
#include "regularizer/sdp/sdpa_format.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace convcert::regularizer;

namespace {

std::vector<double> random_w(long D, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> w(D);
    for (double& x : w)
        x = normal(gen);
    return w;
}

/// 2 ||w||_2, computed here.
double closed_k1(const std::vector<double>& w) {
    long double s = 0;
    for (double x : w)
        s += static_cast<long double>(x) * x;
    return static_cast<double>(2 * std::sqrt(s));
}

/// (2/D) sum_d |ŵ[d]| with a naive long-double DFT, independent of regularizer_dft.
double closed_kd(const std::vector<double>& w) {
    const long D = static_cast<long>(w.size());
    const long double pi = std::acos(-1.0L);
    long double sum = 0;
    for (long d = 0; d < D; ++d) {
        std::complex<long double> z = 0;
        for (long j = 0; j < D; ++j)
            z += static_cast<long double>(w[j]) *
                 std::polar(1.0L, -2 * pi * static_cast<long double>((j * d) % D) / D);
        sum += std::abs(z);
    }
    return static_cast<double>(2 * sum / D);
}

double rel(double a, double b) {
    return std::abs(a - b) / std::max(std::abs(a), std::abs(b));
}

/// A fresh temporary directory, removed with its contents at scope exit.
struct TempDir {
    std::string path;
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "convcert-sdpa-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

struct CsdpValues {
    double primal = 0; ///< R at CSDP's primal point (w unscaled)
    double dual = 0;
};

/// Writes data to a file, runs CSDP on it and rescales its objectives to R_{K,∞}(w).
CsdpValues csdp_solve(const RegularizerSdpData& data) {
    TempDir dir;
    const std::string path = dir.path + "/problem.dat-s";
    {
        std::ofstream file(path);
        regularizer_sdpa_write(file, data);
        REQUIRE(file.good());
    }
    const auto run = regularizer_csdp_run(path, dir.path, 60);
    INFO(run.output);
    REQUIRE(run.ran);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.parsed);
    return {-data.scale * run.primal_objective, -data.scale * run.dual_objective};
}

/// A minimal independent reader of the SDPA sparse format as sdpa_format.h writes it.
RegularizerSdpData read_sdpa(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    RegularizerSdpData data;
    while (in.peek() == '*' || in.peek() == '"') {
        std::getline(in, line);
        data.comments.push_back(line.substr(2));
    }
    long m = 0, nblock = 0;
    std::getline(in, line);
    std::istringstream(line) >> m;
    std::getline(in, line);
    std::istringstream(line) >> nblock;
    data.block_sizes.resize(nblock);
    for (auto& size : data.block_sizes)
        in >> size;
    data.c.resize(m);
    for (auto& c : data.c) {
        in >> line;
        c = std::strtod(line.c_str(), nullptr);
    }
    RegularizerSdpEntry e;
    while (in >> e.matrix >> e.block >> e.row >> e.col >> line) {
        e.value = std::strtod(line.c_str(), nullptr);
        data.entries.push_back(e);
    }
    return data;
}

void require_same(const RegularizerSdpData& a, const RegularizerSdpData& b) {
    REQUIRE(a.comments == b.comments);
    REQUIRE(a.block_sizes == b.block_sizes);
    REQUIRE(a.c == b.c); // bitwise: 17 significant digits round-trip
    REQUIRE(a.entries.size() == b.entries.size());
    for (std::size_t i = 0; i < a.entries.size(); ++i) {
        const auto &x = a.entries[i], &y = b.entries[i];
        REQUIRE(x.matrix == y.matrix);
        REQUIRE(x.block == y.block);
        REQUIRE(x.row == y.row);
        REQUIRE(x.col == y.col);
        REQUIRE(x.value == y.value);
    }
}

} // namespace

TEST_CASE("sdp data: the frequency classes {b, D-b} and their sizes", "[sdpa_format]") {
    for (long D = 1; D <= 9; ++D) {
        double total = 0;
        for (long b = 0; b <= D / 2; ++b) {
            long members = 0; // frequencies d in [0, D) with d = b or d = D - b (mod D)
            for (long d = 0; d < D; ++d)
                if (d == b || d == (D - b) % D) ++members;
            INFO("D = " << D << ", b = " << b);
            CHECK(regularizer_sdp_class_size(b, D) == static_cast<double>(members));
            CHECK(regularizer_sdp_class_self_conjugate(b, D) == (members == 1));
            total += regularizer_sdp_class_size(b, D);
        }
        CHECK(total == static_cast<double>(D)); // the classes partition the D frequencies
    }
}

TEST_CASE("sdpa format: the file reads back as exactly the solver's data", "[sdpa_format]") {
    const auto w = random_w(7, 11);
    for (long K : {1L, 3L, 7L}) {
        const auto reduced = regularizer_sdp_data_autocorrelation(w, K);
        const auto full = regularizer_sdp_data_full(w, K);
        std::ostringstream a, b;
        regularizer_sdpa_write_autocorrelation(a, w, K);
        regularizer_sdpa_write_full(b, w, K);
        require_same(read_sdpa(a.str()), reduced);
        require_same(read_sdpa(b.str()), full);
        // Shapes of MATH.md §6: the reduced form has a K×K block and ⌊D/2⌋ + 1 2×2 blocks with
        // two equations each, the full form one (K+D) block and D equations (K nonzeros each
        // plus the identity objective).
        REQUIRE(reduced.block_sizes.size() == 1 + 4);
        REQUIRE(reduced.block_sizes[0] == K);
        REQUIRE(reduced.c.size() == 2 * 4);
        REQUIRE(full.block_sizes == std::vector<int>{static_cast<int>(K + 7)});
        REQUIRE(full.c.size() == 7);
        REQUIRE(full.entries.size() == static_cast<std::size_t>(K + 7 + 7 * K));
        REQUIRE(a.str().find("scaled to unit norm") != std::string::npos);
        REQUIRE(b.str().find("scaled to unit norm") != std::string::npos);
    }
    REQUIRE_THROWS_AS(regularizer_sdp_data_full(w, 8), std::invalid_argument);
    REQUIRE_THROWS_AS(regularizer_sdp_data_autocorrelation(w, 0), std::invalid_argument);
    REQUIRE_THROWS_AS(regularizer_sdp_data_autocorrelation({1.0, NAN}, 1), std::invalid_argument);
}

TEST_CASE("sdpa format: CSDP on both files finds the closed forms", "[sdpa_format]") {
    REQUIRE(access(kCsdpPath, X_OK) == 0); // scripts/setup.sh installs coinor-csdp
    for (long D : {7L, 8L}) {
        const auto w = random_w(D, 20 + static_cast<unsigned>(D));
        const double k1 = closed_k1(w), kd = closed_kd(w);
        REQUIRE(rel(k1, kd) > 1e-2); // the two closed forms differ: the checks below can fail
        for (long K : {1L, D}) {
            const double expected = K == 1 ? k1 : kd;
            INFO("D = " << D << ", K = " << K);
            const auto reduced = csdp_solve(regularizer_sdp_data_autocorrelation(w, K));
            const auto full = csdp_solve(regularizer_sdp_data_full(w, K));
            CHECK(rel(reduced.primal, expected) < 1e-6);
            CHECK(rel(reduced.dual, expected) < 1e-6);
            CHECK(rel(full.primal, expected) < 1e-6);
            CHECK(rel(full.dual, expected) < 1e-6);
        }
    }
}

TEST_CASE("sdpa format: at 1 < K < D CSDP agrees with the reduced solve", "[sdpa_format]") {
    for (long D : {7L, 12L}) {
        const auto w = random_w(D, 40 + static_cast<unsigned>(D));
        for (long K : {2L, 3L, D - 1}) {
            INFO("D = " << D << ", K = " << K);
            const auto sdp = regularizer_sdp_autocorrelation_solve(w, K);
            const auto reduced = csdp_solve(regularizer_sdp_data_autocorrelation(w, K));
            const auto full = csdp_solve(regularizer_sdp_data_full(w, K));
            CHECK(rel(reduced.primal, full.primal) < 1e-6);
            CHECK(rel(reduced.dual, full.dual) < 1e-6);
            CHECK(rel(full.primal, sdp.value_r) < 1e-6);
            CHECK(rel(full.dual, sdp.value_r) < 1e-6);
            // R_{K,∞} is nonincreasing in K (a kernel of size K is one of size K+1), so it lies
            // between the closed forms; for random w strictly at small K. (Near K = D it can
            // reach the K = D value: here R_{D-1} = R_D to solver precision.)
            CHECK(full.primal < closed_k1(w) * (1 + 1e-6));
            CHECK(full.primal > closed_kd(w) * (1 - 1e-6));
            if (K <= 3) {
                CHECK(full.primal < closed_k1(w) * (1 - 1e-4));
                CHECK(full.primal > closed_kd(w) * (1 + 1e-4));
            }
        }
    }
}

TEST_CASE("sdp full: SDPA and CSDP peers on the (K+D) form", "[sdp_full]") {
    const long D = 9;
    const auto w = random_w(D, 77);
    for (long K : {1L, 4L, D}) {
        INFO("K = " << K);
        const double expected = K == 1   ? closed_k1(w)
                                : K == D ? closed_kd(w)
                                         : regularizer_sdp_autocorrelation_solve(w, K).value_r;
        const auto sdpa = regularizer_sdp_full_sdpa(w, K);
        CHECK(rel(sdpa.primal, expected) < 1e-6);
        CHECK(rel(sdpa.dual, expected) < 1e-6);
        REQUIRE(sdpa.lambda.size() == static_cast<std::size_t>(D));
        double dot = 0;
        for (long j = 0; j < D; ++j)
            dot += sdpa.lambda[j] * w[j];
        CHECK(rel(dot, expected) < 1e-6); // λ = -x is the dual vector of MATH.md §7
        TempDir dir;
        const auto csdp = regularizer_sdp_full_csdp(w, K, dir.path, 60);
        CHECK(csdp.optimal);
        CHECK(rel(csdp.primal, expected) < 1e-6);
        CHECK(rel(csdp.dual, expected) < 1e-6);
        CHECK(csdp.seconds >= csdp.write_seconds);
    }
}
