// The bisection tree of a channel-separation Coq export (see coq_separation_tree.h): per box a
// dual point lambda from a regularized least-norm solve at the box centre (in double), scaled
// to maximize the box bound and rounded to a dyadic; then leaf_ok's test in exact rationals.
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

// leaf_ok's three sums in double: nlo <= ||u||^2, iw = <lambda, w>, qhi >= ||T^T u||^2.
struct BoxTerms {
    double nlo = 0, iw = 0, qhi = 0;
};

BoxTerms separation_terms_double(const SeparationProblem& p, const std::vector<double>& lo,
                                 const std::vector<double>& hi, const std::vector<double>& lam) {
    BoxTerms t;
    for (long k = 0; k < p.K; ++k) {
        if (lo[k] >= 0)
            t.nlo += lo[k] * lo[k];
        else if (hi[k] <= 0)
            t.nlo += hi[k] * hi[k];
    }
    for (long i = 0; i < p.D; ++i) {
        double zl = 0, zh = 0;
        for (long k = 0; k < p.K; ++k) {
            const double a = lam[p.sh[i][k]];
            zl += std::min(a * lo[k], a * hi[k]);
            zh += std::max(a * lo[k], a * hi[k]);
        }
        t.qhi += std::max(zl * zl, zh * zh);
        t.iw += lam[i] * p.wd[i];
    }
    return t;
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

// The best rounded lambda among regularized least-norm solutions at the box centre (scaled by
// <lambda, w> / qhi, which maximizes beta along lambda's ray), with its double bound 4 nlo beta.
struct LamCandidate {
    std::vector<long long> lamZ;
    double bound = -1;
};

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
    const double scale = std::ldexp(1.0, p.bits);
    LamCandidate best;
    for (double f : {0.0, 1e-3, 1e-2, 1e-1, 1.0}) {
        std::vector<double> Mr = M, lam;
        for (std::size_t a = 0; a < D; ++a)
            Mr[a * D + a] += f * trace / static_cast<double>(D) * rr * 10;
        if (!separation_solve(Mr, p.wd, lam)) continue;
        const BoxTerms t = separation_terms_double(p, lo, hi, lam);
        if (!(t.iw > 0) || !(t.qhi > 0)) continue;
        const double s = t.iw / t.qhi;
        LamCandidate cand;
        std::vector<double> rounded(D);
        bool ok = true;
        for (std::size_t i = 0; i < D; ++i) {
            const double x = std::nearbyint(lam[i] * s * scale);
            if (!(std::fabs(x) < 0x1p50)) ok = false;
            cand.lamZ.push_back(static_cast<long long>(x));
            rounded[i] = x / scale;
        }
        if (!ok) continue;
        const BoxTerms r = separation_terms_double(p, lo, hi, rounded);
        const double beta = 2 * r.iw - r.qhi;
        cand.bound = beta >= 0 ? 4 * r.nlo * beta : -1;
        if (cand.bound > best.bound) best = std::move(cand);
    }
    return best;
}

// Separation.leaf_ok in exact rationals.
bool separation_leaf_exact(const SeparationProblem& p, const std::vector<cpp_rational>& lo,
                           const std::vector<cpp_rational>& hi,
                           const std::vector<long long>& lamZ) {
    const cpp_rational den = cpp_rational(boost::multiprecision::cpp_int(1) << p.bits);
    std::vector<cpp_rational> lam;
    for (long long z : lamZ)
        lam.push_back(cpp_rational(z) / den);
    cpp_rational nlo = 0, iw = 0, qhi = 0;
    for (long k = 0; k < p.K; ++k) {
        if (lo[k] >= 0)
            nlo += lo[k] * lo[k];
        else if (hi[k] <= 0)
            nlo += hi[k] * hi[k];
    }
    for (long i = 0; i < p.D; ++i) {
        cpp_rational zl = 0, zh = 0;
        for (long k = 0; k < p.K; ++k) {
            const cpp_rational& a = lam[p.sh[i][k]];
            const cpp_rational x = a * lo[k], y = a * hi[k];
            zl += x <= y ? x : y;
            zh += x <= y ? y : x;
        }
        const cpp_rational l2 = zl * zl, h2 = zh * zh;
        qhi += l2 <= h2 ? h2 : l2;
        iw += lam[i] * p.w[i];
    }
    const cpp_rational beta = 2 * iw - qhi;
    return beta >= 0 && p.L1sq <= 4 * nlo * beta;
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
