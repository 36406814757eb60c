// Binary-task dataset builders (see binary_task.h).
#include "data/binary_task.h"

#include "certify/grid.h"
#include "data/idx.h"

#include <random>
#include <stdexcept>

namespace convcert::data {

std::vector<long> data_image_pool(const std::vector<unsigned char>& image, long side, long p) {
    const long q = side / p;
    std::vector<long> out(static_cast<std::size_t>(q * q), 0);
    for (long r = 0; r < side; ++r)
        for (long c = 0; c < side; ++c)
            out[static_cast<std::size_t>((r / p) * q + c / p)] +=
                image[static_cast<std::size_t>(r * side + c)];
    return out;
}

Dataset data_binary_task(const std::vector<std::vector<unsigned char>>& positives,
                         const std::vector<std::vector<unsigned char>>& negatives, long side,
                         long p, long n_per_class, long channels, long shift, bool flat,
                         const std::string& name, const std::string& source) {
    if (p < 1 || side % p != 0)
        throw std::invalid_argument("pool factor must divide the image side " +
                                    std::to_string(side));
    if (channels < 1) throw std::invalid_argument("channels must be >= 1");
    if (positives.empty() || negatives.empty())
        throw std::invalid_argument("a class has no images");
    Dataset d;
    d.name = name;
    d.source = source;
    d.R = channels;
    const long q = side / p;
    d.D = q * q;
    if (!flat) d.shape = {q, q};
    const Grid g = flat ? grid_1d(d.D, 1) : grid_2d(q, q, 1, 1);
    auto add = [&](const std::vector<std::vector<unsigned char>>& imgs, int label) {
        for (long i = 0; i < n_per_class && i < static_cast<long>(imgs.size()); ++i) {
            if (static_cast<long>(imgs[static_cast<std::size_t>(i)].size()) != side * side)
                throw std::invalid_argument("image of the wrong size");
            const auto s = data_image_pool(imgs[static_cast<std::size_t>(i)], side, p);
            std::vector<long> row(static_cast<std::size_t>(channels * d.D));
            for (long r = 0; r < channels; ++r) {
                const long off = ((r * shift) % d.D + d.D) % d.D;
                for (long j = 0; j < d.D; ++j)
                    row[static_cast<std::size_t>(r * d.D + j)] =
                        s[static_cast<std::size_t>(grid_add(g, j, off))];
            }
            d.x.push_back(std::move(row));
            d.y.push_back(label);
        }
    };
    add(positives, 1);
    add(negatives, -1);
    data_dataset_validate(d);
    return d;
}

std::vector<std::vector<unsigned char>>
data_idx_class(const IdxArray& images, const IdxArray& labels, int label, long max_images) {
    if (images.dims.size() != 3 || images.dims[1] != images.dims[2] || labels.dims.size() != 1 ||
        labels.dims[0] != images.dims[0])
        throw std::invalid_argument("IDX images {N, s, s} and labels {N} do not match");
    const long n = images.dims[0], px = images.dims[1] * images.dims[2];
    std::vector<std::vector<unsigned char>> out;
    for (long i = 0; i < n && static_cast<long>(out.size()) < max_images; ++i)
        if (labels.bytes[static_cast<std::size_t>(i)] == label)
            out.emplace_back(images.bytes.begin() + i * px, images.bytes.begin() + (i + 1) * px);
    return out;
}

Dataset data_synthetic(long n, long R, long D, unsigned long long seed) {
    if (n < 2 || R < 1 || D < 1) throw std::invalid_argument("synthetic: need n >= 2, R, D >= 1");
    std::mt19937_64 gen(seed);
    // Uniform integers by rejection-free modulo of 64-bit draws (bias < 2^-60, deterministic).
    auto uniform = [&](long lo, long hi) {
        return lo + static_cast<long>(gen() % static_cast<unsigned long long>(hi - lo + 1));
    };
    std::vector<long> W(static_cast<std::size_t>(R * D));
    for (auto& v : W)
        v = uniform(-3, 3);
    Dataset d;
    d.name = "synthetic";
    d.source = "synthetic R=" + std::to_string(R) + " D=" + std::to_string(D) +
               " seed=" + std::to_string(seed);
    d.R = R;
    d.D = D;
    while (d.n() < n) {
        std::vector<long> x(static_cast<std::size_t>(R * D));
        long dot = 0;
        for (std::size_t k = 0; k < x.size(); ++k) {
            x[k] = uniform(-4, 4);
            dot += x[k] * W[k];
        }
        if (dot > -2 && dot < 2) continue;
        // Alternate labels so both classes appear: keep a sample of the needed sign.
        const int want = (d.n() % 2 == 0) ? 1 : -1;
        const int label = dot > 0 ? 1 : -1;
        if (label != want) {
            for (auto& v : x)
                v = -v;
        }
        d.x.push_back(std::move(x));
        d.y.push_back(want);
    }
    data_dataset_validate(d);
    return d;
}

} // namespace convcert::data
