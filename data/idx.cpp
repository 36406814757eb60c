// IDX reading through zlib's gz* interface, which reads plain and gzip files alike.
#include "data/idx.h"

#include <zlib.h>

#include <stdexcept>

namespace convcert::data {

namespace {

struct GzFile {
    gzFile f;
    explicit GzFile(const std::string& path) : f(gzopen(path.c_str(), "rb")) {}
    ~GzFile() {
        if (f) gzclose(f);
    }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;
};

[[noreturn]] void idx_fail(const std::string& path, const std::string& what) {
    throw std::runtime_error("IDX file " + path + ": " + what);
}

// Reads exactly n bytes or fails (truncated / corrupt).
void gz_read_exact(GzFile& g, const std::string& path, unsigned char* out, long n,
                   const char* what) {
    long done = 0;
    while (done < n) {
        const long chunk = std::min<long>(n - done, 1L << 20);
        const int got = gzread(g.f, out + done, static_cast<unsigned>(chunk));
        if (got < 0) {
            int err = 0;
            const char* msg = gzerror(g.f, &err);
            idx_fail(path, std::string("corrupt gzip stream (") + (msg ? msg : "?") + ")");
        }
        if (got == 0)
            idx_fail(path, std::string("truncated ") + what + " (" + std::to_string(done) + " of " +
                               std::to_string(n) + " bytes)");
        done += got;
    }
}

} // namespace

IdxArray data_idx_read(const std::string& path) {
    GzFile g(path);
    if (!g.f) idx_fail(path, "cannot open");
    unsigned char magic[4];
    gz_read_exact(g, path, magic, 4, "header");
    if (magic[0] != 0 || magic[1] != 0) idx_fail(path, "bad magic (not an IDX file)");
    if (magic[2] != 0x08) idx_fail(path, "unsupported element type (only unsigned byte 0x08)");
    const int ndims = magic[3];
    if (ndims < 1) idx_fail(path, "no dimensions");
    IdxArray out;
    long total = 1;
    for (int d = 0; d < ndims; ++d) {
        unsigned char b[4];
        gz_read_exact(g, path, b, 4, "header");
        const unsigned long v = (static_cast<unsigned long>(b[0]) << 24) |
                                (static_cast<unsigned long>(b[1]) << 16) |
                                (static_cast<unsigned long>(b[2]) << 8) | b[3];
        if (v == 0) idx_fail(path, "zero dimension");
        if (v > static_cast<unsigned long>(kIdxMaxBytes) ||
            total > kIdxMaxBytes / static_cast<long>(v))
            idx_fail(path, "payload too large");
        total *= static_cast<long>(v);
        out.dims.push_back(static_cast<long>(v));
    }
    out.bytes.resize(static_cast<std::size_t>(total));
    gz_read_exact(g, path, out.bytes.data(), total, "payload");
    unsigned char extra;
    const int more = gzread(g.f, &extra, 1);
    if (more < 0) idx_fail(path, "corrupt gzip stream");
    if (more > 0) idx_fail(path, "trailing bytes after the payload");
    return out;
}

std::string data_idx_encode(const IdxArray& array) {
    std::string s;
    s.push_back(0);
    s.push_back(0);
    s.push_back(0x08);
    s.push_back(static_cast<char>(array.dims.size()));
    for (long d : array.dims) {
        const unsigned long v = static_cast<unsigned long>(d);
        s.push_back(static_cast<char>((v >> 24) & 0xff));
        s.push_back(static_cast<char>((v >> 16) & 0xff));
        s.push_back(static_cast<char>((v >> 8) & 0xff));
        s.push_back(static_cast<char>(v & 0xff));
    }
    s.append(reinterpret_cast<const char*>(array.bytes.data()), array.bytes.size());
    return s;
}

} // namespace convcert::data
