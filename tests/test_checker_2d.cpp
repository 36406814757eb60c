// Tests of the checker on 2-D claims ("shape": [D1, D2], "kernel_shape": [K1, K2]): hand-derived
// certificates of every kind with sizes, accepted; tampering with each (an entry of λ, u, v, w,
// α; the shape swapped, the kernel shape changed, a shape inconsistent with D, the same data
// written as a 1-D claim), rejected with the expected message; the validation of the two fields;
// T(λ) at K = D1×D2 against its exact spectrum max_d |λ̂(d)|², random λ just inside and outside
// the cone (R = 1, 2); the lags of R = 2 blocks; D1 = 1 claims give the verdicts of the 1-D
// ones; and the shipped examples/*-2d.json. The test side convolves with explicit (i1, i2)
// indices, not with certify/grid.h.
#include "certify/checker/checker.h"
#include "certify/checker/rational.h"
#include "tests/example_certificate.h"
#include "tests/jacobi_eigen.h"
#include "tests/rational_strings.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <random>

using namespace convcert;
using namespace convcert::checker;

namespace {

using convcert::test::S;

using Vec = std::vector<Rat>;

Rat ratio(long p, long q) {
    return Rat(Int(p), Int(q));
}

/// The test side's grid: signals D1×D2 and kernels K1×K2, flattened row-major.
struct Shape {
    long D1, D2, K1, K2;
    long D() const { return D1 * D2; }
    long K() const { return K1 * K2; }
};

std::size_t at(long i1, long i2, long n2) {
    return static_cast<std::size_t>(i1 * n2 + i2);
}

/// (u * v)[j1, j2] = sum_{k1, k2} u[k1, k2] v[(j1 - k1) mod D1, (j2 - k2) mod D2].
Vec convolve(const Shape& s, const Vec& u, const Vec& v) {
    Vec w(static_cast<std::size_t>(s.D()));
    for (long j1 = 0; j1 < s.D1; ++j1)
        for (long j2 = 0; j2 < s.D2; ++j2)
            for (long k1 = 0; k1 < s.K1; ++k1)
                for (long k2 = 0; k2 < s.K2; ++k2)
                    w[at(j1, j2, s.D2)] +=
                        u[at(k1, k2, s.K2)] *
                        v[at((j1 - k1 + s.D1) % s.D1, (j2 - k2 + s.D2) % s.D2, s.D2)];
    return w;
}

/// v[i1, i2] = w[(i1 + a1) mod D1, (i2 + a2) mod D2]: delta_(a1, a2) * v = w.
Vec shifted(const Shape& s, const Vec& w, long a1, long a2) {
    Vec v(w.size());
    for (long i1 = 0; i1 < s.D1; ++i1)
        for (long i2 = 0; i2 < s.D2; ++i2)
            v[at(i1, i2, s.D2)] = w[at((i1 + a1) % s.D1, (i2 + a2) % s.D2, s.D2)];
    return v;
}

Rat squares(const Vec& x) {
    Rat s = 0;
    for (const Rat& y : x)
        s += y * y;
    return s;
}

Rat dot(const Vec& a, const Vec& b) {
    Rat s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

Vec scaled(const Vec& x, const Rat& c) {
    Vec out = x;
    for (Rat& y : out)
        y *= c;
    return out;
}

/// The unit vector with a 1 at flat index i.
Vec delta(long n, long i) {
    Vec e(static_cast<std::size_t>(n));
    e[static_cast<std::size_t>(i)] = 1;
    return e;
}

void sizes_set(long& D, long& K, std::vector<long>& shape, std::vector<long>& kernel_shape,
               const Shape& s) {
    D = s.D();
    K = s.K();
    shape = {s.D1, s.D2};
    kernel_shape = {s.K1, s.K2};
}

/// A one-input-channel regularizer-bracket claim with a one-channel network (u, v).
Certificate regularizer_certificate(const Shape& s, const Vec& w, const Vec& lambda, const Vec& u,
                                    const Vec& v, const Rat& lower, const Rat& upper) {
    RegularizerBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, s);
    b.claim.R = 1;
    b.claim.w = {S(w)};
    b.claim.lower = S(lower);
    b.claim.upper = S(upper);
    b.evidence.lambda = {S(lambda)};
    b.evidence.u = {{S(u)}};
    b.evidence.v = {S(v)};
    return Certificate{b, "hand-derived (tests/test_checker_2d.cpp)"};
}

// ---- the hand-derived certificates ----
//
// On 3×4 with 2×2 kernels, λ = a (e_p + e_q) with q = p + (0, 1): the rows of T(λ) are the
// shifts of λ by the offsets (0,0), (0,1), (1,0), (1,1), and two of them overlap (one entry,
// a²) exactly when the offsets differ by ±(0, 1), so T Tᵀ = a² (2I + A) with A the adjacency of
// two disjoint edges: ||T||² = 3a². On Z_12 with K = 4 (the same data read as 1-D) the offsets
// 0..3 form a path and ||T||² = (2 + 2cos(π/5)) a² = 3.618 a². a = 11/10: 3a² = 3.63 <= 4 <
// 4.39, so λ is dual feasible in 2-D only.

const Shape k3x4{3, 4, 2, 2};
const long kP = 5, kQ = 6; // (1, 1) and (1, 2)

/// w on 3×4, positive at p and q.
Vec w_3x4() {
    return Vec{1, 0, -2, 0, 0, 3, 1, 0, 0, -1, 0, 2};
}

Vec pair_lambda(long n, const Rat& a) {
    Vec l(static_cast<std::size_t>(n));
    l[kP] = a;
    l[kQ] = a;
    return l;
}

/// regularizer-bracket: λ = (11/10)(e_p + e_q); the network is the delta kernel at (1, 1) with
/// v = w shifted back by (1, 1) (flat offset 5, while the same kernel entry read in 1-D has
/// offset 3). lower = <λ, w> = (11/10)(3 + 1), upper = 1 + ||w||².
Certificate regularizer_2d() {
    const Vec w = w_3x4(), lambda = pair_lambda(12, ratio(11, 10));
    return regularizer_certificate(k3x4, w, lambda, delta(4, 3), shifted(k3x4, w, 1, 1),
                                   dot(lambda, w), 1 + squares(w));
}

/// network-collapse on 3×4 with 2×2 kernels: two channels with the same kernel u and halves of
/// v (2||u||² + ||v||²/2 = 6 + 2) to the one channel (u, v) (||u||² + ||v||² = 3 + 4).
Certificate collapse_2d() {
    const Vec u{1, 1, 0, 1};
    const Vec v{1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    const Vec half = scaled(v, ratio(1, 2));
    CollapseBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, k3x4);
    b.claim.R = 1;
    b.claim.w = {S(convolve(k3x4, u, v))};
    b.claim.input.u = {{S(u)}, {S(u)}};
    b.claim.input.v = {S(half), S(half)};
    b.claim.output.u = {{S(u)}};
    b.claim.output.v = {S(v)};
    b.claim.cost_in = "8";
    b.claim.cost_out = "7";
    b.claim.slack = "0";
    return Certificate{b, "hand-derived (tests/test_checker_2d.cpp)"};
}

/// rank-bound on 2×3 at K = 1×1: W = [e_0 + e_4, e_1 - e_5] has the minor rows {0, 1} × columns
/// {0, 1} = I.
Certificate rank_2d() {
    RankBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, Shape{2, 3, 1, 1});
    b.claim.R = 2;
    b.claim.w = {{"1", "0", "0", "0", "1", "0"}, {"0", "1", "0", "0", "0", "-1"}};
    b.claim.rank = 2;
    b.evidence.rows = {0, 1};
    b.evidence.columns = {0, 1};
    return Certificate{b, "hand-derived (tests/test_checker_2d.cpp)"};
}

