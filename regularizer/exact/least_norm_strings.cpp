// EDGE ADAPTER around regularizer_least_norm (see least_norm_strings.h).
#include "regularizer/exact/least_norm_strings.h"

#include "regularizer/exact/least_norm.h"
#include "support/rational_convert.h"

#include <stdexcept>

namespace convcert::regularizer {

namespace {

std::string fmpz_string(const fmpz_t x) {
    char* str = fmpz_get_str(nullptr, 10, x);
    std::string out(str);
    flint_free(str);
    return out;
}

} // namespace

LeastNormSolution regularizer_least_norm(const std::vector<std::string>& u,
                                         const std::vector<std::string>& w) {
    if (u.empty() || u.size() > w.size())
        throw std::invalid_argument("regularizer_least_norm: need 1 <= K <= D");
    const auto s = regularizer_least_norm({support::fmpq_mat_from_rows({u}, "u")},
                                          support::fmpq_mat_from_rows({w}, "w"));
    LeastNormSolution out;
    for (const auto& x : s.numerators)
        out.numerators.push_back(fmpz_string(x.x));
    out.denominator = fmpz_string(s.denominator.x);
    out.denominator_bits = s.denominator_bits;
    return out;
}

std::vector<std::string> regularizer_least_norm_v(const std::vector<std::string>& u,
                                                  const std::vector<std::string>& w) {
    const auto s = regularizer_least_norm({support::fmpq_mat_from_rows({u}, "u")},
                                          support::fmpq_mat_from_rows({w}, "w"));
    std::vector<std::string> v;
    support::Fmpq q;
    for (const auto& x : s.numerators) {
        fmpq_set_fmpz_frac(q.x, x.x, s.denominator.x);
        v.push_back(support::fmpq_get_string(q.x));
    }
    return v;
}

void regularizer_least_norm_multi(fmpz* v_num, fmpz_t v_den, const fmpz* u_num, ulong u_exp,
                                  const fmpq* W, long C0, long R, long K, long D) {
    if (C0 < 1 || R < 1 || K < 1 || K > D)
        throw std::invalid_argument("regularizer_least_norm_multi: need C0, R >= 1, 1 <= K <= D");
    std::vector<support::FmpqMat> u(C0, support::FmpqMat(R, K));
    for (long c = 0; c < C0; ++c)
        for (long i = 0; i < R * K; ++i)
            support::fmpq_set_fmpz_mul_2exp(u[c].at(i / K, i % K), u_num + c * R * K + i,
                                            -static_cast<long>(u_exp));
    support::FmpqMat w(R, D);
    for (long i = 0; i < R * D; ++i)
        fmpq_set(w.at(i / D, i % D), W + i);
    const auto s = regularizer_least_norm(u, w);
    for (long i = 0; i < C0 * D; ++i)
        fmpz_set(v_num + i, s.numerators[i].x);
    fmpz_set(v_den, s.denominator.x);
}

} // namespace convcert::regularizer
