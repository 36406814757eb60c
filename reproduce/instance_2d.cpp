// The 2-D instances of `convcert reproduce` (instance_2d.h).
#include "reproduce/instance_2d.h"

#include "certify/certificate.h"
#include "reproduce/local_opt.h"
#include "reproduce/reproduce_run.h"
#include "reproduce/reproduce_util.h"
#include "support/rational_convert.h"

namespace convcert::reproduce {

namespace {

/// The salt of the 2-D instances' generators (fixed: independent of the suite's --seed).
constexpr std::uint64_t kInstance2dSalt = 0x2d5eedULL;

} // namespace

Instance2d reproduce_instance_2d(const Grid& g, std::uint64_t seed) {
    ReproduceRandom rng(reproduce_seed_mix(kInstance2dSalt, seed));
    const std::string id =
        reproduce_shape_text(g) + "-k" + reproduce_kernel_text(g) + "-s" + std::to_string(seed);
    return Instance2d{id, g, reproduce_random_integers(rng, grid_signal_size(g), -3, 3)};
}

Instance2d reproduce_instance_2d_mathmd() {
    return {
        "3x3-k2x2-mathmd", grid_2d(3, 3, 2, 2), {"2", "-2", "-3", "3", "2", "-1", "0", "1", "-3"}};
}

std::vector<Instance2d> reproduce_instances_2d_sweep(const std::vector<Grid>& grids, int seeds) {
    std::vector<Instance2d> out;
    for (const Grid& g : grids)
        for (int s = 1; s <= seeds; ++s)
            out.push_back(reproduce_instance_2d(g, static_cast<std::uint64_t>(s)));
    return out;
}

std::string reproduce_shape_text(const Grid& g) {
    if (g.dims == 1) return std::to_string(g.D2);
    return std::to_string(g.D1) + "x" + std::to_string(g.D2);
}

std::string reproduce_kernel_text(const Grid& g) {
    if (g.dims == 1) return std::to_string(g.K2);
    return std::to_string(g.K1) + "x" + std::to_string(g.K2);
}

std::string reproduce_signal_text(const Grid& g, const std::vector<std::string>& w) {
    if (g.dims == 1) return reproduce_vector_text(w);
    std::string s = "[";
    for (long i1 = 0; i1 < g.D1; ++i1) {
        const auto row = w.begin() + i1 * g.D2;
        s += (i1 ? ", " : "") + reproduce_vector_text(std::vector<std::string>(row, row + g.D2));
    }
    return s + "]";
}

std::string reproduce_result_value(const InstanceResult& r, const std::string& key, int digits) {
    const auto it = r.values.find(key);
    return it == r.values.end() ? "-" : reproduce_format(it->second, digits);
}

std::string reproduce_result_field(const InstanceResult& r, const std::string& key) {
    const auto it = r.fields.find(key);
    return it == r.fields.end() ? "" : it->second;
}

std::vector<report::ReportCell> reproduce_instance_cells(const InstanceResult& r) {
    return {report::report_cell(r.label, r.certificates.empty() ? "" : r.certificates[0]),
            report::report_cell(reproduce_result_field(r, "shape")),
            report::report_cell(reproduce_result_field(r, "kernel")),
            report::report_cell(reproduce_result_field(r, "w"))};
}

std::vector<support::Fmpq> reproduce_signal_exact(const std::vector<std::string>& w) {
    std::vector<support::Fmpq> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        support::fmpq_set_string(out[i].x, w[i]);
    return out;
}

regularizer::RegularizerBracket
reproduce_bracket_record(const InstanceContext& ctx, const std::string& name, const Grid& g,
                         const std::vector<std::string>& w,
                         const regularizer::RegularizerKernelOptions& kernels, InstanceResult& r) {
    const support::FmpqMat W = support::fmpq_mat_from_rows({w}, "w");
    const regularizer::RegularizerBracket b =
        regularizer::regularizer_bracket(W, g, regularizer::RegularizerSolver::Auto, kernels);
    reproduce_write_and_check(
        ctx, reproduce_cert_path(ctx, name),
        certificate_to_json(regularizer::regularizer_bracket_certificate(b, W)), r);
    r.values["lower"] = b.lower_double;
    r.values["upper"] = b.upper_double;
    r.values["C0"] = static_cast<double>(b.C0);
    r.gap = b.relative_gap;
    return b;
}

} // namespace convcert::reproduce
