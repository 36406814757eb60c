// Claim 8 of `convcert reproduce`, the paper's MNIST experiment (Table 1), certified (issue 14;
// MATH.md "Two-dimensional signals"): runs `convcert experiment paper-mnist --certify` on the
// paper's 128 images (third_party/paper-mnist) into DIR/experiment-paper-mnist, re-checks every
// certificate it wrote with the independent checker, and asserts what the certificates must
// satisfy: each certified lower bound (the optimum R*_K, each run's R(w)) is at most the
// trained R̂, R(w) >= R*_K up to the brackets, and at K = 1 the bracket holds the closed form
// 2·√D·||w||_2. Quick: K in {1, 3}, C = 1, one trial (the quick epoch cap), the K = 1
// certificates (max-margin and both runs' regularizers cost seconds; a K = 3 run's regularizer
// costs minutes at 28×28). Full: the paper's experiment itself (`experiment paper-mnist --full`:
// K in {1, 3, 8, 16, 28} × C in {1, 2, 4, 8}, ten trials each, the paper's stopping rule), the
// certified optimum at every K and the K = 1 runs' regularizers (about 20 minutes on 2 cores;
// a run's regularizer at K >= 3 costs minutes, so the other 160 are left to
// `experiment paper-mnist --certify`).
#include "certify/file_read_bounded.h"
#include "data/dataset_npy.h"
#include "experiment/paper_mnist.h"
#include "experiment/paper_mnist_certify.h"
#include "experiment/paper_mnist_report.h"
#include "reproduce/reproduce_claim.h"
#include "reproduce/reproduce_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#ifndef CONVCERT_PAPER_MNIST_DIR
#define CONVCERT_PAPER_MNIST_DIR "third_party/paper-mnist"
#endif

namespace convcert::reproduce {

namespace {

namespace fs = std::filesystem;
using experiment::PaperCertificate;

constexpr const char* kPaperClaimDir = "experiment-paper-mnist";
/// --full: the kernels of the runs' regularizer certificates (the max-margin ones: every K).
const std::vector<long> kPaperClaimFullRegularizerKernels = {1};

experiment::PaperGridOptions paper_claim_grid(const InstanceContext& ctx) {
    experiment::PaperGridOptions o;
    o.out = (ctx.out_dir / kPaperClaimDir).string();
    o.full = ctx.full;
    if (!ctx.full) o.kernels = {1, 3}, o.channels = {1};
    return o;
}

// A failed assertion: one line in the result (counted as a failure).
void paper_claim_fail(InstanceResult& r, const std::string& line) {
    ++r.failed;
    r.failures.push_back(line);
}

// The assertions on one run's certificates (see the top of the file).
void paper_claim_run_check(const std::string& dir, const experiment::PaperRun& run,
                           const PaperCertificate& opt, InstanceResult& r) {
    const std::string tag = run.file + ": ";
    if (opt.status == PaperCertificate::Status::Valid && opt.lower > run.r_hat_paper * (1 + 1e-9))
        paper_claim_fail(r, tag + "certified optimum above the trained R̂");
    const PaperCertificate c = experiment::paper_regularizer_certificate(dir, run);
    if (c.status == PaperCertificate::Status::Absent) return;
    if (c.status != PaperCertificate::Status::Valid)
        return paper_claim_fail(r, tag + "regularizer certificate " + c.reason);
    ++r.values["regularizer_certified"];
    if (c.lower > run.r_hat_paper * (1 + 1e-9))
        paper_claim_fail(r, tag + "certified R(w) above the trained R̂");
    if (opt.status == PaperCertificate::Status::Valid && c.upper < opt.lower * (1 - 1e-9))
        paper_claim_fail(r, tag + "certified R(w) below the certified optimum");
    if (run.K != 1) return;
    double norm2 = 0;
    for (double w : run.W)
        norm2 += (w / run.min_margin) * (w / run.min_margin);
    const double closed = 2 * std::sqrt(norm2 * static_cast<double>(run.D));
    r.values["closed_form_k1"] = closed;
    if (c.lower > closed * (1 + 1e-9) || c.upper < closed * (1 - 1e-9))
        paper_claim_fail(r, tag + "K = 1 bracket misses 2·√D·||w||_2");
}

InstanceResult paper_claim_run(const InstanceContext& ctx) {
    InstanceResult r;
    r.label = ctx.full ? "paper-mnist --full --certify" : "paper-mnist K = 1, 3; C = 1";
    const experiment::PaperGridOptions o = paper_claim_grid(ctx);
    experiment::PaperCertifyOptions c;
    if (ctx.full) // empty: every K
        c.regularizer_kernels = kPaperClaimFullRegularizerKernels;
    else
        c.maxmargin_kernels = c.regularizer_kernels = {1};
    try {
        const data::Dataset d =
            data::data_dataset_npy_files(std::string(CONVCERT_PAPER_MNIST_DIR) + "/train_x.npy",
                                         std::string(CONVCERT_PAPER_MNIST_DIR) + "/train_y.npy");
        experiment::paper_grid_run(d, o);
        for (const auto& it : experiment::paper_certify_run(d, o, c))
            if (it.outcome == experiment::PaperCertifyItem::Outcome::Failed)
                paper_claim_fail(r, fs::path(it.path).filename().string() + ": " + it.note);
        experiment::paper_report_write(o.out);
    } catch (const std::exception& e) {
        r.generator_error = true;
        r.error = e.what();
        return r;
    }
    std::vector<std::string> names; // every certificate, in name order, re-checked from disk
    for (const auto& entry : fs::directory_iterator(fs::path(o.out) / "certificates"))
        if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        const std::string rel = std::string(kPaperClaimDir) + "/certificates/" + name;
        reproduce_write_and_check(
            ctx, rel, file_read_bounded((ctx.out_dir / rel).string(), std::size_t(1) << 31), r);
    }
    std::map<long, PaperCertificate> optima;
    for (const auto& run : experiment::paper_runs_read(o.out)) {
        if (!optima.count(run.K))
            optima[run.K] =
                experiment::paper_maxmargin_certificate(o.out, run.K, run.D, run.D1 > 1);
        r.values["runs"] += 1;
        paper_claim_run_check(o.out, run, optima[run.K], r);
    }
    for (const auto& [K, opt] : optima)
        r.values["optima_certified"] += opt.status == PaperCertificate::Status::Valid;
    return r;
}

} // namespace

