// convcert._core's kernel shapes: Python's kernel K or (K1, K2) as the CLI's --kernel K or
// --kernel K1xK2 (support::KernelSpec), so that both reach support::grid_from_input alike.
#include "python/core.h"

#include <stdexcept>
#include <string>

namespace convcert::python {

support::KernelSpec python_kernel_spec(const std::vector<long>& kernel) {
    if (kernel.size() != 1 && kernel.size() != 2)
        throw std::invalid_argument("kernel must be K or (K1, K2), not " +
                                    std::to_string(kernel.size()) + " sizes");
    for (long k : kernel)
        if (k < 1 || k >= (1L << 31))
            throw std::invalid_argument("kernel size " + std::to_string(k) +
                                        " is outside [1, 2^31)");
    if (kernel.size() == 1) return support::KernelSpec{1, kernel[0], 1};
    return support::KernelSpec{kernel[0], kernel[1], 2};
}

} // namespace convcert::python
