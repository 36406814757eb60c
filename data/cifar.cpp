// CIFAR-10 binary reading (see cifar.h).
#include "data/cifar.h"

#include <fstream>
#include <stdexcept>

namespace convcert::data {

CifarImages data_cifar_read(const std::string& path, long max_records) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("CIFAR file " + path + ": cannot open");
    in.seekg(0, std::ios::end);
    const long size = static_cast<long>(in.tellg());
    in.seekg(0, std::ios::beg);
    if (size <= 0) throw std::runtime_error("CIFAR file " + path + ": empty");
    if (size % kCifarRecord != 0)
        throw std::runtime_error("CIFAR file " + path + ": truncated (" + std::to_string(size) +
                                 " bytes is not a multiple of the 3073-byte record)");
    long n = size / kCifarRecord;
    if (max_records > 0 && max_records < n) n = max_records;
    CifarImages out;
    out.labels.resize(static_cast<std::size_t>(n));
    out.pixels.resize(static_cast<std::size_t>(n * kCifarPixels));
    std::vector<char> rec(kCifarRecord);
    for (long i = 0; i < n; ++i) {
        if (!in.read(rec.data(), kCifarRecord))
            throw std::runtime_error("CIFAR file " + path + ": read error at record " +
                                     std::to_string(i));
        const int label = static_cast<unsigned char>(rec[0]);
        if (label > 9)
            throw std::runtime_error("CIFAR file " + path + ": record " + std::to_string(i) +
                                     " has label " + std::to_string(label) + " (> 9)");
        out.labels[static_cast<std::size_t>(i)] = label;
        for (long p = 0; p < kCifarPixels; ++p)
            out.pixels[static_cast<std::size_t>(i * kCifarPixels + p)] =
                static_cast<std::uint8_t>(rec[static_cast<std::size_t>(1 + p)]);
    }
    return out;
}

} // namespace convcert::data
