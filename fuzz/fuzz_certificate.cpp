// libFuzzer target over the trusted side: the certificate reader and the checker kernel, fed
// arbitrary bytes. Any crash, sanitizer report, leak, timeout or memory blow-up is a finding.
#include "certify/check_files.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)convcert::check_text(text);
    return 0;
}
