// Helpers of the reproduce claims (reproduce_util.h).
#include "reproduce/reproduce_util.h"

#include "reproduce/local_opt.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <cstdlib>

namespace convcert::reproduce {

namespace {

constexpr double kPi = 3.14159265358979323846;

long long reproduce_gcd(long long a, long long b) {
    a = std::llabs(a);
    b = std::llabs(b);
    while (b != 0) {
        const long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

std::vector<std::complex<double>> reproduce_dft(const std::vector<double>& w) {
    const long D = static_cast<long>(w.size());
    std::vector<std::complex<double>> out(static_cast<std::size_t>(D));
    for (long d = 0; d < D; ++d) {
        std::complex<double> acc = 0;
        for (long j = 0; j < D; ++j)
            acc += w[static_cast<std::size_t>(j)] *
                   std::polar(1.0, -2 * kPi * static_cast<double>((j * d) % D) / D);
        out[static_cast<std::size_t>(d)] = acc;
    }
    return out;
}

} // namespace

std::uint64_t ReproduceRandom::next() {
    state_ = reproduce_seed_mix(state_, 0);
    return state_;
}

long ReproduceRandom::integer(long lo, long hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<long>(next() % span);
}

std::vector<std::string> reproduce_random_integers(ReproduceRandom& rng, long n, long lo, long hi,
                                                   bool nonzero) {
    for (;;) {
        std::vector<std::string> out;
        bool any = false;
        for (long i = 0; i < n; ++i) {
            const long x = rng.integer(lo, hi);
            any |= x != 0;
            out.push_back(std::to_string(x));
        }
        if (any || !nonzero) return out;
    }
}

std::vector<std::string> reproduce_random_rationals(ReproduceRandom& rng, long n) {
    for (;;) {
        std::vector<std::string> out;
        bool any = false;
        for (long i = 0; i < n; ++i) {
            long long p = rng.integer(-20, 20), q = rng.integer(1, 12);
            const long long g = reproduce_gcd(p, q);
            if (g > 1) {
                p /= g;
                q /= g;
            }
            any |= p != 0;
            out.push_back(q == 1 || p == 0 ? std::to_string(p)
                                           : std::to_string(p) + "/" + std::to_string(q));
        }
        if (any) return out;
    }
}

double reproduce_to_double(const std::string& rational) {
    const std::size_t slash = rational.find('/');
    if (slash == std::string::npos)
        return static_cast<double>(std::strtold(rational.c_str(), nullptr));
    const long double p = std::strtold(rational.substr(0, slash).c_str(), nullptr);
    const long double q = std::strtold(rational.substr(slash + 1).c_str(), nullptr);
    return static_cast<double>(p / q);
}

std::vector<double> reproduce_to_doubles(const std::vector<std::string>& rationals) {
    std::vector<double> out;
    for (const auto& r : rationals)
        out.push_back(reproduce_to_double(r));
    return out;
}

double reproduce_closed_form_k1(const std::vector<double>& w) {
    double s = 0;
    for (double x : w)
        s += x * x;
    return 2 * std::sqrt(s);
}

double reproduce_closed_form_kd(const std::vector<double>& w) {
    double s = 0;
    for (const auto& z : reproduce_dft(w))
        s += std::abs(z);
    return 2 * s / static_cast<double>(w.size());
}

double reproduce_closed_form_k1_multi(const std::vector<std::vector<double>>& W) {
    Eigen::MatrixXd M(W.size(), W[0].size());
    for (std::size_t r = 0; r < W.size(); ++r)
        for (std::size_t j = 0; j < W[r].size(); ++j)
            M(static_cast<long>(r), static_cast<long>(j)) = W[r][j];
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(M);
    return 2 * svd.singularValues().sum();
}

double reproduce_closed_form_kd_multi(const std::vector<std::vector<double>>& W) {
    std::vector<std::vector<std::complex<double>>> hat;
    for (const auto& row : W)
        hat.push_back(reproduce_dft(row));
    const std::size_t D = W[0].size();
    double s = 0;
    for (std::size_t d = 0; d < D; ++d) {
        double n2 = 0;
        for (const auto& h : hat)
            n2 += std::norm(h[d]);
        s += std::sqrt(n2);
    }
    return 2 * s / static_cast<double>(D);
}

std::string reproduce_vector_text(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + v[i];
    return out + "]";
}

} // namespace convcert::reproduce