/// maxmargin-bracket on 3×4 with 2×2 kernels: samples x = e_p + e_q (y = 1) and -x (y = -1);
/// W = x/2 has margin 1 at both; α = (11/20, 11/20) gives λ = (11/10) x, dual feasible as in
/// regularizer_2d; the network is the delta kernel at (1, 1). lower = 11/10, upper = 1 + 1/2.
Certificate maxmargin_2d() {
    const Vec x = pair_lambda(12, 1), W = scaled(x, ratio(1, 2));
    MaxmarginBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, k3x4);
    b.claim.R = 1;
    b.claim.x = {S(x), S(scaled(x, -1))};
    b.claim.y = {"1", "-1"};
    b.claim.lower = "11/10";
    b.claim.upper = "3/2";
    b.evidence.alpha = {"11/20", "11/20"};
    b.evidence.w = {S(W)};
    b.evidence.u = {{S(delta(4, 3))}};
    b.evidence.v = {S(shifted(k3x4, W, 1, 1))};
    return Certificate{b, "hand-derived (tests/test_checker_2d.cpp)"};
}

template <class Body> Body& body(Certificate& c) {
    return std::get<Body>(c.body);
}

/// The verdict of `c` after `edit`.
Verdict tampered(Certificate c, const std::function<void(Certificate&)>& edit) {
    edit(c);
    return check_certificate(c);
}

