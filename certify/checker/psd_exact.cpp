// Fraction-free symmetric elimination (see psd_exact.h).
#include "certify/checker/psd_exact.h"

namespace convcert::checker {

long sym_matrix_psd_failure_exact(SymMatrix& m) {
    Int prev = 1, t;
    for (std::size_t k = 0; k < m.n; ++k) {
        const Int pivot = m.at(k, k);
        if (pivot < 0) return static_cast<long>(k);
        if (pivot == 0) {
            for (std::size_t j = k + 1; j < m.n; ++j)
                if (m.at(k, j) != 0) return static_cast<long>(k);
            continue;
        }
        for (std::size_t i = k + 1; i < m.n; ++i) {
            const Int aki = m.at(k, i);
            for (std::size_t j = i; j < m.n; ++j) {
                Int& x = m.at(i, j);
                t = pivot * x;
                t -= aki * m.at(k, j);
                x = t / prev; // exact
            }
        }
        prev = pivot;
    }
    return -1;
}

} // namespace convcert::checker
