// End-to-end tests of the issue-6 commands of the convcert binary (dataset, train, maxmargin,
// experiment): exit codes, one-line errors, no partial output, determinism (two runs in one
// test), check's verdict on a generated and a tampered maxmargin-bracket certificate, and the
// shipped example's documented claim.
#include "tests/cli_run.h"

// Boost 1.74's rational normalize() trips GCC 12's -Wmaybe-uninitialized (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/multiprecision/cpp_int.hpp>
#pragma GCC diagnostic pop

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace convcert;

namespace {

using Run = tests::CliRun;
using Rat = boost::multiprecision::cpp_rational;
using tests::cli_count_lines;
using tests::cli_file_read;
using tests::cli_file_write;

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("cli-gd");
    return dir;
}

Run run(const std::string& args) {
    return tests::cli_run(scratch(), args);
}

} // namespace

TEST_CASE("dataset, train, maxmargin and check end to end", "[cli]") {
    const std::string d = (scratch() / "syn.json").string();
    REQUIRE(run("dataset synthetic --channels 1 --D 6 --n 12 --seed 4 -o " + d).exit_code == 0);
    const std::string first = cli_file_read(d);
    REQUIRE(run("dataset synthetic --channels 1 --D 6 --n 12 --seed 4 -o " + d).exit_code == 0);
    CHECK(cli_file_read(d) == first);

    const std::string r1 = (scratch() / "run1.json").string(),
                      r2 = (scratch() / "run2.json").string();
    CHECK(run("train " + d + " --kernel 3 --channels 2 --steps 300 -o " + r1).exit_code == 0);
    CHECK(run("train " + d + " --kernel 3 --channels 2 --steps 300 -o " + r2).exit_code == 0);
    CHECK(cli_file_read(r1) == cli_file_read(r2));
    CHECK(cli_file_read(r1).find("\"checkpoints\"") != std::string::npos);

    const std::string c = (scratch() / "mm.json").string();
    REQUIRE(run("maxmargin " + d + " --kernel 3 -o " + c).exit_code == 0);
    const Run ok = run("check " + c);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("valid (maxmargin-bracket, D = 6, K = 3, R = 1, 12 samples)") !=
          std::string::npos);
    // Tamper: flip the first label of the claim.
    std::string text = cli_file_read(c);
    const auto pos = text.find("\"y\": [");
    REQUIRE(pos != std::string::npos);
    const auto q = text.find('"', pos + 6);
    const std::string bad = text.substr(0, q + 1) + (text[q + 1] == '1' ? "-" : "") +
                            text.substr(text[q + 1] == '-' ? q + 2 : q + 1);
    const std::string t = (scratch() / "mm-bad.json").string();
    std::ofstream(t) << bad;
    CHECK(run("check " + t).exit_code == 1);
}

TEST_CASE("the example maxmargin-bracket certificate is valid with its documented claim", "[cli]") {
    const std::string path = std::string(CONVCERT_SOURCE_DIR) + "/examples/maxmargin-bracket.json";
    const Run r = run("check " + path);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("valid (maxmargin-bracket, D = 6, K = 2, R = 1, 10 samples)") !=
          std::string::npos);
    const nlohmann::json cert = nlohmann::json::parse(cli_file_read(path));
    CHECK(cert.at("kind") == "maxmargin-bracket");
    const auto& claim = cert.at("claim");
    CHECK(claim.at("D") == 6);
    CHECK(claim.at("K") == 2);
    CHECK(claim.at("x").size() == 10);
    CHECK(claim.at("y").size() == 10);
    CHECK(cert.at("evidence").at("alpha").size() == 10);
    // lower <= upper, and the relative gap (upper - lower)/upper < 1e-9 (docs/certificates.md),
    // both decided exactly.
    const Rat lower(claim.at("lower").get<std::string>()),
        upper(claim.at("upper").get<std::string>());
    CHECK(lower > 0);
    CHECK(lower <= upper);
    CHECK((upper - lower) * 1000000000 < upper);
}

TEST_CASE("maxmargin regenerates the example deterministically", "[cli]") {
    // Two runs of the same binary on the same machine give the same bytes (README, "Numerics
    // and BLAS"); bytes made elsewhere are not compared: they depend on the BLAS's last digits.
    const std::string data = std::string(CONVCERT_SOURCE_DIR) + "/examples/dataset-synthetic.json";
    const std::string a = (scratch() / "example-a.json").string(),
                      b = (scratch() / "example-b.json").string();
    REQUIRE(run("maxmargin " + data + " --kernel 2 -o " + a).exit_code == 0);
    REQUIRE(run("maxmargin " + data + " --kernel 2 -o " + b).exit_code == 0);
    CHECK(cli_file_read(a) == cli_file_read(b));
    CHECK(run("check " + a).exit_code == 0);
    CHECK(run("check " + b).exit_code == 0);
}

