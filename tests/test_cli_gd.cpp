// End-to-end tests of the issue-6 commands of the convcert binary (dataset, train, maxmargin,
// experiment): exit codes, one-line errors, no partial output, determinism, and check's verdict
// on a generated and a tampered maxmargin-bracket certificate.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path scratch() {
    static fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("convcert-cli-gd-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

Run run(const std::string& args) {
    const fs::path out = scratch() / "stdout", err = scratch() / "stderr";
    const std::string cmd =
        std::string(CONVCERT_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

int lines(const std::string& s) {
    int n = 0;
    for (char c : s)
        n += c == '\n';
    return n;
}

} // namespace

TEST_CASE("dataset, train, maxmargin and check end to end", "[cli]") {
    const std::string d = (scratch() / "syn.json").string();
    REQUIRE(run("dataset synthetic --channels 1 --D 6 --n 12 --seed 4 -o " + d).exit_code == 0);
    const std::string first = slurp(d);
    REQUIRE(run("dataset synthetic --channels 1 --D 6 --n 12 --seed 4 -o " + d).exit_code == 0);
    CHECK(slurp(d) == first);

    const std::string r1 = (scratch() / "run1.json").string(),
                      r2 = (scratch() / "run2.json").string();
    CHECK(run("train " + d + " --kernel 3 --channels 2 --steps 300 -o " + r1).exit_code == 0);
    CHECK(run("train " + d + " --kernel 3 --channels 2 --steps 300 -o " + r2).exit_code == 0);
    CHECK(slurp(r1) == slurp(r2));
    CHECK(slurp(r1).find("\"checkpoints\"") != std::string::npos);

    const std::string c = (scratch() / "mm.json").string();
    REQUIRE(run("maxmargin " + d + " --kernel 3 -o " + c).exit_code == 0);
    const Run ok = run("check " + c);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("valid (maxmargin-bracket, D = 6, K = 3, R = 1, 12 samples)") !=
          std::string::npos);
    // Tamper: flip the first label of the claim.
    std::string text = slurp(c);
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
    CHECK(slurp(c) == slurp(src + "/examples/maxmargin-bracket.json"));
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
        CHECK(lines(r.err) == 1);
        CHECK(!fs::exists(out));
    }
}
