// .npz archives of float64 arrays, assembled with libzip in memory (see npz_write.h).
#include "support/npz_write.h"

#include <zip.h>

#include <cstring>
#include <stdexcept>

namespace convcert::support {

namespace {

/// A .npy file, version 1.0: magic, header padded with spaces to a multiple of 64 bytes ending
/// in '\n', then the values little-endian.
std::string npy_bytes(const NpzArrayOut& a) {
    std::size_t count = 1;
    std::string shape = "(";
    for (std::size_t i = 0; i < a.shape.size(); ++i) {
        count *= static_cast<std::size_t>(a.shape[i]);
        shape +=
            std::to_string(a.shape[i]) + (a.shape.size() == 1 || i + 1 < a.shape.size() ? "," : "");
        if (i + 1 < a.shape.size()) shape += " ";
    }
    shape += ")";
    if (count != a.values.size())
        throw std::invalid_argument("npz: array " + a.name + " has " +
                                    std::to_string(a.values.size()) + " values for shape " + shape);
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string out = std::string("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>(header.size() >> 8);
    out += header;
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "npz_bytes writes <f8 natively");
    const std::size_t at = out.size();
    out.resize(at + 8 * count);
    if (count > 0) std::memcpy(out.data() + at, a.values.data(), 8 * count);
    return out;
}

[[noreturn]] void zip_fail(const std::string& what, zip_error_t* e) {
    const std::string why = zip_error_strerror(e);
    throw std::runtime_error("npz: " + what + ": " + why);
}

} // namespace

std::string npz_bytes(const std::vector<NpzArrayOut>& arrays) {
    std::vector<std::string> members;
    for (const auto& a : arrays)
        members.push_back(npy_bytes(a));
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) zip_fail("no buffer", &error);
    zip_source_keep(buffer);
    zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!z) {
        zip_source_free(buffer);
        zip_fail("cannot create the archive", &error);
    }
    for (std::size_t i = 0; i < arrays.size(); ++i) {
        zip_source_t* m = zip_source_buffer(z, members[i].data(), members[i].size(), 0);
        const zip_int64_t index =
            m ? zip_file_add(z, (arrays[i].name + ".npy").c_str(), m, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0 ||
            zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) != 0) {
            if (m && index < 0) zip_source_free(m);
            const std::string why = zip_strerror(z);
            zip_discard(z);
            zip_source_free(buffer);
            throw std::runtime_error("npz: cannot add " + arrays[i].name + ": " + why);
        }
    }
    if (zip_close(z) != 0) {
        const std::string why = zip_strerror(z);
        zip_discard(z);
        zip_source_free(buffer);
        throw std::runtime_error("npz: cannot write the archive: " + why);
    }
    std::string out;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(buffer, &st) != 0 || zip_source_open(buffer) != 0) {
        zip_source_free(buffer);
        throw std::runtime_error("npz: cannot read the archive back");
    }
    out.resize(static_cast<std::size_t>(st.size));
    const zip_int64_t got = out.empty() ? 0 : zip_source_read(buffer, out.data(), st.size);
    zip_source_close(buffer);
    zip_source_free(buffer);
    if (got != static_cast<zip_int64_t>(st.size))
        throw std::runtime_error("npz: cannot read the archive back");
    return out;
}

} // namespace convcert::support
