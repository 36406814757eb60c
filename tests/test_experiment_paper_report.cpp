// The report of `convcert experiment paper-mnist` (experiment/paper_mnist_report.h): its table's
// means and stds recomputed here from the RUN.json files, --merge of two shards gives the same
// report.md bytes as the unsharded run, certificates that fail the checker (or are about another
// kernel or predictor) are shown as FAILED and valid ones are used, the PNGs are valid, and bad
// --merge input exits 2 with one line and no report.
#include "certify/certificate.h"
#include "experiment/paper_mnist.h"
#include "experiment/paper_mnist_report.h"
#include "regularizer/bracket.h"
#include "report/plot_gnuplot.h"
#include "report/png_check.h"
#include "support/flint_raii.h"
#include "support/rational_convert.h"
#include "tests/cli_run.h"
#include "tests/paper_tiny_dataset.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>

namespace fs = std::filesystem;
using namespace convcert;
using namespace convcert::experiment;

namespace {

data::Dataset dataset_tiny() {
    return tests::paper_dataset_tiny();
}

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("experiment-paper-report");
    return dir;
}

// The grid (10 trials per cell, 600 epochs: every run separates) trained once into DIR =
// scratch/NAME for shard i/N.
void grid_train(const std::string& name, long shard, long shards) {
    PaperGridOptions o;
    o.out = (scratch() / name).string();
    o.full = true;
    o.max_epochs = 600;
    o.shard = shard, o.shards = shards;
    paper_grid_run(dataset_tiny(), o);
}

// The unsharded grid, trained on first use.
const fs::path& grid_dir() {
    static const fs::path dir = [] {
        grid_train("all", 1, 1);
        return scratch() / "all";
    }();
    return dir;
}

std::string format4(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", x);
    return buf;
}

void copy_runs(const fs::path& from, const fs::path& to) {
    fs::create_directories(to / "runs");
    for (const auto& e : fs::directory_iterator(from / "runs"))
        fs::copy_file(e.path(), to / "runs" / e.path().filename(),
                      fs::copy_options::overwrite_existing);
}

// A hand-made RUN.json on the 3×4 grid of the 2-D examples (2×2 kernel, C = 1, seed 1, min
// margin 1) with the predictor W and R̂ = r_hat.
std::string run_json_3x4(const std::vector<double>& W, double r_hat) {
    return nlohmann::json({{"format", "convcert-recipe-run"},
                           {"dataset", "tiny34"},
                           {"R", 1},
                           {"D", 12},
                           {"K", 4},
                           {"shape", {3, 4}},
                           {"kernel_shape", {2, 2}},
                           {"C", 1},
                           {"seed", 1},
                           {"epochs", 100},
                           {"stopped", true},
                           {"min_margin", 1.0},
                           {"R_hat_paper", r_hat},
                           {"final", {{"W", W}}}})
        .dump();
}

} // namespace

TEST_CASE("paper report: means and stds recomputed from the RUN.json files", "[paper][report]") {
    REQUIRE(report::plot_gnuplot_available());
    const fs::path dir = grid_dir();
    // Independently: R_hat_paper of every file, grouped by (kernel side, C).
    std::map<std::pair<long, long>, std::vector<double>> cells;
    for (const auto& e : fs::directory_iterator(dir / "runs")) {
        const auto j = nlohmann::json::parse(tests::cli_file_read(e.path()));
        cells[{j.at("kernel_shape").at(0).get<long>(), j.at("C").get<long>()}].push_back(
            j.at("R_hat_paper").get<double>());
    }
    REQUIRE(cells.size() == 8); // K in {1, 3} × C in {1, 2, 4, 8}
    paper_report_write(dir.string());
    const std::string md = tests::cli_file_read(dir / "report.md");
    const auto stats = paper_runs_stats(paper_runs_read(dir.string()));
    REQUIRE(stats.size() == 8);
    for (const auto& [key, v] : cells) {
        REQUIRE(v.size() == 10);
        double mean = 0, ss = 0;
        for (double x : v)
            mean += x / 10;
        for (double x : v)
            ss += (x - mean) * (x - mean);
        const double sd = std::sqrt(ss / 9);
        const std::string paper = key.first == 1 && (key.second == 1 || key.second == 8)   ? "10.28"
                                  : key.first == 3 && (key.second == 1 || key.second == 8) ? "4.50"
                                                                                           : "—";
        const std::string row = "| " + std::to_string(key.first) + " | " +
                                std::to_string(key.second) + " | 10 | " + paper + " | " +
                                format4(mean) + " ± " + format4(sd) + " |";
        INFO(row);
        CHECK(md.find(row) != std::string::npos);
        bool found = false;
        for (const auto& s : stats)
            if (s.K == key.first && s.C == key.second) {
                found = true;
                CHECK(s.mean == Approx(mean).epsilon(1e-12));
                CHECK(s.std == Approx(sd).epsilon(1e-9));
            }
        CHECK(found);
    }
    // The 5% flag: on this tiny dataset R̂ is nowhere near the paper's MNIST values.
    CHECK(md.find("| YES |") != std::string::npos);
    CHECK(md.find("not computed") != std::string::npos);
    CHECK(tests::cli_file_read(dir / "report.html").find("<table") != std::string::npos);
    // Figures: |w| and |DFT w| for K in {1, 3} × C in {1, 8}, valid PNGs of the right size.
    long pngs = 0;
    for (long K : {1, 3})
        for (long C : {1, 8})
            for (const char* kind : {"w", "dft"}) {
                const fs::path p = dir / "figures" /
                                   (std::string(kind) + "-K" + std::to_string(K) + "-C" +
                                    std::to_string(C) + ".png");
                const auto info = report::png_file_check(p.string());
                INFO(p << ": " << info.error);
                CHECK(info.valid);
                CHECK(info.width == 520);
                CHECK(md.find(p.filename().string()) != std::string::npos);
                ++pngs;
            }
    CHECK(pngs == 8);
}

