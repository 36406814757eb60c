// Matrix spectral factorization in double precision (MATH.md, "The multi-channel conjecture
// follows from the matrix Fejér–Riesz theorem"): real R×r coefficients P_0..P_{K-1} with
// sum_k P_k P_{k+j}ᵀ = H_j, whose r columns are the channels of the multi-channel collapse.
// Untrusted numerics: the collapse's certificate is checked exactly.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace convcert::regularizer {

/// How regularizer_matrix_spectral_factor reached its factor (the fallbacks in the order tried).
enum class MatrixFactorFallback {
    None,        ///< Newton on H itself (H_0 positive definite)
    NullSpace,   ///< H_j = Q H'_j Qᵀ with Q the r0 < R eigenvectors of H_0 above the threshold
    Regularized, ///< normal rank r < r0: H' + εI factored, compressed to r columns, refined
};

/// A real matrix polynomial P(z) = sum_{k<K} P_k z^k with P(z) P(1/z)ᵀ = H(z).
struct MatrixSpectralFactor {
    std::vector<Eigen::MatrixXd> P; ///< K coefficients, each R×r (r = rank, columns = channels)
    long rank = 0;                  ///< r <= R: the channels the factor needs
    double residual = 0;    ///< max_j ||sum_k P_k P_{k+j}ᵀ - H_j||_max / max_j ||H_j||_max
    long iterations = 0;    ///< Newton (or Gauss–Newton) steps, all stages together
    bool converged = false; ///< residual <= tol
    MatrixFactorFallback fallback = MatrixFactorFallback::None;
    double epsilon =
        0; ///< the ε of MatrixFactorFallback::Regularized (relative to ||H_0||), else 0
};

/// The matrix spectral factor of H_0..H_{K-1} (each R×R; H_j = sum_k P_k P_{k+j}ᵀ,
/// H_{-j} = H_jᵀ), assumed PSD on the unit circle up to rounding.
///
/// Method: Wilson's Newton iteration on the bilinear equations sum_k Q_k Q_{k+j}ᵀ = H_jᵀ,
/// started at Q = (chol H_0, 0, ..., 0); every iterate is minimum phase (det Q(z) != 0 on the
/// closed unit disk) and the iteration converges quadratically when H(z) is positive definite
/// on the circle, linearly where it is singular at isolated points. The result is the reversal
/// P_k = Q_{K-1-k}: det P(z) has its zeros in the closed unit disk and P_{K-1} is lower
/// triangular with a non-negative diagonal, so that R = 1 gives the scalar factor of
/// regularizer_spectral_factor_double (roots inside the disk, c[K-1] > 0).
///
/// Fallbacks for singular densities, each taken only when the previous step cannot reach tol:
/// (1) a constant null space (eigenvalues of H_0 below 1e-12 of the largest: all kernel columns
/// in a subspace of dimension r0 < R) is projected out and the r0×r0 problem factored, P = Q P';
/// (2) when H(z) is singular on the whole circle (normal rank r < r0: fewer independent
/// channels than rows, e.g. C < R with K > 1), H' + εI is factored for ε = 1e-8 ||H_0||, its
/// factor compressed to the r columns the leading coefficient needs, and refined by
/// Gauss–Newton (least-norm steps) on the exact H. Iterations are capped; when nothing reaches
/// tol the factor with the smallest residual comes back with converged = false.
///
/// Precondition: H non-empty, all R×R with R >= 1, H_0 symmetric, finite entries. Throws
/// std::invalid_argument otherwise; H = 0 gives rank 0 (empty columns), converged.
MatrixSpectralFactor regularizer_matrix_spectral_factor(const std::vector<Eigen::MatrixXd>& H,
                                                        double tol);

/// H_j from C kernels u_c (each R×K, column k = tap k): H_j = sum_c sum_k u_c[:, k] u_c[:, k+j]ᵀ,
/// j = 0..K-1. Precondition: u non-empty, all of the same size R×K with R, K >= 1 (else
/// std::invalid_argument).
std::vector<Eigen::MatrixXd>
regularizer_matrix_autocorrelation(const std::vector<Eigen::MatrixXd>& u);

/// The cross-check (and benchmark peer): Bauer's method, the block Cholesky factor of the
/// banded block-Toeplitz matrix [H_{l-i}] grown one block row at a time until its last row
/// changes by at most tol (relative) or max_rows rows; it converges linearly, slowly when H(z)
/// is nearly singular on the circle. Returns the same normalization as
/// regularizer_matrix_spectral_factor (rank R; iterations = rows). Precondition as there, and
/// H_0 positive definite (else std::invalid_argument).
MatrixSpectralFactor regularizer_matrix_spectral_factor_bauer(const std::vector<Eigen::MatrixXd>& H,
                                                              double tol, long max_rows);

/// max_j ||sum_k P_k P_{k+j}ᵀ - H_j||_max / max_j ||H_j||_max (0 when H = 0 and P⋆P = 0).
/// Precondition: P and H of the same length K, P_k R×r, H_j R×R.
double regularizer_matrix_factor_residual(const std::vector<Eigen::MatrixXd>& P,
                                          const std::vector<Eigen::MatrixXd>& H);

} // namespace convcert::regularizer