void require_rejects(const Verdict& v, const std::string& what) {
    INFO(v.reason);
    CHECK_FALSE(v.valid);
    CHECK_FALSE(v.undecided);
    CHECK(v.reason.find(what) != std::string::npos);
}

/// The claim's shape fields, for edits common to every kind.
struct ShapeFields {
    std::vector<long>* shape = nullptr;
    std::vector<long>* kernel_shape = nullptr;
    long* D = nullptr;
    long* K = nullptr;
};

/// The fields of the kinds with sizes (the lemma kinds have none: null pointers).
struct FieldsOf {
    template <class Body> ShapeFields operator()(Body& b) const {
        return {&b.claim.shape, &b.claim.kernel_shape, &b.claim.D, &b.claim.K};
    }
    ShapeFields operator()(LemmaExactBody&) const { return {}; }
    ShapeFields operator()(LemmaEnclosureBody&) const { return {}; }
};

ShapeFields shape_fields(Certificate& c) {
    return std::visit(FieldsOf{}, c.body);
}

const char* kNotPsd = "is not positive semidefinite";

} // namespace

TEST_CASE("checker 2-D: the hand-derived certificates of every kind are valid", "[checker][2d]") {
    for (const Certificate& c : {regularizer_2d(), collapse_2d(), rank_2d(), maxmargin_2d()}) {
        const Verdict v = check_certificate(c);
        INFO(certificate_kind_name(c) << ": " << v.reason);
        CHECK(v.valid);
    }
}

TEST_CASE("checker 2-D: the same data written as a 1-D claim is rejected", "[checker][2d]") {
    auto one_d = [](Certificate& c) {
        shape_fields(c).shape->clear();
        shape_fields(c).kernel_shape->clear();
    };
    // On Z_12, ||T(λ)||² = 3.618 (11/10)² > 4, and the kernel entry 3 is the offset 3, not 5.
    require_rejects(tampered(regularizer_2d(), one_d), kNotPsd);
    require_rejects(tampered(maxmargin_2d(), one_d), kNotPsd);
    require_rejects(tampered(collapse_2d(), one_d), "the input network does not realize w");
    // rank-bound does not depend on the index maps: the 1-D claim holds as well.
    CHECK(tampered(rank_2d(), one_d).valid);
}

namespace {

/// One tampering: the certificate, the entry set to a new value, and the expected reason.
struct Tamper {
    std::function<Certificate()> build;
    std::function<void(Certificate&)> edit;
    std::string reason;
};

RegularizerBody& reg(Certificate& c) {
    return body<RegularizerBody>(c);
}
CollapseClaim& col(Certificate& c) {
    return body<CollapseBody>(c).claim;
}
MaxmarginEvidence& mm(Certificate& c) {
    return body<MaxmarginBody>(c).evidence;
}

const std::string kUnrealized = "the network does not realize w", kIn = "the input network ",
                  kOut = "the output network ", kNot = "does not realize w";

const std::vector<Tamper> kTampers = {
    // One entry of λ from 11/10 to 13/10: ||T||² = a² + b² + ab = 4.33 > 4.
    {regularizer_2d, [](Certificate& c) { reg(c).evidence.lambda[0][kQ] = "13/10"; }, kNotPsd},
    {regularizer_2d, [](Certificate& c) { reg(c).evidence.u[0][0][3] = "2"; }, kUnrealized},
    {regularizer_2d, [](Certificate& c) { reg(c).evidence.v[0][0] = "7"; },
     kUnrealized + ": sum_c u_c * v_c at [5] is 7 but w[5] is 3"},
    {regularizer_2d, [](Certificate& c) { reg(c).claim.w[0][0] = "2"; },
     kUnrealized + ": sum_c u_c * v_c at [0] is 1 but w[0] is 2"},
    {collapse_2d, [](Certificate& c) { col(c).w[0][11] = "9"; }, kIn + kNot},
    {collapse_2d, [](Certificate& c) { col(c).input.u[1][0][2] = "1"; }, kIn + kNot},
    {collapse_2d, [](Certificate& c) { col(c).output.v[0][1] = "1"; }, kOut + kNot},
    {rank_2d, [](Certificate& c) { body<RankBody>(c).claim.w[1][1] = "0"; }, "is singular"},
    {maxmargin_2d, [](Certificate& c) { mm(c).alpha[1] = "3/4"; },
     std::string("regularizer part: 4I - T(lambda)T(lambda)^T ") + kNotPsd},
    {maxmargin_2d, [](Certificate& c) { mm(c).w[0][kP] = "1/4"; },
     "w has margin y_i <w, x_i> = 3/4 < 1 at sample 0"},
    {maxmargin_2d, [](Certificate& c) { mm(c).w[0][0] = "1"; }, "regularizer part: " + kUnrealized},
    {maxmargin_2d, [](Certificate& c) { mm(c).u[0][0][0] = "1"; },
     "regularizer part: " + kUnrealized},
    {maxmargin_2d, [](Certificate& c) { mm(c).v[0][0] = "1"; },
     "regularizer part: " + kUnrealized}};

} // namespace

