// Bounded reads and atomic writes (see atomic_file.h).
#include "app/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace convcert::app {

std::string file_read_all(const std::string& path, std::size_t max_bytes) {
    std::istream* in = &std::cin;
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
        in = &file;
    }
    std::string text;
    char buffer[1 << 16];
    while (*in) {
        in->read(buffer, sizeof buffer);
        text.append(buffer, static_cast<std::size_t>(in->gcount()));
        if (text.size() > max_bytes)
            throw std::runtime_error("'" + path + "' is larger than " +
                                     std::to_string(max_bytes >> 20) + " MiB");
    }
    if (in->bad()) throw std::runtime_error("error while reading '" + path + "'");
    return text;
}

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

} // namespace convcert::app
