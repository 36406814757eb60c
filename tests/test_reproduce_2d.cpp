// The 2-D claims of `convcert reproduce` (7a separation, 7b candidates), their quick instances
// run in-process: every certificate read back from disk and checked by checker::check; the
// separations' L1 > U2 compared exactly from the files, MATH.md's numbers bracketed, and no
// one-channel kernel sampled here (own complex DFT, not certify/grid.h) below L1; in 1-D the
// engine never separates (random w, several D and K); the candidates' one-channel costs above
// their certified lower bounds by more than the gap.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "certify/file_read_bounded.h"
#include "regularizer/bracket.h"
#include "reproduce/instance_2d.h"
#include "reproduce/reproduce_claim.h"
#include "reproduce/reproduce_util.h"
#include "separation/channel_separation_attempt.h"
#include "support/rational_convert.h"
#include "tests/cli_run.h"

#include <catch2/catch.hpp>
#include <flint/fmpq.h>

#include <cmath>
#include <complex>
#include <filesystem>
#include <random>

namespace fs = std::filesystem;
using namespace convcert;

namespace {

/// Runs every quick instance of `claim` into a scratch directory, seed 1.
std::vector<reproduce::InstanceResult> claim_run(const reproduce::Claim& claim,
                                                 const fs::path& dir) {
    reproduce::InstanceContext ctx;
    ctx.out_dir = dir;
    ctx.cert_dir = "certificates/" + claim.id;
    fs::create_directories(dir / ctx.cert_dir);
    std::vector<reproduce::InstanceResult> out;
    std::uint64_t i = 0;
    for (const auto& spec : claim.instances(reproduce::SuiteOptions{})) {
        ctx.seed = 1000 + i++;
        out.push_back(spec.run(ctx));
    }
    return out;
}

/// The certificate at dir/rel, parsed and checked: valid or the test fails.
Certificate certificate_checked(const fs::path& dir, const std::string& rel) {
    const auto read =
        certificate_from_json(file_read_bounded((dir / rel).string(), std::size_t(1) << 28));
    REQUIRE(read.certificate);
    const checker::Verdict v = checker::check_certificate(*read.certificate);
    INFO(rel << ": " << v.reason);
    REQUIRE(v.valid);
    return *read.certificate;
}

support::Fmpq rational(const std::string& s) {
    support::Fmpq q;
    REQUIRE(support::fmpq_set_string(q.x, s));
    return q;
}

/// The one-channel cost 2 sqrt(||u||² · (1/D) sum_{ŵ(d) ≠ 0} |ŵ(d)|²/|û(d)|²) of a kernel u
/// (K1×K2, zero-padded) for w on D1×D2, by a direct complex DFT (infinite if û misses ŵ).
double one_channel_cost(long D1, long D2, long K1, long K2, const std::vector<double>& w,
                        const std::vector<double>& u) {
    const double pi = std::acos(-1.0);
    auto dft = [&](const std::vector<double>& x, long n1, long n2, long d1, long d2) {
        std::complex<double> s = 0;
        for (long j1 = 0; j1 < n1; ++j1)
            for (long j2 = 0; j2 < n2; ++j2)
                s += x[static_cast<std::size_t>(j1 * n2 + j2)] *
                     std::polar(1.0, -2 * pi *
                                         (static_cast<double>(j1 * d1) / static_cast<double>(D1) +
                                          static_cast<double>(j2 * d2) / static_cast<double>(D2)));
        return s;
    };
    double s = 0, uu = 0;
    for (double x : u)
        uu += x * x;
    for (long d1 = 0; d1 < D1; ++d1)
        for (long d2 = 0; d2 < D2; ++d2) {
            const double pw = std::norm(dft(w, D1, D2, d1, d2));
            if (pw < 1e-9) continue;
            const double pu = std::norm(dft(u, K1, K2, d1, d2));
            if (pu == 0) return INFINITY;
            s += pw / pu;
        }
    return 2 * std::sqrt(uu * s / static_cast<double>(D1 * D2));
}

std::vector<double> doubles(const std::vector<std::string>& v) {
    std::vector<double> out;
    for (const auto& s : v)
        out.push_back(fmpq_get_d(rational(s).x));
    return out;
}

} // namespace