TEST_CASE("checker 2-D: tampering with an entry is rejected", "[checker][2d]") {
    for (std::size_t i = 0; i < kTampers.size(); ++i) {
        INFO("tampering " << i);
        require_rejects(tampered(kTampers[i].build(), kTampers[i].edit), kTampers[i].reason);
    }
    // Just inside the cone: b = 6/5 gives 3.97 <= 4, and lower <= <λ, w> still holds.
    CHECK(tampered(regularizer_2d(), [](Certificate& c) {
              reg(c).evidence.lambda[0][kQ] = "6/5";
          }).valid);
}

TEST_CASE("checker 2-D: a swapped or changed shape is rejected", "[checker][2d]") {
    auto swap_shape = [](Certificate& c) {
        std::vector<long>& s = *shape_fields(c).shape;
        std::swap(s[0], s[1]);
    };
    // On 4×3 the kernel entry (1, 1) is the flat offset 4, not 5.
    require_rejects(tampered(regularizer_2d(), swap_shape), "the network does not realize w");
    require_rejects(tampered(collapse_2d(), swap_shape), "the input network does not realize w");
    require_rejects(tampered(maxmargin_2d(), swap_shape),
                    "regularizer part: the network does not realize w");
    // A kernel shape 1×4 of the same size: the entry 3 is the offset (0, 3).
    // (There the offsets (0, 0..3) form a cycle on Z_4: ||T(λ)||² = 4 (11/10)² > 4.)
    auto kernel_1x4 = [](Certificate& c) { *shape_fields(c).kernel_shape = {1, 4}; };
    require_rejects(tampered(regularizer_2d(), kernel_1x4), kNotPsd);
    require_rejects(tampered(collapse_2d(), kernel_1x4), "the input network does not realize w");
    require_rejects(tampered(maxmargin_2d(), kernel_1x4), kNotPsd);
    for (const Certificate& c : {regularizer_2d(), collapse_2d(), rank_2d(), maxmargin_2d()}) {
        INFO(certificate_kind_name(c));
        require_rejects(tampered(c,
                                 [](Certificate& t) {
                                     *shape_fields(t).shape = {3, 3};
                                 }),
                        "but shape = [3, 3] has 9 entries");
        require_rejects(
            tampered(c, [](Certificate& t) { (*shape_fields(t).kernel_shape)[1] += 1; }),
            "but kernel_shape = [");
        require_rejects(tampered(c, [](Certificate& t) { shape_fields(t).kernel_shape->clear(); }),
                        "claim: shape without kernel_shape");
    }
}

