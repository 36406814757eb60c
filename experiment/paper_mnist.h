// `convcert experiment paper-mnist` (issue 14), the training part: the paper's grid K in {1, 3,
// 8, 16, 28} (K×K kernels; K alone on 1-D data) × C in {1, 2, 4, 8}, each cell trained by the
// paper's recipe (train/recipe_paper.h), one RUN.json per (K, C, trial) under DIR/runs/.
// Resumable: a cell whose RUN.json exists and matches (dataset name, K, C, seed, epoch cap) is
// not redone. Splittable: --shard i/N runs the cells whose index (in the order K, C, trial) is
// ≡ i - 1 mod N. The report (certified optimum, tables, figures) is a later part.
#pragma once

#include "data/dataset.h"

#include <string>
#include <vector>

namespace convcert::experiment {

inline constexpr long kPaperKernels[] = {1, 3, 8, 16, 28};
inline constexpr long kPaperChannels[] = {1, 2, 4, 8};
/// --quick: one trial (seed 1) per cell, at most this many epochs (on the paper's 128 images
/// every cell meets the stopping rule by epoch 3100, so the cap changes nothing there; it
/// bounds the time on other data).
inline constexpr long kPaperQuickEpochs = 5000;
/// --full: trials (seeds 1..10) per cell, the recipe's own cap of 100000 epochs.
inline constexpr long kPaperFullTrials = 10;

struct PaperGridOptions {
    std::string out = "convcert-experiment-paper-mnist";
    bool full = false;
    long shard = 1, shards = 1; ///< 1 <= shard <= shards
    long max_epochs = -1;       ///< -1: kPaperQuickEpochs (quick) or the recipe's 100000 (full)
    std::vector<long> kernels;  ///< a subset of kPaperKernels to run; empty: all of them
    std::vector<long> channels; ///< a subset of kPaperChannels to run; empty: all of them
};

struct PaperCell {
    long K = 1, C = 1, trial = 0;
    unsigned long long seed = 1;
    std::string path;    ///< DIR/runs/K<K>-C<C>-seed<seed>.json
    bool cached = false; ///< found done, not rerun
    long epochs = 0;
    double r_hat_paper = 0; ///< R̂ in the paper's units (+inf if the data is not separated)
    double seconds = 0;     ///< training time (0 when cached)
};

struct PaperGridResult {
    std::vector<PaperCell> cells;   ///< this shard's cells, in grid order
    std::vector<std::string> notes; ///< one line each (kernels that do not fit the data)
};

/// The kernels of the options (kernels, else kPaperKernels) that fit the data, in order; a note
/// for each that does not.
std::vector<long> paper_grid_kernels(const data::Dataset& d, const PaperGridOptions& o,
                                     std::vector<std::string>* notes);

/// This shard's cells for the dataset (kernels larger than the data are left out, with a note;
/// only the options' kernels and channels when given). Preconditions: d valid, 1 <= shard <=
/// shards (std::invalid_argument otherwise).
std::vector<PaperCell> paper_grid_cells(const data::Dataset& d, const PaperGridOptions& o,
                                        std::vector<std::string>* notes);

/// The epoch cap of the options (max_epochs, else the quick or full default).
long paper_grid_max_epochs(const PaperGridOptions& o);

/// True when the cell's RUN.json exists and is a finished run of this cell (same dataset name,
/// K, C, seed and epoch cap); fills epochs and r_hat_paper from it.
bool paper_cell_done(PaperCell& cell, const data::Dataset& d, long max_epochs);

/// Trains this shard's cells that are not done, writing each RUN.json atomically as soon as it
/// is finished. Throws std::runtime_error when a file cannot be written.
PaperGridResult paper_grid_run(const data::Dataset& d, const PaperGridOptions& o);

} // namespace convcert::experiment
