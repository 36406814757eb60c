// The closed-form upper bound at K = 1 and K = D (see upper_closed_form.h).
#include "maxmargin/upper_closed_form.h"

#include "maxmargin/barrier_spectral.h"
#include "maxmargin/network_upper.h"

#include <Eigen/Dense>

#include <cmath>
#include <stdexcept>

namespace convcert::maxmargin {

void maxmargin_closed_form_network(const Grid& g, const std::vector<double>& W,
                                   std::vector<double>& u, std::vector<double>& v) {
    const long D = grid_signal_size(g);
    if (!maxmargin_barrier_spectral_applies(1, g) || static_cast<long>(W.size()) != D)
        throw std::invalid_argument("maxmargin_closed_form_network: needs K = 1 or K = D and D "
                                    "entries of W");
    const Eigen::Map<const Eigen::VectorXd> w(W.data(), D);
    if (!w.allFinite()) throw std::invalid_argument("maxmargin_closed_form_network: W not finite");
    if (grid_kernel_size(g) == 1) { // u = √||W||, v = W/u: cost 2||W||
        const double root = std::sqrt(w.norm());
        u.assign(1, root);
        v.resize(static_cast<std::size_t>(D));
        for (long j = 0; j < D; ++j)
            v[static_cast<std::size_t>(j)] = root > 0 ? w(j) / root : 0.0;
        return;
    }
    // K = D: û(d) = √|Ŵ(d)|, v̂(d) = Ŵ(d)/û(d) (0 where Ŵ(d) = 0); both are conjugate-symmetric,
    // so u and v are real, (1/D) Aᵀ of their (Re, Im) rows (A of barrier_spectral.h).
    const BarrierSpectral s = maxmargin_barrier_spectral(g);
    const Eigen::VectorXd what = s.A * w;
    Eigen::VectorXd uhat = Eigen::VectorXd::Zero(2 * D), vhat = Eigen::VectorXd::Zero(2 * D);
    for (long d = 0; d < D; ++d) {
        const double root = std::sqrt(std::hypot(what(2 * d), what(2 * d + 1)));
        if (!(root > 0)) continue;
        uhat(2 * d) = root;
        vhat(2 * d) = what(2 * d) / root;
        vhat(2 * d + 1) = what(2 * d + 1) / root;
    }
    const Eigen::VectorXd uu = s.A.transpose() * uhat / static_cast<double>(D),
                          vv = s.A.transpose() * vhat / static_cast<double>(D);
    u.assign(uu.data(), uu.data() + D);
    v.assign(vv.data(), vv.data() + D);
}

MaxmarginUpperCandidate maxmargin_upper_closed_form(const data::Dataset& d, const Grid& g,
                                                    const std::vector<double>& W) {
    if (d.R != 1) throw std::invalid_argument("maxmargin_upper_closed_form: needs R = 1");
    std::vector<double> u, v;
    maxmargin_closed_form_network(g, W, u, v);
    const char* form = grid_kernel_size(g) == 1 ? "u = sqrt||W||, v = W/u"
                                                : "u^ = sqrt|W^|, v^ = W^/u^ over the grid's DFT";
    return {maxmargin_network_from_kkt(d, g, {u}, {v}),
            std::string("closed-form network of the barrier's W (") + form + "), exact", false};
}

} // namespace convcert::maxmargin
