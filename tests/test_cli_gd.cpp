// End-to-end tests of the issue-6 commands of the convcert binary (dataset, train, maxmargin,
// experiment): exit codes, one-line errors, no partial output, determinism, and check's verdict
// on a generated and a tampered maxmargin-bracket certificate.
#include "tests/cli_run.h"

#include <catch2/catch.hpp>

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

TEST_CASE("the example maxmargin-bracket certificate is valid and regenerates", "[cli]") {
    const std::string src = CONVCERT_SOURCE_DIR;
    const Run r = run("check " + src + "/examples/maxmargin-bracket.json");
    CHECK(r.exit_code == 0);
    const std::string c = (scratch() / "example.json").string();
    REQUIRE(
        run("maxmargin " + src + "/examples/dataset-synthetic.json --kernel 2 -o " + c).exit_code ==
        0);
    CHECK(cli_file_read(c) == cli_file_read(src + "/examples/maxmargin-bracket.json"));
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
