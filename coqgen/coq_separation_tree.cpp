// The bisection tree of a channel-separation Coq export (see coq_separation_tree.h): per box a
// dual point lambda from a regularized least-norm solve at the box centre (in double), scaled
// to maximize the centre's bracket and rounded to a dyadic; then leaf_ok's centred
// second-order test in exact rationals.
#include "coqgen/coq_separation_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace convcert::coqgen {

namespace {

using boost::multiprecision::cpp_rational;

struct SeparationProblem {
    long D = 0, K = 0;
    std::vector<std::vector<long>> sh; // sh[i][k] = i + (kernel entry k)
    std::vector<cpp_rational> w;
    std::vector<double> wd;
    cpp_rational L1sq;
    double L1sq_d = 0;
    int bits = 16;
    std::size_t max_leaves = 0;
    std::size_t leaves = 0;
};

// The entries of w in the bound's number type (double or exact).
const std::vector<double>& separation_w(const SeparationProblem& p, const double*) {
    return p.wd;
}
const std::vector<cpp_rational>& separation_w(const SeparationProblem& p, const cpp_rational*) {
    return p.w;
}

template <class T> T separation_abs(const T& x) {
    return x < 0 ? T(-x) : x;
}

// b2 = sum_jk |A_jk| r_j r_k >= d^T A d for |d_k| <= r_k, A_jk = sum_i lambda[sh i j]
// lambda[sh i k] (Separation.b2Q).
template <class T>
T separation_b2(const SeparationProblem& p, const std::vector<T>& lam, const std::vector<T>& r) {
    T b2 = 0;
    for (std::size_t j = 0; j < r.size(); ++j)
        for (std::size_t k = 0; k < r.size(); ++k) {
            T a = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(p.D); ++i)
                a += lam[static_cast<std::size_t>(p.sh[i][j])] *
                     lam[static_cast<std::size_t>(p.sh[i][k])];
            b2 += separation_abs(a) * r[j] * r[k];
        }
    return b2;
}

// Separation.v's centred (second-order) leaf bound glo <= ||u||^2 (2 <lambda, w> - u^T A u)
// for u in the box [lo, hi] (A = T(lambda) T(lambda)^T), in double (to choose lambda) or in
// exact rationals (to decide a leaf). With c the box centre, r its half-widths, z = T^T c:
// N0 = ||c||^2, B0 = 2 <lambda, w> - ||z||^2, (Ac)_k = sum_i z_i lambda[sh i k],
// grad = 2 B0 c - 2 N0 Ac, n1 = 2 sum |c_k| r_k, n2 = sum r_k^2, b1 = 2 sum |(Ac)_k| r_k,
// b2 = sum_jk |A_jk| r_j r_k, and glo = N0 B0 - sum |grad_k| r_k - n1 b1 - N0 b2
// - n2 max(0, -B0) - n1 b2 - n2 b1 - n2 b2 (Separation.leaf_ok's formula).
template <class T>
T separation_glo(const SeparationProblem& p, const std::vector<T>& lo, const std::vector<T>& hi,
                 const std::vector<T>& lam) {
    const std::size_t K = static_cast<std::size_t>(p.K), D = static_cast<std::size_t>(p.D);
    const std::vector<T>& w = separation_w(p, static_cast<const T*>(nullptr));
    std::vector<T> c(K), r(K), z(D, T(0)), Ac(K, T(0));
    for (std::size_t k = 0; k < K; ++k) {
        c[k] = (lo[k] + hi[k]) / 2;
        r[k] = (hi[k] - lo[k]) / 2;
    }
    T N0 = 0, iw = 0, zz = 0;
    for (std::size_t k = 0; k < K; ++k)
        N0 += c[k] * c[k];
    for (std::size_t i = 0; i < D; ++i) {
        for (std::size_t k = 0; k < K; ++k)
            z[i] += lam[static_cast<std::size_t>(p.sh[i][k])] * c[k];
        iw += lam[i] * w[i];
        zz += z[i] * z[i];
    }
    const T B0 = 2 * iw - zz;
    T gsum = 0, n1 = 0, n2 = 0, b1 = 0;
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t i = 0; i < D; ++i)
            Ac[k] += z[i] * lam[static_cast<std::size_t>(p.sh[i][k])];
        gsum += separation_abs(T(2 * B0 * c[k] - 2 * N0 * Ac[k])) * r[k];
        n1 += separation_abs(c[k]) * r[k];
        n2 += r[k] * r[k];
        b1 += separation_abs(Ac[k]) * r[k];
    }
    n1 *= 2;
    b1 *= 2;
    const T b2 = separation_b2(p, lam, r);
    const T negB0 = B0 < 0 ? T(-B0) : T(0);
    return N0 * B0 - gsum - n1 * b1 - N0 * b2 - n2 * negB0 - n1 * b2 - n2 * b1 - n2 * b2;
}

