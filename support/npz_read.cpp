// Reading .npz archives with libzip from memory (see npz_read.h).
#include "support/npz_read.h"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace convcert::support {

namespace {

[[noreturn]] void npz_fail(const std::string& what) {
    throw std::invalid_argument(what);
}

struct ArchiveClose {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileClose {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using Archive = std::unique_ptr<zip_t, ArchiveClose>;

/// The archive over `bytes` (which must outlive it), its central directory checked.
Archive archive_open(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) {
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        npz_fail("not a zip archive: " + why);
    }
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!z) {
        zip_source_free(src);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        npz_fail("not a zip archive (" + why + ")");
    }
    zip_error_fini(&error);
    return Archive(z);
}

/// The uncompressed bytes of member i (size from the central directory, at most `budget`).
std::string member_read(zip_t* z, zip_uint64_t i, const std::string& name, zip_uint64_t budget) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        npz_fail("member " + name + ": no size (" + zip_strerror(z) + ")");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        npz_fail("member " + name + " is encrypted");
    if (st.size > budget)
        npz_fail("members larger than " + std::to_string(kNpyMaxBytes) + " bytes in all");
    std::unique_ptr<zip_file_t, FileClose> f(zip_fopen_index(z, i, 0));
    if (!f) npz_fail("member " + name + ": " + zip_strerror(z));
    std::string out(static_cast<std::size_t>(st.size), '\0');
    zip_int64_t got = out.empty() ? 0 : zip_fread(f.get(), out.data(), st.size);
    char extra = 0;
    if (got != static_cast<zip_int64_t>(st.size) || zip_fread(f.get(), &extra, 1) != 0)
        npz_fail("member " + name + ": cannot be read in full (" +
                 zip_error_strerror(zip_file_get_error(f.get())) + ")");
    return out;
}

} // namespace

std::map<std::string, NpyArray> npz_parse(const std::string& bytes) {
    if (bytes.size() > static_cast<std::size_t>(kNpyMaxBytes))
        npz_fail("larger than " + std::to_string(kNpyMaxBytes) + " bytes");
    const Archive z = archive_open(bytes);
    const zip_int64_t n = zip_get_num_entries(z.get(), 0);
    if (n < 0) npz_fail("not a zip archive (no entries)");
    if (n > kNpzMaxMembers)
        npz_fail(std::to_string(n) + " members, more than " + std::to_string(kNpzMaxMembers));
    std::map<std::string, NpyArray> out;
    zip_uint64_t budget = static_cast<zip_uint64_t>(kNpyMaxBytes);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* raw = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (!raw) npz_fail(std::string("a member without a name (") + zip_strerror(z.get()) + ")");
        const std::string name = raw;
        if (name.size() < 5 || name.compare(name.size() - 4, 4, ".npy") != 0)
            npz_fail("member " + name + " is not a .npy array");
        const std::string key = name.substr(0, name.size() - 4);
        if (out.count(key)) npz_fail("member " + name + " appears twice");
        const std::string data = member_read(z.get(), static_cast<zip_uint64_t>(i), name, budget);
        budget -= data.size();
        try {
            out.emplace(key, npy_parse(data));
        } catch (const std::invalid_argument& e) {
            npz_fail("member " + name + ": " + e.what());
        }
    }
    return out;
}

} // namespace convcert::support
