// End-to-end tests of the convcert binary: exit codes, one-line errors, atomic output,
// determinism, and check's verdicts on generated, example and tampered certificates.
#include "tests/cli_run.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace convcert;

namespace {

using Run = tests::CliRun;
using tests::cli_count_lines;
using tests::cli_file_read;
using tests::cli_file_write;

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("cli");
    return dir;
}

Run run(const std::string& args) {
    return tests::cli_run(scratch(), args);
}

} // namespace

TEST_CASE("help and usage errors", "[cli]") {
    CHECK(run("--help").exit_code == 0);
    CHECK(run("factor --help").out.find("usage: convcert factor") != std::string::npos);
    CHECK(run("check --help").out.find("usage: convcert check") != std::string::npos);
    CHECK(run("").exit_code == 2);
    CHECK(run("frobnicate").exit_code == 2);
    CHECK(run("factor").exit_code == 2);
    CHECK(run("check").exit_code == 2);
    const fs::path in = scratch() / "ok.json";
    cli_file_write(in, R"({"K": 2, "vectors": [[1, 2]]})");
    CHECK(run("factor " + in.string() + " --method magic").exit_code == 2);
    CHECK(run("factor " + in.string() + " --digits 5").exit_code == 2);
    CHECK(run("factor " + in.string() + " --digits 3x").exit_code == 2);
    CHECK(run("factor " + in.string() + " --bogus").exit_code == 2);
}

TEST_CASE("factor then check, for both methods, deterministically", "[cli]") {
    const fs::path in = scratch() / "issue.json";
    cli_file_write(in, R"({"K": 3, "vectors": [[1, 2, -3], ["1/2", "0", "4"]]})");
    for (const std::string method : {"exact", "enclosure", "auto"}) {
        INFO("method " << method);
        const fs::path a = scratch() / ("a-" + method + ".json");
        const fs::path b = scratch() / ("b-" + method + ".json");
        const Run ra = run("factor " + in.string() + " --method " + method + " -o " + a.string());
        INFO(ra.err);
        REQUIRE(ra.exit_code == 0);
        REQUIRE(ra.out.empty());
        REQUIRE(
            run("factor " + in.string() + " --method " + method + " -o " + b.string()).exit_code ==
            0);
        REQUIRE(cli_file_read(a) == cli_file_read(b)); // byte-identical
        const Run stdout_run = run("factor " + in.string() + " --method " + method);
        REQUIRE(stdout_run.out == cli_file_read(a));
        const Run rc = run("check " + a.string());
        INFO(rc.out);
        REQUIRE(rc.exit_code == 0);
        REQUIRE(rc.out.find(": valid (") != std::string::npos);
        REQUIRE(cli_file_read(a).find(method == "enclosure" ? "lemma-enclosure" : "lemma-exact") !=
                std::string::npos);
    }
}

TEST_CASE("check reports one line per file and the worst exit code", "[cli]") {
    const fs::path in = scratch() / "pyth.json";
    cli_file_write(in, R"({"K": 1, "vectors": [[3], [4]]})");
    const fs::path good = scratch() / "pyth-cert.json";
    REQUIRE(run("factor " + in.string() + " -o " + good.string()).exit_code == 0);
    std::string text = cli_file_read(good);
    const auto at = text.find("\"25\"");
    REQUIRE(at != std::string::npos);
    const fs::path bad = scratch() / "pyth-tampered.json";
    cli_file_write(bad, text.replace(at, 4, "\"26\""));
    const fs::path garbage = scratch() / "garbage.json";
    cli_file_write(garbage, "{ not json");

    Run r = run("check " + good.string() + " " + bad.string());
    CHECK(r.exit_code == 1);
    CHECK(cli_count_lines(r.out) == 2);
    CHECK(r.out.find(bad.string() + ": INVALID: ") != std::string::npos);
    r = run("check " + good.string() + " " + bad.string() + " " + garbage.string() + " " +
            (scratch() / "missing.json").string());
    CHECK(r.exit_code == 2);
    CHECK(cli_count_lines(r.out) == 4);
}

