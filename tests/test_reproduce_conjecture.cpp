// Claim 4d of `convcert reproduce` at unit level: two of its quick instances (an R = 4 bracket
// and an R = 4 collapse of 12 channels) run into a scratch directory, their certificates pass
// the re-check, the bracket has C0 = R and the collapse at most R channels, and the claim's
// verdict (reproduce_conjecture_verdict) is "reproduced"; the verdict turns to not reproduced
// when a bracket's C0 exceeds R, a collapse keeps more than R channels or needs a slack, a
// certificate failed, or there is nothing to judge.
#include "reproduce/claim_conjecture.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace convcert::reproduce;

namespace {

// The quick instances of claim 4d with the given ids, run in a fresh scratch directory.
std::vector<InstanceResult> conjecture_run_ids(const std::vector<std::string>& ids) {
    const fs::path dir =
        fs::temp_directory_path() / ("convcert-test-conjecture-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "certificates/4d-conjecture");
    const Claim claim = reproduce_claim_multi_conjecture();
    std::vector<InstanceResult> out;
    std::uint64_t seed = 11;
    for (const InstanceSpec& spec : claim.instances(SuiteOptions{}))
        for (const auto& id : ids)
            if (spec.id == id) {
                InstanceContext ctx;
                ctx.out_dir = dir;
                ctx.cert_dir = "certificates/4d-conjecture";
                ctx.seed = seed++;
                out.push_back(spec.run(ctx));
            }
    fs::remove_all(dir);
    return out;
}

bool verdict_names(const ConjectureVerdict& v, const std::string& label) {
    for (const auto& line : v.reasons)
        if (line.rfind(label + ": ", 0) == 0) return true;
    return false;
}

} // namespace

TEST_CASE("reproduce 4d: an R = 4 bracket has C0 = R, a collapse of 12 channels keeps <= R",
          "[reproduce_conjecture]") {
    const std::vector<InstanceResult> results =
        conjecture_run_ids({"W-R4-K2-D8-0", "N-R4-K8-D32-C12"});
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        INFO(r.label << ": " << r.error);
        REQUIRE(!r.generator_error);
        CHECK(r.failed == 0);
        CHECK(r.certified == static_cast<int>(r.certificates.size()));
    }
    const InstanceResult &bracket = results[0], &collapse = results[1];
    CHECK(bracket.certificates.size() == 2); // the bracket and the cross-check's
    CHECK(bracket.values.at("R") == 4);
    CHECK(bracket.values.at("C0") == 4);
    CHECK(bracket.values.at("lower") <= bracket.values.at("upper"));
    CHECK(collapse.values.at("C") == 12);
    CHECK(collapse.values.at("channels_out") <= 4);
    CHECK(collapse.values.at("cost_out") <= collapse.values.at("cost_in"));
    CHECK(collapse.fields.at("slack") == "0");

    ConjectureVerdict v = reproduce_conjecture_verdict(results);
    CHECK(v.reproduced);
    CHECK(v.reasons.empty());

    SECTION("a bracket with C0 > R") {
        std::vector<InstanceResult> bad = results;
        bad[0].values["C0"] = 5;
        v = reproduce_conjecture_verdict(bad);
        CHECK(!v.reproduced);
        CHECK(verdict_names(v, "W-R4-K2-D8-0"));
        CHECK(!verdict_names(v, "N-R4-K8-D32-C12"));
    }
    SECTION("a collapse with more than R channels, or with a slack") {
        std::vector<InstanceResult> bad = results;
        bad[1].values["channels_out"] = 5;
        CHECK(verdict_names(reproduce_conjecture_verdict(bad), "N-R4-K8-D32-C12"));
        bad = results;
        bad[1].fields["slack"] = "1/1000";
        CHECK(!reproduce_conjecture_verdict(bad).reproduced);
    }
    SECTION("a certificate that failed, a generator error, a missing value, nothing at all") {
        std::vector<InstanceResult> bad = results;
        bad[0].failed = 1;
        bad[0].certified -= 1;
        CHECK(verdict_names(reproduce_conjecture_verdict(bad), "W-R4-K2-D8-0"));
        bad = results;
        bad[1].generator_error = true;
        CHECK(!reproduce_conjecture_verdict(bad).reproduced);
        bad = results;
        bad[0].values.erase("C0");
        CHECK(!reproduce_conjecture_verdict(bad).reproduced);
        CHECK(!reproduce_conjecture_verdict({}).reproduced);
    }
}
