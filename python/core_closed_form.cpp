// convcert._core.closed_form: the closed forms K = 1 and K = D of the regularizer (MATH.md §5,
// §8), in double precision, from regularizer/numeric/closed_form.h.
#include "python/core.h"
#include "regularizer/numeric/closed_form.h"

#include <stdexcept>

namespace convcert::python {

double python_closed_form(const std::vector<std::vector<double>>& W, long K) {
    if (W.empty() || W[0].empty()) throw std::invalid_argument("w is empty");
    const long D = static_cast<long>(W[0].size());
    for (const auto& row : W)
        if (static_cast<long>(row.size()) != D)
            throw std::invalid_argument("the rows of w have different lengths");
    if (K == 1) return regularizer::regularizer_value_k1(W);
    if (K == D) return regularizer::regularizer_value_kd(W);
    throw std::invalid_argument(
        "no closed form is known for 1 < K < D (here K = " + std::to_string(K) +
        ", D = " + std::to_string(D) + "): use convcert.regularizer for a certified bracket");
}

} // namespace convcert::python
