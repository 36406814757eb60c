// Closed forms at K = 1 and K = D (see closed_form.h).
#include "regularizer/numeric/closed_form.h"

#include "regularizer/numeric/dft.h"

#include <cmath>

namespace convcert::regularizer {

double regularizer_value_k1(const std::vector<double>& w) {
    double s = 0;
    for (double x : w)
        s += x * x;
    return 2.0 * std::sqrt(s);
}

std::vector<double> regularizer_lambda_k1(const std::vector<double>& w) {
    const double norm = regularizer_value_k1(w) / 2.0;
    std::vector<double> out(w.size(), 0.0);
    if (norm == 0) return out;
    for (std::size_t i = 0; i < w.size(); ++i)
        out[i] = 2.0 * w[i] / norm;
    return out;
}

double regularizer_value_kd(const std::vector<double>& w) {
    double s = 0;
    for (const auto& z : regularizer_dft(w))
        s += std::abs(z);
    return 2.0 * s / static_cast<double>(w.size());
}

std::vector<double> regularizer_lambda_kd(const std::vector<double>& w) {
    auto what = regularizer_dft(w);
    for (auto& z : what) {
        const double a = std::abs(z);
        z = a == 0 ? 0.0 : 2.0 * z / a;
    }
    return regularizer_idft_real(what);
}

std::vector<double> regularizer_kernel_kd(const std::vector<double>& w) {
    auto what = regularizer_dft(w);
    for (auto& z : what)
        z = std::sqrt(std::abs(z));
    return regularizer_idft_real(what);
}

} // namespace convcert::regularizer
