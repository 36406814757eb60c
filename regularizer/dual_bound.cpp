// The lower-bound pipeline (see dual_bound.h).
#include "regularizer/dual_bound.h"

#include "regularizer/numeric/closed_form.h"
#include "regularizer/numeric/polish.h"
#include "regularizer/sdp/sdp_reduced.h"
#include "support/flint_raii.h"

#include <flint/fmpq.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

/// True if a's lower bound is larger than b's (exact comparison).
bool better(const RegularizerLowerBoundStrings& a, const RegularizerLowerBoundStrings& b) {
    support::Fmpq x, y;
    fmpq_set_str(x.x, a.lower.c_str(), 10);
    fmpq_set_str(y.x, b.lower.c_str(), 10);
    return fmpq_cmp(x.x, y.x) > 0;
}

/// Newton steps allowed from ||w|| e_0 before SDPA takes over (interior optima: 5 to 8).
constexpr int kNewtonFirstIterations = 40;

} // namespace

RegularizerDualBound regularizer_dual_bound(const std::vector<std::string>& w, long K,
                                            RegularizerSolver solver) {
    const long D = static_cast<long>(w.size());
    if (D < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_dual_bound: need 1 <= K <= D");
    std::vector<double> wd(D);
    bool zero = true;
    {
        support::Fmpq q;
        for (long i = 0; i < D; ++i) {
            if (fmpq_set_str(q.x, w[i].c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.x)))
                throw std::invalid_argument("not a rational: '" + w[i] + "'");
            fmpq_canonicalise(q.x);
            wd[i] = fmpq_get_d(q.x);
            zero = zero && fmpq_is_zero(q.x);
        }
    }
    RegularizerDualBound out;
    auto certify = [&](const std::vector<double>& lambda) {
        auto b = regularizer_lower_bound(lambda, w, K);
        out.exact_seconds += b.seconds;
        return b;
    };
    if (zero) {
        out.source = "zero";
        out.bound = certify(std::vector<double>(D, 0.0));
        return out;
    }
    if (K == 1) {
        out.source = "closed-form K=1";
        out.estimate = regularizer_value_k1(wd);
        out.bound = certify(regularizer_lambda_k1(wd));
        return out;
    }
    if (K == D) {
        out.source = "closed-form K=D";
        out.estimate = regularizer_value_kd(wd);
        out.bound = certify(regularizer_lambda_kd(wd));
        return out;
    }
    const auto solve_start = std::chrono::steady_clock::now();
    auto solve_elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - solve_start)
            .count();
    };
    if (solver == RegularizerSolver::Auto) {
        double norm2 = 0;
        for (double x : wd)
            norm2 += x * x;
        std::vector<double> r0(K, 0.0);
        r0[0] = std::sqrt(norm2); // the K = 1 optimum: σ ≡ ||w||, strictly inside the cone
        try {
            const auto polished = regularizer_polish(wd, r0, kNewtonFirstIterations);
            if (polished.converged) {
                out.solve_seconds = solve_elapsed();
                out.source = "newton";
                out.r = polished.r;
                out.estimate = polished.value;
                out.bound = certify(polished.lambda);
                return out;
            }
        } catch (const std::invalid_argument&) {
            // fall through to SDPA
        }
    }
    const auto sdp = regularizer_sdp_solve(wd, K);
    out.sdp_status = sdp.status;
    out.sdp_gap = sdp.relative_gap;
    out.sdp_seconds = sdp.seconds;
    out.solve_seconds = solve_elapsed();
    out.source = "sdpa";
    out.r = sdp.r;
    out.estimate = sdp.value_r;
    try {
        out.bound = certify(sdp.lambda);
    } catch (const std::invalid_argument&) {
        throw std::runtime_error("SDPA returned no usable dual point (phase " + sdp.status + ")");
    }
    try {
        const auto polished = regularizer_polish(wd, sdp.r);
        out.solve_seconds = solve_elapsed();
        if (!polished.interior) return out;
        auto b = certify(polished.lambda);
        if (better(b, out.bound)) {
            out.bound = std::move(b);
            out.source = "sdpa+newton";
            out.r = polished.r;
            out.estimate = polished.value;
        }
    } catch (const std::invalid_argument&) {
        // σ(r*) not positive on the fine grid: keep SDPA's own λ.
    }
    return out;
}

} // namespace convcert::regularizer