TEST_CASE("paper report: --merge of two shards gives the unsharded report.md", "[paper][report]") {
    REQUIRE(report::plot_gnuplot_available());
    const fs::path all = grid_dir();
    paper_report_write(all.string());
    grid_train("shard1", 1, 2);
    grid_train("shard2", 2, 2);
    const fs::path merged = scratch() / "merged";
    copy_runs(scratch() / "shard1", merged);
    copy_runs(scratch() / "shard2", merged);
    const auto r =
        tests::cli_run(scratch(), "experiment paper-mnist --merge --out " + merged.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(tests::cli_file_read(merged / "report.md") == tests::cli_file_read(all / "report.md"));
    CHECK(tests::cli_file_read(merged / "figures" / "dft-K3-C8.png") ==
          tests::cli_file_read(all / "figures" / "dft-K3-C8.png"));
}

TEST_CASE("paper report: certificates are checked, failures shown, valid ones used",
          "[paper][report]") {
    // A hand-made run on the 3×4 data of the 2-D examples, with W = the example's w (margin 1).
    const fs::path dir = scratch() / "certs";
    fs::create_directories(dir / "runs");
    fs::create_directories(dir / "certificates");
    const fs::path examples = fs::path(CONVCERT_SOURCE_DIR) / "examples";
    const auto reg =
        nlohmann::json::parse(tests::cli_file_read(examples / "regularizer-bracket-2d.json"));
    std::vector<double> W;
    for (const auto& s : reg.at("claim").at("w"))
        W.push_back(std::stod(s.get<std::string>()));
    const std::string run = run_json_3x4(W, 20.0);
    tests::cli_file_write(dir / "runs" / "K2-C1-seed1.json", run);
    // The valid examples: K = 2 here (2×2 kernels), D = 12, so √12 times their brackets.
    fs::copy_file(examples / "maxmargin-bracket-2d.json", dir / "certificates/maxmargin-K2.json");
    fs::copy_file(examples / "regularizer-bracket-2d.json",
                  dir / "certificates/regularizer-K2-C1-seed1.json");
    const PaperRun pr = paper_runs_read(dir.string()).at(0);
    const PaperCertificate mm = paper_maxmargin_certificate(dir.string(), 2, 12, true);
    REQUIRE(mm.status == PaperCertificate::Status::Valid);
    CHECK(mm.lower == Approx(1.1 * std::sqrt(12.0)));
    CHECK(mm.upper == Approx(1.5 * std::sqrt(12.0)));
    const PaperCertificate rc = paper_regularizer_certificate(dir.string(), pr);
    REQUIRE(rc.status == PaperCertificate::Status::Valid);
    CHECK(rc.lower == Approx(4.4 * std::sqrt(12.0)));
    CHECK(rc.upper == Approx(21 * std::sqrt(12.0)));
    CHECK(paper_maxmargin_certificate(dir.string(), 3, 12, true).status ==
          PaperCertificate::Status::Absent);
    // Another predictor (the run's W doubled): a valid certificate, but not about this run.
    PaperRun other = pr;
    for (double& w : other.W)
        w *= 2;
    const PaperCertificate mismatch = paper_regularizer_certificate(dir.string(), other);
    CHECK(mismatch.status == PaperCertificate::Status::Failed);
    CHECK(mismatch.reason.find("not this run") != std::string::npos);
    // A tampered bracket (upper below the true optimum): the checker refuses it.
    auto mmj = nlohmann::json::parse(tests::cli_file_read(examples / "maxmargin-bracket-2d.json"));
    mmj["claim"]["lower"] = "100";
    mmj["claim"]["upper"] = "101";
    tests::cli_file_write(dir / "certificates/maxmargin-K2.json", mmj.dump());
    const PaperCertificate bad = paper_maxmargin_certificate(dir.string(), 2, 12, true);
    CHECK(bad.status == PaperCertificate::Status::Failed);
    CHECK_FALSE(bad.reason.empty());
    REQUIRE(report::plot_gnuplot_available());
    paper_report_write(dir.string());
    const std::string md = tests::cli_file_read(dir / "report.md");
    CHECK(md.find("FAILED: INVALID") != std::string::npos);
    // The failed bracket is never shown as a value.
    CHECK(md.find("[" + format4(100 * std::sqrt(12.0))) == std::string::npos);
    const std::string cost =
        "[" + format4(4.4 * std::sqrt(12.0)) + ", " + format4(21 * std::sqrt(12.0)) + "]";
    CHECK(md.find("| 1 of 1: " + cost + " | [" + format4(pr.r_hat_paper / (21 * std::sqrt(12.0))) +
                  ", " + format4(pr.r_hat_paper / (4.4 * std::sqrt(12.0))) + "] |") !=
          std::string::npos); // the cell: the hull of its runs' brackets and R̂ / R(w)
    CHECK(md.find("| " + cost + " | [") != std::string::npos); // the run's own row
}

TEST_CASE("experiment paper-mnist --merge: bad input exits 2, one line, no report",
          "[paper][report][cli]") {
    const fs::path missing = scratch() / "missing";
    auto r = tests::cli_run(scratch(), "experiment paper-mnist --merge --out " + missing.string());
    CHECK(r.exit_code == 2);
    CHECK(tests::cli_count_lines(r.err) == 1);
    CHECK_FALSE(fs::exists(missing));
    const fs::path empty = scratch() / "empty";
    fs::create_directories(empty / "runs");
    r = tests::cli_run(scratch(), "experiment paper-mnist --merge --out " + empty.string());
    CHECK(r.exit_code == 2);
    CHECK(tests::cli_count_lines(r.err) == 1);
    CHECK_FALSE(fs::exists(empty / "report.md"));
    const fs::path bad = scratch() / "bad";
    fs::create_directories(bad / "runs");
    tests::cli_file_write(bad / "runs" / "K1-C1-seed1.json",
                          "{\"format\": \"convcert-recipe-run\"");
    r = tests::cli_run(scratch(), "experiment paper-mnist --merge --out " + bad.string());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(tests::cli_count_lines(r.err) == 1);
    CHECK(r.err.find("K1-C1-seed1.json") != std::string::npos);
    CHECK_FALSE(fs::exists(bad / "report.md"));
    CHECK_FALSE(fs::exists(bad / "report.html"));
    CHECK_FALSE(fs::exists(bad / "figures"));
    r = tests::cli_run(scratch(), "experiment paper-mnist --merge --shard 1/2");
    CHECK(r.exit_code == 2);
    CHECK(tests::cli_count_lines(r.err) == 1);
}

TEST_CASE("experiment paper-mnist: an unsharded run writes the report, a shard does not",
          "[paper][report][cli]") {
    const std::string data = (scratch() / "tiny.json").string();
    tests::cli_file_write(data, data::data_dataset_to_json(dataset_tiny()));
    const fs::path sharded = scratch() / "cli-shard", whole = scratch() / "cli-whole";
    auto r =
        tests::cli_run(scratch(), "experiment paper-mnist " + data +
                                      " --max-epochs 100 --shard 1/2 --out " + sharded.string());
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(sharded / "runs"));
    CHECK_FALSE(fs::exists(sharded / "report.md"));
    r = tests::cli_run(scratch(), "experiment paper-mnist " + data + " --max-epochs 100 --out " +
                                      whole.string());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("report: ") != std::string::npos);
    CHECK(tests::cli_file_read(whole / "report.md").find("| 3 | 8 | 1 |") != std::string::npos);
    CHECK(report::png_file_check((whole / "figures" / "w-K3-C1.png").string()).valid);
}

