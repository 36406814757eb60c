// Atomic writes (see atomic_file.h).
#include "support/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

namespace convcert::support {

namespace {

std::runtime_error write_error(const std::string& path) {
    return std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
}

/// Writes text to `temp` (flushed to disk); false on failure, with errno set.
bool temp_write(const std::string& temp, const std::string& text) {
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = (std::fflush(f) == 0) && ok;
    ok = (::fsync(::fileno(f)) == 0) && ok;
    ok = (std::fclose(f) == 0) && ok;
    return ok;
}

} // namespace

void files_write_atomic(const std::vector<FileText>& files) {
    std::vector<std::string> temps;
    for (const FileText& f : files)
        temps.push_back(f.path + ".tmp." + std::to_string(::getpid()));
    // On a failure at files[i]: its error (errno as it was), with the paths before i removed
    // when they were renamed, else the temps up to i; the temps from i on removed.
    auto undo = [&](std::size_t i, bool renaming) {
        const std::runtime_error e = write_error(files[i].path);
        for (std::size_t j = 0; j < i; ++j)
            std::remove((renaming ? files[j].path : temps[j]).c_str());
        for (std::size_t j = i; j < (renaming ? files.size() : i + 1); ++j)
            std::remove(temps[j].c_str());
        return e;
    };
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!temp_write(temps[i], files[i].text)) throw undo(i, false);
    for (std::size_t i = 0; i < files.size(); ++i)
        if (std::rename(temps[i].c_str(), files[i].path.c_str()) != 0) throw undo(i, true);
}

void file_write_atomic(const std::string& path, const std::string& text) {
    files_write_atomic({{path, text}});
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
