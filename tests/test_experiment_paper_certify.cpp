// `convcert experiment paper-mnist --certify` (experiment/paper_mnist_certify.h) on a tiny 6×6
// dataset: every certificate written passes the independent checker, a run's certificate is
// about W / (its exact minimum margin, recomputed here in long double) and its K = 1 bracket
// holds 2·||w||_2 (MATH.md's closed form, computed here), certified lower bounds stay below the
// trained R̂; a second run redoes nothing (files' bytes and times kept), a tampered or foreign
// certificate is redone; shards split the certificates disjointly and shards + merge give the
// unsharded report.md; the CLI refuses bad kernel lists with one line.
#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "certify/file_read_bounded.h"
#include "experiment/paper_mnist.h"
#include "experiment/paper_mnist_certify.h"
#include "experiment/paper_mnist_report.h"
#include "tests/cli_run.h"
#include "tests/paper_cli_refused.h"
#include "tests/paper_tiny_dataset.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;
using namespace convcert;
using namespace convcert::experiment;
using Outcome = PaperCertifyItem::Outcome;

namespace {

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("experiment-paper-certify");
    return dir;
}

// K in {1, 3} × C in {1, 2}, one trial, 600 epochs, into scratch/NAME (shard i/N).
PaperGridOptions grid_options(const std::string& name, long shard = 1, long shards = 1) {
    PaperGridOptions o;
    o.out = (scratch() / name).string();
    o.max_epochs = 600;
    o.channels = {1, 2};
    o.shard = shard, o.shards = shards;
    return o;
}

// Trains and certifies; returns the items.
std::vector<PaperCertifyItem> grid_certify(const PaperGridOptions& o) {
    const data::Dataset d = tests::paper_dataset_tiny();
    paper_grid_run(d, o);
    return paper_certify_run(d, o, {});
}

bool checker_valid(const std::string& path) {
    const auto read = certificate_from_json(file_read_bounded(path, std::size_t(1) << 28));
    return read.certificate && checker::check_certificate(*read.certificate).valid;
}

long double rational(const nlohmann::json& v) {
    const std::string s = v.get<std::string>();
    const auto slash = s.find('/');
    const long double p = std::stold(s.substr(0, slash));
    return slash == std::string::npos ? p : p / std::stold(s.substr(slash + 1));
}

// min_i y_i <W, x_i / x_den> in long double (an independent recomputation).
long double min_margin(const data::Dataset& d, const std::vector<double>& W) {
    long double m = INFINITY;
    for (long i = 0; i < d.n(); ++i) {
        long double s = 0;
        for (std::size_t k = 0; k < W.size(); ++k)
            s += static_cast<long double>(W[k]) * static_cast<long double>(d.x[i][k]);
        m = std::min(m, d.y[i] * s / static_cast<long double>(d.x_den));
    }
    return m;
}

fs::file_time_type mtime(const std::string& p) {
    return fs::last_write_time(p);
}

} // namespace

TEST_CASE("paper certify: every certificate valid, about the run's W at unit margin",
          "[paper][certify]") {
    const data::Dataset d = tests::paper_dataset_tiny();
    const PaperGridOptions o = grid_options("one");
    const auto items = grid_certify(o);
    REQUIRE(items.size() == 2 + 4); // maxmargin K = 1, 3; a regularizer per run
    std::map<long, double> optimum_lower;
    for (const auto& it : items) {
        INFO(it.path << ": " << paper_certify_outcome_text(it));
        REQUIRE(it.outcome == Outcome::Written);
        CHECK(checker_valid(it.path));
        const auto claim = nlohmann::json::parse(tests::cli_file_read(it.path)).at("claim");
        CHECK(claim.at("kernel_shape") == nlohmann::json::array({it.K, it.K}));
        CHECK(it.lower <= it.upper);
        CHECK(it.lower == Approx(rational(claim.at("lower")) * 6).epsilon(1e-12)); // √36
        if (it.maxmargin) {
            optimum_lower[it.K] = it.lower;
            continue;
        }
        const PaperRun run = paper_run_read(it.run_path);
        const long double m = min_margin(d, run.W);
        REQUIRE(m > 0);
        long double norm2 = 0;
        for (std::size_t k = 0; k < run.W.size(); ++k) {
            const long double w = run.W[k] / m;
            CHECK(static_cast<double>(rational(claim.at("w")[k])) ==
                  Approx(static_cast<double>(w)).epsilon(1e-12));
            norm2 += w * w;
        }
        // R(w) <= R̂ (GD's own network realizes w at cost R̂), R(w) >= the optimum.
        CHECK(it.lower <= run.r_hat_paper * (1 + 1e-9));
        CHECK(it.upper >= optimum_lower.at(it.K) * (1 - 1e-9));
        if (it.K == 1) { // closed form 2·||w||_2, in the paper's units × √D
            const double closed = static_cast<double>(2 * std::sqrt(norm2)) * 6;
            CHECK(it.lower <= closed * (1 + 1e-12));
            CHECK(it.upper >= closed * (1 - 1e-12));
        }
    }
}