TEST_CASE("reproduce 7a: certified 2-D separations, L1 > U2 from the files", "[reproduce2d]") {
    const fs::path dir = tests::cli_scratch_create("reproduce-2d-7a");
    const auto results = claim_run(reproduce::reproduce_claim_separation_2d(), dir);
    int separations = 0;
    std::mt19937_64 rng(7);
    std::normal_distribution<double> normal;
    for (const auto& r : results) {
        INFO(r.label << " " << r.error);
        REQUIRE_FALSE(r.generator_error);
        CHECK(r.failed == 0);
        CHECK(r.certified == static_cast<int>(r.certificates.size()));
        for (const auto& rel : r.certificates) {
            const Certificate cert = certificate_checked(dir, rel);
            const auto* sep = std::get_if<ChannelSeparationBody>(&cert.body);
            if (!sep) continue;
            ++separations;
            const auto& c = sep->claim;
            REQUIRE(c.shape.size() == 2);
            CHECK(fmpq_cmp(rational(c.lower_c1).x, rational(c.upper_c2).x) > 0);
            CHECK(sep->evidence.u.size() >= 2);
            if (r.label == "3x3-k2x2-mathmd") {
                // MATH.md: best one-channel cost found 11.78630, SDP value 11.233135 (CSDP).
                CHECK(fmpq_get_d(rational(c.lower_c1).x) <= 11.78630);
                CHECK(fmpq_get_d(rational(c.lower_c1).x) >= 11.7);
                CHECK(fmpq_get_d(rational(c.upper_c2).x) >= 11.233135 - 1e-6);
            }
            // No sampled one-channel kernel costs less than the certified L1.
            const std::vector<double> w = doubles(c.w[0]);
            const double L1 = fmpq_get_d(rational(c.lower_c1).x);
            double best = INFINITY;
            for (int s = 0; s < 3000; ++s) {
                std::vector<double> u(static_cast<std::size_t>(c.K));
                for (double& x : u)
                    x = normal(rng);
                best = std::min(best, one_channel_cost(c.shape[0], c.shape[1], c.kernel_shape[0],
                                                       c.kernel_shape[1], w, u));
            }
            CHECK(best >= L1);
        }
    }
    CHECK(separations >= 3); // MATH.md's instance and the seeds the sweep found
}

TEST_CASE("reproduce 7a: in 1-D the engine never separates (random w)", "[reproduce2d]") {
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> entry(-5, 5);
    for (long D : {4L, 6L, 8L})
        for (long K : {2L, 3L})
            for (int rep = 0; rep < 3; ++rep) {
                std::vector<std::string> w(static_cast<std::size_t>(D));
                for (auto& x : w)
                    x = std::to_string(entry(rng));
                w[0] = "1"; // not zero
                INFO("D = " << D << ", K = " << K
                            << ", w = " << reproduce::reproduce_vector_text(w));
                const Grid g = grid_1d(D, K);
                const auto b =
                    regularizer::regularizer_bracket(support::fmpq_mat_from_rows({w}, "w"), g);
                const auto wq = reproduce::reproduce_signal_exact(w);
                const auto at = separation::channel_separation_attempt(b, wq);
                CHECK(at.one_channel);
                CHECK_FALSE(at.separated);
                CHECK(b.relative_gap <= 1e-8);
                if (D == 8) continue; // irrational cosines: no branch and bound
                // The branch and bound's L1 <= R_{K,1}(w) never exceeds the one-channel cost.
                const auto l1 = separation::one_channel_bound(g, wq);
                CHECK(fmpq_cmp(rational(l1.lower).x, b.upper.x) <= 0);
            }
}

TEST_CASE("reproduce 7b: candidates stay above their certified lower bounds", "[reproduce2d]") {
    const fs::path dir = tests::cli_scratch_create("reproduce-2d-7b");
    const auto results = claim_run(reproduce::reproduce_claim_candidates_2d(), dir);
    int candidates = 0, proven = 0;
    for (const auto& r : results) {
        INFO(r.label << " " << r.error);
        REQUIRE_FALSE(r.generator_error);
        CHECK(r.failed == 0);
        REQUIRE_FALSE(r.certificates.empty());
        const Certificate cert = certificate_checked(dir, r.certificates[0]);
        const auto& body = std::get<RegularizerBody>(cert.body);
        if (r.fields.at("status") != "candidate") continue;
        ++candidates;
        const double lower = fmpq_get_d(rational(body.claim.lower).x),
                     upper = fmpq_get_d(rational(body.claim.upper).x);
        CHECK(body.evidence.u.size() >= 2); // the network that reaches it has C0 >= 2
        const double gap = (upper - lower) / upper;
        CHECK((r.values.at("one_channel") - lower) / r.values.at("one_channel") > gap);
        CHECK(r.values.at("one_channel") > upper);
        for (std::size_t i = 1; i < r.certificates.size(); ++i) {
            const Certificate sep = certificate_checked(dir, r.certificates[i]);
            REQUIRE(std::holds_alternative<ChannelSeparationBody>(sep.body));
            ++proven;
        }
    }
    CHECK(candidates >= 2);
    CHECK(proven >= 1); // MATH.md's instance
}
