// The report of the paper's MNIST grid (see paper_mnist_report.h).
#include "experiment/paper_mnist_report.h"

#include "certify/check_files.h"
#include "certify/file_read_bounded.h"
#include "report/plot_gnuplot.h"
#include "report/report_document.h"
#include "support/atomic_file.h"
#include "support/rational_convert.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace convcert::experiment {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kRunMaxBytes = std::size_t(1) << 30;

// One RUN.json; throws std::invalid_argument("NAME: reason").
PaperRun paper_run_parse(const fs::path& path) {
    PaperRun r;
    r.file = path.filename().string();
    try {
        const json j = json::parse(file_read_bounded(path.string(), kRunMaxBytes));
        if (j.at("format") != "convcert-recipe-run")
            throw std::invalid_argument("not a recipe run");
        r.dataset = j.at("dataset").get<std::string>();
        r.R = j.at("R").get<long>(), r.D = j.at("D").get<long>(), r.C = j.at("C").get<long>();
        r.K = j.at("K").get<long>(), r.D2 = r.D;
        if (j.contains("shape")) {
            r.D1 = j.at("shape").at(0).get<long>(), r.D2 = j.at("shape").at(1).get<long>();
            r.K = j.at("kernel_shape").at(0).get<long>();
        }
        r.seed = j.at("seed").get<unsigned long long>();
        r.epochs = j.at("epochs").get<long>(), r.stopped = j.at("stopped").get<bool>();
        r.min_margin = j.at("min_margin").get<double>();
        const json& rh = j.at("R_hat_paper");
        r.r_hat_paper = rh.is_null() ? INFINITY : rh.get<double>();
        r.W = j.at("final").at("W").get<std::vector<double>>();
        if (r.R < 1 || r.D < 1 || r.C < 1 || r.K < 1 || r.D1 * r.D2 != r.D ||
            r.W.size() != static_cast<std::size_t>(r.R * r.D))
            throw std::invalid_argument("inconsistent sizes");
    } catch (const std::exception& e) {
        throw std::invalid_argument(r.file + ": " + e.what());
    }
    return r;
}

// "p/q" or "p" as the nearest double (the report's display only; exact for any length, where
// std::stold overflows on the thousands of digits of a trained predictor's bracket).
double paper_rational_value(const json& v) {
    return support::rational_to_double(v.get<std::string>());
}

// Reads and checks a certificate of the given kind; Absent when the file does not exist.
// Fills lower/upper (our units) and returns the claim in *claim when valid.
PaperCertificate paper_certificate_check(const fs::path& path, const std::string& kind,
                                         json* claim) {
    PaperCertificate c;
    if (!fs::exists(path)) return c;
    c.status = PaperCertificate::Status::Failed;
    std::string text;
    try {
        text = file_read_bounded(path.string(), kCheckMaxFileBytes);
    } catch (const std::exception& e) {
        c.reason = e.what();
        return c;
    }
    const CheckOutcome outcome = check_text(text);
    if (outcome.status != kCheckExitOk) {
        c.reason = outcome.line;
        return c;
    }
    try {
        const json j = json::parse(text);
        if (j.at("kind") != kind) {
            c.reason = "a " + j.at("kind").get<std::string>() + " certificate, not " + kind;
            return c;
        }
        *claim = j.at("claim");
        c.lower = paper_rational_value(claim->at("lower"));
        c.upper = paper_rational_value(claim->at("upper"));
    } catch (const std::exception& e) {
        c.reason = std::string("unreadable claim: ") + e.what();
        return c;
    }
    c.status = PaperCertificate::Status::Valid;
    return c;
}

// The claim's kernel and signal sizes match (K×K on a 2-D claim, K in 1-D).
bool paper_claim_sizes_match(const json& claim, long K, long D, bool two_d) {
    const long k = claim.at("K").get<long>();
    const bool shaped = claim.contains("kernel_shape") && !claim.at("kernel_shape").empty();
    if (claim.at("D").get<long>() != D || shaped != two_d) return false;
    return two_d ? claim.at("kernel_shape") == json::array({K, K}) : k == K;
}

/// The claim's w as R·D entries, row-major: a claim with R > 1 holds R lists of D.
std::vector<json> paper_claim_w_flat(const json& claim) {
    const long R = claim.value("R", 1L);
    const json& w = claim.at("w");
    if (R == 1) return std::vector<json>(w.begin(), w.end());
    std::vector<json> out;
    for (const json& row : w)
        for (const json& x : row)
            out.push_back(x);
    return out;
}