TEST_CASE("paper certify: resumable; a tampered or foreign certificate is redone",
          "[paper][certify]") {
    const PaperGridOptions o = grid_options("resume");
    const auto first = grid_certify(o);
    std::map<std::string, std::string> bytes;
    std::map<std::string, fs::file_time_type> times;
    for (const auto& it : first)
        bytes[it.path] = tests::cli_file_read(it.path), times[it.path] = mtime(it.path);
    const auto second = grid_certify(o);
    REQUIRE(second.size() == first.size());
    for (const auto& it : second) {
        INFO(it.path);
        CHECK(it.outcome == Outcome::Cached);
        CHECK(it.lower == first[&it - &second[0]].lower);
        CHECK(tests::cli_file_read(it.path) == bytes[it.path]);
        CHECK(mtime(it.path) == times[it.path]);
    }
    // Tamper with one run's certificate (its lower bound raised) and replace another run's
    // by a valid certificate of a different run: both are redone, nothing else.
    const std::string tampered = first[2].path, foreign = first[3].path;
    auto j = nlohmann::json::parse(bytes[tampered]);
    j["claim"]["lower"] = j["claim"]["upper"];
    j["claim"]["upper"] = "1000000";
    tests::cli_file_write(tampered, j.dump());
    CHECK_FALSE(checker_valid(tampered));
    tests::cli_file_write(foreign, bytes[first[4].path]);
    CHECK(checker_valid(foreign));
    const auto third = grid_certify(o);
    for (const auto& it : third) {
        INFO(it.path << ": " << paper_certify_outcome_text(it));
        const bool redo = it.path == tampered || it.path == foreign;
        CHECK(it.outcome == (redo ? Outcome::Written : Outcome::Cached));
        CHECK(checker_valid(it.path));
        CHECK(tests::cli_file_read(it.path) == bytes[it.path]);
    }
}

TEST_CASE("paper certify: shards split the certificates; shards + merge = one run",
          "[paper][certify]") {
    const data::Dataset d = tests::paper_dataset_tiny();
    const auto all = paper_certify_items(d, grid_options("all"), {});
    std::set<std::string> seen;
    const fs::path merged = scratch() / "merged";
    for (long i = 1; i <= 2; ++i) {
        const PaperGridOptions o = grid_options("shard" + std::to_string(i), i, 2);
        const auto items = grid_certify(o);
        CHECK_FALSE(items.empty());
        for (const auto& it : items) {
            CHECK(it.outcome == Outcome::Written);
            CHECK(seen.insert(fs::path(it.path).filename().string()).second);
        }
        for (const char* sub : {"runs", "certificates"}) {
            fs::create_directories(merged / sub);
            fs::copy(fs::path(o.out) / sub, merged / sub,
                     fs::copy_options::overwrite_existing | fs::copy_options::recursive);
        }
    }
    CHECK(seen.size() == all.size());
    const PaperGridOptions one = grid_options("all");
    grid_certify(one);
    paper_report_write(one.out);
    paper_report_write(merged.string());
    const std::string md = tests::cli_file_read(fs::path(one.out) / "report.md");
    CHECK(md.find("| not computed") == std::string::npos); // every table cell certified
    CHECK(md.find("FAILED:") == std::string::npos);
    CHECK(tests::cli_file_read(merged / "report.md") == md);
}

TEST_CASE("experiment paper-mnist --certify: lines per certificate, cached on a rerun; bad "
          "kernel lists exit 2 with one line",
          "[paper][certify][cli]") {
    const std::string data = (scratch() / "tiny.json").string();
    tests::cli_file_write(data, data::data_dataset_to_json(tests::paper_dataset_tiny()));
    const std::string out = (scratch() / "cli").string();
    tests::paper_cli_require_refused(scratch(), data, out,
                                     {"--certify-kernels 2", "--certify-kernels 1,1",
                                      "--certify-regularizer-kernels x", "--kernels 1,",
                                      "--channels 3", "--certify-kernels"});
    const std::string cmd = "experiment paper-mnist " + data +
                            " --max-epochs 600 --kernels 3 --channels 2 --certify-kernels 3 "
                            "--out " +
                            out;
    const auto first = tests::cli_run(scratch(), cmd);
    INFO(first.err << first.out);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("certificates/maxmargin-K3.json new [") != std::string::npos);
    CHECK(first.out.find("certificates/regularizer-K3-C2-seed1.json new [") != std::string::npos);
    const auto second = tests::cli_run(scratch(), cmd);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find(" new") == std::string::npos);
    CHECK(second.out.find("maxmargin-K3.json cached [") != std::string::npos);
}

TEST_CASE("paper certify: R = 3 input channels (CIFAR's layout) certify and are recognized",
          "[paper][certify]") {
    // Three channels 2x, -x, x of the tiny images: the claim's w holds R = 3 lists of D, the
    // run's W is R·D flat; the report must match the two (it compared sizes 3 and 108 before).
    data::Dataset d = tests::paper_dataset_tiny();
    d.R = 3;
    for (auto& row : d.x) {
        std::vector<long> three;
        for (long s : {2, -1, 1})
            for (long v : row)
                three.push_back(s * v);
        row = three;
    }
    PaperGridOptions o = grid_options("r3");
    o.kernels = {1};
    o.channels = {1};
    o.max_epochs = 3000;
    paper_grid_run(d, o);
    const auto items = paper_certify_run(d, o, {});
    REQUIRE(items.size() == 2); // maxmargin K = 1 and the run's regularizer
    for (const auto& it : items) {
        INFO(it.path << ": " << paper_certify_outcome_text(it));
        REQUIRE(it.outcome == Outcome::Written);
        CHECK(checker_valid(it.path));
    }
    const PaperRun run = paper_run_read(items[1].run_path);
    REQUIRE(run.R == 3);
    const PaperCertificate c = paper_regularizer_certificate(o.out, run);
    INFO(c.reason);
    CHECK(c.status == PaperCertificate::Status::Valid);
    CHECK(c.lower <= run.r_hat_paper * (1 + 1e-9));
    // A second pass finds it (the same comparison decides "cached").
    const auto again = paper_certify_run(d, o, {});
    REQUIRE(again.size() == 2);
    CHECK(again[1].outcome == Outcome::Cached);
}
