// The C++ side of the Python module convcert._core: thin calls into the same pipelines the
// app/ commands run, on the same input JSON text the commands read, so that a certificate
// built from Python is byte-identical to the CLI's. Plain C++ in and out (strings, numbers),
// so that the module can release the GIL around each call (core_module.cpp). Bad input throws
// std::invalid_argument (Python ValueError); a generator failure std::runtime_error.
#pragma once

#include "certify/grid.h"
#include "support/grid_input.h"

#include <string>
#include <vector>

namespace convcert::python {

/// `convcert factor`: a Lemma certificate for the instance text {"K": ..., "vectors": ...};
/// method "exact" | "enclosure" | "auto", 30 <= digits <= 10000. Returns the certificate JSON.
std::string python_factor(const std::string& instance_json, const std::string& method, long digits);

/// What `convcert regularizer` reports besides the certificate.
struct PythonBracket {
    std::string certificate; ///< the regularizer-bracket certificate, JSON
    double lower = 0, upper = 0, relative_gap = 0, estimate = 0, seconds = 0;
    long C0 = 1;
    std::string method; ///< "lower: ...; upper: ..." (regularizer_bracket_method)
};

/// A kernel shape from Python: {K} (the CLI's --kernel K) or {K1, K2} (--kernel K1xK2). Throws
/// std::invalid_argument for another number of entries or an entry outside [1, 2^31).
support::KernelSpec python_kernel_spec(const std::vector<long>& kernel);

/// `convcert regularizer W.json --kernel K|K1xK2`: instance text {"D": ..., "w": ...}, with
/// "R", or with "shape": [D1, D2] (regularizer/input/regularizer_input.h); kernel as for
/// python_kernel_spec.
PythonBracket python_regularizer(const std::string& instance_json, const std::vector<long>& kernel);

/// What `convcert collapse` reports besides the certificate.
struct PythonCollapse {
    std::string certificate; ///< the network-collapse certificate, JSON, checked
    long channels = 0, channels_out = 0, bits = 0;
    double cost_in = 0, cost_out = 0, slack = 0, seconds = 0;
    std::string source;
};

/// `convcert collapse NET.json`: network text {"D", "K", "R", "u", "v"}. The certificate is
/// re-checked by the checker kernel first (a failure is a std::runtime_error).
PythonCollapse python_collapse(const std::string& network_json);

/// The checker's verdict on one certificate: the check command's exit status
/// (certify/check_files.h: 0 valid, 1 invalid, 2 malformed, 4 undecided) and its line.
struct PythonVerdict {
    int status = 0;
    std::string line;
};

/// `convcert-check` on a certificate text (never throws).
PythonVerdict python_check_text(const std::string& text);

/// `convcert-check FILE`: the bounded read (64 MiB), then python_check_text; an unreadable
/// file is status 2 with the reason.
PythonVerdict python_check_file(const std::string& path);

/// What `convcert maxmargin` reports besides the certificate.
struct PythonMaxmargin {
    std::string certificate; ///< the maxmargin-bracket certificate, JSON
    double lower = 0, upper = 0, relative_gap = 0, seconds = 0;
    long channels = 1; ///< C0 of the upper bound's network
};

/// `convcert maxmargin DATA.json --kernel K`: dataset text {"format": "convcert-dataset", "R",
/// "D", ["shape",] ["x_denominator",] "y", "x"} (docs/datasets.md); kernel as for
/// python_kernel_spec, on the dataset's grid (support::grid_from_input). Throws
/// std::invalid_argument for bad data, a kernel outside the signal, a 2-D dataset (not yet
/// supported by maxmargin) or an x_denominator != 1 (maxmargin_certificate refuses it);
/// std::runtime_error when the SDP fails (e.g. data not linearly separable).
PythonMaxmargin python_maxmargin(const std::string& dataset_json, const std::vector<long>& kernel);

/// The closed forms in double precision for R rows of D = D1·D2 (row-major) on the grid of
/// `shape` ({D} or {D1, D2}) and `kernel` (as for python_kernel_spec), MATH.md §5, §8 and
/// "Two-dimensional signals": K = 1 (1×1) gives 2||W||_* and K = D (D1×D2) gives
/// (2/D) sum_d ||Ŵ[:,d]||_2 with the grid's DFT. Throws std::invalid_argument for any other K
/// (no closed form is known for 1 < K < D), a kernel outside the signal, or rows that are
/// ragged, empty or not of length D.
double python_closed_form(const std::vector<std::vector<double>>& W, const std::vector<long>& shape,
                          const std::vector<long>& kernel);

} // namespace convcert::python
