// Matrix spectral factorization (see matrix_spectral_factor.h): Wilson's Newton iteration with
// dense Jacobian solves, the singular-density fallbacks, and Bauer's block Cholesky.
// Internally every factor is the minimum-phase Q of T = Hᵀ (T_j = H_jᵀ, Q_0 lower triangular);
// the caller gets its reversal P_k = Q_{K-1-k}, a factor of H.
#include "regularizer/numeric/matrix_spectral_factor.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace convcert::regularizer {

namespace {

using Coeffs = std::vector<Eigen::MatrixXd>;

// Newton and Gauss–Newton give up after this many steps.
constexpr long kMaxNewton = 100;
// ... or after this many steps in a row that do not reduce the best residual by kProgress
// (far from the factor Wilson's residuals may grow for a few steps; at a zero on the circle
// Newton is linear).
constexpr long kPatience = 10;
constexpr double kProgress = 0.9;
// Eigenvalues of H_0 at most this times the largest span its (constant) null space.
constexpr double kNullSpaceRel = 1e-12;
// H(e^{iθ}) is singular at θ when its smallest eigenvalue is at most this times its largest.
constexpr double kSingularRel = 1e-9;
// The regularization ε of the normal-rank-deficient fallback, relative to ||H_0||.
constexpr double kEpsilonRel = 1e-8;
// Gauss–Newton's least-norm steps ignore the Jacobian's directions below this relative size
// (the orthogonal gauge Q -> Q O and the near-null directions of a singular density).
constexpr double kLeastNormRel = 1e-9;
// Angles (irrational multiples of π) at which the normal rank of H(z) is sampled.
constexpr double kRankAngles[] = {1.0, 2.718281828459045, 4.2};

// (A ⋆ B)_j = sum_k A_k B_{k+j}ᵀ, j = 0..K-1. Precondition: A, B of the same length K >= 1,
// A_k n×r, B_k m×r.
Coeffs star(const Coeffs& A, const Coeffs& B) {
    const long K = static_cast<long>(A.size());
    Coeffs out(K, Eigen::MatrixXd::Zero(A[0].rows(), B[0].rows()));
    for (long j = 0; j < K; ++j)
        for (long k = 0; k + j < K; ++k)
            out[j].noalias() += A[k] * B[k + j].transpose();
    return out;
}

double max_abs(const Coeffs& H) {
    double m = 0;
    for (const auto& h : H)
        if (h.size() > 0) m = std::max(m, h.cwiseAbs().maxCoeff());
    return m;
}

Coeffs transposed(const Coeffs& H) {
    Coeffs out;
    for (const auto& h : H)
        out.push_back(h.transpose());
    return out;
}

// Q_j = Vᵀ H_j V.
Coeffs congruence(const Coeffs& H, const Eigen::MatrixXd& V) {
    Coeffs out;
    for (const auto& h : H)
        out.push_back(V.transpose() * h * V);
    return out;
}

// The equations of P ⋆ P = T for T_j n×n: T_0 symmetric, so only its lower triangle (i >= a).
long equation_count(long n, long K) {
    return n * (n + 1) / 2 + (K - 1) * n * n;
}
long equation_index(long j, long i, long a, long n) {
    if (j == 0) return i >= a ? i * (i + 1) / 2 + a : -1;
    return n * (n + 1) / 2 + (j - 1) * n * n + i * n + a;
}

// The unknowns: coefficients X_k (n×r). With gauge (n = r): X_0 lower triangular, which fixes
// X -> X O (O orthogonal) and makes Newton's system square.
struct Unknowns {
    long n, r, K;
    bool gauge;
    long first() const { return gauge ? n * (n + 1) / 2 : n * r; }
    long count() const { return first() + (K - 1) * n * r; }
    long index(long k, long a, long b) const {
        if (k == 0 && gauge) return b <= a ? a * (a + 1) / 2 + b : -1;
        if (k == 0) return a * r + b;
        return first() + (k - 1) * n * r + a * r + b;
    }
};

// The Jacobian of X -> P ⋆ X + X ⋆ P (the derivative of P ⋆ P), rows equation_index, columns
// u.index. Precondition: P_k n×r with u's n, r, K.
Eigen::MatrixXd jacobian(const Coeffs& P, const Unknowns& u) {
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(equation_count(u.n, u.K), u.count());
    for (long k = 0; k < u.K; ++k)
        for (long a = 0; a < u.n; ++a)
            for (long b = 0; b < u.r; ++b) {
                const long col = u.index(k, a, b);
                if (col < 0) continue;
                for (long j = 0; j <= k; ++j) // P_{k-j} X_kᵀ: column a of equation j
                    for (long i = 0; i < u.n; ++i) {
                        const long row = equation_index(j, i, a, u.n);
                        if (row >= 0) J(row, col) += P[k - j](i, b);
                    }
                for (long j = 0; j + k < u.K; ++j) // X_k P_{k+j}ᵀ: row a of equation j
                    for (long i = 0; i < u.n; ++i) {
                        const long row = equation_index(j, a, i, u.n);
                        if (row >= 0) J(row, col) += P[k + j](i, b);
                    }
            }
    return J;
}

Eigen::VectorXd pack_equations(const Coeffs& T) {
    const long n = T[0].rows(), K = static_cast<long>(T.size());
    Eigen::VectorXd g(equation_count(n, K));
    for (long j = 0; j < K; ++j)
        for (long i = 0; i < n; ++i)
            for (long a = 0; a < n; ++a) {
                const long row = equation_index(j, i, a, n);
                if (row >= 0) g(row) = T[j](i, a);
            }
    return g;
}

Coeffs unpack_unknowns(const Eigen::VectorXd& x, const Unknowns& u) {
    Coeffs X(u.K, Eigen::MatrixXd::Zero(u.n, u.r));
    for (long k = 0; k < u.K; ++k)
        for (long a = 0; a < u.n; ++a)
            for (long b = 0; b < u.r; ++b) {
                const long i = u.index(k, a, b);
                if (i >= 0) X[k](a, b) = x(i);
            }
    return X;
}

Coeffs sum(const Coeffs& A, const Coeffs& B, double sign) {
    Coeffs out = A;
    for (std::size_t j = 0; j < A.size(); ++j)
        out[j] += sign * B[j];
    return out;
}

// An iteration's outcome: its best iterate.
struct Run {
    Coeffs Q;
    double residual = std::numeric_limits<double>::infinity();
    long iterations = 0;
};

// Whether an iteration at best residual `best`, after a step from `previous`, should stop.
bool iteration_done(double best, double previous, double tol, long stalled) {
    if (stalled >= kPatience) return true;
    return best <= 1e-2 * tol || (best <= tol && best > 0.5 * previous);
}

// Applies step (Q -> next iterate; false when it fails) from Q until iteration_done or
// kMaxNewton steps, keeping the iterate with the smallest residual on T.
template <class Step> Run iterate(const Coeffs& T, Coeffs Q, double tol, Step step) {
    Run best{Q, regularizer_matrix_factor_residual(Q, T), 0};
    long stalled = 0;
    for (long it = 1; it <= kMaxNewton && best.residual > 1e-2 * tol; ++it) {
        if (!step(Q)) break;
        const double res = regularizer_matrix_factor_residual(Q, T), previous = best.residual;
        best.iterations = it;
        stalled = res <= kProgress * best.residual ? 0 : stalled + 1;
        if (res < best.residual) {
            best.Q = Q;
            best.residual = res;
        }
        if (iteration_done(best.residual, previous, tol, stalled)) break;
    }
    return best;
}

// Wilson's iteration: Newton on Q ⋆ Q = T from Q (square, minimum phase, Q_0 lower
// triangular): each step solves Q ⋆ X + X ⋆ Q = T + Q ⋆ Q for X with X_0 lower triangular.
Run newton_min_phase(const Coeffs& T, Coeffs Q, double tol) {
    const Unknowns u{T[0].rows(), T[0].rows(), static_cast<long>(T.size()), true};
    return iterate(T, std::move(Q), tol, [&](Coeffs& X) {
        const Eigen::VectorXd x =
            jacobian(X, u).partialPivLu().solve(pack_equations(sum(T, star(X, X), 1)));
        if (!x.allFinite()) return false;
        X = unpack_unknowns(x, u);
        return true;
    });
}

// Gauss–Newton on Q ⋆ Q = T for Q_k n×r (any r): least-norm steps J Δ = T - Q ⋆ Q.
Run gauss_newton(const Coeffs& T, Coeffs Q, double tol) {
    const Unknowns u{T[0].rows(), Q[0].cols(), static_cast<long>(T.size()), false};
    return iterate(T, std::move(Q), tol, [&](Coeffs& X) {
        Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(jacobian(X, u));
        cod.setThreshold(kLeastNormRel);
        const Eigen::VectorXd d = cod.solve(pack_equations(sum(T, star(X, X), -1)));
        if (!d.allFinite()) return false;
        X = sum(X, unpack_unknowns(d, u), 1);
        return true;
    });
}

// Q = (chol T_0, 0, ..., 0): the constant minimum-phase start. Precondition: T_0 positive
// definite (numerically).
Coeffs newton_start(const Coeffs& T) {
    Coeffs Q(T.size(), Eigen::MatrixXd::Zero(T[0].rows(), T[0].cols()));
    Q[0] = T[0].llt().matrixL();
    return Q;
}

// The largest numerical rank of T(e^{iθ}) = sum_{|j|<K} T_j e^{ijθ} over kRankAngles.
long normal_rank(const Coeffs& T) {
    const long n = T[0].rows();
    long rank = 0;
    for (double theta : kRankAngles) {
        Eigen::MatrixXcd M = T[0].cast<std::complex<double>>();
        for (std::size_t j = 1; j < T.size(); ++j) {
            const std::complex<double> z = std::polar(1.0, theta * static_cast<double>(j));
            M += z * T[j].cast<std::complex<double>>() +
                 std::conj(z) * T[j].transpose().cast<std::complex<double>>();
        }
        const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(M).eigenvalues();
        long r = 0;
        for (long i = 0; i < n; ++i)
            r += ev(i) > kSingularRel * ev(n - 1) ? 1 : 0;
        rank = std::max(rank, r);
    }
    return rank;
}

// The normal-rank-deficient fallback on T (n×n, normal rank r < n): factor T + εI by
// Newton, keep the r leading right singular directions of its stacked coefficients [Q_0; ...;
// Q_{K-1}] (the others carry O(sqrt ε)), refine by Gauss–Newton.
Run regularized_min_phase(const Coeffs& T, long r, double tol, double* epsilon) {
    Coeffs Te = T;
    *epsilon = kEpsilonRel;
    const double shift = kEpsilonRel * T[0].cwiseAbs().maxCoeff();
    Te[0] += shift * Eigen::MatrixXd::Identity(T[0].rows(), T[0].cols());
    Run first = newton_min_phase(Te, newton_start(Te), tol);
    const long n = T[0].rows(), K = static_cast<long>(T.size());
    Eigen::MatrixXd stacked(n * K, n);
    for (long k = 0; k < K; ++k)
        stacked.middleRows(k * n, n) = first.Q[k];
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(stacked, Eigen::ComputeFullV);
    const Eigen::MatrixXd V = svd.matrixV().leftCols(r);
    Coeffs Q;
    for (const auto& q : first.Q)
        Q.push_back(q * V);
    Run refined = gauss_newton(T, Q, tol);
    refined.iterations += first.iterations;
    return refined;
}

// The reversal of Q, mapped back through the null-space basis B: P_k = B Q_{K-1-k}.
Coeffs output_coefficients(const Run& run, const Eigen::MatrixXd& B) {
    Coeffs P;
    for (auto it = run.Q.rbegin(); it != run.Q.rend(); ++it)
        P.push_back(B * *it);
    return P;
}

void check_input(const Coeffs& H, const char* who) {
    if (H.empty() || H[0].rows() < 1) throw std::invalid_argument(std::string(who) + ": empty H");
    const long R = H[0].rows();
    for (const auto& h : H)
        if (h.rows() != R || h.cols() != R || !h.allFinite())
            throw std::invalid_argument(std::string(who) + ": H_j not all finite R×R");
    if (!H[0].isApprox(H[0].transpose(), 1e-12) && !H[0].isZero())
        throw std::invalid_argument(std::string(who) + ": H_0 not symmetric");
}

MatrixSpectralFactor result_from(const Coeffs& H, const Run& run, const Eigen::MatrixXd& B,
                                 double tol) {
    MatrixSpectralFactor f;
    f.P = output_coefficients(run, B);
    f.rank = f.P[0].cols();
    f.residual = regularizer_matrix_factor_residual(f.P, H);
    f.iterations = run.iterations;
    f.converged = f.residual <= tol;
    return f;
}

} // namespace