TEST_CASE("checker 2-D: the validation of shape and kernel_shape", "[checker][2d]") {
    auto with = [](const std::vector<long>& shape, const std::vector<long>& kernel_shape, long D,
                   long K) {
        return tampered(regularizer_2d(), [&](Certificate& c) {
            ShapeFields f = shape_fields(c);
            *f.shape = shape;
            *f.kernel_shape = kernel_shape;
            *f.D = D;
            *f.K = K;
        });
    };
    require_rejects(with({}, {2, 2}, 12, 4), "claim: kernel_shape without shape");
    require_rejects(with({3, 4}, {}, 12, 4), "claim: shape without kernel_shape");
    require_rejects(with({12}, {4}, 12, 4), "claim: shape has 1 entries, expected 2");
    require_rejects(with({3, 4}, {2, 2, 1}, 12, 4),
                    "claim: kernel_shape has 3 entries, expected 2");
    require_rejects(with({3, 4, 1}, {2, 2}, 12, 4), "claim: shape has 3 entries, expected 2");
    require_rejects(with({0, 4}, {2, 2}, 12, 4), "claim: shape[0] = 0 is outside [1, D]");
    require_rejects(with({3, -4}, {2, 2}, 12, 4), "claim: shape[1] = -4 is outside [1, D]");
    require_rejects(with({3, 4}, {4, 1}, 12, 4), "claim: kernel_shape[0] = 4 is outside [1, D1]");
    require_rejects(with({3, 4}, {1, 5}, 12, 5), "claim: kernel_shape[1] = 5 is outside [1, D2]");
    require_rejects(with({3, 4}, {0, 2}, 12, 4), "claim: kernel_shape[0] = 0 is outside [1, D1]");
    require_rejects(with({3, 5}, {2, 2}, 12, 4), "claim: D = 12 but shape = [3, 5] has 15 entries");
    require_rejects(with({3, 4}, {2, 3}, 12, 4), "claim: K = 4 but kernel_shape = [2, 3] has 6");
    // Entries far beyond the limits are rejected before any product (no overflow).
    require_rejects(with({1L << 40, 1L << 40}, {2, 2}, 12, 4), "claim: shape[0] = ");
    // The limits apply to the products D = D1·D2 and R·K = R·K1·K2.
    const Verdict big = with({64, 65}, {2, 2}, 64 * 65, 4);
    CHECK(big.undecided);
    CHECK(big.reason == "claim: D = 4160 is outside [1, 4096]");
    const Verdict block = tampered(regularizer_2d(), [](Certificate& c) {
        ShapeFields f = shape_fields(c);
        *f.shape = {64, 64};
        *f.kernel_shape = {64, 33};
        *f.D = 4096;
        *f.K = 64 * 33;
        body<RegularizerBody>(c).claim.R = 2;
    });
    CHECK(block.undecided);
    CHECK(block.reason == "claim: R*K = 4224 exceeds the limit 4096");
    // rank-bound: a 2-D claim is stated for kernel_shape [1, 1] only.
    const Verdict rank = tampered(rank_2d(), [](Certificate& c) {
        *shape_fields(c).kernel_shape = {1, 2};
        *shape_fields(c).K = 2;
    });
    require_rejects(rank, "rank-bound is stated for K = 1 only");
}

namespace {

/// exp(-2πi t/12) = cos + i sin for t in 0..11 where both are rational or both √3 times
/// rational (t even) or rational (t a multiple of 3): {cos, sin, sin is √3 times it}.
struct Twelfth {
    Rat cos, sin;
};
Twelfth twelfth(long t) {
    // cos(2πt/12) for t = 0, 2, 4, ... is 1, 1/2, -1/2, -1, -1/2, 1/2; sin = √3/2 · (0, 1, 1,
    // 0, -1, -1); for t = 0, 3, 6, 9: cos 1, 0, -1, 0 and sin 0, 1, 0, -1.
    static const long cos6[] = {2, 1, -1, -2, -1, 1}, sin6[] = {0, 1, 1, 0, -1, -1};
    static const long cos4[] = {1, 0, -1, 0}, sin4[] = {0, 1, 0, -1};
    if (t % 2 == 0) return {ratio(cos6[t / 2], 2), ratio(-sin6[t / 2], 2)};
    REQUIRE(t % 3 == 0);
    return {Rat(cos4[t / 3]), Rat(-sin4[t / 3])};
}

/// max_d |λ̂(d)|² on a D1×D2 grid with lcm(D1, D2) dividing 4 or 6, exactly: the spectrum of
/// T(λ) T(λ)ᵀ when the kernel is the whole grid (T is the group's circulant).
Rat spectrum_max(const Shape& s, const Vec& lambda) {
    const bool root3 = s.D1 % 3 == 0 || s.D2 % 3 == 0;
    Rat best = 0;
    for (long d1 = 0; d1 < s.D1; ++d1)
        for (long d2 = 0; d2 < s.D2; ++d2) {
            Rat re = 0, im = 0;
            for (long j1 = 0; j1 < s.D1; ++j1)
                for (long j2 = 0; j2 < s.D2; ++j2) {
                    const Rat turn = ratio(j1 * d1, s.D1) + ratio(j2 * d2, s.D2);
                    const Rat t12 = turn * 12;
                    REQUIRE(denominator(t12) == 1);
                    const long t = static_cast<long>(numerator(t12)) % 12;
                    const Twelfth e = twelfth(t);
                    re += lambda[at(j1, j2, s.D2)] * e.cos;
                    im += lambda[at(j1, j2, s.D2)] * e.sin;
                }
            best = std::max(best, Rat(re * re + (root3 ? 3 : 1) * im * im));
        }
    return best;
}

/// A rational m with m² >= x (above) or m² <= x (below), within x·1e-6 of √x.
Rat root_bound(const Rat& x, bool above) {
    const double r = std::sqrt(static_cast<double>(x));
    Rat m(Int(static_cast<long>(std::floor(r * 1e6))), Int(1000000));
    while (m * m > x)
        m -= ratio(1, 1000000);
    while (m * m <= x && above)
        m += ratio(1, 1000000);
    return m;
}

} // namespace

