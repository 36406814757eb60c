// The exact upper bound of a maxmargin-bracket: a rational network whose predictor w has every
// margin y_i <w, x_i> >= 1 exactly, and its exact cost sum_c ||u_c||² + ||v_c||². Two sources,
// both ending in the shared exact network type (regularizer/exact/network.h):
//   - a network in doubles (the KKT polish's, kkt_polish.h): each double read as its exact
//     rational, v scaled by the factor of margin.h; it realizes its own w by construction, so
//     no least-norm solve is needed (that fails where û vanishes, which optimal networks do);
//   - the SDP's Gram matrix Z = [U; V][U; V]ᵀ and predictor W: kernels from Z's top
//     eigenvectors, W scaled to margin 1, the exact least-norm V by the shared builder.
#pragma once

#include "data/dataset.h"
#include "regularizer/exact/network.h"
#include "support/flint_raii.h"

#include <vector>

namespace convcert::maxmargin {

struct MaxmarginNetwork {
    regularizer::RegularizerNetwork net; ///< realizes w exactly; net.cost is the upper bound
    support::FmpqMat w;                  ///< R rows of D, every margin >= 1 exactly
};

/// u: C0 >= 1 kernels of R·K doubles (u[c][r·K + k]), v: C0 vectors of D doubles, all finite.
/// Preconditions: d valid, 1 <= K <= D, shapes as stated (std::invalid_argument otherwise).
/// Throws std::runtime_error if w does not separate the data.
MaxmarginNetwork maxmargin_network_from_kkt(const data::Dataset& d, long K,
                                            const std::vector<std::vector<double>>& u,
                                            const std::vector<std::vector<double>>& v);

/// gram: N×N column-major (N = R·K + D, sdp_maxmargin.h), W: R·D doubles separating the data;
/// channels >= 1 top eigenvectors of gram give the kernels (sqrt(eigenvalue) times their first
/// R·K entries). The kernels are rounded to 24, 32 and 44 bits; the cheapest exact network
/// wins. Throws std::invalid_argument on bad shapes or a W that does not separate,
/// std::runtime_error when no rounding gives an exact least-norm V (e.g. channels < R).
MaxmarginNetwork maxmargin_network_from_gram(const data::Dataset& d, long K,
                                             const std::vector<double>& gram,
                                             const std::vector<double>& W, long channels);

} // namespace convcert::maxmargin