Claim reproduce_claim_paper_mnist() {
    Claim c;
    c.id = "8-paper-mnist";
    c.name = "The paper's MNIST experiment (Table 1), certified";
    c.math_ref = "MATH.md \"Two-dimensional signals\"";
    c.proven = "on the paper's 128 MNIST images: for each certified K a maxmargin-bracket of the "
               "optimum R*_K = min R_K(w) s.t. y_i <w, x_i> >= 1, and for each trained network's "
               "predictor at unit margin (W / its exact minimum margin) a regularizer-bracket of "
               "R_K(w); re-checked here, with R*_K <= R(w) <= R̂ and the K = 1 closed form "
               "2·√D·||w||_2 inside its bracket.";
    c.empirical = "R̂ of the networks trained by the paper's recipe (one trial per cell; --full: "
                  "ten) beside the paper's Table 1.";
    c.instances = [](const SuiteOptions&) {
        return std::vector<InstanceSpec>{
            {"grid", [](const InstanceContext& ctx) { return paper_claim_run(ctx); }}};
    };
    c.report = [](const std::vector<InstanceResult>& results, const fs::path& out_dir,
                  report::ReportDocument& doc) {
        report::report_add_paragraph(
            doc, std::string("The experiment's own report, with the figures and every run: ") +
                     kPaperClaimDir +
                     "/report.md. Quick suite: K in {1, 3}, C = 1, one trial, the K = 1 "
                     "certificates; --full: the paper's experiment (`experiment paper-mnist "
                     "--full`: every cell, ten trials, the paper's stopping rule), the certified "
                     "optimum at every K and the K = 1 runs' regularizers. R̂ and brackets in the "
                     "paper's "
                     "units (√D times ours).");
        for (const auto& r : results)
            if (!r.generator_error)
                report::report_add_table(
                    doc, experiment::paper_report_table((out_dir / kPaperClaimDir).string()));
    };
    return c;
}

} // namespace convcert::reproduce
