// The paper's training grid (experiment/paper_mnist.h): the cells of each shard are disjoint and
// cover the grid, finished cells are not redone (bytes kept), a missing or mismatched one is,
// and `convcert experiment paper-mnist` refuses bad shards with one line.
#include "experiment/paper_mnist.h"
#include "tests/cli_run.h"
#include "tests/paper_cli_refused.h"
#include "tests/paper_tiny_dataset.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <set>
#include <tuple>

namespace fs = std::filesystem;
using namespace convcert;
using namespace convcert::experiment;

namespace {

data::Dataset dataset_tiny() {
    return tests::paper_dataset_tiny();
}

const fs::path& scratch() {
    static const fs::path dir = tests::cli_scratch_create("experiment-paper");
    return dir;
}

using Key = std::tuple<long, long, unsigned long long>;

} // namespace

TEST_CASE("paper grid: shards are disjoint and cover the grid", "[paper]") {
    const data::Dataset d = dataset_tiny();
    for (bool full : {false, true}) {
        PaperGridOptions o;
        o.full = full;
        std::vector<std::string> notes;
        const auto all = paper_grid_cells(d, o, &notes);
        CHECK(all.size() == (full ? 80u : 8u)); // K in {1, 3} × 4 C × trials
        CHECK(notes.size() == 3);               // K = 8, 16, 28 do not fit 6×6
        std::set<Key> seen;
        o.shards = 3;
        std::size_t total = 0;
        for (long i = 1; i <= 3; ++i) {
            o.shard = i;
            for (const auto& c : paper_grid_cells(d, o, nullptr)) {
                CHECK(seen.insert({c.K, c.C, c.seed}).second);
                ++total;
            }
        }
        CHECK(total == all.size());
        CHECK(seen.size() == all.size());
    }
    PaperGridOptions bad;
    bad.shard = 3, bad.shards = 2;
    CHECK_THROWS_AS(paper_grid_cells(d, bad, nullptr), std::invalid_argument);
}

TEST_CASE("paper grid: resumable, a finished cell is not redone", "[paper]") {
    const data::Dataset d = dataset_tiny();
    PaperGridOptions o;
    o.out = (scratch() / "grid").string();
    o.max_epochs = 200;
    o.shards = 2;
    o.shard = 1;
    const auto first = paper_grid_run(d, o);
    o.shard = 2;
    const auto second = paper_grid_run(d, o);
    CHECK(first.cells.size() + second.cells.size() == 8);
    for (const auto& c : first.cells)
        CHECK_FALSE(c.cached);
    const std::string kept = tests::cli_file_read(first.cells[0].path);
    o.shards = o.shard = 1;
    fs::remove(second.cells[1].path);
    const auto again = paper_grid_run(d, o);
    long fresh = 0;
    for (const auto& c : again.cells) {
        fresh += !c.cached;
        CHECK(c.epochs == 200);
        if (!c.cached) CHECK(c.path == second.cells[1].path);
    }
    CHECK(fresh == 1);
    CHECK(tests::cli_file_read(first.cells[0].path) == kept);
    o.max_epochs = 100; // another cap: nothing matches, everything is redone
    for (const auto& c : paper_grid_run(d, o).cells) {
        CHECK_FALSE(c.cached);
        CHECK(c.epochs == 100);
    }
}

TEST_CASE("experiment paper-mnist: bad shards and options exit 2 with one line", "[paper][cli]") {
    const std::string data = (scratch() / "tiny.json").string();
    tests::cli_file_write(data, data::data_dataset_to_json(dataset_tiny()));
    const std::string out = (scratch() / "cli").string();
    tests::paper_cli_require_refused(scratch(), data, out,
                                     {"--shard 3/2", "--shard 0/2", "--shard 1/0", "--shard x",
                                      "--quick --full", "--max-epochs -2", "--lr 1"});
    const auto r = tests::cli_run(scratch(), "experiment paper-mnist " + data +
                                                 " --max-epochs 100 --shard 2/4 --out " + out);
    CHECK(r.exit_code == 0);
    CHECK(tests::cli_count_lines(r.out) == 2); // cells 1 and 5 of 8
    CHECK(r.out.find("K 1 C 2 seed 1 epochs 100") != std::string::npos);
}
