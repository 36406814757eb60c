// The max-margin dual's LMI 4I - T(λ)T(λ)ᵀ ⪰ 0 in closed form where T Tᵀ is diagonal in a fixed
// basis, with one input channel (R = 1): at K = 1×1 T(λ) is the row λᵀ and the LMI is
// ||λ||² <= 4 (the hard-margin SVM's dual); at K = D1×D2 T Tᵀ is circulant on the grid with
// eigenvalues |λ̂(d)|², and the LMI is |λ̂(d)|² <= 4 at every frequency d (the 2-D Fourier-ℓ1
// program's dual; MATH.md §5 and "Two-dimensional signals"). Both are norm constraints
// ||A_j λ||² <= 4 on row blocks A_j of one real matrix A, so
//   φ(λ) = -log det(4I - T Tᵀ) = -sum_j log(4 - ||A_j λ||²),
// and φ(Bz) with its derivatives in the n dual variables z costs O(rows(A)·n²) per Newton step
// instead of the general O(D² log D + D²n) (regularizer/numeric/barrier_path.h). The central
// point's primal Z = μ [[4P, 2Q], [2Qᵀ, I + TᵀQ]] is built from the same spectrum (P, Q and TᵀQ are
// circulant on the grid at K = D). Untrusted numerics (maxmargin/dual_barrier_maxmargin.h).
#pragma once

#include "certify/grid.h"
#include "regularizer/numeric/barrier_path.h"

#include <Eigen/Dense>

#include <vector>

namespace convcert::maxmargin {

/// The blocks: row r of A belongs to block block[r]; A has D = grid_signal_size(g) columns.
struct BarrierSpectral {
    Grid g;
    Eigen::MatrixXd A;
    std::vector<long> block;
    long blocks = 0;
};

/// Whether the LMI has this form: R = 1 and K = 1×1 or K = D1×D2.
bool maxmargin_barrier_spectral_applies(long R, const Grid& g);

/// K = 1×1: A = I_D, one block. K = D1×D2: for each frequency d the rows Re and Im of
/// λ -> λ̂(d) = sum_j λ[j] exp(-2πi (j1 d1/D1 + j2 d2/D2)) (flat row-major j and d), block d.
/// Precondition: maxmargin_barrier_spectral_applies(1, g) (std::invalid_argument otherwise).
BarrierSpectral maxmargin_barrier_spectral(const Grid& g);

/// The squared norms ||y_j||² of the blocks of the rows' values y (y = Aλ, or (AB)z on a path).
/// Precondition: y has rows(A) entries.
Eigen::VectorXd maxmargin_barrier_spectral_norms(const BarrierSpectral& s,
                                                 const Eigen::VectorXd& y);

/// ∇φ(λ) = Aᵀw, w_r = 2 y_r / (4 - ||y_j||²) for r in block j, from the rows' values y = Aλ, so
/// that W = μ∇φ at a central point (the general 2μT*(Q)). A caller on a path passes the y its
/// path computed, (AB)z and not A(Bz): near the optimum 4 - ||y_j||² is of the order of μ, and
/// a rounding difference in y comes back multiplied by about 1/μ. Precondition: every
/// ||y_j||² < 4 (std::domain_error otherwise).
Eigen::VectorXd maxmargin_barrier_spectral_gradient(const BarrierSpectral& s,
                                                    const Eigen::VectorXd& y);

/// φ and its gradient and Hessian in z for λ = Bz, given AB = A·B (rows(A)×n).
regularizer::BarrierLmiForm maxmargin_barrier_spectral_form(const BarrierSpectral& s,
                                                            const Eigen::MatrixXd& AB);

/// Z = μ [[4P, 2Q], [2Qᵀ, I + TᵀQ]] (P = (4I - T Tᵀ)⁻¹, Q = P T), (K + D)×(K + D), from the
/// spectrum (no inversion of the nearly singular 4I - T Tᵀ), for the rows' values y as in the
/// gradient (at K = 1, A = I and y is λ). Precondition as the gradient's.
Eigen::MatrixXd maxmargin_barrier_spectral_primal(const BarrierSpectral& s,
                                                  const Eigen::VectorXd& y, double mu);

} // namespace convcert::maxmargin
