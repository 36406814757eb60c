// Hard-margin SVM by dual coordinate ascent (see svm_dual_ascent.h).
#include "bench/peers/svm_dual_ascent.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convcert::peers {

namespace {

double dot(const std::vector<double>& x, const std::vector<double>& y) {
    long double s = 0;
    for (std::size_t k = 0; k < x.size(); ++k)
        s += static_cast<long double>(x[k]) * y[k];
    return static_cast<double>(s);
}

/// The bracket of 2·||w*|| from α and w = sum α_i a_i (see the header).
void svm_bracket(const std::vector<std::vector<double>>& a, const std::vector<double>& alpha,
                 const std::vector<double>& w, PeersSvmResult& r) {
    double sum = 0, margin = INFINITY;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sum += alpha[i];
        margin = std::min(margin, dot(a[i], w));
    }
    const double ww = dot(w, w), dual = sum - ww / 2;
    r.lower = dual > 0 ? 2 * std::sqrt(2 * dual) : 0;
    r.upper = margin > 0 ? 2 * std::sqrt(ww) / margin : INFINITY;
}

} // namespace

PeersSvmResult peers_svm_dual_ascent(const std::vector<std::vector<double>>& a, double relative_gap,
                                     long max_sweeps) {
    if (a.empty()) throw std::invalid_argument("peers_svm_dual_ascent: no samples");
    const std::size_t dim = a[0].size();
    std::vector<double> norm2(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].size() != dim)
            throw std::invalid_argument("peers_svm_dual_ascent: rows of unequal length");
        norm2[i] = dot(a[i], a[i]);
        if (!(norm2[i] > 0)) throw std::invalid_argument("peers_svm_dual_ascent: a zero row");
    }
    std::vector<double> alpha(a.size(), 0.0), w(dim, 0.0);
    PeersSvmResult r;
    for (r.sweeps = 1; r.sweeps <= max_sweeps; ++r.sweeps) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            const double next = std::max(0.0, alpha[i] + (1 - dot(a[i], w)) / norm2[i]);
            const double step = next - alpha[i];
            if (step == 0) continue;
            alpha[i] = next;
            for (std::size_t k = 0; k < dim; ++k)
                w[k] += step * a[i][k];
        }
        svm_bracket(a, alpha, w, r);
        if (r.lower > 0 && r.upper / r.lower - 1 <= relative_gap) {
            r.converged = true;
            return r;
        }
    }
    r.sweeps = max_sweeps;
    return r;
}

} // namespace convcert::peers
