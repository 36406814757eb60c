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
#include <limits>
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
constexpr long kPolishMaxSize = 2048;
constexpr int kPolishMaxIterations = 500;
/// Relative eigenvalue threshold of the Gram factorization (the central X has a clean gap).
constexpr double kGramTolerance = 1e-7;
/// δ² / R_{K,∞} of the lift channels before polishing.
constexpr double kLiftRelative = 1e-6;

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

    // ---- numerics: dual candidates ----
    std::vector<Rows> lambdas;
    std::vector<double> sdp_x, barrier_x;
    if (K == 1) {
        out.source = "closed-form K=1";
        out.estimate = regularizer_value_k1_multi(wd);
        lambdas.push_back(regularizer_lambda_k1_multi(wd));
    } else if (K == D) {
        out.source = "closed-form K=D";
        out.estimate = regularizer_value_kd_multi(wd);
        lambdas.push_back(regularizer_lambda_kd_multi(wd));
    } else {
        out.source = "sdpa";
        auto sdp = regularizer_sdp_multi_solve(wd, K);
        out.sdp_status = sdp.status;
        out.sdp_gap = sdp.relative_gap;
        out.sdp_iterations = sdp.iterations;
        out.sdp_seconds = sdp.seconds;
        out.estimate = std::isfinite(sdp.value_x) ? sdp.value_x : sdp.primal;
        // SDPA stalls near a relative gap of 1e-7: refine its dual on the central path, which
        // also gives a primal Gram matrix.
        try {
            const auto t0 = std::chrono::steady_clock::now();
            auto bar = regularizer_dual_barrier_multi(wd, K, sdp.lambda);
            out.barrier_seconds = seconds_since(t0);
            out.barrier_steps = bar.newton_steps;
            out.estimate = bar.value;
            lambdas.push_back(std::move(bar.lambda));
            barrier_x = std::move(bar.X);
        } catch (const std::invalid_argument&) {
        }
        lambdas.push_back(std::move(sdp.lambda));
        sdp_x = std::move(sdp.X);
    }

    // ---- exact lower bound: the best candidate ----
    {
        const auto t0 = std::chrono::steady_clock::now();
        std::optional<RegularizerLowerBoundMulti> best;
        for (const Rows& cand : lambdas) {
            try {
                auto lb = regularizer_lower_bound_multi(cand, W, K);
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

    // ---- exact upper bound: kernels tried in order until the gap meets the target ----
    const auto t_upper = std::chrono::steady_clock::now();
    std::optional<RegularizerNetworkMulti> best;
    std::string best_kind, last_error;
    double best_gap = INFINITY;
    auto attempt = [&](const Kernels& kernels, int bits, const std::string& kind) {
        if (best_gap <= kBracketTargetGapMulti) return;
        ++out.network_attempts;
        try {
            auto net = regularizer_network_multi(kernels, W, bits);
            const double gap = gap_of(out.lower, net.cost);
            if (gap < best_gap) {
                best_gap = gap;
                best = std::move(net);
                best_kind = kind;
            }
        } catch (const std::runtime_error& e) {
            last_error = e.what();
        }
    };
    // The lift δ² ≈ 2^-bits·estimate balances its own cost against the rounding error.
    auto lift_delta = [&](int bits) { return std::sqrt(std::ldexp(out.estimate, -bits)); };
    if (K == 1) {
        const Kernels k = regularizer_kernels_k1_multi(wd);
        for (int bits : {24, 32, 44})
            attempt(k, bits, "svd");
    } else if (K == D) {
        for (int bits : {32, 40, 48})
            attempt(regularizer_kernels_kd_multi(wd, lift_delta(bits)), bits, "fourier");
    } else {
        // Kernels of the central Gram matrix (SDPA's if the barrier failed): as they are, then
        // polished, then with R lift channels δ·e_(r,0) polished along (a boundary optimum,
        // some Σ_d singular, has no nearby well-conditioned C0-channel network otherwise).
        const std::string kind = barrier_x.empty() ? "sdpa" : "barrier";
        const Kernels ker =
            regularizer_gram_factor(barrier_x.empty() ? sdp_x : barrier_x, R, K, kGramTolerance);
        // Stop polishing once F is well inside the target gap over the certified lower bound.
        const double stop = out.lower_double * (1.0 + 0.2 * kBracketTargetGapMulti);
        // Iteration caps only, no wall-clock cap: the certificate must not depend on the
        // machine's speed or load (a time cap made ASan runs take other branches).
        auto polish = [&](const Kernels& start_kernels) -> std::optional<Kernels> {
            if (static_cast<long>(start_kernels.size()) * R * K > kPolishMaxSize) return {};
            try {
                const auto t0 = std::chrono::steady_clock::now();
                auto pol = regularizer_polish_multi(wd, start_kernels, kPolishMaxIterations, stop,
                                                    std::numeric_limits<double>::infinity());
                out.polish_seconds += seconds_since(t0);
                out.polish_iterations += pol.iterations;
                return std::move(pol.kernels);
            } catch (const std::invalid_argument&) {
                return {}; // F not finite at these kernels
            }
        };
        // Few channels first (a stronger claim, a smaller V): the top C = R, R + 1 eigen-kernels
        // polished; R_{K,C} is conjectured not to depend on C >= R (MATH.md §8), and the polish
        // often reaches the SDP value there.
        for (long C = R; C <= R + 1 && C < static_cast<long>(ker.size()); ++C) {
            Kernels few(ker.begin(), ker.begin() + C);
            if (!std::isfinite(regularizer_polish_value_multi(wd, few)))
                for (long r = 0; r < R; ++r) // make every Σ_d nonsingular
                    few[r][r][0] += std::sqrt(kLiftRelative * out.estimate);
            if (auto pol = polish(few)) {
                attempt(*pol, 24, kind + "+few+polish");
                attempt(*pol, 32, kind + "+few+polish");
            }
        }
        if (static_cast<long>(ker.size()) >= R) {
            attempt(ker, 24, kind);
            attempt(ker, 32, kind);
            if (best_gap > kBracketTargetGapMulti)
                if (auto pol = polish(ker)) {
                    attempt(*pol, 24, kind + "+polish");
                    attempt(*pol, 32, kind + "+polish");
                }
        }
        if (best_gap > kBracketTargetGapMulti) {
            const Kernels lifted = with_lift(ker, R, K, std::sqrt(kLiftRelative * out.estimate));
            if (auto pol = polish(lifted)) {
                attempt(*pol, 32, kind + "+lift+polish");
                attempt(*pol, 40, kind + "+lift+polish");
            }
            attempt(lifted, 40, kind + "+lift");
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
    out.denominator_bits = best->denominator_bits;
    out.network = best_kind;
    out.relative_gap = best_gap;
    out.upper_seconds = seconds_since(t_upper);
    out.total_seconds = seconds_since(start);
    return out;
}

Certificate regularizer_bracket_multi_certificate(const RegularizerBracketMulti& b,
                                                  const std::vector<std::vector<std::string>>& W) {
    RegularizerClaim claim;
    claim.D = b.D;
    claim.K = b.K;
    claim.R = b.R;
    claim.w = W;
    claim.lower = b.lower;
    claim.upper = b.upper;
    RegularizerBracketEvidence ev;
    ev.lambda = b.lambda;
    ev.u = b.u;
    ev.v = b.v;
    return Certificate{RegularizerBody{std::move(claim), std::move(ev)},
                       "multi-channel: lower " + b.source + ", upper " + b.network};
}

} // namespace convcert::regularizer