PaperCertificate paper_certificate_failed(const std::string& reason) {
    PaperCertificate c;
    c.status = PaperCertificate::Status::Failed;
    c.reason = reason;
    return c;
}

std::string paper_number(double x, const char* format = "%.4f") {
    if (!std::isfinite(x)) return "not separated";
    char buf[64];
    std::snprintf(buf, sizeof buf, format, x);
    return buf;
}

// |ŵ| on each channel's 2-D DFT, combined over channels as sqrt(Σ_r |ŵ_r|²), shifted so that
// frequency (0, 0) is at the centre (row D1/2, column D2/2). Direct separable DFT.
std::vector<double> paper_dft_modulus(const PaperRun& run) {
    const long D1 = run.D1, D2 = run.D2;
    std::vector<double> out(static_cast<std::size_t>(run.D), 0.0);
    const double two_pi = 2.0 * std::acos(-1.0);
    for (long r = 0; r < run.R; ++r) {
        std::vector<std::complex<double>> rows(static_cast<std::size_t>(run.D));
        for (long a = 0; a < D1; ++a) // along each row: index j2 → frequency b
            for (long b = 0; b < D2; ++b) {
                std::complex<double> s = 0;
                for (long j2 = 0; j2 < D2; ++j2)
                    s += run.W[static_cast<std::size_t>(r * run.D + a * D2 + j2)] *
                         std::polar(1.0, -two_pi * static_cast<double>((b * j2) % D2) /
                                             static_cast<double>(D2));
                rows[static_cast<std::size_t>(a * D2 + b)] = s;
            }
        for (long f1 = 0; f1 < D1; ++f1)
            for (long b = 0; b < D2; ++b) {
                std::complex<double> s = 0;
                for (long a = 0; a < D1; ++a)
                    s += rows[static_cast<std::size_t>(a * D2 + b)] *
                         std::polar(1.0, -two_pi * static_cast<double>((f1 * a) % D1) /
                                             static_cast<double>(D1));
                const long row = (f1 + D1 / 2) % D1, col = (b + D2 / 2) % D2;
                out[static_cast<std::size_t>(row * D2 + col)] += std::norm(s);
            }
    }
    for (double& v : out)
        v = std::sqrt(v);
    return out;
}

// |w| per pixel, combined over channels as sqrt(Σ_r w_r²).
std::vector<double> paper_pixel_modulus(const PaperRun& run) {
    std::vector<double> out(static_cast<std::size_t>(run.D), 0.0);
    for (long r = 0; r < run.R; ++r)
        for (long j = 0; j < run.D; ++j) {
            const double w = run.W[static_cast<std::size_t>(r * run.D + j)];
            out[static_cast<std::size_t>(j)] += w * w;
        }
    for (double& v : out)
        v = std::sqrt(v);
    return out;
}

// The first (smallest seed) run of each (K, C) for C in {1, 8}.
std::vector<const PaperRun*> paper_figure_runs(const std::vector<PaperRun>& runs) {
    std::vector<const PaperRun*> out;
    for (const PaperRun& r : runs)
        if ((r.C == 1 || r.C == 8) && (out.empty() || out.back()->K != r.K || out.back()->C != r.C))
            out.push_back(&r);
    return out;
}

// Draws the figures; returns the document blocks that show them.
void paper_figures_add(report::ReportDocument& doc, const std::string& dir,
                       const std::vector<PaperRun>& runs) {
    report::report_add_heading(doc, 2, "Figures: |w| and |2-D DFT of w|", "figures");
    report::report_add_paragraph(
        doc, "Per K, the trained predictor w of the first trial (smallest seed) for C = 1 and "
             "C = 8: |w| per pixel, and the modulus of its 2-D DFT on a logarithmic colour scale "
             "(frequency (0, 0) at the centre). With R > 1 input channels each pixel shows the "
             "Euclidean norm over the channels. The .dat and .gp files beside each PNG redraw it.");
    fs::create_directories(fs::path(dir) / "figures");
    for (const PaperRun* r : paper_figure_runs(runs)) {
        const std::string tag = "K" + std::to_string(r->K) + "-C" + std::to_string(r->C);
        const std::string seed = " (seed " + std::to_string(r->seed) + ")";
        report::HeatMap w{"|w|, K = " + std::to_string(r->K) + ", C = " + std::to_string(r->C) +
                              seed,
                          r->D1,
                          r->D2,
                          paper_pixel_modulus(*r),
                          false,
                          "|w|"};
        report::HeatMap f{"|DFT(w)|, K = " + std::to_string(r->K) +
                              ", C = " + std::to_string(r->C) + seed,
                          r->D1,
                          r->D2,
                          paper_dft_modulus(*r),
                          true,
                          "|DFT(w)|"};
        report::plot_heatmap_png(w, (fs::path(dir) / "figures" / ("w-" + tag + ".png")).string());
        report::plot_heatmap_png(f, (fs::path(dir) / "figures" / ("dft-" + tag + ".png")).string());
        report::report_add_image(doc, "figures/w-" + tag + ".png", w.title);
        report::report_add_image(doc, "figures/dft-" + tag + ".png", f.title);
    }
}