TEST_CASE("bad input exits 2 with one line and leaves no output file", "[cli]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{\"K\": 2, \"vectors\": [[1, 2]", "malformed JSON"},
        {R"({"K": 0, "vectors": [[]]})", "at least 1"},
        {R"({"K": 2, "vectors": [[1, 2], [3]]})", "expected K = 2"},
        {R"({"K": 2, "vectors": []})", "empty"},
        {R"({"K": 2, "vectors": [[1, "x/y"]]})", "vectors[0][1]"},
        {R"({"K": 9000, "vectors": [[1]]})", "exceeds the limit"},
        {R"({"K": 1, "vectors": [[1.5]]})", "not an integer"},
    };
    int i = 0;
    for (const auto& [text, expected] : cases) {
        const fs::path in = scratch() / ("bad" + std::to_string(i) + ".json");
        const fs::path out = scratch() / ("bad" + std::to_string(i++) + "-cert.json");
        cli_file_write(in, text);
        const Run r = run("factor " + in.string() + " -o " + out.string());
        INFO(text << " -> " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(cli_count_lines(r.err) == 1);
        CHECK(r.err.find(expected) != std::string::npos);
        CHECK_FALSE(fs::exists(out));
        for (const auto& entry : fs::directory_iterator(scratch()))
            CHECK(entry.path().string().find(out.filename().string()) == std::string::npos);
    }
    const Run missing = run("factor " + (scratch() / "nope.json").string());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("cannot read") != std::string::npos);
    // An output path that cannot be written: exit 2, nothing left behind.
    const fs::path in = scratch() / "bad0.json";
    cli_file_write(in, R"({"K": 1, "vectors": [[2]]})");
    const Run unwritable =
        run("factor " + in.string() + " -o " + (scratch() / "no/such/dir.json").string());
    CHECK(unwritable.exit_code == 2);
}

