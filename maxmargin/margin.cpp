// Margins and the scale-to-margin search (see margin.h).
#include "maxmargin/margin.h"

#include "support/flint_raii.h"
#include "support/rational_convert.h"

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

support::FmpqMat predictor_from_doubles(const data::Dataset& d, const std::vector<double>& W) {
    support::FmpqMat w(d.R, d.D);
    for (long k = 0; k < d.R * d.D; ++k)
        support::fmpq_set_double(w.at(k / d.D, k % d.D), W[static_cast<std::size_t>(k)]);
    return w;
}

} // namespace

void maxmargin_min_margin_exact(fmpq_t out, const data::Dataset& d, const support::FmpqMat& W) {
    support::Fmpq dot, t;
    for (long i = 0; i < d.n(); ++i) {
        const auto& x = d.x[static_cast<std::size_t>(i)];
        fmpq_zero(dot.x);
        for (long k = 0; k < d.R * d.D; ++k) {
            fmpq_set_si(t.x, x[static_cast<std::size_t>(k)] * d.y[static_cast<std::size_t>(i)], 1);
            fmpq_addmul(dot.x, t.x, W.at(k / d.D, k % d.D));
        }
        if (i == 0 || fmpq_cmp(dot.x, out) < 0) fmpq_set(out, dot.x);
    }
}

double maxmargin_min_margin(const data::Dataset& d, const std::vector<double>& W) {
    support::Fmpq m;
    maxmargin_min_margin_exact(m.x, d, predictor_from_doubles(d, W));
    return fmpq_get_d(m.x);
}

double maxmargin_scale_search(double m, const std::function<bool(double)>& reaches) {
    for (int e = 50; e >= 10; e -= 4) {
        const double c = (1.0 / m) * (1.0 + std::ldexp(1.0, -e));
        if (reaches(c)) return c;
    }
    throw std::runtime_error("could not rescale the predictor to margin 1");
}

double maxmargin_scale_exact(const data::Dataset& d, const support::FmpqMat& W) {
    support::Fmpq m, cm;
    maxmargin_min_margin_exact(m.x, d, W);
    if (fmpq_sgn(m.x) <= 0) throw std::invalid_argument("the predictor does not separate the data");
    // Margins scale exactly: min margin of c·W is c·m.
    return maxmargin_scale_search(fmpq_get_d(m.x), [&](double c) {
        support::fmpq_set_double(cm.x, c);
        fmpq_mul(cm.x, cm.x, m.x);
        return fmpq_cmp_ui(cm.x, 1) >= 0;
    });
}

std::vector<double> maxmargin_scale_to_margin(const data::Dataset& d,
                                              const std::vector<double>& W) {
    const double m = maxmargin_min_margin(d, W);
    if (!(m > 0)) throw std::invalid_argument("the predictor does not separate the data");
    std::vector<double> out(W.size());
    maxmargin_scale_search(m, [&](double c) {
        for (std::size_t k = 0; k < W.size(); ++k)
            out[k] = W[k] * c;
        support::Fmpq mm;
        maxmargin_min_margin_exact(mm.x, d, predictor_from_doubles(d, out));
        return fmpq_cmp_ui(mm.x, 1) >= 0;
    });
    return out;
}

} // namespace convcert::maxmargin