namespace {

// A NumPy 1.0 file of float32 values (little-endian, C order) of the given shape text.
std::string npy_float32(const std::string& shape, const std::vector<float>& v) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string out = "\x93NUMPY";
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    out += header;
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
    return out;
}

} // namespace

TEST_CASE("experiment paper-mnist: an X.npy Y.npy pair trains as its DATA.json does",
          "[paper][report][cli]") {
    const data::Dataset d = dataset_tiny();
    std::vector<float> x, y;
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        for (long v : d.x[i])
            x.push_back(static_cast<float>(v) / 4); // dyadic: x_den = 4
        y.push_back(static_cast<float>(d.y[i]));
    }
    const fs::path X = scratch() / "x.npy", Y = scratch() / "y.npy";
    tests::cli_file_write(X, npy_float32("(40, 6, 6)", x));
    tests::cli_file_write(Y, npy_float32("(40,)", y));
    const fs::path from_npy = scratch() / "npy", from_json = scratch() / "npy-json";
    auto r =
        tests::cli_run(scratch(), "experiment paper-mnist " + X.string() + " " + Y.string() +
                                      " --max-epochs 100 --shard 1/8 --out " + from_npy.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("K 1 C 1 seed 1 epochs 100") != std::string::npos);
    r = tests::cli_run(scratch(), "dataset npy " + X.string() + " " + Y.string() + " -o " +
                                      (scratch() / "npy.json").string());
    REQUIRE(r.exit_code == 0);
    r = tests::cli_run(scratch(), "experiment paper-mnist " + (scratch() / "npy.json").string() +
                                      " --max-epochs 100 --shard 1/8 --out " + from_json.string());
    REQUIRE(r.exit_code == 0);
    const std::string run = tests::cli_file_read(from_npy / "runs" / "K1-C1-seed1.json");
    CHECK_FALSE(run.empty());
    CHECK(run == tests::cli_file_read(from_json / "runs" / "K1-C1-seed1.json"));
    r = tests::cli_run(scratch(), "experiment paper-mnist " + X.string() + " --out " +
                                      (scratch() / "npy-bad").string());
    CHECK(r.exit_code == 2);
    CHECK(tests::cli_count_lines(r.err) == 1);
    CHECK_FALSE(fs::exists(scratch() / "npy-bad"));
}

