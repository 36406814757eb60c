// The regularizer-bracket generator for R input channels (see bracket_multi.h).
#include "regularizer/bracket_multi.h"

#include "lemma/autocorrelation.h"
#include "lemma/flint_raii.h"
#include "regularizer/closed_form_multi.h"
#include "regularizer/dual_barrier_multi.h"
#include "regularizer/gram_factor.h"
#include "regularizer/lower_bound_multi.h"
#include "regularizer/network_multi.h"
#include "regularizer/polish_multi.h"
#include "regularizer/rows_exact.h"
#include "regularizer/sdp_multi.h"

#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace convcert::regularizer {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// (upper - lower)/upper exactly, rounded (0 when upper = 0).
double gap_of(const std::string& lower, const std::string& upper) {
    lemma::Fmpq l, u;
    fmpq_set_str(l.x, lower.c_str(), 10);
    fmpq_set_str(u.x, upper.c_str(), 10);
    if (fmpq_is_zero(u.x)) return 0;
    fmpq_sub(l.x, u.x, l.x);
    fmpq_div(l.x, l.x, u.x);
    return fmpq_get_d(l.x);
}

/// R extra channels δ·e_(r,0): they add δ² I_R to every Σ_d.
Kernels with_lift(Kernels kernels, long R, long K, double delta) {
    for (long r = 0; r < R; ++r) {
        Rows u(R, std::vector<double>(K, 0.0));
        u[r][0] = delta;
        kernels.push_back(u);
    }
    return kernels;
}

/// Largest C0·R·K refined by polish_multi.h (its finite-difference Hessian is n×n).
constexpr long kPolishMaxSize = 1024;

struct Attempt {
    Kernels kernels;
    int bits;
    std::string network;
};

} // namespace