// x with M x = b (n x n, row-major, partial pivoting); false if singular.
bool separation_solve(std::vector<double> M, std::vector<double> b, std::vector<double>& x) {
    const std::size_t n = b.size();
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(M[r * n + c]) > std::fabs(M[piv * n + c])) piv = r;
        if (!(std::fabs(M[piv * n + c]) > 1e-300)) return false;
        for (std::size_t j = 0; j < n; ++j)
            std::swap(M[c * n + j], M[piv * n + j]);
        std::swap(b[c], b[piv]);
        for (std::size_t r = c + 1; r < n; ++r) {
            const double f = M[r * n + c] / M[c * n + c];
            for (std::size_t j = c; j < n; ++j)
                M[r * n + j] -= f * M[c * n + j];
            b[r] -= f * b[c];
        }
    }
    x.assign(n, 0);
    for (std::size_t c = n; c-- > 0;) {
        double s = b[c];
        for (std::size_t j = c + 1; j < n; ++j)
            s -= M[c * n + j] * x[j];
        x[c] = s / M[c * n + c];
    }
    return true;
}

// The best rounded lambda among regularized least-norm solutions at the box centre, each
// scaled by t <lambda, w> / ||T(lambda)^T c||^2 (t = 1 maximizes B0; smaller t shrink the
// remainder terms, which big boxes prefer), with its double bound 4 glo.
struct LamCandidate {
    std::vector<long long> lamZ;
    double bound = -1;
};

// lambda * s rounded to integers over 2^bits, with its double bound 4 glo (bound -1 if an
// integer would not fit in 50 bits).
LamCandidate separation_lambda_rounded(const SeparationProblem& p, const std::vector<double>& lo,
                                       const std::vector<double>& hi,
                                       const std::vector<double>& lam, double s) {
    const double scale = std::ldexp(1.0, p.bits);
    LamCandidate cand;
    std::vector<double> rounded(lam.size());
    for (std::size_t i = 0; i < lam.size(); ++i) {
        const double x = std::nearbyint(lam[i] * s * scale);
        if (!(std::fabs(x) < 0x1p50)) return {};
        cand.lamZ.push_back(static_cast<long long>(x));
        rounded[i] = x / scale;
    }
    cand.bound = 4 * separation_glo(p, lo, hi, rounded);
    return cand;
}

LamCandidate separation_lambda(const SeparationProblem& p, const std::vector<double>& lo,
                               const std::vector<double>& hi) {
    const std::size_t D = static_cast<std::size_t>(p.D);
    std::vector<double> A(D * D, 0.0); // (A lambda)_i = sum_k c_k lambda[sh i k]
    double rr = 0;
    for (long k = 0; k < p.K; ++k) {
        const double c = (lo[k] + hi[k]) / 2, r = (hi[k] - lo[k]) / 2;
        rr += r * r;
        for (long i = 0; i < p.D; ++i)
            A[static_cast<std::size_t>(i) * D + static_cast<std::size_t>(p.sh[i][k])] += c;
    }
    std::vector<double> M(D * D, 0.0);
    double trace = 0;
    for (std::size_t a = 0; a < D; ++a)
        for (std::size_t b = 0; b < D; ++b) {
            double s = 0;
            for (std::size_t i = 0; i < D; ++i)
                s += A[i * D + a] * A[i * D + b];
            M[a * D + b] = s;
        }
    for (std::size_t a = 0; a < D; ++a)
        trace += M[a * D + a];
    LamCandidate best;
    for (double f : {0.0, 1e-4, 1e-3, 1e-2, 1e-1, 1.0}) {
        std::vector<double> Mr = M, lam;
        for (std::size_t a = 0; a < D; ++a)
            Mr[a * D + a] += f * trace / static_cast<double>(D) * rr * 10;
        if (!separation_solve(Mr, p.wd, lam)) continue;
        double iw = 0, zz = 0;
        for (std::size_t i = 0; i < D; ++i) {
            double zi = 0;
            for (std::size_t j = 0; j < D; ++j)
                zi += A[i * D + j] * lam[j];
            iw += lam[i] * p.wd[i];
            zz += zi * zi;
        }
        if (!(iw > 0) || !(zz > 0)) continue;
        for (double t : {1.0, 0.9, 0.75, 0.6, 0.45, 0.3, 0.2, 0.1}) {
            LamCandidate cand = separation_lambda_rounded(p, lo, hi, lam, t * iw / zz);
            if (cand.bound > best.bound) best = std::move(cand);
        }
    }
    return best;
}

