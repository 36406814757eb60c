// One-channel report of 2-D brackets (see bracket_one_channel.h).
#include "regularizer/bracket_one_channel.h"

#include "regularizer/numeric/gram_factor.h"
#include "regularizer/one_channel_search.h"

#include <algorithm>
#include <cmath>

namespace convcert::regularizer {

namespace {

/// The seed of the random starts (fixed: the report is deterministic).
constexpr unsigned long kOneChannelSeed = 20261206;

/// The top eigen-kernel of the Gram matrix, or empty when there is none.
std::vector<double> one_channel_gram_start(const std::vector<double>& gram, long K) {
    if (gram.empty()) return {};
    const Kernels top = regularizer_gram_factor(gram, 1, K, 1e-12);
    if (top.empty()) return {};
    const std::vector<double>& u = top[0][0];
    return std::any_of(u.begin(), u.end(), [](double x) { return x != 0; }) ? u
                                                                            : std::vector<double>{};
}

} // namespace

int regularizer_one_channel_starts(long K, long D, int starts) {
    return K * D > kOneChannelLargeWork ? std::min(starts, 2) : starts;
}

RegularizerOneChannel regularizer_one_channel_report(const std::vector<double>& w, const Grid& g,
                                                     const std::vector<double>& gram, double lower,
                                                     double tolerance, int starts) {
    RegularizerOneChannel out;
    out.tried = true;
    const long K = grid_kernel_size(g);
    const std::vector<OneChannelTermDouble> terms = regularizer_one_channel_terms(w, g);
    double phi = HUGE_VAL;
    const std::vector<double> top = one_channel_gram_start(gram, K);
    if (!top.empty()) {
        phi = regularizer_one_channel_descend(terms, top).phi;
        ++out.starts;
    }
    if (out.starts < starts) {
        const int random = starts - out.starts;
        phi = std::min(phi, regularizer_one_channel_search(terms, K, random, kOneChannelSeed).phi);
        out.starts += random;
    }
    out.value = 2 * std::sqrt(phi);
    out.gap = std::isfinite(out.value) ? (out.value - lower) / out.value : 1.0;
    out.reached = out.gap <= tolerance;
    return out;
}

} // namespace convcert::regularizer
