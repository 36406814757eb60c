// SDPA sparse-format writers (see sdpa_format.h).
#include "regularizer/sdp/sdpa_format.h"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace convcert::regularizer {

namespace {

/// %.17g: the shortest fixed width that round-trips every double.
std::string g17(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

} // namespace

void regularizer_sdpa_write(std::ostream& out, const RegularizerSdpData& data) {
    for (const auto& line : data.comments) {
        if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos)
            throw std::invalid_argument("regularizer_sdpa_write: newline in a comment");
        out << "* " << line << '\n';
    }
    out << data.c.size() << " = m\n";
    out << data.block_sizes.size() << " = nBlock\n";
    for (std::size_t l = 0; l < data.block_sizes.size(); ++l)
        out << (l ? " " : "") << data.block_sizes[l];
    out << '\n';
    for (std::size_t k = 0; k < data.c.size(); ++k)
        out << (k ? " " : "") << g17(data.c[k]);
    out << '\n';
    std::string line;
    for (const auto& e : data.entries) {
        line = std::to_string(e.matrix);
        line += ' ';
        line += std::to_string(e.block);
        line += ' ';
        line += std::to_string(e.row);
        line += ' ';
        line += std::to_string(e.col);
        line += ' ';
        line += g17(e.value);
        line += '\n';
        out << line;
    }
}

void regularizer_sdpa_write_autocorrelation(std::ostream& out, const std::vector<double>& w,
                                            long K) {
    regularizer_sdpa_write(out, regularizer_sdp_data_autocorrelation(w, K));
}

void regularizer_sdpa_write_full(std::ostream& out, const std::vector<double>& w, long K) {
    regularizer_sdpa_write(out, regularizer_sdp_data_full(w, K));
}

} // namespace convcert::regularizer
