// `convcert experiment paper-mnist --certify` (issue 14): the certificates the report reads,
// written into DIR/certificates/ — per kernel K the max-margin bracket maxmargin-K<K>.json
// (maxmargin_certificate_denominated, as `convcert maxmargin`), and per trained run the
// regularizer bracket regularizer-K<K>-C<C>-seed<S>.json of its predictor at unit margin,
// w = W / min_i y_i <W, x_i> exactly (W's doubles are dyadic rationals, x the exact samples).
// Atomic (file_write_atomic) and resumable: a file that passes the report's own check
// (checker, kernel and size, for a maxmargin also this dataset's samples; for a regularizer
// this run's w) is kept; a missing or failing one is (re)done. Shards split the work: a run's
// certificate belongs to the shard that trained the run, the j-th max-margin certificate (in
// K order) to shard j mod N + 1.
#pragma once

#include "data/dataset.h"
#include "experiment/paper_mnist.h"

#include <functional>
#include <string>
#include <vector>

namespace convcert::experiment {

struct PaperCertifyOptions {
    std::vector<long> maxmargin_kernels;   ///< K of the max-margin certificates; empty: every K
    std::vector<long> regularizer_kernels; ///< K of the runs' certificates; empty: every K
};

/// One certificate of this shard, and what became of it.
struct PaperCertifyItem {
    bool maxmargin = false; ///< else a run's regularizer
    long K = 1, C = 0;      ///< C, seed: the run's (regularizer only)
    unsigned long long seed = 0;
    std::string run_path; ///< the run's RUN.json (regularizer only)
    std::string path;     ///< DIR/certificates/<name>.json
    enum class Outcome { Pending, Cached, Written, Skipped, Failed } outcome = Outcome::Pending;
    std::string note;            ///< Skipped or Failed: one line
    double lower = 0, upper = 0; ///< Cached or Written: the bracket, paper's units
    double seconds = 0;          ///< generation wall time (0 when cached)
};

/// This shard's certificates, max-margin ones first (K order), then the runs' (grid order).
/// Preconditions as paper_grid_cells.
std::vector<PaperCertifyItem> paper_certify_items(const data::Dataset& d, const PaperGridOptions& o,
                                                  const PaperCertifyOptions& c);

/// Brings one item to Cached, Written, Skipped (a run that does not separate the data) or
/// Failed (the generator threw, or the written file does not pass the check). Precondition:
/// for a regularizer item, the run's RUN.json exists (paper_grid_run wrote it).
void paper_certify_item_run(PaperCertifyItem& item, const data::Dataset& d, const std::string& dir);

/// Every item of this shard, in order, calling progress after each. Throws std::runtime_error
/// when DIR/certificates cannot be created.
std::vector<PaperCertifyItem>
paper_certify_run(const data::Dataset& d, const PaperGridOptions& o, const PaperCertifyOptions& c,
                  const std::function<void(const PaperCertifyItem&)>& progress = {});

/// "new", "cached", "skipped: ...", "FAILED: ..." (the progress line's word).
std::string paper_certify_outcome_text(const PaperCertifyItem& item);

} // namespace convcert::experiment
