// convcert._core.closed_form: the closed forms K = 1 and K = D of the regularizer (MATH.md §5,
// §8; K = D1×D2 on a 2-D grid), in double precision, from regularizer/numeric/closed_form.h.
#include "python/core.h"
#include "regularizer/numeric/closed_form.h"

#include <stdexcept>

namespace convcert::python {

namespace {

/// "K = 3, D = 8" in 1-D; "K = 2x2, D = 4x4" on a 2-D grid.
std::string grid_sizes_text(const Grid& g) {
    if (g.dims == 1) return "K = " + std::to_string(g.K2) + ", D = " + std::to_string(g.D2);
    return "K = " + std::to_string(g.K1) + "x" + std::to_string(g.K2) +
           ", D = " + std::to_string(g.D1) + "x" + std::to_string(g.D2);
}

} // namespace

double python_closed_form(const std::vector<std::vector<double>>& W, const std::vector<long>& shape,
                          const std::vector<long>& kernel) {
    if (W.empty() || W[0].empty()) throw std::invalid_argument("w is empty");
    if (shape.size() != 1 && shape.size() != 2)
        throw std::invalid_argument("the signal shape must be (D,) or (D1, D2)");
    for (long n : shape)
        if (n < 1) throw std::invalid_argument("a signal dimension is below 1");
    const Grid g = support::grid_from_input(shape, python_kernel_spec(kernel));
    const long D = grid_signal_size(g);
    for (const auto& row : W)
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument("the rows of w must have D = " + std::to_string(D) +
                                        " entries");
    const long K = grid_kernel_size(g);
    if (K == 1) return regularizer::regularizer_value_k1(W);
    if (K == D) return regularizer::regularizer_value_kd(W, g);
    throw std::invalid_argument("no closed form is known for 1 < K < D (here " +
                                grid_sizes_text(g) +
                                "): use convcert.regularizer for a certified bracket");
}

} // namespace convcert::python
