// A symmetric integer matrix stored as its packed upper triangle: the input of the PSD tests
// (psd_exact.h, psd_float.h).
#pragma once

#include "certify/checker/rational.h"

#include <cstddef>
#include <vector>

namespace convcert::checker {

/// The upper triangle of a symmetric n×n matrix, packed row by row; at(i, j) needs i <= j.
struct SymMatrix {
    std::size_t n;
    std::vector<Int> a;
    explicit SymMatrix(std::size_t size) : n(size), a(size * (size + 1) / 2) {}
    Int& at(std::size_t i, std::size_t j) { return a[i * n - i * (i - 1) / 2 + (j - i)]; }
    const Int& at(std::size_t i, std::size_t j) const {
        return a[i * n - i * (i - 1) / 2 + (j - i)];
    }
};

} // namespace convcert::checker
