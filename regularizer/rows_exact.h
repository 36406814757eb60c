// Rows of rational strings ("p" or "p/q", R rows of equal length) to and from FLINT rationals,
// row-major, for the multi-channel generator.
#pragma once

#include <flint/fmpq.h>

#include <string>
#include <vector>

namespace convcert::regularizer {

/// Shape check: R >= 1 rows, each of length D >= 1. Returns D; throws std::invalid_argument
/// naming `what` otherwise.
long regularizer_rows_shape(const std::vector<std::vector<std::string>>& rows,
                            const std::string& what);

/// out[r·D + i] = rows[r][i], canonicalized. out must hold R·D initialized entries.
/// Throws std::invalid_argument on an entry that is not a rational.
void regularizer_rows_parse(fmpq* out, const std::vector<std::vector<std::string>>& rows);

/// Canonical strings of R rows of D rationals stored row-major in x.
std::vector<std::vector<std::string>> regularizer_rows_format(const fmpq* x, long R, long D);

} // namespace convcert::regularizer
