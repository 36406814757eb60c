// The report of `convcert experiment paper-mnist` (issue 14): read every RUN.json under
// DIR/runs (from any number of shards), put the paper's Table 1 beside our mean ± std per
// (K, C), with the certified optimum R*_K and each trained predictor's certified regularizer
// read from DIR/certificates/ when present (checked first; a failing file is reported, never
// used), draw |w| and |2-D DFT of w| per K for C = 1 and C = 8, and write DIR/report.md,
// DIR/report.html and DIR/figures/*.png. Reads and validates everything before writing anything.
#pragma once

#include "report/report_table.h"

#include <string>
#include <vector>

namespace convcert::experiment {

/// The paper's Table 1 (linear networks, MNIST, mean of 10 trials), in the paper's units, as
/// /work/shared/data/paper-mnist/README.md quotes it from Jagadeesan, Razenshteyn, Gunasekar,
/// "Inductive bias of multi-channel linear convolutional networks with bounded weight norm"
/// (COLT 2022): only C = 1 and C = 8 are given there.
struct PaperTableValue {
    long K, C;
    double r_hat;
};
inline constexpr PaperTableValue kPaperTable1[] = {
    {1, 1, 10.28}, {1, 8, 10.28}, {3, 1, 4.50},  {3, 8, 4.50},  {8, 1, 3.32},
    {8, 8, 3.29},  {16, 1, 3.15}, {16, 8, 3.11}, {28, 1, 2.84}, {28, 8, 2.72}};

/// Our R̂ is flagged where it differs from the paper's by more than this fraction.
inline constexpr double kPaperFlagFraction = 0.05;

/// One RUN.json ("convcert-recipe-run") of the grid.
struct PaperRun {
    std::string file; ///< its name under DIR/runs
    std::string dataset;
    long K = 1; ///< the kernel side (K×K in 2-D; the length in 1-D)
    long C = 1;
    unsigned long long seed = 1;
    long epochs = 0;
    bool stopped = false;
    long R = 1, D = 1;
    long D1 = 1, D2 = 1; ///< the image shape (1 × D in 1-D)
    double min_margin = 0;
    double r_hat_paper = 0; ///< +inf when the data was not separated (null in the file)
    std::vector<double> W;  ///< the final predictor, R·D
};

/// Mean and sample standard deviation (n - 1; 0 when n = 1) of R̂ over the separated trials of
/// a cell (those with a finite R̂; mean = +inf when there are none).
struct PaperCellStats {
    long K = 1, C = 1, trials = 0, separated = 0;
    double mean = 0, std = 0;
};

/// One RUN.json. Throws std::invalid_argument ("NAME: reason") when unreadable or malformed.
PaperRun paper_run_read(const std::string& path);

/// Every DIR/runs/*.json, sorted by (K, C, seed). Throws std::invalid_argument with one line
/// ("DIR/runs: no such directory", "FILE: reason") on a missing directory, an unreadable or
/// malformed file, runs of different datasets, or no runs at all.
std::vector<PaperRun> paper_runs_read(const std::string& dir);

/// The cells present, in (K, C) order. Precondition: runs sorted as paper_runs_read returns.
std::vector<PaperCellStats> paper_runs_stats(const std::vector<PaperRun>& runs);

/// The paper's value for (K, C), or a negative number when the paper gives none.
double paper_table1_value(long K, long C);

/// A certificate read for the report: absent, failed (the checker's line or a mismatch with
/// the run), or valid with its bracket in the paper's units.
struct PaperCertificate {
    enum class Status { Absent, Failed, Valid } status = Status::Absent;
    std::string reason; ///< Failed: one line
    double lower = 0, upper = 0;
};

/// DIR/certificates/maxmargin-K<K>.json: a maxmargin-bracket that passes the checker, on a
/// K×K (K in 1-D) kernel and D entries; its bracket times √D.
PaperCertificate paper_maxmargin_certificate(const std::string& dir, long K, long D, bool two_d);

/// DIR/certificates/regularizer-K<K>-C<C>-seed<S>.json: a regularizer-bracket that passes the
/// checker, whose w is the run's W / min_margin (relative difference at most 1e-6, so the
/// bracket is the cost of the trained predictor at unit margin); its bracket times √D.
PaperCertificate paper_regularizer_certificate(const std::string& dir, const PaperRun& run);

/// The report's main table for DIR: per (K, C) the paper's R̂, ours, the certified optimum,
/// R̂ / R*_K, the hull of the cell's certified R(w) and R̂ / R(w) over its runs (certificates
/// checked). Throws as paper_runs_read.
report::ReportTable paper_report_table(const std::string& dir);

/// Reads DIR (as above) and writes DIR/report.md, DIR/report.html and DIR/figures/. Throws
/// std::invalid_argument on bad input (nothing written), report::PlotError when gnuplot fails
/// and std::runtime_error when a file cannot be written (report.md and report.html are written
/// last, so neither exists after a failure unless a previous report was there).
void paper_report_write(const std::string& dir);

} // namespace convcert::experiment
