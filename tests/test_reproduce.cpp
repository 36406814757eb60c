// End-to-end test of `convcert reproduce` (label `reproduce`, slow-ish: the quick suite runs
// twice): every claim row present and fully certified, report.md / report.html and valid PNG
// plots, every listed certificate present, --jobs 2 and --jobs 1 give byte-identical files
// (all but timing.md), another seed gives other instances, a corrupted certificate (claim 2's,
// claim 4d's collapse) fails both `convcert check` and `convcert reproduce --recheck`, claim
// 4d's brackets have C0 = R and its collapses at most R channels (read from the files), and
// usage errors exit 2.
#include "report/png_check.h"

#include "support/flint_raii.h"
#include "tests/cli_run.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
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
    static const fs::path dir = tests::cli_scratch_create("reproduce");
    return dir;
}

Run run(const std::string& args) {
    return tests::cli_run(scratch(), args);
}

// Every regular file under dir (relative path -> bytes), timing.md excluded.
std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) {
            const std::string rel = fs::relative(e.path(), dir).string();
            if (rel != "timing.md") out[rel] = cli_file_read(e.path());
        }
    return out;
}

const std::vector<std::string> kClaims = {
    "1-lemma",          "2-theorem",        "3-closed-forms",
    "4a-realizability", "4b-multi-bracket", "4c-multi-closed-forms",
    "4d-conjecture",    "5-collapse",       "7a-separation-2d",
    "7b-candidates-2d", "8-paper-mnist"};

} // namespace

TEST_CASE("reproduce: quick suite end to end, deterministic for any --jobs", "[reproduce]") {
    const fs::path a = scratch() / "a", b = scratch() / "b";
    const Run ra = run("reproduce --out " + a.string() + " --jobs 2 --seed 3");
    INFO(ra.err);
    REQUIRE(ra.exit_code == 0);
    CHECK(ra.out.find("every certificate passed the independent checker") != std::string::npos);
    CHECK(ra.err.find("done") != std::string::npos); // progress lines
    // Each claim row: instances > 0, certified == certificates, no failures, no errors.
    for (const auto& id : kClaims) {
        INFO("claim " << id);
        std::istringstream lines(ra.out);
        std::string line;
        bool found = false;
        while (std::getline(lines, line)) {
            if (line.rfind(id + " ", 0) != 0) continue;
            found = true;
            std::istringstream f(line);
            std::vector<std::string> tok;
            std::string t;
            while (f >> t)
                tok.push_back(t);
            // id, "MATH.md", refs..., instances, certificates, certified, failed, errors, gap,
            // time value, "s": read from the end.
            REQUIRE(tok.size() >= 9);
            const std::size_t n = tok.size();
            const int instances = std::stoi(tok[n - 8]), certificates = std::stoi(tok[n - 7]),
                      certified = std::stoi(tok[n - 6]), failed = std::stoi(tok[n - 5]),
                      errors = std::stoi(tok[n - 4]);
            CHECK(instances > 0);
            CHECK(certified == certificates);
            CHECK(failed == 0);
            CHECK(errors == 0);
            if (id != "4a-realizability") CHECK(certificates >= instances);
        }
        CHECK(found);
    }
    const std::string md = cli_file_read(a / "report.md"), html = cli_file_read(a / "report.html");
    for (const auto& id : kClaims) {
        CHECK(md.find("## Claim " + id + ":") != std::string::npos);
        CHECK(html.find("id=\"claim-" + id + "\"") != std::string::npos);
    }
    // Claim 4d: the verdict, and (from the files, not the report) every bracket's network has
    // C0 = R channels and every collapse at most R.
    CHECK(md.find("Verdict: reproduced") != std::string::npos);
    CHECK(md.find("counterexample candidate") == std::string::npos);
    int brackets = 0, collapses = 0;
    for (const auto& e : fs::directory_iterator(a / "certificates/4d-conjecture")) {
        const nlohmann::json j = nlohmann::json::parse(cli_file_read(e.path()));
        const std::size_t R = j["claim"]["R"].get<std::size_t>();
        INFO(e.path().filename().string());
        if (j["kind"] == "network-collapse") {
            ++collapses;
            CHECK(j["claim"]["output"]["u"].size() <= R);
            CHECK(j["claim"]["input"]["u"].size() > R);
        } else if (e.path().filename().string().find("-search") == std::string::npos) {
            ++brackets;
            CHECK(j["kind"] == "regularizer-bracket");
            CHECK(j["evidence"]["network"]["u"].size() == R);
        }
    }
    CHECK(brackets >= 5);
    CHECK(collapses >= 9);
    // Closed forms inside their brackets (claims 3 and 4c), local optima inside (claim 2).
    CHECK(md.find("OUTSIDE") == std::string::npos);
    CHECK(md.find("undecided") == std::string::npos);
    CHECK(md.find("| NO |") == std::string::npos);
    CHECK(md.find("inside (exact)") != std::string::npos);
    CHECK(md.find("inside (Arb ball)") != std::string::npos);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    // Every image the report shows exists and is a valid PNG.
    int images = 0;
    for (std::size_t at = md.find("]("); at != std::string::npos; at = md.find("](", at + 1)) {
        const std::size_t end = md.find(')', at);
        const std::string link = md.substr(at + 2, end - at - 2);
        if (link.size() > 4 && link.compare(link.size() - 4, 4, ".png") == 0) {
            ++images;
            const convcert::report::PngInfo info =
                convcert::report::png_file_check((a / link).string());
            INFO(link << ": " << info.error);
            CHECK(info.valid);
            CHECK(info.width >= 100);
        } else if (link[0] != '#') {
            CHECK(fs::exists(a / link)); // relative links to certificates and timing.md
        }
    }
    CHECK(images >= 3);
    // The manifest lists every certificate; one of them passes `convcert check`.
    std::istringstream manifest(cli_file_read(a / "certificates.txt"));
    std::string first, rel;
    int listed = 0;
    while (std::getline(manifest, rel)) {
        CHECK(fs::exists(a / rel));
        if (first.empty()) first = rel;
        ++listed;
    }
    CHECK(listed > 100);
    CHECK(run("check " + (a / first).string()).exit_code == 0);
    CHECK(run("reproduce --recheck " + a.string()).exit_code == 0);

    // --jobs 1: byte-identical files (timing.md, the only file with times, excluded).
    const Run rb = run("reproduce --out " + b.string() + " --jobs 1 --seed 3");
    REQUIRE(rb.exit_code == 0);
    const auto ta = tree(a), tb = tree(b);
    CHECK(ta.size() == tb.size());
    for (const auto& [path, bytes] : ta) {
        INFO(path);
        REQUIRE(tb.count(path) == 1);
        CHECK((tb.at(path) == bytes));
    }
    CHECK(fs::exists(a / "timing.md"));

    // Corrupt one certificate in b: check and recheck fail, and name it.
    const std::string victim = "certificates/2-theorem/w0-K3.json";
    nlohmann::json j = nlohmann::json::parse(cli_file_read(b / victim));
    j["claim"]["w"][0] = "12345";
    std::ofstream(b / victim, std::ios::binary | std::ios::trunc) << j.dump(1);
    CHECK(run("check " + (b / victim).string()).exit_code == 1);
    const Run bad = run("reproduce --recheck " + b.string());
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find(victim + ": INVALID") != std::string::npos);
    // A tampered 4d collapse certificate (its output's cost lowered) fails the re-check too.
    const std::string collapse = "certificates/4d-conjecture/N-R4-K8-D32-C12.json";
    nlohmann::json jc = nlohmann::json::parse(cli_file_read(b / collapse));
    jc["claim"]["cost_out"] = "1";
    std::ofstream(b / collapse, std::ios::binary | std::ios::trunc) << jc.dump(1);
    CHECK(run("reproduce --recheck " + b.string()).out.find(collapse + ": INVALID") !=
          std::string::npos);
    // A deleted certificate is reported too.
    fs::remove(a / "certificates/5-collapse/C2-K2-D6-0.json");
    const Run missing = run("reproduce --recheck " + a.string());
    CHECK(missing.exit_code == 1);
    CHECK(missing.out.find("C2-K2-D6-0.json: INVALID") != std::string::npos);
}

