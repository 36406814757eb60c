// Atomic writes (see atomic_file.h).
#include "support/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

namespace convcert::support {

void file_write_atomic(const std::string& path, const std::string& text) {
    const std::string temp = path + ".tmp." + std::to_string(::getpid());
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (::fsync(::fileno(f)) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temp.c_str());
        throw std::runtime_error("cannot write '" + path + "': " + why);
    }
}

bool output_write(const std::string& command, const std::string& path, const std::string& text) {
    try {
        if (path.empty())
            std::cout << text << std::flush;
        else
            file_write_atomic(path, text);
        return true;
    } catch (const std::exception& e) {
        std::cerr << "convcert " << command << ": " << e.what() << "\n";
        return false;
    }
}

} // namespace convcert::support
