// The one-channel branch and bound (one_channel_bound.h): target from the numerical search,
// exact depth-first bisection per face, restart with a lower target if a box centre beats it.
#include "separation/one_channel_bound.h"

#include "regularizer/one_channel_search.h"
#include "separation/one_channel_box_bound.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <cmath>
#include <stdexcept>

namespace convcert::separation {

using support::Fmpq;

namespace {

// Leaf bounds are written rounded down to multiples of 2^-kBoundBits (never below the target).
constexpr long kBoundBits = 40;
// A box is never narrower than 2^-kMaxHalvings in a free coordinate.
constexpr long kMaxHalvings = 60;
// The tree restarts at most this often with a better kernel found at a box centre.
constexpr int kMaxRetargets = 20;

// The best kernel as rationals: u rounded to multiples of 2^-40, on its face.
std::vector<Fmpq> point_rational(const std::vector<double>& u) {
    std::vector<Fmpq> q(u.size());
    for (std::size_t k = 0; k < u.size(); ++k)
        support::fmpq_set_double(q[k].x, std::ldexp(std::nearbyint(std::ldexp(u[k], 40)), -40));
    return q;
}

// The free coordinate of the widest extent (the lowest index on ties); -1 when none is free.
long box_widest(const OneChannelBox& b) {
    long best = -1;
    Fmpq w, wb;
    for (std::size_t k = 0; k < b.lo.size(); ++k) {
        if (static_cast<long>(k) == b.face) continue;
        fmpq_sub(w.x, b.hi[k].x, b.lo[k].x);
        if (best < 0 || fmpq_cmp(w.x, wb.x) > 0) {
            best = static_cast<long>(k);
            fmpq_set(wb.x, w.x);
        }
    }
    return best;
}

OneChannelLeaf leaf_make(const OneChannelBox& b, const fmpq_t bound, const fmpq_t target) {
    OneChannelLeaf leaf;
    leaf.face = b.face;
    for (std::size_t k = 0; k < b.lo.size(); ++k) {
        leaf.lo.push_back(support::fmpq_get_string(b.lo[k].x));
        leaf.hi.push_back(support::fmpq_get_string(b.hi[k].x));
    }
    Fmpq r;
    fmpq_mul_2exp(r.x, bound, kBoundBits);
    fmpz_fdiv_q(fmpq_numref(r.x), fmpq_numref(r.x), fmpq_denref(r.x));
    fmpz_one(fmpq_denref(r.x));
    fmpq_div_2exp(r.x, r.x, kBoundBits);
    if (fmpq_cmp(r.x, target) < 0) fmpq_set(r.x, target);
    leaf.bound = support::fmpq_get_string(r.x);
    return leaf;
}

// What one tree pass ended with: done, or a box centre with φ below the target (a better kernel).
struct TreePass {
    bool done = false;
    std::vector<double> better;
};

// The depth-first bisection of the faces against target t, leaves appended to `out`.
// search_terms: the double copies of terms (a box centre below the target restarts the tree).
TreePass tree_run(const std::vector<OneChannelTerm>& terms,
                  const std::vector<regularizer::OneChannelTermDouble>& search_terms, long K,
                  const fmpq_t t, double t_double, const OneChannelBoundOptions& opt,
                  OneChannelBound& out) {
    Fmpq bound, mid, w, wmin;
    fmpq_one(wmin.x);
    fmpq_div_2exp(wmin.x, wmin.x, kMaxHalvings - 1);
    // Faces 0 .. ceil(K/2) - 1 only: reversing the kernel (k -> K-1-k) keeps every |û(d)|², so
    // it maps face i onto face K-1-i with the same values of φ (docs/separation.md).
    for (long face = 0; face < (K + 1) / 2; ++face) {
        OneChannelBox root;
        root.face = face;
        root.lo.resize(static_cast<std::size_t>(K));
        root.hi.resize(static_cast<std::size_t>(K));
        for (long k = 0; k < K; ++k) {
            fmpq_set_si(root.lo[static_cast<std::size_t>(k)].x, k == face ? 1 : -1, 1);
            fmpq_one(root.hi[static_cast<std::size_t>(k)].x);
        }
        std::vector<OneChannelBox> stack{root};
        while (!stack.empty()) {
            OneChannelBox b = std::move(stack.back());
            stack.pop_back();
            ++out.nodes;
            if (!one_channel_box_bound(bound.x, terms, b))
                throw std::runtime_error("one-channel bound: a box has a vanishing |û(d)|² bound");
            if (fmpq_cmp(bound.x, t) >= 0) {
                out.leaves.push_back(leaf_make(b, bound.x, t));
                if (static_cast<long>(out.leaves.size()) > opt.max_leaves)
                    throw std::runtime_error("one-channel bound: more than " +
                                             std::to_string(opt.max_leaves) + " leaves");
                continue;
            }
            std::vector<double> m(static_cast<std::size_t>(K));
            for (std::size_t k = 0; k < m.size(); ++k)
                m[k] = 0.5 * (fmpq_get_d(b.lo[k].x) + fmpq_get_d(b.hi[k].x));
            if (regularizer::regularizer_one_channel_phi(search_terms, m) < t_double * (1 - 1e-9))
                return TreePass{false, m};
            const long j = box_widest(b);
            if (j >= 0)
                fmpq_sub(w.x, b.hi[static_cast<std::size_t>(j)].x,
                         b.lo[static_cast<std::size_t>(j)].x);
            if (j < 0 || fmpq_cmp(w.x, wmin.x) < 0)
                throw std::runtime_error("one-channel bound: a box cannot be split further (the "
                                         "target is within rounding of the minimum)");
            const auto ju = static_cast<std::size_t>(j);
            fmpq_add(mid.x, b.lo[ju].x, b.hi[ju].x);
            fmpq_div_2exp(mid.x, mid.x, 1);
            OneChannelBox upper = b;
            fmpq_set(upper.lo[ju].x, mid.x);
            fmpq_set(b.hi[ju].x, mid.x);
            stack.push_back(std::move(upper));
            stack.push_back(std::move(b)); // the lower half first
        }
    }
    return TreePass{true, {}};
}

// L1 = floor(10^6 · cost · (1 - margin)) / 10^6 and t = L1² / 4.
void target_from_cost(fmpq_t L1, fmpq_t t, double cost, double margin) {
    const double scaled = std::floor(cost * (1 - margin) * 1e6);
    fmpq_set_si(L1, static_cast<slong>(scaled), 1000000);
    fmpq_mul(t, L1, L1);
    fmpq_div_2exp(t, t, 2);
}

} // namespace

OneChannelBound one_channel_bound(const Grid& g, const std::vector<Fmpq>& w,
                                  const OneChannelBoundOptions& opt) {
    const std::vector<OneChannelTerm> terms = one_channel_terms(g, w);
    if (terms.empty()) throw std::invalid_argument("one-channel bound: w = 0");
    const long K = grid_kernel_size(g);
    OneChannelBound out;
    out.grid = g;
    out.terms = static_cast<long>(terms.size());
    support::Stopwatch clock;
    const std::vector<regularizer::OneChannelTermDouble> search_terms =
        one_channel_terms_double(terms);
    regularizer::OneChannelPoint best =
        regularizer::regularizer_one_channel_search(search_terms, K, opt.starts, opt.seed);
    out.search_seconds = clock.seconds();
    clock.restart();
    Fmpq L1, t, phi;
    for (;;) {
        const std::vector<Fmpq> u = point_rational(best.u);
        if (!one_channel_phi_exact(phi.x, terms, u))
            throw std::runtime_error("one-channel bound: the search ended at a singular kernel");
        out.best_u.clear();
        for (const Fmpq& x : u)
            out.best_u.push_back(support::fmpq_get_string(x.x));
        out.best_phi = support::fmpq_get_string(phi.x);
        out.best_cost = 2 * std::sqrt(fmpq_get_d(phi.x));
        target_from_cost(L1.x, t.x, out.best_cost, opt.margin);
        out.leaves.clear();
        TreePass pass = tree_run(terms, search_terms, K, t.x, fmpq_get_d(t.x), opt, out);
        if (pass.done) break;
        if (++out.retargets > kMaxRetargets)
            throw std::runtime_error("one-channel bound: the tree kept finding better kernels");
        best = regularizer::regularizer_one_channel_descend(search_terms, pass.better);
    }
    out.tree_seconds = clock.seconds();
    out.lower = support::fmpq_get_string(L1.x);
    out.lower_double = fmpq_get_d(L1.x);
    return out;
}

} // namespace convcert::separation
