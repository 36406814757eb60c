// Rational rows to and from FLINT (see rows_exact.h).
#include "regularizer/rows_exact.h"

#include "lemma/autocorrelation.h"

#include <stdexcept>

namespace convcert::regularizer {

long regularizer_rows_shape(const std::vector<std::vector<std::string>>& rows,
                            const std::string& what) {
    if (rows.empty() || rows[0].empty())
        throw std::invalid_argument(what + ": need at least one non-empty row");
    for (const auto& row : rows)
        if (row.size() != rows[0].size())
            throw std::invalid_argument(what + ": rows of unequal length");
    return static_cast<long>(rows[0].size());
}

void regularizer_rows_parse(fmpq* out, const std::vector<std::vector<std::string>>& rows) {
    long idx = 0;
    for (const auto& row : rows)
        for (const auto& s : row) {
            fmpq* e = out + idx++;
            if (fmpq_set_str(e, s.c_str(), 10) != 0 || fmpz_is_zero(fmpq_denref(e)))
                throw std::invalid_argument("not a rational: '" + s + "'");
            fmpq_canonicalise(e);
        }
}

std::vector<std::vector<std::string>> regularizer_rows_format(const fmpq* x, long R, long D) {
    std::vector<std::vector<std::string>> out(R, std::vector<std::string>(D));
    for (long r = 0; r < R; ++r)
        for (long i = 0; i < D; ++i)
            out[r][i] = lemma::fmpq_get_string(x + r * D + i);
    return out;
}

} // namespace convcert::regularizer