TEST_CASE("checker 2-D: T(lambda) at K = D1xD2 has the group's spectrum", "[checker][2d]") {
    // ||T(sλ)||² = s² max_d |λ̂(d)|² exactly; s = 2/m just inside and just outside the cone.
    std::mt19937 gen(2026);
    std::uniform_int_distribution<long> entry(-9, 9);
    for (const Shape& s : {Shape{2, 4, 2, 4}, Shape{4, 2, 4, 2}, Shape{3, 3, 3, 3},
                           Shape{2, 3, 2, 3}, Shape{4, 4, 4, 4}, Shape{3, 6, 3, 6}}) {
        Vec lambda(static_cast<std::size_t>(s.D()));
        for (Rat& x : lambda)
            x = entry(gen);
        const Rat mu = spectrum_max(s, lambda);
        INFO(s.D1 << "x" << s.D2 << ", max |lambda^|^2 = " << mu.str());
        REQUIRE(mu > 0);
        const Vec w = delta(s.D(), 0);
        auto verdict = [&](const Rat& m) {
            const Vec l = scaled(lambda, 2 / m);
            return check_certificate(
                regularizer_certificate(s, w, l, delta(s.K(), 0), w, dot(l, w), 2));
        };
        const Verdict inside = verdict(root_bound(mu, true));
        INFO(inside.reason);
        CHECK(inside.valid);
        require_rejects(verdict(root_bound(mu, false) - ratio(1, 1000000)), kNotPsd);
    }
}

namespace {

/// A bracket for w = (e_0, 0, ..., 0) (R rows) with the dual point λ (R rows) and the network
/// u = (delta_0, 0, ...), v = e_0 (cost 2): valid iff 4I - T(λ)T(λ)ᵀ ⪰ 0 (|λ_0[0]| <= ||T||).
Certificate delta_bracket(const Shape& s, const std::vector<Vec>& lambda) {
    RegularizerBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, s);
    b.claim.R = static_cast<long>(lambda.size());
    b.claim.w.assign(lambda.size(), S(Vec(static_cast<std::size_t>(s.D()))));
    b.claim.w[0] = S(delta(s.D(), 0));
    b.claim.lower = S(lambda[0][0]);
    b.claim.upper = "2";
    for (const Vec& row : lambda)
        b.evidence.lambda.push_back(S(row));
    b.evidence.u.assign(1, std::vector<std::vector<std::string>>(
                               lambda.size(), S(Vec(static_cast<std::size_t>(s.K())))));
    b.evidence.u[0][0] = S(delta(s.K(), 0));
    b.evidence.v = {S(delta(s.D(), 0))};
    return Certificate{b, ""};
}

/// ||T(λ)||², the largest eigenvalue of T Tᵀ in double, with the test side's own T:
/// T[(r, k)][i] = λ_r[(i1 + k1) mod D1, (i2 + k2) mod D2].
double top_eigenvalue(const Shape& s, const std::vector<Vec>& lambda) {
    const auto K = static_cast<std::size_t>(s.K());
    const std::size_t n = lambda.size() * K;
    auto entry = [&](std::size_t row, long i1, long i2) {
        const auto k = static_cast<long>(row % K);
        const Rat& x = lambda[row / K][at((i1 + k / s.K2) % s.D1, (i2 + k % s.K2) % s.D2, s.D2)];
        return static_cast<double>(x);
    };
    std::vector<std::vector<double>> a(n, std::vector<double>(n));
    for (std::size_t p = 0; p < n; ++p)
        for (std::size_t q = 0; q < n; ++q)
            for (long i1 = 0; i1 < s.D1; ++i1)
                for (long i2 = 0; i2 < s.D2; ++i2)
                    a[p][q] += entry(p, i1, i2) * entry(q, i1, i2);
    return test::symmetric_top_eigenvalue(a);
}

/// x rounded to a multiple of 2^-40, down or up.
Rat rational_round(double x, bool up) {
    const double scaled_x = std::ldexp(x, 40);
    return Rat(Int(static_cast<long long>(up ? std::ceil(scaled_x) : std::floor(scaled_x))),
               Int(1) << 40);
}

