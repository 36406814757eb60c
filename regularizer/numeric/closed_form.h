// Closed forms of MATH.md §5 that need no SDP: K = 1 (R = 2||w||_2) and K = D
// (R = (2/D) sum_d |ŵ[d]|), as double values and the optimal dual vectors λ of §7.
#pragma once

#include <vector>

namespace convcert::regularizer {

/// 2||w||_2.
double regularizer_value_k1(const std::vector<double>& w);

/// λ = 2w/||w||_2 (λ = 0 for w = 0): ||T(λ)||_op = ||λ||_2 = 2 at K = 1.
std::vector<double> regularizer_lambda_k1(const std::vector<double>& w);

/// (2/D) sum_d |ŵ[d]|.
double regularizer_value_kd(const std::vector<double>& w);

/// λ̂[d] = 2ŵ[d]/|ŵ[d]| (0 where ŵ[d] = 0), λ = IDFT(λ̂), real by Hermitian symmetry: T(λ) is
/// circulant at K = D with singular values |λ̂[d]| <= 2.
std::vector<double> regularizer_lambda_kd(const std::vector<double>& w);

/// An optimal one-channel kernel at K = D: c = IDFT(|ŵ|^(1/2)) (real and even), so that
/// |ĉ[d]|² = |ŵ[d]| and the balanced cost 2||c||·||v|| is (2/D) sum_d |ŵ[d]| (Parseval).
std::vector<double> regularizer_kernel_kd(const std::vector<double>& w);

} // namespace convcert::regularizer
