// torch.optim.SGD with momentum (see sgd_momentum.h).
#include "train/sgd_momentum.h"

#include <stdexcept>

namespace convcert::train {

void sgd_momentum_step(SgdMomentum& s, std::vector<double>& theta, const std::vector<double>& g,
                       double lr) {
    if (g.size() != theta.size() || (!s.buf.empty() && s.buf.size() != theta.size()))
        throw std::invalid_argument("sgd_momentum_step: sizes differ");
    if (s.buf.empty())
        s.buf = g;
    else
        for (std::size_t k = 0; k < g.size(); ++k)
            s.buf[k] = s.momentum * s.buf[k] + g[k];
    for (std::size_t k = 0; k < theta.size(); ++k)
        theta[k] -= lr * s.buf[k];
}

void sgd_momentum_reset(SgdMomentum& s) {
    s.buf.clear();
}

} // namespace convcert::train