double regularizer_matrix_factor_residual(const std::vector<Eigen::MatrixXd>& P,
                                          const std::vector<Eigen::MatrixXd>& H) {
    const Coeffs F = star(P, P);
    double num = 0;
    for (std::size_t j = 0; j < H.size(); ++j)
        num = std::max(num, (F[j] - H[j]).cwiseAbs().maxCoeff());
    const double den = max_abs(H);
    return den > 0 ? num / den : num;
}

std::vector<Eigen::MatrixXd>
regularizer_matrix_autocorrelation(const std::vector<Eigen::MatrixXd>& u) {
    if (u.empty() || u[0].rows() < 1 || u[0].cols() < 1)
        throw std::invalid_argument("regularizer_matrix_autocorrelation: no kernels");
    const long R = u[0].rows(), K = u[0].cols(), C = static_cast<long>(u.size());
    Coeffs P(K, Eigen::MatrixXd(R, C));
    for (long c = 0; c < C; ++c) {
        if (u[c].rows() != R || u[c].cols() != K)
            throw std::invalid_argument(
                "regularizer_matrix_autocorrelation: kernels differ in size");
        for (long k = 0; k < K; ++k)
            P[k].col(c) = u[c].col(k);
    }
    return star(P, P);
}

MatrixSpectralFactor regularizer_matrix_spectral_factor(const std::vector<Eigen::MatrixXd>& H,
                                                        double tol) {
    check_input(H, "regularizer_matrix_spectral_factor");
    const long R = H[0].rows(), K = static_cast<long>(H.size());
    if (max_abs(H) == 0) {
        MatrixSpectralFactor zero;
        zero.P.assign(K, Eigen::MatrixXd::Zero(R, 0));
        zero.converged = true;
        return zero;
    }
    const Eigen::MatrixXd H0 = 0.5 * (H[0] + H[0].transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H0);
    long r0 = 0;
    while (r0 < R && es.eigenvalues()(R - 1 - r0) > kNullSpaceRel * es.eigenvalues()(R - 1))
        ++r0;
    const Eigen::MatrixXd B = r0 == R ? Eigen::MatrixXd::Identity(R, R)
                                      : Eigen::MatrixXd(es.eigenvectors().rightCols(r0));
    const Coeffs T = transposed(congruence(H, B));
    const long r = normal_rank(T);
    MatrixSpectralFactor best;
    best.residual = std::numeric_limits<double>::infinity();
    if (r == r0) {
        best = result_from(H, newton_min_phase(T, newton_start(T), tol), B, tol);
        best.fallback = r0 == R ? MatrixFactorFallback::None : MatrixFactorFallback::NullSpace;
        if (best.converged) return best;
    }
    double epsilon = 0;
    const Run reg = regularized_min_phase(T, r, tol, &epsilon);
    MatrixSpectralFactor f = result_from(H, reg, B, tol);
    f.fallback = MatrixFactorFallback::Regularized;
    f.epsilon = epsilon;
    f.iterations += best.iterations;
    return f.residual < best.residual ? f : best;
}

