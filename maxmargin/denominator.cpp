// Scaling a numerators' certificate to the true samples x / x_den (see denominator.h). With
// x / x_den in lowest terms, e_i = b·x_i and s = b·x_den: y_i <W, x_i / x_den> = y_i <W / s, e_i>,
// so W' = s·W_e meets every margin of the true samples iff W_e meets those of e; λ' = sum_i α'_i
// y_i x_i / x_den equals λ_e = sum_i α_i y_i e_i for α' = s·α (same dual feasibility, sum α' = s ·
// sum α); u' = √s·u, v' = √s·v realize s·W_e at s times the cost.
#include "maxmargin/denominator.h"

#include "support/rational_convert.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace convcert::maxmargin {

namespace {

/// The least cofactor b in {1, 2, x_den} making b·x_den a perfect square (see the header).
long square_cofactor(long den) {
    const long r = std::llround(std::sqrt(static_cast<double>(den)));
    for (long q = std::max(0L, r - 1); q <= r + 1; ++q)
        if (q * q == den) return 1;
    if ((den & (den - 1)) == 0) return 2; // 2^odd
    return den;
}

/// d in lowest terms: numerators and x_den divided by their gcd (the samples x / x_den are
/// unchanged, so the certificate depends on the samples, not on how they are written).
data::Dataset dataset_lowest_terms(const data::Dataset& d) {
    long g = d.x_den;
    for (const auto& row : d.x)
        for (long v : row)
            g = std::gcd(g, v);
    data::Dataset r = d;
    r.x_den /= g;
    for (auto& row : r.x)
        for (long& v : row)
            v /= g;
    return r;
}

/// The canonical string of q · f (f an exact integer).
std::string rational_times(const std::string& q, const fmpz_t f) {
    support::Fmpq x;
    if (!support::fmpq_set_string(x.x, q))
        throw std::runtime_error("maxmargin: not a rational: " + q);
    fmpq_mul_fmpz(x.x, x.x, f);
    return support::fmpq_get_string(x.x);
}

void rows_times(std::vector<std::vector<std::string>>& rows, const fmpz_t f) {
    for (auto& row : rows)
        for (auto& q : row)
            q = rational_times(q, f);
}

/// The body for the true samples: claim x = d's numerators, x_denominator; everything scaled.
void body_scale(MaxmarginBody& b, const data::Dataset& d, const fmpz_t s, const fmpz_t root) {
    MaxmarginClaim& c = b.claim;
    for (std::size_t i = 0; i < c.x.size(); ++i)
        for (std::size_t k = 0; k < c.x[i].size(); ++k)
            c.x[i][k] = std::to_string(d.x[i][k]);
    c.x_denominator = std::to_string(d.x_den);
    c.lower = rational_times(c.lower, s);
    c.upper = rational_times(c.upper, s);
    for (auto& a : b.evidence.alpha)
        a = rational_times(a, s);
    rows_times(b.evidence.w, s);
    for (auto& kernel : b.evidence.u)
        rows_times(kernel, root);
    rows_times(b.evidence.v, root);
}

void report_scale(MaxmarginReport& rep, const fmpz_t s) {
    const double f = fmpz_get_d(s);
    rep.lower = rational_times(rep.lower, s);
    rep.upper = rational_times(rep.upper, s);
    rep.lower_double *= f;
    rep.upper_double *= f;
    rep.sdp_value *= f;
    rep.sdp_lower_double *= f;
    for (double& w : rep.W)
        w *= f;
    rows_times(rep.w, s);
}

} // namespace

Certificate maxmargin_certificate_denominated(const data::Dataset& d, const Grid& g,
                                              MaxmarginReport* report) {
    if (d.x_den == 1) return maxmargin_certificate(d, g, report);
    data::Dataset e = dataset_lowest_terms(d);
    const long den = e.x_den, b = square_cofactor(den);
    e.x_den = 1;
    for (auto& row : e.x)
        for (long& v : row) {
            if (std::abs(v) > data::kDatasetMaxEntry / b)
                throw std::invalid_argument("maxmargin: a numerator times " + std::to_string(b) +
                                            " (to make x_denominator a square) exceeds 2^53");
            v *= b;
        }
    MaxmarginReport rep;
    Certificate cert = maxmargin_certificate(e, g, &rep);
    support::Fmpz s, root;
    fmpz_set_si(s.x, den);
    fmpz_mul_si(s.x, s.x, b);
    fmpz_sqrt(root.x, s.x);
    body_scale(std::get<MaxmarginBody>(cert.body), d, s.x, root.x);
    report_scale(rep, s.x);
    cert.generator_method += "; solved on the numerators in lowest terms times " +
                             std::to_string(b) + ", scaled exactly to x / x_denominator";
    if (report) *report = std::move(rep);
    return cert;
}

} // namespace convcert::maxmargin
