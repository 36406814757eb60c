// The pieces the multi-channel claims of `convcert reproduce` share (claim_multi.cpp: 4a-4c and
// these helpers; claim_conjecture.cpp: 4d): random integer W, the bracket of W written and
// re-checked, and report cells.
#pragma once

#include "regularizer/bracket.h"
#include "report/report_document.h"
#include "reproduce/local_opt.h" // Rows
#include "reproduce/reproduce_claim.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convcert::reproduce {

using StrRows = std::vector<std::vector<std::string>>;

/// R rows of D random integers in [-9, 9] (no row all zero), from seed.
StrRows reproduce_multi_random(std::uint64_t seed, long R, long D);

/// W as doubles.
Rows reproduce_multi_doubles(const StrRows& W);

/// "[row; row; ...]" for the tables.
std::string reproduce_multi_text(const StrRows& W);

/// r.values[k], NaN when absent; r.fields[k], "-" when absent.
double reproduce_multi_value(const InstanceResult& r, const std::string& k);
std::string reproduce_multi_field(const InstanceResult& r, const std::string& k);

/// The regularizer bracket of W (R >= 1 rows) at K, its certificate written as `name` and
/// re-checked; fills r.values lower, upper, C0, K, R, D, r.gap, r.fields W and network. When out
/// is given, the bracket is moved there.
void reproduce_multi_bracket(const InstanceContext& ctx, const std::string& name, const StrRows& W,
                             long K, InstanceResult& r,
                             regularizer::RegularizerBracket* out = nullptr);

/// The certificate of r whose path ends with suffix ("" when none).
std::string reproduce_multi_cert_ending(const InstanceResult& r, const std::string& suffix);

/// A bullet list of every certificate of every instance, as links.
void reproduce_multi_certificate_list(const std::vector<InstanceResult>& results,
                                      report::ReportDocument& doc);

/// The instance's label linked to its i-th certificate.
report::ReportCell reproduce_multi_link(const InstanceResult& r, std::size_t i = 0);

} // namespace convcert::reproduce