// Separation.leaf_ok in exact rationals: L1^2 <= 4 glo.
bool separation_leaf_exact(const SeparationProblem& p, const std::vector<cpp_rational>& lo,
                           const std::vector<cpp_rational>& hi,
                           const std::vector<long long>& lamZ) {
    const cpp_rational den = cpp_rational(boost::multiprecision::cpp_int(1) << p.bits);
    std::vector<cpp_rational> lam;
    for (long long z : lamZ)
        lam.push_back(cpp_rational(z) / den);
    return p.L1sq <= 4 * separation_glo(p, lo, hi, lam);
}

// The subtree of box [lo, hi]; false when the leaf budget is exhausted or a box gets too small.
bool separation_subtree(SeparationProblem& p, const std::vector<cpp_rational>& lo,
                        const std::vector<cpp_rational>& hi, SeparationNode& node) {
    std::vector<double> lod(lo.size()), hid(hi.size());
    for (std::size_t k = 0; k < lo.size(); ++k) {
        lod[k] = static_cast<double>(lo[k]);
        hid[k] = static_cast<double>(hi[k]);
    }
    LamCandidate cand = separation_lambda(p, lod, hid);
    if (cand.bound >= p.L1sq_d * (1 + 1e-12) && separation_leaf_exact(p, lo, hi, cand.lamZ)) {
        node.lam = std::move(cand.lamZ);
        return ++p.leaves <= p.max_leaves;
    }
    long j = 0;
    for (long k = 1; k < p.K; ++k)
        if (hid[k] - lod[k] > hid[j] - lod[j]) j = k;
    if (!(hid[j] - lod[j] > 0x1p-30)) return false;
    const cpp_rational mid = (lo[j] + hi[j]) / 2;
    node.split = j;
    node.children.resize(2);
    std::vector<cpp_rational> hi_low = hi, lo_high = lo;
    hi_low[j] = mid;
    lo_high[j] = mid;
    return separation_subtree(p, lo, hi_low, node.children[0]) &&
           separation_subtree(p, lo_high, hi, node.children[1]);
}

} // namespace

std::optional<std::vector<SeparationNode>> separation_trees(const Grid& g,
                                                            const std::vector<cpp_rational>& w,
                                                            const cpp_rational& L1,
                                                            const SeparationTreeOptions& options) {
    SeparationProblem p;
    p.D = grid_signal_size(g);
    p.K = grid_kernel_size(g);
    p.sh.assign(static_cast<std::size_t>(p.D), std::vector<long>(static_cast<std::size_t>(p.K)));
    for (long i = 0; i < p.D; ++i)
        for (long k = 0; k < p.K; ++k)
            p.sh[i][k] = grid_shift(g, i, k);
    p.w = w;
    for (const cpp_rational& x : w)
        p.wd.push_back(static_cast<double>(x));
    p.L1sq = L1 * L1;
    p.L1sq_d = static_cast<double>(p.L1sq);
    p.bits = options.lam_bits;
    p.max_leaves = options.max_leaves;
    std::vector<SeparationNode> trees(static_cast<std::size_t>(p.K));
    for (long f = 0; f < p.K; ++f) {
        std::vector<cpp_rational> lo(static_cast<std::size_t>(p.K), cpp_rational(-1)),
            hi(static_cast<std::size_t>(p.K), cpp_rational(1));
        lo[f] = 1;
        if (!separation_subtree(p, lo, hi, trees[f])) return std::nullopt;
    }
    return trees;
}

std::size_t separation_tree_leaves(const SeparationNode& t) {
    if (t.split < 0) return 1;
    return separation_tree_leaves(t.children[0]) + separation_tree_leaves(t.children[1]);
}

} // namespace convcert::coqgen
