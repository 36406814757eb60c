// Exact conversions at the generator's edges: FLINT rationals to and from canonical strings
// ("p" or "p/q"), doubles to the exact rationals they represent, and rows of rational strings
// (R rows of equal length) to and from row-major fmpq arrays. Strings live only at the edges
// (input files, certificates); everything between works on FLINT values.
#pragma once

#include <flint/fmpq.h>
#include <flint/fmpz.h>

#include "support/flint_raii.h"

#include <string>
#include <vector>

namespace convcert::support {

/// The canonical decimal string of x ("p" or "p/q").
std::string fmpq_get_string(const fmpq_t x);

/// x = the rational spelled s: "p" or "p/q" with an optional '-' on p, decimal digits only and
/// q != 0 (lowest terms not required), canonicalised. False (x then unspecified) for any other
/// text, such as spaces, '+', a sign on q or another base, which fmpq_set_str would accept. The
/// strict reading of a rational from a certificate.
bool fmpq_set_string(fmpq_t x, const std::string& s);

/// x = z · 2^e (any sign of e).
void fmpq_set_fmpz_mul_2exp(fmpq_t x, const fmpz_t z, long e);

/// x = the exact rational value of the finite double d. Throws std::invalid_argument if d is
/// not finite.
void fmpq_set_double(fmpq_t x, double d);

/// The exact rational value of a finite double, canonical string.
std::string rational_from_double(double x);

/// The rational "p" or "p/q" rounded to the nearest double. Throws std::invalid_argument if
/// it is not a rational.
double rational_to_double(const std::string& x);

/// Shape check: R >= 1 rows, each of length D >= 1. Returns D; throws std::invalid_argument
/// naming `what` otherwise.
long rows_shape(const std::vector<std::vector<std::string>>& rows, const std::string& what);

/// out[r·D + i] = rows[r][i], canonicalized. out must hold R·D initialized entries.
/// Throws std::invalid_argument on an entry that is not a rational.
void rows_parse(fmpq* out, const std::vector<std::vector<std::string>>& rows);

/// Canonical strings of R rows of D rationals stored row-major in x.
std::vector<std::vector<std::string>> rows_format(const fmpq* x, long R, long D);

/// The R × D matrix of the rows (rows_shape's checks, then rows_parse). Throws
/// std::invalid_argument naming `what` on a bad shape or an entry that is not a rational.
FmpqMat fmpq_mat_from_rows(const std::vector<std::vector<std::string>>& rows,
                           const std::string& what);

/// Canonical strings of the matrix's rows.
std::vector<std::vector<std::string>> fmpq_mat_to_rows(const FmpqMat& x);

/// The exact rational values of finite doubles (rows of equal length >= 1). Throws
/// std::invalid_argument on a bad shape or a non-finite entry.
FmpqMat fmpq_mat_from_doubles(const std::vector<std::vector<double>>& rows);

/// The entries rounded to the nearest doubles, as rows.
std::vector<std::vector<double>> fmpq_mat_to_doubles(const FmpqMat& x);

} // namespace convcert::support
