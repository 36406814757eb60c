// Exact conversions between FLINT rationals, doubles and strings (see rational_convert.h).
#include "support/rational_convert.h"

#include "support/flint_raii.h"

#include <cmath>
#include <stdexcept>

namespace convcert::support {

std::string fmpq_get_string(const fmpq_t x) {
    char* s = fmpq_get_str(nullptr, 10, x);
    std::string out(s);
    flint_free(s);
    return out;
}

namespace {

// s[from, to) is a non-empty run of decimal digits.
bool digits_only(const std::string& s, std::size_t from, std::size_t to) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

} // namespace

bool fmpq_set_string(fmpq_t x, const std::string& s) {
    const std::size_t slash = s.find('/');
    const std::size_t num_end = slash == std::string::npos ? s.size() : slash;
    const std::size_t num_start = !s.empty() && s[0] == '-' ? 1 : 0;
    if (!digits_only(s, num_start, num_end)) return false;
    if (slash != std::string::npos && !digits_only(s, slash + 1, s.size())) return false;
    if (fmpq_set_str(x, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(x))) return false;
    fmpq_canonicalise(x);
    return true;
}

void fmpq_set_fmpz_mul_2exp(fmpq_t x, const fmpz_t z, long e) {
    fmpz_set(fmpq_numref(x), z);
    fmpz_one(fmpq_denref(x));
    if (e >= 0)
        fmpq_mul_2exp(x, x, static_cast<flint_bitcnt_t>(e));
    else
        fmpq_div_2exp(x, x, static_cast<flint_bitcnt_t>(-e));
}

void fmpq_set_double(fmpq_t x, double d) {
    if (!std::isfinite(d)) throw std::invalid_argument("non-finite value");
    int e = 0;
    const double m = std::frexp(d, &e); // d = m 2^e, |m| in [0.5, 1)
    fmpz_set_d(fmpq_numref(x), std::ldexp(m, 53));
    fmpz_one(fmpq_denref(x));
    fmpq_canonicalise(x);
    if (e - 53 >= 0)
        fmpq_mul_2exp(x, x, static_cast<ulong>(e - 53));
    else
        fmpq_div_2exp(x, x, static_cast<ulong>(53 - e));
}

std::string rational_from_double(double x) {
    Fmpq q;
    fmpq_set_double(q.x, x);
    return fmpq_get_string(q.x);
}

double rational_to_double(const std::string& x) {
    Fmpq q;
    if (fmpq_set_str(q.x, x.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(q.x)))
        throw std::invalid_argument("not a rational: '" + x + "'");
    fmpq_canonicalise(q.x);
    return fmpq_get_d(q.x);
}

long rows_shape(const std::vector<std::vector<std::string>>& rows, const std::string& what) {
    if (rows.empty() || rows[0].empty())
        throw std::invalid_argument(what + ": need at least one non-empty row");
    for (const auto& row : rows)
        if (row.size() != rows[0].size())
            throw std::invalid_argument(what + ": rows of unequal length");
    return static_cast<long>(rows[0].size());
}

void rows_parse(fmpq* out, const std::vector<std::vector<std::string>>& rows) {
    long idx = 0;
    for (const auto& row : rows)
        for (const auto& s : row) {
            fmpq* e = out + idx++;
            if (fmpq_set_str(e, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(e)))
                throw std::invalid_argument("not a rational: '" + s + "'");
            fmpq_canonicalise(e);
        }
}

std::vector<std::vector<std::string>> rows_format(const fmpq* x, long R, long D) {
    std::vector<std::vector<std::string>> out(R, std::vector<std::string>(D));
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            out[r][i] = fmpq_get_string(x + r * D + i);
    return out;
}

FmpqMat fmpq_mat_from_rows(const std::vector<std::vector<std::string>>& rows,
                           const std::string& what) {
    const long D = rows_shape(rows, what);
    FmpqMat out(static_cast<slong>(rows.size()), D);
    for (long r = 0; r < out.rows(); ++r)
        for (long j = 0; j < D; ++j) {
            const std::string& s = rows[r][j];
            fmpq* e = out.at(r, j);
            if (fmpq_set_str(e, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(e)))
                throw std::invalid_argument(what + ": not a rational: '" + s.substr(0, 40) + "'");
            fmpq_canonicalise(e);
        }
    return out;
}

std::vector<std::vector<std::string>> fmpq_mat_to_rows(const FmpqMat& x) {
    std::vector<std::vector<std::string>> out(x.rows(), std::vector<std::string>(x.cols()));
    for (long r = 0; r < x.rows(); ++r)
        for (long j = 0; j < x.cols(); ++j)
            out[r][j] = fmpq_get_string(x.at(r, j));
    return out;
}

FmpqMat fmpq_mat_from_doubles(const std::vector<std::vector<double>>& rows) {
    if (rows.empty() || rows[0].empty())
        throw std::invalid_argument("fmpq_mat_from_doubles: need at least one non-empty row");
    FmpqMat out(static_cast<slong>(rows.size()), static_cast<slong>(rows[0].size()));
    for (long r = 0; r < out.rows(); ++r) {
        if (static_cast<slong>(rows[r].size()) != out.cols())
            throw std::invalid_argument("fmpq_mat_from_doubles: rows of unequal length");
        for (long j = 0; j < out.cols(); ++j)
            fmpq_set_double(out.at(r, j), rows[r][j]);
    }
    return out;
}

std::vector<std::vector<double>> fmpq_mat_to_doubles(const FmpqMat& x) {
    std::vector<std::vector<double>> out(x.rows(), std::vector<double>(x.cols()));
    for (long r = 0; r < x.rows(); ++r)
        for (long j = 0; j < x.cols(); ++j)
            out[r][j] = fmpq_get_d(x.at(r, j));
    return out;
}

} // namespace convcert::support
