// The exact least-norm second layer on a grid whose group Z_D1 × Z_D2 is not given the
// polynomial treatment of least_norm.cpp (x^D - 1 is 1-D only): the same V = U*(U U*)⁻¹ W
// (or U⁻¹ W when C0 = R) as one dense integer linear system of size R·D, solved exactly by
// p-adic lifting (FLINT's Dixon solver). Untrusted generator code; the checker re-verifies.
#pragma once

#include "certify/grid.h"
#include "regularizer/exact/least_norm.h"

namespace convcert::regularizer {

/// As regularizer_least_norm (least_norm.h) on the grid g: W has R rows of grid_signal_size(g),
/// kernels R rows of grid_kernel_size(g). Throws std::invalid_argument on bad shapes or zero
/// kernels, std::runtime_error when the system is singular (some Σ_d singular, also at R = 1)
/// or R·D exceeds 4096 (refused before any allocation).
/// Cost: the Dixon solve of an (R·D)² system, numbers of about D·R·(2·bits + log K) bits.
RegularizerLeastNorm regularizer_least_norm_dense(const std::vector<support::FmpqMat>& u,
                                                  const support::FmpqMat& W, const Grid& g);

} // namespace convcert::regularizer