std::string paper_bracket_text(const PaperCertificate& c) {
    if (c.status == PaperCertificate::Status::Absent) return "not computed";
    if (c.status == PaperCertificate::Status::Failed) return "FAILED: " + c.reason;
    return "[" + paper_number(c.lower) + ", " + paper_number(c.upper) + "]";
}

// The certified regularizers of the cell's runs (regs[i] belongs to runs[i]): the hull of
// the valid brackets, "n of T: [lo, hi]", and R̂ / R(w) over them, "[lo, hi]"; each failed
// file is appended as "FAILED (seed S): reason". "not computed" / "—" when there is none.
std::pair<std::string, std::string>
paper_regularizer_cell(const std::vector<PaperRun>& runs, const std::vector<PaperCertificate>& regs,
                       long K, long C) {
    long trials = 0, valid = 0;
    double lo = INFINITY, hi = -INFINITY, ratio_lo = INFINITY, ratio_hi = -INFINITY;
    std::string failed;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].K != K || runs[i].C != C) continue;
        ++trials;
        const PaperCertificate& c = regs[i];
        if (c.status == PaperCertificate::Status::Failed)
            failed += "; FAILED (seed " + std::to_string(runs[i].seed) + "): " + c.reason;
        if (c.status != PaperCertificate::Status::Valid) continue;
        ++valid, lo = std::min(lo, c.lower), hi = std::max(hi, c.upper);
        ratio_lo = std::min(ratio_lo, runs[i].r_hat_paper / c.upper);
        ratio_hi = std::max(ratio_hi, runs[i].r_hat_paper / c.lower);
    }
    if (valid == 0) return {(failed.empty() ? "not computed" : failed.substr(2)), "—"};
    return {std::to_string(valid) + " of " + std::to_string(trials) + ": [" + paper_number(lo) +
                ", " + paper_number(hi) + "]" + failed,
            "[" + paper_number(ratio_lo) + ", " + paper_number(ratio_hi) + "]"};
}

// R̂ / R(w) of one run: "[R̂ / upper, R̂ / lower]", or "—" without a valid certificate.
std::string paper_ratio_text(const PaperRun& r, const PaperCertificate& c) {
    if (c.status != PaperCertificate::Status::Valid) return "—";
    return "[" + paper_number(r.r_hat_paper / c.upper) + ", " +
           paper_number(r.r_hat_paper / c.lower) + "]";
}

// Every run's regularizer certificate, checked once (regs[i] belongs to runs[i]).
std::vector<PaperCertificate> paper_regularizer_certificates(const std::string& dir,
                                                             const std::vector<PaperRun>& runs) {
    std::vector<PaperCertificate> regs;
    for (const PaperRun& r : runs)
        regs.push_back(paper_regularizer_certificate(dir, r));
    return regs;
}