TEST_CASE("reproduce: the seed picks the instances", "[reproduce]") {
    const fs::path c = scratch() / "c", d = scratch() / "d";
    REQUIRE(run("reproduce --out " + c.string() + " --seed 5 --only 5-collapse").exit_code == 0);
    REQUIRE(run("reproduce --out " + d.string() + " --seed 6 --only 5-collapse").exit_code == 0);
    const std::string f = "certificates/5-collapse/C3-K3-D6-0.json";
    CHECK(cli_file_read(c / f) != cli_file_read(d / f));
    // A stale certificate in a reused directory is removed (the directory matches the manifest).
    std::ofstream(c / "certificates/5-collapse/stale.json") << "{}";
    REQUIRE(run("reproduce --out " + c.string() + " --seed 5 --only 5-collapse").exit_code == 0);
    CHECK(!fs::exists(c / "certificates/5-collapse/stale.json"));
    CHECK(fs::exists(c / f));
    // An output path that is a file is a usage error.
    std::ofstream(scratch() / "a-file") << "x";
    CHECK(run("reproduce --out " + (scratch() / "a-file").string()).exit_code == 2);
    CHECK(cli_file_read(c / "report.md").find("## Claim 2-theorem") == std::string::npos);
}

TEST_CASE("reproduce: usage errors exit 2 with one line", "[reproduce]") {
    for (const std::string& args : std::vector<std::string>{
             "reproduce --jobs 0", "reproduce --jobs x", "reproduce --seed -1", "reproduce --bogus",
             "reproduce --only no-such-claim", "reproduce --out",
             "reproduce --recheck " + (scratch() / "nowhere").string()}) {
        INFO(args);
        const Run r = run(args);
        CHECK(r.exit_code == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    const std::string help = run("reproduce --help").out;
    CHECK(help.find("usage: convcert reproduce") != std::string::npos);
    for (const auto& id : kClaims) { // every claim is listed (6-gd too, though --full only)
        INFO("claim " << id);
        CHECK(help.find("\n  " + id + " ") != std::string::npos);
    }
    CHECK(help.find("\n  6-gd ") != std::string::npos);
}
