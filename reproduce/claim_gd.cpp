// Claim 6 of `convcert reproduce --full`, the implicit bias of gradient descent (MATH.md §9):
// runs `convcert experiment gd` (experiment/gd_experiment.h, full grid) into
// DIR/experiment-gd, re-checks every certificate it wrote with the independent checker, and
// summarizes its report. Quick suites leave the claim out (it trains for minutes).
#include "certify/file_read_bounded.h"
#include "experiment/gd_experiment.h"
#include "reproduce/reproduce_claim.h"
#include "reproduce/reproduce_run.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convcert::reproduce {

namespace {

constexpr const char* kGdDir = "experiment-gd";

InstanceResult gd_run(const InstanceContext& ctx) {
    namespace fs = std::filesystem;
    InstanceResult r;
    r.label = "experiment gd (full grid)";
    experiment::GdExperimentOptions o;
    o.quick = false;
    o.out = (ctx.out_dir / kGdDir).string();
    experiment::GdExperimentResult res;
    try {
        res = experiment::gd_experiment_run(o);
    } catch (const std::exception& e) {
        r.generator_error = true;
        r.error = e.what();
        return r;
    }
    // Every certificate the experiment wrote, in name order, re-checked from disk.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(ctx.out_dir / kGdDir / "certificates"))
        if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        const std::string rel = std::string(kGdDir) + "/certificates/" + name;
        reproduce_write_and_check(
            ctx, rel, file_read_bounded((ctx.out_dir / rel).string(), std::size_t(1) << 31), r);
    }
    double worst_ratio = 1, min_cos = 1, worst_gap = 0;
    long separating = 0;
    for (const auto& row : res.rows) {
        if (row.opt_upper > 0)
            worst_gap = std::max(worst_gap, (row.opt_upper - row.opt_lower) / row.opt_upper);
        if (!std::isfinite(row.rk_upper) || row.opt_lower <= 0) continue;
        ++separating;
        worst_ratio = std::max(worst_ratio, row.rk_upper / row.opt_lower);
        if (row.R == 1 && row.K == 1) min_cos = std::min(min_cos, row.cos_maxmargin);
    }
    r.gap = worst_gap;
    r.values["runs"] = static_cast<double>(res.rows.size());
    r.values["separating"] = static_cast<double>(separating);
    r.values["worst_ratio"] = worst_ratio;
    r.values["min_cos_k1"] = min_cos;
    r.fields["notes"] = std::to_string(res.notes.size());
    return r;
}

} // namespace

Claim reproduce_claim_gd() {
    Claim c;
    c.id = "6-gd";
    c.name = "Gradient descent against the certified max-margin predictor (--full only)";
    c.math_ref = "MATH.md §9";
    c.proven = "for each (dataset, K): a maxmargin-bracket certificate for min R_K(W) subject to "
               "every margin >= 1, and for each trained predictor (scaled to margin 1) a "
               "regularizer-bracket certificate of its R_K, both re-checked here.";
    c.empirical = "the trained networks (full-batch gradient descent, C = 1, 2, 4, 8 channels) and "
                  "their cosine similarities with each other and with the max-margin predictor.";
    c.instances = [](const SuiteOptions& opt) {
        std::vector<InstanceSpec> out;
        if (opt.full)
            out.push_back({"grid", [](const InstanceContext& ctx) { return gd_run(ctx); }});
        return out;
    };
    c.report = [](const std::vector<InstanceResult>& results, const std::filesystem::path&,
                  report::ReportDocument& doc) {
        report::report_add_paragraph(
            doc, std::string("The experiment's own report, with its tables and plots: ") + kGdDir +
                     "/report.md. ratio = certified upper bound of R_K(trained "
                     "predictor at margin 1) / certified lower bound of the optimum "
                     "(>= 1 up to the brackets' widths).");
        report::ReportTable t;
        t.header = {"instance", "runs", "separating", "worst ratio",
                    "min cos to W* (R = 1, K = 1)"};
        t.right_align = {false, true, true, true, true};
        for (const auto& r : results) {
            const auto v = [&](const char* k) {
                const auto it = r.values.find(k);
                return it == r.values.end() ? std::nan("") : it->second;
            };
            report::report_table_add_cells(
                t, {report::report_cell(r.label, std::string(kGdDir) + "/report.md"),
                    report::report_cell(reproduce_format(v("runs"))),
                    report::report_cell(reproduce_format(v("separating"))),
                    report::report_cell(reproduce_format(v("worst_ratio"), 6)),
                    report::report_cell(reproduce_format(v("min_cos_k1"), 6))});
        }
        report::report_add_table(doc, t);
    };
    return c;
}

} // namespace convcert::reproduce