std::vector<Vec> rows_scaled(const std::vector<Vec>& rows, const Rat& c) {
    std::vector<Vec> out;
    for (const Vec& row : rows)
        out.push_back(scaled(row, c));
    return out;
}

} // namespace

TEST_CASE("checker 2-D: R = 2 input channels, the lags of the off-diagonal blocks",
          "[checker][2d]") {
    // λ_0 = a e_p, λ_1 = a e_q: the diagonal blocks of T Tᵀ are a² I, the off-diagonal block is
    // a² E with E[k][k'] = 1 when offset(k') - offset(k) = q - p, a partial permutation, so
    // ||T||² = 2a² when some pair of offsets differs by q - p. q - p = (0, -1) and (-1, 1) are
    // lags that only the off-diagonal blocks use (k' < k); (1, 1) is one that the diagonal
    // blocks use too. a = 7/5 is inside the cone (3.92), a = 3/2 outside (4.5); without the
    // coupling ||T||² would be a² and a = 3/2 inside.
    for (const long q : {4L, 2L, 10L}) // (1, 0), (0, 2), (2, 2), from p = (1, 1)
        for (const auto& [a, valid] : {std::pair{ratio(7, 5), true}, {ratio(3, 2), false}}) {
            const Verdict v = check_certificate(
                delta_bracket(k3x4, {scaled(delta(12, kP), a), scaled(delta(12, q), a)}));
            INFO("q = " << q << ", a = " << a.str() << ": " << v.reason);
            if (valid)
                CHECK(v.valid);
            else
                require_rejects(v, kNotPsd);
        }
}

TEST_CASE("checker 2-D: random dual points just inside and just outside the cone",
          "[checker][2d]") {
    // sλ with s = 2/||T(λ)|| (1 ∓ 1e-6), ||T(λ)|| computed on the test side in double.
    std::mt19937 gen(13);
    std::uniform_int_distribution<long> entry(-9, 9);
    for (const Shape& s : {Shape{3, 4, 2, 2}, Shape{4, 5, 3, 2}, Shape{5, 3, 2, 3},
                           Shape{2, 6, 2, 4}, Shape{6, 2, 1, 2}})
        for (const std::size_t R : {1, 2}) {
            std::vector<Vec> lambda(R, Vec(static_cast<std::size_t>(s.D())));
            for (Vec& row : lambda)
                for (Rat& x : row)
                    x = entry(gen);
            const double boundary = 2 / std::sqrt(top_eigenvalue(s, lambda));
            INFO(s.D1 << "x" << s.D2 << " kernel " << s.K1 << "x" << s.K2 << ", R = " << R);
            const Verdict inside = check_certificate(delta_bracket(
                s, rows_scaled(lambda, rational_round(boundary * (1 - 1e-6), false))));
            INFO(inside.reason);
            CHECK(inside.valid);
            require_rejects(
                check_certificate(delta_bracket(
                    s, rows_scaled(lambda, rational_round(boundary * (1 + 1e-6), true)))),
                kNotPsd);
        }
}

