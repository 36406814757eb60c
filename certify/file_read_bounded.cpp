// Bounded whole-file reading for the checker (see file_read_bounded.h).
#include "certify/file_read_bounded.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace convcert {

namespace {

std::string size_message(const std::string& path, std::size_t max_bytes) {
    const bool mib = max_bytes % (std::size_t(1) << 20) == 0;
    return "'" + path + "' is larger than " +
           (mib ? std::to_string(max_bytes >> 20) + " MiB" : std::to_string(max_bytes) + " bytes");
}

} // namespace

std::string file_read_bounded(const std::string& path, std::size_t max_bytes) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, std::fclose);
    std::FILE* f = stdin;
    if (path != "-") {
        owned.reset(std::fopen(path.c_str(), "rb"));
        if (!owned) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
        f = owned.get();
    }
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
        if (text.size() + n > max_bytes) throw std::runtime_error(size_message(path, max_bytes));
        text.append(buffer, n);
        if (n < sizeof buffer) break;
    }
    if (std::ferror(f)) throw std::runtime_error("error while reading '" + path + "'");
    return text;
}

} // namespace convcert