// The main table: one row per (K, C).
report::ReportTable paper_table(const std::string& dir, const std::vector<PaperRun>& runs,
                                const std::vector<PaperCertificate>& regs,
                                const std::vector<PaperCellStats>& stats) {
    report::ReportTable t;
    t.title = "R̂ in the paper's units: the paper's Table 1, ours (mean ± std over trials), the "
              "certified optimum R*_K and the certified cost of each trained predictor";
    t.header = {"K",
                "C",
                "trials",
                "R̂ paper",
                "R̂ ours",
                "ours / paper",
                "differs > 5%",
                "R*_K (certified)",
                "R̂ / R*_K",
                "certified R(w) at unit margin",
                "R̂ / R(w)"};
    t.right_align = {true, true, true, true, true, true, false, false, false, false, false};
    const bool two_d = runs.front().D1 > 1;
    std::map<long, PaperCertificate> optima;
    for (const PaperCellStats& s : stats) {
        const double paper = paper_table1_value(s.K, s.C);
        if (!optima.count(s.K)) // checked once per K
            optima[s.K] = paper_maxmargin_certificate(dir, s.K, runs.front().D, two_d);
        const PaperCertificate& opt = optima[s.K];
        std::string ratio = "—", flag = "—", vs_opt = "—";
        if (paper > 0 && std::isfinite(s.mean)) {
            ratio = paper_number(s.mean / paper);
            flag = std::fabs(s.mean / paper - 1) > kPaperFlagFraction ? "YES" : "no";
        }
        if (opt.status == PaperCertificate::Status::Valid && std::isfinite(s.mean))
            vs_opt = "[" + paper_number(s.mean / opt.upper) + ", " +
                     paper_number(s.mean / opt.lower) + "]";
        std::string ours = paper_number(s.mean);
        if (s.separated > 1) ours += " ± " + paper_number(s.std);
        if (s.separated > 0 && s.separated < s.trials)
            ours += " (" + std::to_string(s.trials - s.separated) + " not separated)";
        const auto [cost, vs_cost] = paper_regularizer_cell(runs, regs, s.K, s.C);
        report::report_table_add_row(t, {std::to_string(s.K), std::to_string(s.C),
                                         std::to_string(s.trials),
                                         paper > 0 ? paper_number(paper, "%.2f") : "—", ours, ratio,
                                         flag, paper_bracket_text(opt), vs_opt, cost, vs_cost});
    }
    return t;
}

// The per-run listing (epochs, stopping, R̂, the certified R(w) and R̂ / R(w)).
report::ReportTable paper_runs_table(const std::vector<PaperRun>& runs,
                                     const std::vector<PaperCertificate>& regs) {
    report::ReportTable t;
    t.title = "Every run";
    t.header = {"file",
                "K",
                "C",
                "seed",
                "epochs",
                "stopped by the rule",
                "R̂ (paper's units)",
                "certified R(w) at unit margin",
                "R̂ / R(w)"};
    t.right_align = {false, true, true, true, true, false, true, false, false};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const PaperRun& r = runs[i];
        report::report_table_add_row(t, {r.file, std::to_string(r.K), std::to_string(r.C),
                                         std::to_string(r.seed), std::to_string(r.epochs),
                                         r.stopped ? "yes" : "no (epoch cap)",
                                         paper_number(r.r_hat_paper), paper_bracket_text(regs[i]),
                                         paper_ratio_text(r, regs[i])});
    }
    return t;
}

