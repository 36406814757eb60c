// One step of torch.optim.SGD with momentum (dampening 0, no Nesterov, no weight decay), the
// optimizer of the paper's training recipe (train/recipe_paper.h).
#pragma once

#include <vector>

namespace convcert::train {

/// The momentum buffer of one parameter vector; empty until the first step (PyTorch's
/// "momentum_buffer" is created on the first step as a copy of the gradient).
struct SgdMomentum {
    double momentum = 0;
    std::vector<double> buf;
};

/// torch.optim.SGD's step: buf = g on the first step, else buf = momentum·buf + g; then
/// theta -= lr·buf. Preconditions: g.size() == theta.size(); buf empty or of that size
/// (std::invalid_argument otherwise).
void sgd_momentum_step(SgdMomentum& s, std::vector<double>& theta, const std::vector<double>& g,
                       double lr);

/// A new optimizer (the buffer restarts at zero, as when the recipe creates a new torch
/// optimizer at a learning-rate change).
void sgd_momentum_reset(SgdMomentum& s);

} // namespace convcert::train
