// convcert._core.check_text / check_file: the trusted check command's per-file verdict
// (certify/check_files.h), the same kernel and lines as convcert-check.
#include "certify/check_files.h"
#include "certify/file_read_bounded.h"
#include "python/core.h"

#include <exception>

namespace convcert::python {

PythonVerdict python_check_text(const std::string& text) {
    const CheckOutcome outcome = check_text(text);
    return {outcome.status, outcome.line};
}

PythonVerdict python_check_file(const std::string& path) {
    std::string text;
    try {
        text = file_read_bounded(path, kCheckMaxFileBytes);
    } catch (const std::exception& e) {
        return {kCheckExitUnreadable, e.what()};
    }
    return python_check_text(text);
}

} // namespace convcert::python