TEST_CASE("regularizer: bracket written atomically, checked; bad input exits 2", "[cli]") {
    const fs::path in = scratch() / "w.json";
    const fs::path out = scratch() / "w-cert.json";
    cli_file_write(in, R"({"D": 6, "w": [1, "-1/2", 0, 2, "0.25", -3]})");
    const Run ok = run("regularizer " + in.string() + " --kernel 3 -o " + out.string());
    INFO(ok.err);
    REQUIRE(ok.exit_code == 0);
    CHECK(ok.out.find("R_{K,C}(w) in [") != std::string::npos);
    CHECK(ok.out.find("C0 = 1") != std::string::npos);
    CHECK(run("check " + out.string()).exit_code == 0);
    fs::remove(out);
    // SDPA forced, and both SDP files for other solvers.
    const fs::path reduced = scratch() / "w-reduced.dat-s", full = scratch() / "w-full.dat-s";
    const Run sdpa =
        run("regularizer " + in.string() + " --kernel 3 --solver sdpa -o " + out.string() +
            " --write-sdpa " + reduced.string() + " --write-sdpa-full " + full.string());
    INFO(sdpa.err);
    REQUIRE(sdpa.exit_code == 0);
    CHECK(run("check " + out.string()).exit_code == 0);
    CHECK(cli_file_read(reduced).rfind("* convcert: reduced SDP", 0) == 0);
    CHECK(cli_file_read(full).find("full") != std::string::npos);
    fs::remove(out);
    CHECK(run("regularizer " + in.string() + " --kernel 3 --solver fast").exit_code == 2);
    // R = 2 input channels: C0 >= R channels, checked; the reduced SDP file, not the full one.
    const fs::path multi = scratch() / "w2.json";
    cli_file_write(multi, R"({"R": 2, "D": 4, "w": [[1, 0, 2, 0], [0, 1, 0, "1/3"]]})");
    const Run m = run("regularizer " + multi.string() + " --kernel 2 -o " + out.string());
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    CHECK(m.out.find("C0 = 2") != std::string::npos);
    CHECK(run("check " + out.string()).exit_code == 0);
    fs::remove(out);
    const Run no_full = run("regularizer " + multi.string() + " --kernel 2 --write-sdpa-full " +
                            full.string() + " -o " + out.string());
    CHECK(no_full.exit_code == 2);
    CHECK_FALSE(fs::exists(out));
    fs::remove(reduced);
    const Run multi_sdpa = run("regularizer " + multi.string() + " --kernel 2 --write-sdpa " +
                               reduced.string() + " -o " + out.string());
    CHECK(multi_sdpa.exit_code == 0);
    CHECK(cli_file_read(reduced).find("R = 2 input channels") != std::string::npos);
    fs::remove(out);

    const std::vector<std::tuple<std::string, int, std::string>> cases = {
        {R"({"D": 3, "w": [1, 2, 3]})", 5, "K = 5"},
        {R"({"D": 0, "w": []})", 1, "D must be at least 1"},
        {R"({"D": 4, "w": [1, 2, 3]})", 2, "length"},
        {R"({"D": 3, "w": [1, "nan", 3]})", 2, "w[1]"},
        {R"({"D": 3, "w": [1, "1e999999999", 3]})", 2, "w[1]"},
        {R"({"D": 3, "w": [1, 2, 3)", 2, "JSON"},
    };
    int i = 0;
    for (const auto& [text, K, expected] : cases) {
        const fs::path bad = scratch() / ("wbad" + std::to_string(i++) + ".json");
        cli_file_write(bad, text);
        const Run r = run("regularizer " + bad.string() + " --kernel " + std::to_string(K) +
                          " -o " + out.string());
        INFO(text << " -> " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(cli_count_lines(r.err) == 1);
        CHECK(r.err.find(expected) != std::string::npos);
        CHECK_FALSE(fs::exists(out));
    }
    const Run no_kernel = run("regularizer " + in.string() + " -o " + out.string());
    CHECK(no_kernel.exit_code == 2);
    CHECK(no_kernel.err.find("--kernel") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("collapse: certificate written atomically, checked; bad input exits 2", "[cli]") {
    const fs::path in = fs::path(CONVCERT_SOURCE_DIR) / "examples" / "network-3ch.json";
    const fs::path out = scratch() / "collapse-cert.json";
    const Run ok = run("collapse " + in.string() + " -o " + out.string());
    INFO(ok.err);
    REQUIRE(ok.exit_code == 0);
    CHECK(ok.err.empty());
    CHECK(cli_count_lines(ok.out) == 1);
    CHECK(ok.out.find("C = 3 -> 1, cost_in ") != std::string::npos);
    CHECK(ok.out.find("(saving ") != std::string::npos);
    const Run checked = run("check " + out.string());
    INFO(checked.out);
    CHECK(checked.exit_code == 0);
    CHECK(checked.out.find("valid (network-collapse, D = 6, K = 3, 3 channels -> 1)") !=
          std::string::npos);
    // Deterministic, and the same text on standard output without -o.
    const Run to_stdout = run("collapse " + in.string());
    CHECK(to_stdout.exit_code == 0);
    CHECK(to_stdout.out == cli_file_read(out));
    CHECK(to_stdout.err.find("convcert collapse: C = 3 -> 1") != std::string::npos);
    // The shipped certificate checks with the same claim; its bytes (a double-precision spectral
    // factor, rounded) are not compared with this machine's run.
    const Run shipped = run(
        "check " + (fs::path(CONVCERT_SOURCE_DIR) / "examples" / "network-collapse.json").string());
    CHECK(shipped.exit_code == 0);
    CHECK(shipped.out.find("valid (network-collapse, D = 6, K = 3, 3 channels -> 1)") !=
          std::string::npos);
    // An already optimal input: the slack is stated, and the certificate still checks.
    const fs::path optimal = scratch() / "optimal.json";
    cli_file_write(optimal, R"({"D": 2, "K": 2, "u": [[1, 0], [0, 1]], "v": [[1, 0], [0, 1]]})");
    const Run slack = run("collapse " + optimal.string() + " -o " + out.string());
    CHECK(slack.exit_code == 0);
    CHECK(slack.out.find("(slack ") != std::string::npos);
    CHECK(run("check " + out.string()).exit_code == 0);
    fs::remove(out);

    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, 2]])", "malformed JSON"},
        {R"({"D": 2, "K": 3, "u": [[1, 2, 3]], "v": [[1, 2]]})", "K = 3 must satisfy"},
        {R"({"D": 0, "K": 1, "u": [[1]], "v": [[]]})", "D must be at least 1"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[1]], "v": [[1, 2]]})", "R = 2"},
        {R"({"D": 2, "K": 1, "R": 0, "u": [[1]], "v": [[1, 2]]})", "R must be between 1 and 64"},
        {R"({"D": 2, "K": 1, "R": 2, "u": [[[1], [2], [3]]], "v": [[1, 2]]})",
         "u[0] must be a list of R = 2 rows"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1]]})", "v[0] has length 1, expected D = 2"},
        {R"({"D": 2, "K": 1, "u": [[1], [2]], "v": [[1, 2]]})", "2 kernels"},
        {R"({"D": 2, "K": 1, "u": [["nan"]], "v": [[1, 2]]})", "u[0][0]"},
        {R"({"D": 2, "K": 1, "u": [[1]], "v": [[1, "1e999999999"]]})", "v[0][1]"},
    };
    int i = 0;
    for (const auto& [text, expected] : cases) {
        const fs::path bad = scratch() / ("netbad" + std::to_string(i++) + ".json");
        cli_file_write(bad, text);
        const Run r = run("collapse " + bad.string() + " -o " + out.string());
        INFO(text << " -> " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(cli_count_lines(r.err) == 1);
        CHECK(r.err.find(expected) != std::string::npos);
        CHECK_FALSE(fs::exists(out));
        for (const auto& entry : fs::directory_iterator(scratch()))
            CHECK(entry.path().string().find(out.filename().string()) == std::string::npos);
    }
    CHECK(run("collapse").exit_code == 2);
    CHECK(run("collapse " + in.string() + " --bogus").exit_code == 2);
    CHECK(run("collapse " + in.string() + " -o").exit_code == 2);
    CHECK(run("collapse --help").out.find("usage: convcert collapse") != std::string::npos);
    CHECK(run("collapse " + (scratch() / "nope.json").string()).exit_code == 2);
}

