// The exact upper bound of a maxmargin-bracket from a network given in doubles (e.g. the KKT
// polish's, kkt_polish.h): each double read as its exact rational, v scaled until every margin
// of w = sum_c u_c * v_c is >= 1 exactly, then w and the cost sum_c ||u_c||² + ||v_c||²
// computed exactly. The network realizes w by construction, so no least-norm solve is needed
// (it fails where û vanishes at a frequency, which optimal networks often do).
#pragma once

#include "data/dataset.h"
#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::maxmargin {

struct MaxmarginNetworkUpper {
    std::vector<std::vector<std::string>> w;              ///< R rows of D, exactly sum u * v
    std::vector<std::vector<std::vector<std::string>>> u; ///< C0 kernels, R rows of K
    std::vector<std::vector<std::string>> v;              ///< C0 vectors of D (scaled)
    std::vector<double> W;                                ///< w rounded to doubles, R·D
    std::string upper;                                    ///< the network's cost, exact
    double upper_double = 0;
};

/// The exact min_i y_i <w, x_i> of rational w (R·D entries, channel-major) into out.
/// Precondition: w has d.R·d.D entries.
void maxmargin_min_margin_exact(fmpq_t out, const data::Dataset& d, const fmpq* w);

/// u: C0 >= 1 kernels of R·K doubles (u[c][r·K + k]), v: C0 vectors of D doubles, all finite.
/// Preconditions: d valid, 1 <= K <= D, shapes as stated (std::invalid_argument otherwise).
/// Throws std::runtime_error if w does not separate the data or no scale of v reaches margin 1.
MaxmarginNetworkUpper maxmargin_network_upper(const data::Dataset& d, long K,
                                              const std::vector<std::vector<double>>& u,
                                              const std::vector<std::vector<double>>& v);

} // namespace convcert::maxmargin