RegularizerBracketMulti regularizer_bracket_multi(const std::vector<std::vector<std::string>>& W,
                                                  long K) {
    const auto start = std::chrono::steady_clock::now();
    const long R = static_cast<long>(W.size());
    const long D = regularizer_rows_shape(W, "regularizer_bracket_multi: W");
    if (R > 64) throw std::invalid_argument("regularizer_bracket_multi: R > 64");
    if (K < 1 || K > D) throw std::invalid_argument("regularizer_bracket_multi: need 1 <= K <= D");
    lemma::FmpqVec wq(R * D);
    regularizer_rows_parse(wq.v, W);
    Rows wd(R, std::vector<double>(D));
    bool zero = true;
    for (long r = 0; r < R; ++r)
        for (long j = 0; j < D; ++j) {
            wd[r][j] = fmpq_get_d(wq.v + r * D + j);
            zero = zero && fmpq_is_zero(wq.v + r * D + j);
        }
    RegularizerBracketMulti out;
    out.R = R;
    out.D = D;
    out.K = K;
    if (zero) {
        out.source = "zero";
        out.network = "zero";
        out.lambda.assign(R, std::vector<std::string>(D, "0"));
        out.u.assign(1, std::vector<std::vector<std::string>>(R, std::vector<std::string>(K, "0")));
        out.v.assign(1, std::vector<std::string>(D, "0"));
        out.lower = out.upper = "0";
        out.C0 = 1;
        out.total_seconds = seconds_since(start);
        return out;
    }

    // ---- numerics: λ and candidate kernels ----
    Rows lambda, refined_lambda;
    std::vector<Attempt> attempts;
    if (K == 1) {
        out.source = "closed-form K=1";
        out.estimate = regularizer_value_k1_multi(wd);
        lambda = regularizer_lambda_k1_multi(wd);
        const Kernels k = regularizer_kernels_k1_multi(wd);
        for (int bits : {24, 32, 44})
            attempts.push_back({k, bits, "svd"});
    } else if (K == D) {
        out.source = "closed-form K=D";
        out.estimate = regularizer_value_kd_multi(wd);
        lambda = regularizer_lambda_kd_multi(wd);
        // The lift δ² ≈ 2^-bits·estimate balances its own cost against the rounding error.
        for (int bits : {32, 40, 48}) {
            const double delta = std::sqrt(std::ldexp(out.estimate, -bits));
            attempts.push_back({regularizer_kernels_kd_multi(wd, R == 1 ? 0.0 : delta), bits,
                                "fourier"});
        }
    } else {
        out.source = "sdpa";
        const auto sdp = regularizer_sdp_multi_solve(wd, K);
        out.sdp_status = sdp.status;
        out.sdp_gap = sdp.relative_gap;
        out.sdp_iterations = sdp.iterations;
        out.sdp_seconds = sdp.seconds;
        out.estimate = std::isfinite(sdp.value_x) ? sdp.value_x : sdp.primal;
        lambda = sdp.lambda;
        const Kernels main = regularizer_gram_factor(sdp.X, R, K, 1e-7);
        const long n = static_cast<long>(main.size()) * R * K;
        // SDPA stalls near a relative gap of 1e-7: refine its dual on the central path and
        // its kernels by Levenberg–Marquardt.
        {
            const auto t0 = std::chrono::steady_clock::now();
            auto bar = regularizer_dual_barrier_multi(wd, K, sdp.lambda);
            out.barrier_seconds = seconds_since(t0);
            out.barrier_steps = bar.newton_steps;
            refined_lambda = std::move(bar.lambda);
        }
        if (static_cast<long>(main.size()) >= R && n <= kPolishMaxSize) {
            try {
                const auto t0 = std::chrono::steady_clock::now();
                auto pol = regularizer_polish_multi(wd, main);
                out.polish_seconds = seconds_since(t0);
                out.polish_iterations = pol.iterations;
                if (pol.value < out.estimate) out.estimate = pol.value;
                for (int bits : {24, 32})
                    attempts.push_back({pol.kernels, bits, "gram+polish"});
                const double delta = std::sqrt(std::ldexp(out.estimate, -44));
                attempts.push_back({with_lift(pol.kernels, R, K, delta), 44, "gram+polish+lift"});
            } catch (const std::invalid_argument&) {
                // F not finite at SDPA's kernels: keep the unpolished attempts.
            }
        }
        if (static_cast<long>(main.size()) >= R) {
            attempts.push_back({main, 24, "gram"});
            attempts.push_back({main, 32, "gram"});
        }
        for (int bits : {40, 48}) {
            const double delta = std::sqrt(std::ldexp(out.estimate, -bits));
            attempts.push_back({with_lift(main, R, K, delta), bits, "gram+lift"});
        }
    }

    // ---- exact lower bound: the better of the refined λ and SDPA's ----
    {
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<RegularizerLowerBoundMulti> best;
        for (const Rows* cand : {&refined_lambda, &lambda}) {
            if (cand->empty()) continue;
            try {
                auto lb = regularizer_lower_bound_multi(*cand, W, K);
                if (!best || lb.lower_double > best->lower_double) best = std::move(lb);
            } catch (const std::invalid_argument&) {
            }
        }
        if (!best)
            throw std::runtime_error("regularizer_bracket_multi: no usable dual point (phase " +
                                     out.sdp_status + ")");
        out.lambda = std::move(best->lambda);
        out.lower = best->lower;
        out.lower_double = best->lower_double;
        out.lower_seconds = seconds_since(t0);
    }

    // ---- exact upper bound: the first attempt within the target gap, else the best ----
    {
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<RegularizerNetworkMulti> best;
        std::string best_kind, last_error;
        double best_gap = INFINITY;
        for (const Attempt& a : attempts) {
            ++out.network_attempts;
            try {
                auto net = regularizer_network_multi(a.kernels, W, a.bits);
                const double gap = gap_of(out.lower, net.cost);
                if (gap < best_gap) {
                    best_gap = gap;
                    best = std::move(net);
                    best_kind = a.network;
                }
                if (best_gap <= kBracketTargetGapMulti) break;
            } catch (const std::runtime_error& e) {
                last_error = e.what();
            }
        }
        if (!best)
            throw std::runtime_error("regularizer_bracket_multi: no exact network (" + last_error +
                                     ")");
        out.u = std::move(best->u);
        out.v = std::move(best->v);
        out.upper = best->cost;
        out.upper_double = best->cost_double;
        out.C0 = best->C0;
        out.kernel_bits = best->bits;
        out.network = best_kind;
        out.relative_gap = best_gap;
        out.upper_seconds = seconds_since(t0);
    }
    out.total_seconds = seconds_since(start);
    return out;
}

} // namespace convcert::regularizer
