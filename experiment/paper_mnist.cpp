// The paper's training grid (see paper_mnist.h).
#include "experiment/paper_mnist.h"

#include "certify/file_read_bounded.h"
#include "support/atomic_file.h"
#include "support/grid_input.h"
#include "train/recipe_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iterator>
#include <stdexcept>

namespace convcert::experiment {

namespace {

// True when a K×K kernel (K on 1-D data) fits the dataset's shape.
bool paper_kernel_fits(const data::Dataset& d, long K) {
    if (d.shape.size() == 2) return K <= d.shape[0] && K <= d.shape[1];
    return K <= d.D;
}

support::KernelSpec paper_kernel_spec(long K) {
    return support::kernel_spec_parse(std::to_string(K), "--kernel");
}

} // namespace

long paper_grid_max_epochs(const PaperGridOptions& o) {
    if (o.max_epochs >= 0) return o.max_epochs;
    return o.full ? train::kRecipePaperMaxEpochs : kPaperQuickEpochs;
}

std::vector<long> paper_grid_kernels(const data::Dataset& d, const PaperGridOptions& o,
                                     std::vector<std::string>* notes) {
    std::vector<long> out;
    for (long K : o.kernels.empty()
                      ? std::vector<long>(std::begin(kPaperKernels), std::end(kPaperKernels))
                      : o.kernels) {
        if (paper_kernel_fits(d, K))
            out.push_back(K);
        else if (notes)
            notes->push_back("K = " + std::to_string(K) + " does not fit the data");
    }
    return out;
}

std::vector<PaperCell> paper_grid_cells(const data::Dataset& d, const PaperGridOptions& o,
                                        std::vector<std::string>* notes) {
    data::data_dataset_validate(d);
    if (o.shards < 1 || o.shard < 1 || o.shard > o.shards)
        throw std::invalid_argument("paper grid: need 1 <= shard <= shards");
    const long trials = o.full ? kPaperFullTrials : 1;
    std::vector<PaperCell> cells;
    long index = 0;
    const std::vector<long> channels =
        o.channels.empty() ? std::vector<long>(std::begin(kPaperChannels), std::end(kPaperChannels))
                           : o.channels;
    for (long K : paper_grid_kernels(d, o, notes)) {
        for (long C : channels)
            for (long t = 0; t < trials; ++t, ++index) {
                if (index % o.shards != o.shard - 1) continue;
                PaperCell c;
                c.K = K, c.C = C, c.trial = t, c.seed = static_cast<unsigned long long>(t + 1);
                c.path = (std::filesystem::path(o.out) / "runs" /
                          ("K" + std::to_string(K) + "-C" + std::to_string(C) + "-seed" +
                           std::to_string(c.seed) + ".json"))
                             .string();
                cells.push_back(c);
            }
    }
    return cells;
}

bool paper_cell_done(PaperCell& cell, const data::Dataset& d, long max_epochs) {
    if (!std::filesystem::exists(cell.path)) return false;
    try {
        const auto j = nlohmann::json::parse(file_read_bounded(cell.path, 1L << 30));
        const long K = d.shape.size() == 2 ? cell.K * cell.K : cell.K;
        if (j.at("format") != "convcert-recipe-run" || j.at("dataset") != d.name ||
            j.at("K") != K || j.at("C") != cell.C || j.at("seed") != cell.seed ||
            j.at("max_epochs") != max_epochs)
            return false;
        cell.epochs = j.at("epochs").get<long>();
        cell.r_hat_paper =
            j.at("R_hat_paper").is_null() ? INFINITY : j.at("R_hat_paper").get<double>();
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

PaperGridResult paper_grid_run(const data::Dataset& d, const PaperGridOptions& o) {
    PaperGridResult r;
    r.cells = paper_grid_cells(d, o, &r.notes);
    const long cap = paper_grid_max_epochs(o);
    std::filesystem::create_directories(std::filesystem::path(o.out) / "runs");
    for (PaperCell& c : r.cells) {
        if ((c.cached = paper_cell_done(c, d, cap))) continue;
        train::RecipeOptions ro;
        ro.kernel = paper_kernel_spec(c.K);
        ro.C = c.C;
        ro.seed = c.seed;
        ro.max_epochs = cap;
        const train::RecipeRun run = train::recipe_paper_train(d, ro);
        support::file_write_atomic(c.path, train::recipe_run_to_json(run, d.name));
        c.epochs = run.epochs;
        c.r_hat_paper = train::recipe_r_hat_ours(run) * std::sqrt(static_cast<double>(run.D));
        c.seconds = run.seconds;
    }
    return r;
}

} // namespace convcert::experiment
