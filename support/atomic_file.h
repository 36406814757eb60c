// File writing for the CLI through a temporary file that is renamed into place, so a failed run
// never leaves a partial output file behind. (Bounded reading is certify/file_read_bounded.h,
// shared with the checker.)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace convcert::support {

/// Writes text to path atomically (temporary file in the same directory, then rename).
/// Throws std::runtime_error; on failure nothing is left at path or beside it.
void file_write_atomic(const std::string& path, const std::string& text);

/// One file of files_write_atomic: its path and its whole text.
struct FileText {
    std::string path, text;
};

/// Writes every file or none: each text to a temporary file beside its path, then the renames
/// in order. Preconditions: distinct paths. Throws std::runtime_error (the first failure); then
/// no temporary file is left, a path not yet renamed keeps its former content and a path
/// already renamed is removed.
void files_write_atomic(const std::vector<FileText>& files);

/// A command's output: text to standard output when path is empty, else file_write_atomic.
/// On failure prints "convcert <command>: <reason>" to standard error and returns false.
bool output_write(const std::string& command, const std::string& path, const std::string& text);

} // namespace convcert::support