TEST_CASE("checker 2-D: a collapse with R = 2 input channels", "[checker][2d]") {
    // Rows u = (1, 1, 0, 1), u' = (0, 2, 1, 0) (2×2 kernels on 3×4), two channels with halves of
    // v (cost 2·8 + 4/2) to one (8 + 4); w[r] = u[r] * v on the grid.
    const Vec u0{1, 1, 0, 1}, u1{0, 2, 1, 0};
    const Vec v{1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    const Vec half = scaled(v, ratio(1, 2));
    CollapseBody b;
    sizes_set(b.claim.D, b.claim.K, b.claim.shape, b.claim.kernel_shape, k3x4);
    b.claim.R = 2;
    b.claim.w = {S(convolve(k3x4, u0, v)), S(convolve(k3x4, u1, v))};
    b.claim.input.u = {{S(u0), S(u1)}, {S(u0), S(u1)}};
    b.claim.input.v = {S(half), S(half)};
    b.claim.output.u = {{S(u0), S(u1)}};
    b.claim.output.v = {S(v)};
    b.claim.cost_in = "18";
    b.claim.cost_out = "12";
    b.claim.slack = "0";
    const Certificate c{b, ""};
    CHECK(check_certificate(c).valid);
    require_rejects(tampered(c, [](Certificate& t) { col(t).w[1][3] = "5"; }),
                    "the input network does not realize w: sum_c u_c * v_c at [1][3] is");
    require_rejects(tampered(c, [](Certificate& t) { col(t).output.u[0][1][2] = "0"; }),
                    "the output network does not realize w: sum_c u_c * v_c at [1]");
    require_rejects(tampered(c,
                             [](Certificate& t) {
                                 col(t).shape = {4, 3};
                             }),
                    "the input network does not realize w");
}

namespace {

/// `c` with "shape": [1, D] and "kernel_shape": [1, K] added.
Certificate as_d1_1(Certificate c) {
    ShapeFields f = shape_fields(c);
    *f.shape = {1, *f.D};
    *f.kernel_shape = {1, *f.K};
    return c;
}

} // namespace

TEST_CASE("checker 2-D: D1 = 1 gives the verdicts of the 1-D claim", "[checker][2d]") {
    // The shipped 1-D examples and tampered versions of them (an entry of every part).
    std::vector<std::pair<std::string, std::function<void(Certificate&)>>> edits = {
        {"none", [](Certificate&) {}},
        {"lambda[0][1]",
         [](Certificate& c) {
             if (auto* b = std::get_if<RegularizerBody>(&c.body)) b->evidence.lambda[0][1] = "3/2";
         }},
        {"u[0][0][1]",
         [](Certificate& c) {
             if (auto* b = std::get_if<RegularizerBody>(&c.body)) b->evidence.u[0][0][1] = "1/3";
             if (auto* b = std::get_if<MaxmarginBody>(&c.body)) b->evidence.u[0][0][1] = "1/3";
             if (auto* b = std::get_if<CollapseBody>(&c.body)) b->claim.output.u[0][0][1] = "1/3";
         }},
        {"alpha[0]",
         [](Certificate& c) {
             if (auto* b = std::get_if<MaxmarginBody>(&c.body)) b->evidence.alpha[0] = "100";
         }},
        {"w[0][2]", [](Certificate& c) {
             if (auto* b = std::get_if<RegularizerBody>(&c.body)) b->claim.w[0][2] = "5";
             if (auto* b = std::get_if<CollapseBody>(&c.body)) b->claim.w[0][2] = "5";
             if (auto* b = std::get_if<RankBody>(&c.body)) b->claim.w[0][2] = "5";
             if (auto* b = std::get_if<MaxmarginBody>(&c.body)) b->evidence.w[0][2] = "5";
         }}};
    int rejected = 0;
    for (const char* path : {"examples/regularizer-bracket.json", "examples/network-collapse.json",
                             "examples/network-collapse-r2.json", "examples/rank-bound.json",
                             "examples/maxmargin-bracket.json"})
        for (const auto& [name, edit] : edits) {
            Certificate c = tests::example_certificate(path);
            edit(c);
            const Verdict one = check_certificate(c), two = check_certificate(as_d1_1(c));
            INFO(path << ", tampered " << name << ": " << one.reason);
            CHECK(two.valid == one.valid);
            CHECK(two.undecided == one.undecided);
            CHECK(two.reason == one.reason);
            rejected += one.valid ? 0 : 1;
            if (name == "none") CHECK(one.valid);
        }
    CHECK(rejected >= 8); // the edits do reach the checks
}

namespace {

const std::vector<std::pair<const char*, std::function<Certificate()>>> kExamples = {
    {"examples/regularizer-bracket-2d.json", regularizer_2d},
    {"examples/network-collapse-2d.json", collapse_2d},
    {"examples/rank-bound-2d.json", rank_2d},
    {"examples/maxmargin-bracket-2d.json", maxmargin_2d}};

} // namespace

// The shipped 2-D examples are hand-derived: the builders above use rationals only, so every
// machine builds the same bytes (no floating point on the path, hence this pin is kept).
TEST_CASE("checker 2-D: the shipped 2-D examples are the certificates built here",
          "[checker][2d]") {
    for (const auto& [path, build] : kExamples) {
        const Certificate c = tests::example_certificate(path);
        INFO(path);
        CHECK(certificate_to_json(c) == certificate_to_json(build()));
        CHECK(check_certificate(c).valid);
    }
}

// Hidden (run with `test_checker "[.write-2d-examples]"` from the source directory): rewrites
// the four examples from the builders above.
TEST_CASE("checker 2-D: write the 2-D examples", "[.write-2d-examples]") {
    for (const auto& [path, build] : kExamples) {
        std::ofstream out(std::string(CONVCERT_SOURCE_DIR) + "/" + path);
        out << certificate_to_json(build());
        REQUIRE(out);
    }
}