TEST_CASE("bad input: one-line errors, exit 2, no output file", "[cli]") {
    const std::string out = (scratch() / "never.json").string();
    const std::string bad = (scratch() / "bad.json").string();
    std::ofstream(bad) << "{\"format\": \"convcert-dataset\", \"R\": 1, \"D\": 2, \"x\": [[1, 2]], "
                          "\"y\": [1]}";
    for (const std::string& args :
         {"train " + bad + " --kernel 1 --channels 1 -o " + out,
          "maxmargin " + bad + " --kernel 1 -o " + out, "dataset cifar -o " + out,
          "dataset mnist --pool 5 -o " + out, "dataset cifar --file /nonexistent.bin -o " + out,
          "train " + bad + " --kernel 1", std::string("experiment sgd"),
          "dataset nosuch -o " + out}) {
        INFO(args);
        const Run r = run(args);
        CHECK(r.exit_code == 2);
        CHECK(cli_count_lines(r.err) == 1);
        CHECK(!fs::exists(out));
    }
}

TEST_CASE("2-D datasets and training end to end: shape kept, K1xK2 kernels, same bytes twice",
          "[cli]") {
    const std::string d = (scratch() / "img.json").string();
    cli_file_write(d, "{\"format\": \"convcert-dataset\", \"R\": 1, \"D\": 12, \"shape\": [3, 4],\n"
                      "\"y\": [1, -1, 1, -1],\n\"x\": [[1,0,2,0,0,1,0,3,1,0,0,2],\n"
                      "[0,2,0,1,3,0,1,0,0,2,1,0],\n[2,0,1,0,0,3,0,1,2,0,0,1],\n"
                      "[0,1,0,3,1,0,2,0,0,1,2,0]]}\n");
    const std::string r1 = (scratch() / "img-run1.json").string(),
                      r2 = (scratch() / "img-run2.json").string();
    CHECK(run("train " + d + " --kernel 2x3 --channels 2 --steps 100 -o " + r1).exit_code == 0);
    CHECK(run("train " + d + " --kernel 2x3 --channels 2 --steps 100 -o " + r2).exit_code == 0);
    const std::string text = cli_file_read(r1);
    CHECK(text == cli_file_read(r2));
    CHECK(text.find("\"D\": 12, \"K\": 6, \"shape\": [3, 4], \"kernel_shape\": [2, 3]") !=
          std::string::npos);
    // --kernel 3 on 2-D data is 3x3.
    CHECK(run("train " + d + " --kernel 3 --channels 1 --steps 10 -o " + r1).exit_code == 0);
    CHECK(cli_file_read(r1).find("\"kernel_shape\": [3, 3]") != std::string::npos);
    // The MNIST task keeps its 2-D shape (pooled 7x7 here), --flat gives the 1-D signal.
    const std::string m = (scratch() / "mnist2d.json").string();
    REQUIRE(run("dataset mnist --per-class 3 -o " + m).exit_code == 0);
    CHECK(cli_file_read(m).find("\"D\": 49, \"shape\": [7, 7],") != std::string::npos);
    REQUIRE(run("dataset mnist --per-class 3 --flat -o " + m).exit_code == 0);
    CHECK(cli_file_read(m).find("shape") == std::string::npos);
}