void paper_text_add(report::ReportDocument& doc) {
    report::report_add_heading(doc, 2, "What is certified and what is empirical", "certified");
    report::report_add_bullets(
        doc,
        {"**Empirical**: R̂ of each trained network, `(||U||² + ||V||²) · √D / min_i y_i f(x_i)`, "
         "computed in floating point from the final network in its RUN.json; mean ± std are "
         "over the trials present whose network separates the data (sample std, n - 1).",
         "**Certified**: R*_K, the minimum of the regularizer R_K(w) subject to y_i <w, x_i> >= "
         "1 (the max-margin problem), is a maxmargin-bracket certificate read from "
         "`certificates/maxmargin-K<K>.json`, re-verified by the checker before it is shown; the "
         "bracket is printed in the paper's units (√D times ours). Likewise the cost of each "
         "trained predictor at unit margin is a regularizer-bracket of W / min margin read from "
         "`certificates/regularizer-K<K>-C<C>-seed<S>.json`. A certificate that fails the "
         "checker (or is about another predictor or kernel) is shown as FAILED and not used; "
         "\"not computed\" means no such file. In the table, a cell's certified R(w) is the hull "
         "of its runs' brackets (\"n of T\": n of its T runs have a valid certificate; each run's "
         "bracket is in the list of runs).",
         "**Two distances**: R̂ / R(w) is how far gradient descent's network is from the "
         "cheapest network of the same kernel size realizing the *same* linear function "
         "(1 means GD found a minimum-norm factorization of its own predictor); R(w) / R*_K is "
         "how far that function is from the max-margin optimum; R̂ / R*_K is their product.",
         "The paper's values are the constants of its Table 1 (COLT 2022, linear networks; "
         "only C = 1 and C = 8 are given), quoted in `/work/shared/data/paper-mnist/README.md`."});
    report::report_add_heading(doc, 2, "Where our numbers differ from the paper's, and why",
                               "differences");
    report::report_add_bullets(
        doc,
        {"Trials: the paper averages 10 trials; `--quick` runs one (seed 1), `--full` ten "
         "(seeds 1..10). One trial can sit anywhere in the paper's spread (± 0.12 at K = 28).",
         "Random initialization: PyTorch's default initialization scaled by 0.001, but drawn "
         "from our RNG (std::mt19937_64, seeded), not PyTorch's, so the trials are different "
         "draws from the same distribution.",
         "Stopping rule and schedule: identical to the authors' code (mean loss <= 1e-6 "
         "checked every 100 epochs, the learning-rate schedule with the momentum restarted at "
         "each change); `--quick` caps the epochs (5000; on the paper's 128 images every cell "
         "stops by the rule earlier). A run that hit the cap is marked in the list of runs.",
         "Cells more than 5% from the paper are flagged in the table. Single trials spread by a "
         "few percent at K >= 8 (the paper itself gives ± 0.05 at K = 8 and ± 0.12 at K = 28, C "
         "= 1), so a one-trial (`--quick`) cell is compared with a 10-trial mean."});
    report::report_add_heading(doc, 2, "Scope", "scope");
    report::report_add_bullets(
        doc,
        {"CIFAR-10 cannot be reproduced here: no Debian package ships its images. The pipeline "
         "takes any dataset (R = 3 colour channels included), so a user with the CIFAR files "
         "can convert them and run the same grid.",
         "The 1-D pooled stand-in (`convcert experiment gd`, average-pooled MNIST as 1-D "
         "signals) is a separate experiment with its own report; nothing here comes from it."});
}

} // namespace

PaperRun paper_run_read(const std::string& path) {
    return paper_run_parse(path);
}