TEST_CASE("paper report: a bracket with numbers beyond long double's range is read (regression: "
          "std::stold threw on a trained predictor's bounds)",
          "[paper][report]") {
    // The 3×4 example's w times (2^20000 + 1) / 2^20000: every rational has about 6000 digits,
    // as the bounds of a 28×28 trained predictor at unit margin have (10^4 digits at K = 3).
    const fs::path dir = scratch() / "huge";
    fs::create_directories(dir / "runs");
    fs::create_directories(dir / "certificates");
    const auto reg = nlohmann::json::parse(tests::cli_file_read(
        fs::path(CONVCERT_SOURCE_DIR) / "examples" / "regularizer-bracket-2d.json"));
    support::FmpqMat w(1, 12);
    support::Fmpq r;
    fmpz_one(fmpq_denref(r.x));
    fmpz_mul_2exp(fmpq_denref(r.x), fmpq_denref(r.x), 20000);
    fmpz_add_ui(fmpq_numref(r.x), fmpq_denref(r.x), 1);
    std::vector<double> W;
    for (long k = 0; k < 12; ++k) {
        REQUIRE(support::fmpq_set_string(w.at(0, k), reg.at("claim").at("w")[k]));
        fmpq_mul(w.at(0, k), w.at(0, k), r.x);
        W.push_back(fmpq_get_d(w.at(0, k)));
    }
    const Grid g = grid_2d(3, 4, 2, 2);
    const auto b = regularizer::regularizer_bracket(w, g);
    const std::string cert =
        certificate_to_json(regularizer::regularizer_bracket_certificate(b, w));
    REQUIRE(nlohmann::json::parse(cert).at("claim").at("upper").get<std::string>().size() > 5000);
    tests::cli_file_write(dir / "certificates/regularizer-K2-C1-seed1.json", cert);
    tests::cli_file_write(dir / "runs/K2-C1-seed1.json", run_json_3x4(W, 100.0));
    const PaperCertificate c =
        paper_regularizer_certificate(dir.string(), paper_runs_read(dir.string()).at(0));
    INFO(c.reason);
    REQUIRE(c.status == PaperCertificate::Status::Valid);
    CHECK(c.lower == Approx(b.lower_double * std::sqrt(12.0)));
    CHECK(c.upper == Approx(b.upper_double * std::sqrt(12.0)));
}