MatrixSpectralFactor regularizer_matrix_spectral_factor_bauer(const std::vector<Eigen::MatrixXd>& H,
                                                              double tol, long max_rows) {
    check_input(H, "regularizer_matrix_spectral_factor_bauer");
    const long R = H[0].rows(), K = static_cast<long>(H.size());
    if (H[0].llt().info() != Eigen::Success)
        throw std::invalid_argument(
            "regularizer_matrix_spectral_factor_bauer: H_0 not positive definite");
    const Coeffs T = transposed(H);
    const double scale = std::sqrt(T[0].cwiseAbs().maxCoeff());
    // rows[n % K][m] = L[n][n-m]: the last K block rows of the Cholesky factor of [T_{l-i}].
    std::vector<Coeffs> rows(K, Coeffs(K, Eigen::MatrixXd::Zero(R, R)));
    long n = 0;
    double change = std::numeric_limits<double>::infinity();
    for (; n < max_rows && !(change <= tol * scale); ++n) {
        Coeffs& row = rows[n % K];
        const Coeffs previous = rows[(n + K - 1) % K];
        const long band = std::min(n, K - 1);
        for (long m = band; m >= 1; --m) { // L[n][n-m], left to right
            const Coeffs& above = rows[(n - m) % K];
            Eigen::MatrixXd S = T[m].transpose();
            for (long q = m + 1; q <= band; ++q)
                S.noalias() -= row[q] * above[q - m].transpose();
            row[m] = above[0].triangularView<Eigen::Lower>().solve(S.transpose()).transpose();
        }
        Eigen::MatrixXd D = T[0];
        for (long q = 1; q <= band; ++q)
            D.noalias() -= row[q] * row[q].transpose();
        row[0] = D.llt().matrixL();
        for (long m = band + 1; m < K; ++m)
            row[m].setZero();
        change = 0;
        for (long m = 0; m < K; ++m)
            change = std::max(change, (row[m] - previous[m]).cwiseAbs().maxCoeff());
    }
    const Run run{rows[(n + K - 1) % K], 0, n};
    return result_from(H, run, Eigen::MatrixXd::Identity(R, R), tol);
}

} // namespace convcert::regularizer