std::vector<PaperRun> paper_runs_read(const std::string& dir) {
    const fs::path runs_dir = fs::path(dir) / "runs";
    std::error_code ec;
    if (!fs::is_directory(runs_dir, ec))
        throw std::invalid_argument(runs_dir.string() + ": no such directory");
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(runs_dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw std::invalid_argument(runs_dir.string() + ": " + ec.message());
    std::vector<PaperRun> runs;
    for (const fs::path& p : files)
        runs.push_back(paper_run_parse(p));
    if (runs.empty()) throw std::invalid_argument(runs_dir.string() + ": no RUN.json files");
    for (const PaperRun& r : runs)
        if (r.dataset != runs.front().dataset || r.D != runs.front().D || r.R != runs.front().R)
            throw std::invalid_argument(r.file + ": another dataset than " + runs.front().file);
    std::sort(runs.begin(), runs.end(), [](const PaperRun& a, const PaperRun& b) {
        return std::tie(a.K, a.C, a.seed) < std::tie(b.K, b.C, b.seed);
    });
    for (std::size_t i = 1; i < runs.size(); ++i)
        if (runs[i].K == runs[i - 1].K && runs[i].C == runs[i - 1].C &&
            runs[i].seed == runs[i - 1].seed)
            throw std::invalid_argument(runs[i].file + ": same K, C and seed as " +
                                        runs[i - 1].file);
    return runs;
}

std::vector<PaperCellStats> paper_runs_stats(const std::vector<PaperRun>& runs) {
    std::vector<PaperCellStats> out;
    for (std::size_t i = 0; i < runs.size();) {
        std::size_t j = i;
        PaperCellStats s;
        s.K = runs[i].K, s.C = runs[i].C;
        double sum = 0;
        for (; j < runs.size() && runs[j].K == s.K && runs[j].C == s.C; ++j)
            if (std::isfinite(runs[j].r_hat_paper)) sum += runs[j].r_hat_paper, ++s.separated;
        s.trials = static_cast<long>(j - i);
        s.mean = s.separated > 0 ? sum / static_cast<double>(s.separated) : INFINITY;
        double ss = 0;
        for (std::size_t k = i; k < j; ++k)
            if (std::isfinite(runs[k].r_hat_paper))
                ss += (runs[k].r_hat_paper - s.mean) * (runs[k].r_hat_paper - s.mean);
        s.std = s.separated > 1 ? std::sqrt(ss / static_cast<double>(s.separated - 1)) : 0.0;
        out.push_back(s);
        i = j;
    }
    return out;
}

double paper_table1_value(long K, long C) {
    for (const PaperTableValue& v : kPaperTable1)
        if (v.K == K && v.C == C) return v.r_hat;
    return -1;
}

PaperCertificate paper_maxmargin_certificate(const std::string& dir, long K, long D, bool two_d) {
    json claim;
    PaperCertificate c = paper_certificate_check(fs::path(dir) / "certificates" /
                                                     ("maxmargin-K" + std::to_string(K) + ".json"),
                                                 "maxmargin-bracket", &claim);
    if (c.status != PaperCertificate::Status::Valid) return c;
    if (!paper_claim_sizes_match(claim, K, D, two_d))
        return paper_certificate_failed("valid, but not a " + std::to_string(K) +
                                        (two_d ? "x" + std::to_string(K) : "") +
                                        " kernel on this data's size");
    const double s = std::sqrt(static_cast<double>(D));
    c.lower *= s, c.upper *= s;
    return c;
}

PaperCertificate paper_regularizer_certificate(const std::string& dir, const PaperRun& run) {
    json claim;
    PaperCertificate c = paper_certificate_check(fs::path(dir) / "certificates" /
                                                     ("regularizer-K" + std::to_string(run.K) +
                                                      "-C" + std::to_string(run.C) + "-seed" +
                                                      std::to_string(run.seed) + ".json"),
                                                 "regularizer-bracket", &claim);
    if (c.status != PaperCertificate::Status::Valid) return c;
    const bool two_d = run.D1 > 1;
    const std::vector<json> claim_w = paper_claim_w_flat(claim);
    bool same = paper_claim_sizes_match(claim, run.K, run.D, two_d) && run.min_margin > 0 &&
                claim_w.size() == run.W.size();
    double scale = 0, diff = 0;
    for (std::size_t k = 0; same && k < run.W.size(); ++k) {
        const double w = run.W[k] / run.min_margin;
        scale = std::max(scale, std::fabs(w));
        diff = std::max(diff, std::fabs(w - paper_rational_value(claim_w[k])));
    }
    if (!same || diff > 1e-6 * scale)
        return paper_certificate_failed("valid, but not this run's W / min margin");
    const double s = std::sqrt(static_cast<double>(run.D));
    c.lower *= s, c.upper *= s;
    return c;
}

report::ReportTable paper_report_table(const std::string& dir) {
    const std::vector<PaperRun> runs = paper_runs_read(dir);
    return paper_table(dir, runs, paper_regularizer_certificates(dir, runs),
                       paper_runs_stats(runs));
}

void paper_report_write(const std::string& dir) {
    const std::vector<PaperRun> runs = paper_runs_read(dir);
    const std::vector<PaperCellStats> stats = paper_runs_stats(runs);
    const std::vector<PaperCertificate> regs = paper_regularizer_certificates(dir, runs);
    report::ReportDocument doc;
    doc.title = "The paper's MNIST experiment: R̂ after training, beside the paper's Table 1";
    report::report_add_paragraph(
        doc, "Dataset `" + runs.front().dataset + "` (R = " + std::to_string(runs.front().R) +
                 ", " + std::to_string(runs.front().D1) + " × " + std::to_string(runs.front().D2) +
                 "), " + std::to_string(runs.size()) +
                 " runs of the paper's recipe (`convcert train --recipe paper`) read from "
                 "`runs/`. Built by `convcert experiment paper-mnist`.");
    report::report_add_heading(doc, 2, "Table 1, paper vs ours", "table");
    report::report_add_table(doc, paper_table(dir, runs, regs, stats));
    paper_text_add(doc);
    paper_figures_add(doc, dir, runs);
    report::report_add_heading(doc, 2, "Runs", "runs");
    report::report_add_table(doc, paper_runs_table(runs, regs));
    const std::string md = report::report_document_to_markdown(doc);
    const std::string html = report::report_document_to_html(doc);
    support::file_write_atomic((fs::path(dir) / "report.md").string(), md);
    support::file_write_atomic((fs::path(dir) / "report.html").string(), html);
}

} // namespace convcert::experiment