TEST_CASE("2-D bad input: kernel beyond the shape, shape against rows, zero dimensions", "[cli]") {
    const std::string out = (scratch() / "never2d.json").string();
    const std::string img = (scratch() / "img-small.json").string(),
                      rows = (scratch() / "img-rows.json").string(),
                      zero = (scratch() / "img-zero.json").string(),
                      flat = (scratch() / "flat.json").string();
    const std::string y = ", \"y\": [1, -1]}";
    cli_file_write(img, "{\"format\": \"convcert-dataset\", \"R\": 1, \"shape\": [2, 3], \"x\": "
                        "[[1,2,3,4,5,6], [0,1,0,1,0,1]]" +
                            y);
    cli_file_write(rows, "{\"format\": \"convcert-dataset\", \"R\": 1, \"shape\": [2, 3], \"x\": "
                         "[[1,2,3,4,5], [0,1,0,1,0]]" +
                             y);
    cli_file_write(zero, "{\"format\": \"convcert-dataset\", \"R\": 1, \"shape\": [0, 3], \"x\": "
                         "[[], []]" +
                             y);
    cli_file_write(flat, "{\"format\": \"convcert-dataset\", \"R\": 1, \"D\": 6, \"x\": "
                         "[[1,2,3,4,5,6], [0,1,0,1,0,1]]" +
                             y);
    for (const std::string& args : {"train " + img + " --kernel 3x2 --channels 1 -o " + out,
                                    "train " + img + " --kernel 3 --channels 1 -o " + out,
                                    "train " + img + " --kernel 2x4 --channels 1 -o " + out,
                                    "train " + img + " --kernel 2x0 --channels 1 -o " + out,
                                    "train " + img + " --kernel x2 --channels 1 -o " + out,
                                    "train " + rows + " --kernel 1 --channels 1 -o " + out,
                                    "train " + zero + " --kernel 1 --channels 1 -o " + out,
                                    "train " + flat + " --kernel 2x2 --channels 1 -o " + out,
                                    // maxmargin: kernels beyond the shape, a 2-D kernel on
                                    // 1-D data, malformed kernels, bad shapes.
                                    "maxmargin " + img + " --kernel 3x2 -o " + out,
                                    "maxmargin " + img + " --kernel 3 -o " + out,
                                    "maxmargin " + img + " --kernel 2x4 -o " + out,
                                    "maxmargin " + img + " --kernel 2x0 -o " + out,
                                    "maxmargin " + img + " --kernel x2 -o " + out,
                                    "maxmargin " + flat + " --kernel 2x2 -o " + out,
                                    "maxmargin " + flat + " --kernel 7 -o " + out,
                                    "maxmargin " + rows + " --kernel 1 -o " + out,
                                    "maxmargin " + zero + " --kernel 1 -o " + out}) {
        INFO(args);
        const Run r = run(args);
        CHECK(r.exit_code == 2);
        CHECK(cli_count_lines(r.err) == 1);
        CHECK(!fs::exists(out));
    }
    CHECK(run("train " + img + " --kernel 2x3 --channels 1 --steps 5 -o " + out).exit_code == 0);
    std::remove(out.c_str());
}

TEST_CASE("maxmargin on 2-D datasets: K1xK2 and KxK kernels, checked, same bytes twice", "[cli]") {
    // Until the 2-D pipeline, maxmargin refused every dataset with a "shape" (exit 2).
    const std::string d = (scratch() / "mm-img.json").string();
    cli_file_write(d, "{\"format\": \"convcert-dataset\", \"R\": 1, \"shape\": [3, 4],\n"
                      "\"y\": [1, -1, 1, -1, 1, -1],\n\"x\": [[1,0,2,0,0,1,0,3,1,0,0,2],\n"
                      "[0,2,0,1,3,0,1,0,0,2,1,0],\n[2,0,1,0,0,3,0,1,2,0,0,1],\n"
                      "[0,1,0,3,1,0,2,0,0,1,2,0],\n[1,1,1,0,0,2,0,1,1,0,0,1],\n"
                      "[0,1,0,2,1,0,1,0,0,1,1,0]]}\n");
    const std::string a = (scratch() / "mm-img-a.json").string(),
                      b = (scratch() / "mm-img-b.json").string();
    REQUIRE(run("maxmargin " + d + " --kernel 2x3 -o " + a).exit_code == 0);
    REQUIRE(run("maxmargin " + d + " --kernel 2x3 -o " + b).exit_code == 0);
    CHECK(cli_file_read(a) == cli_file_read(b));
    const Run ok = run("check " + a);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("valid (maxmargin-bracket, D = 3x4, K = 2x3, R = 1, 6 samples)") !=
          std::string::npos);
    const nlohmann::json claim = nlohmann::json::parse(cli_file_read(a)).at("claim");
    CHECK(claim.at("shape") == nlohmann::json({3, 4}));
    CHECK(claim.at("kernel_shape") == nlohmann::json({2, 3}));
    CHECK(claim.at("K") == 6);
    // --kernel 2 on 2-D data is 2x2; 1x1 and the full 3x4 kernel work too.
    REQUIRE(run("maxmargin " + d + " --kernel 2 -o " + a).exit_code == 0);
    CHECK(nlohmann::json::parse(cli_file_read(a)).at("claim").at("kernel_shape") ==
          nlohmann::json({2, 2}));
    CHECK(run("check " + a).exit_code == 0);
    for (const std::string k : {"1", "3x4"}) {
        REQUIRE(run("maxmargin " + d + " --kernel " + k + " -o " + a).exit_code == 0);
        CHECK(run("check " + a).exit_code == 0);
    }
}
