// The deprecated entry points of the regularizer bracket (see bracket_multi.h).
#include "regularizer/bracket_multi.h"

#include "regularizer/network_one_channel.h"
#include "support/rational_convert.h"

namespace convcert::regularizer {

Certificate regularizer_bracket_certificate(const std::vector<std::string>& w, long K,
                                            RegularizerBracketReport* report,
                                            RegularizerSolver solver) {
    const auto W = support::fmpq_mat_from_rows({w}, "w");
    auto b = regularizer_bracket(W, K, solver);
    Certificate cert = regularizer_bracket_certificate(b, W);
    if (report) report->bracket = std::move(b);
    return cert;
}

RegularizerBracketMulti regularizer_bracket_multi(const std::vector<std::vector<std::string>>& W,
                                                  long K) {
    const auto b = regularizer_bracket(support::fmpq_mat_from_rows(W, "W"), K);
    RegularizerBracketMulti out;
    for (const auto& u : b.u)
        out.u.push_back(support::fmpq_mat_to_rows(u));
    out.v = regularizer_rows_over_denominator(b.v, b.v_den);
    out.upper = support::fmpq_get_string(b.upper.x);
    out.C0 = b.C0;
    out.network = regularizer_kernel_source_name(b.kernel_source, b.R, b.gram_source);
    return out;
}

} // namespace convcert::regularizer