TEST_CASE("collapse -o with --npz-out writes both files or neither", "[cli]") {
    const std::string in =
        (fs::path(CONVCERT_SOURCE_DIR) / "examples" / "network-3ch.json").string();
    const fs::path cert = scratch() / "pair-cert.json", npz = scratch() / "pair-net.npz";
    const std::string missing = (scratch() / "no-such-dir" / "net.npz").string();
    // The network cannot be written: the certificate is not written either (an older file at
    // its path keeps its content), nor printed, and no temporary file stays.
    cli_file_write(cert, "older\n");
    Run r = run("collapse " + in + " -o " + cert.string() + " --npz-out " + missing);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(cli_count_lines(r.err) == 1);
    CHECK(r.err.find("cannot write '" + missing + "'") != std::string::npos);
    CHECK(cli_file_read(cert) == "older\n");
    fs::remove(cert);
    CHECK(run("collapse " + in + " -o " + cert.string() + " --npz-out " + missing).exit_code == 2);
    CHECK_FALSE(fs::exists(cert));
    r = run("collapse " + in + " --npz-out " + missing);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    for (const auto& entry : fs::directory_iterator(scratch()))
        CHECK(entry.path().filename().string().find("pair-cert.json") == std::string::npos);
    // Both written; one path named twice is refused.
    r = run("collapse " + in + " -o " + cert.string() + " --npz-out " + npz.string());
    CHECK(r.exit_code == 0);
    CHECK(run("check " + cert.string()).exit_code == 0);
    CHECK(cli_file_read(npz).rfind("PK", 0) == 0); // a zip archive
    r = run("collapse " + in + " -o " + npz.string() + " --npz-out " + npz.string());
    CHECK(r.exit_code == 2);
    CHECK(cli_count_lines(r.err) == 1);
}

TEST_CASE("the shipped examples check, and the demo runs", "[cli]") {
    const fs::path examples = fs::path(CONVCERT_SOURCE_DIR) / "examples";
    for (const char* name : {"lemma-exact.json", "lemma-enclosure.json", "regularizer-bracket.json",
                             "network-collapse.json"}) {
        const Run r = run("check " + (examples / name).string());
        INFO(name << ": " << r.out);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("K = 0") == std::string::npos);
    }
    const Run demo = run("demo --out " + (scratch() / "demo").string());
    INFO(demo.out << demo.err);
    CHECK(demo.exit_code == 0);
    CHECK(demo.out.find("INVALID") == std::string::npos);
    CHECK(fs::exists(scratch() / "demo" / "lemma-exact.json"));
    CHECK(fs::exists(scratch() / "demo" / "lemma-enclosure.json"));
}
