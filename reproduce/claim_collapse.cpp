// Claim 5 of `convcert reproduce`, the collapse (MATH.md §3): random C-channel networks with
// single-channel inputs, each collapsed to one channel realizing the same w at no higher cost,
// with a network-collapse certificate re-checked by the independent checker.
#include "certify/certificate.h"
#include "regularizer/collapse.h"
#include "reproduce/reproduce_claim.h"
#include "reproduce/reproduce_run.h"
#include "reproduce/reproduce_util.h"
#include "support/rational_convert.h"

#include <cmath>

namespace convcert::reproduce {

void reproduce_collapse_record(const regularizer::CollapseResult& res, InstanceResult& r) {
    r.values["cost_in"] = res.cost_in;
    r.values["cost_out"] = res.cost_out;
    const auto* body = std::get_if<CollapseBody>(&res.certificate.body);
    r.fields["slack"] = body ? body->claim.slack : "-";
    r.fields["source"] =
        res.source + (res.bits > 0 ? ", " + std::to_string(res.bits) + " bits" : "");
}

namespace {

struct CollapseSpec {
    std::string id;
    long C, K, D;
};

InstanceResult collapse_run(const CollapseSpec& s, const InstanceContext& ctx) {
    ReproduceRandom rng(ctx.seed);
    regularizer::NetworkInstance net;
    net.D = s.D;
    net.K = s.K;
    std::vector<std::vector<std::string>> v;
    for (long c = 0; c < s.C; ++c) {
        net.u.push_back(
            support::fmpq_mat_from_rows({reproduce_random_integers(rng, s.K, -4, 4)}, "u"));
        v.push_back(reproduce_random_rationals(rng, s.D));
    }
    net.v = support::fmpq_mat_from_rows(v, "v");
    const regularizer::CollapseResult res = regularizer::regularizer_collapse(net);
    InstanceResult r;
    r.label = s.id;
    reproduce_write_and_check(ctx, reproduce_cert_path(ctx, s.id + ".json"),
                              certificate_to_json(res.certificate), r);
    r.values["C"] = static_cast<double>(s.C);
    r.values["K"] = static_cast<double>(s.K);
    r.values["D"] = static_cast<double>(s.D);
    reproduce_collapse_record(res, r);
    return r;
}

} // namespace

Claim reproduce_claim_collapse() {
    Claim c;
    c.id = "5-collapse";
    c.name = "The collapse: C channels to one, same w, cost not higher";
    c.math_ref = "MATH.md §3";
    c.proven = "for each random C-channel network, a one-channel network realizing exactly the "
               "same w with exact cost <= the input's exact cost (+ the stated slack, 0 unless "
               "the input is already optimal).";
    c.instances = [](const SuiteOptions& opt) {
        std::vector<CollapseSpec> specs;
        const std::vector<long> Cs = {2, 3, 4, 6}, Ks = {2, 3, 4};
        const int reps = opt.full ? 3 : 1;
        for (int rep = 0; rep < reps; ++rep)
            for (long C : Cs)
                for (long K : Ks) {
                    const long D = K == 4 ? 8 : 6;
                    specs.push_back({"C" + std::to_string(C) + "-K" + std::to_string(K) + "-D" +
                                         std::to_string(D) + "-" + std::to_string(rep),
                                     C, K, D});
                }
        std::vector<InstanceSpec> out;
        for (const auto& s : specs)
            out.push_back({s.id, [s](const InstanceContext& ctx) { return collapse_run(s, ctx); }});
        return out;
    };
    c.report = [](const std::vector<InstanceResult>& results, const std::filesystem::path&,
                  report::ReportDocument& doc) {
        report::report_add_paragraph(
            doc, "Kernels: random integers in [-4, 4]; second layers: random rationals p/q. The "
                 "costs below are rounded; the certificates hold them exactly.");
        report::ReportTable t;
        t.header = {"instance",     "C", "K", "D", "cost in", "cost out", "saving", "slack",
                    "output kernel"};
        t.right_align = {false, true, true, true, true, true, true, true, false};
        for (const auto& r : results) {
            const auto v = [&](const char* k) {
                const auto it = r.values.find(k);
                return it == r.values.end() ? std::nan("") : it->second;
            };
            const auto f = [&](const char* k) {
                const auto it = r.fields.find(k);
                return it == r.fields.end() ? std::string("-") : it->second;
            };
            const double in = v("cost_in"), out = v("cost_out");
            report::report_table_add_cells(
                t, {report::report_cell(r.label, r.certificates.empty() ? "" : r.certificates[0]),
                    report::report_cell(reproduce_format(v("C"))),
                    report::report_cell(reproduce_format(v("K"))),
                    report::report_cell(reproduce_format(v("D"))),
                    report::report_cell(reproduce_format(in, 10)),
                    report::report_cell(reproduce_format(out, 10)),
                    report::report_cell(reproduce_format(100 * (in - out) / in, 3) + "%"),
                    report::report_cell(f("slack")), report::report_cell(f("source"))});
        }
        report::report_add_table(doc, t);
    };
    return c;
}

} // namespace convcert::reproduce
