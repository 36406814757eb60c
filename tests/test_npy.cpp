// The .npy reader (support/npy_read.h) on files written byte by byte here, the common dyadic
// denominator (support/dyadic_common.h), datasets from NumPy arrays (data/dataset_npy.h), the
// paper's MNIST files in third_party/paper-mnist, and `convcert dataset npy` on bad input.
#include "cli_run.h"
#include "data/dataset_npy.h"
#include "support/dyadic_common.h"
#include "support/npy_read.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <tuple>

using convcert::support::npy_parse;
namespace fs = std::filesystem;

namespace {

/// The little-endian bytes of the low `size` bytes of bits (big-endian when big).
std::string bytes_of(std::uint64_t bits, int size, bool big = false) {
    std::string s;
    for (int k = 0; k < size; ++k)
        s.push_back(static_cast<char>((bits >> (8 * (big ? size - 1 - k : k))) & 0xff));
    return s;
}

std::string f4(float f, bool big = false) {
    std::uint32_t b;
    std::memcpy(&b, &f, 4);
    return bytes_of(b, 4, big);
}

std::string f8(double d) {
    std::uint64_t b;
    std::memcpy(&b, &d, 8);
    return bytes_of(b, 8);
}

/// A .npy file: magic, version major.0, the header dict padded with spaces and '\n' so that
/// the preamble plus header is a multiple of align (0: no padding), then the payload.
std::string npy_file(const std::string& dict, const std::string& payload, int major = 1,
                     std::size_t align = 64) {
    const std::size_t width = major == 1 ? 2 : 4;
    std::string header = dict;
    if (align > 0)
        while ((8 + width + header.size() + 1) % align != 0)
            header.push_back(' ');
    header.push_back('\n');
    std::string s = "\x93NUMPY";
    s.push_back(static_cast<char>(major));
    s.push_back(0);
    s += bytes_of(header.size(), static_cast<int>(width));
    return s + header + payload;
}

std::string dict_of(const std::string& descr, const std::string& shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
}

/// The first line of the message npy_parse throws (empty if it does not throw).
std::string npy_error(const std::string& bytes) {
    try {
        npy_parse(bytes);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("npy: every accepted dtype decodes to the written values", "[npy]") {
    const auto f = npy_parse(npy_file(dict_of("<f4", "(3,)"), f4(0.1f) + f4(-2.5f) + f4(0.0f)));
    CHECK(f.shape == std::vector<long>{3});
    CHECK_FALSE(f.integer);
    CHECK(f.values == std::vector<double>{static_cast<double>(0.1f), -2.5, 0.0});
    const auto d = npy_parse(npy_file(dict_of("<f8", "(2,)"), f8(0.1) + f8(-1e300)));
    CHECK(d.values == std::vector<double>{0.1, -1e300});
    CHECK(npy_parse(npy_file(dict_of(">f4", "(1,)"), f4(1.75f, true))).values[0] == 1.75);
    struct IntCase {
        const char* descr;
        int size;
        std::uint64_t bits;
        double want;
    };
    for (const IntCase& c :
         {IntCase{"|i1", 1, 0x80, -128}, IntCase{"|u1", 1, 0xff, 255},
          IntCase{"<i2", 2, 0xfffe, -2}, IntCase{"<u2", 2, 0xfffe, 65534},
          IntCase{"<i4", 4, 0x80000000u, -2147483648.0},
          IntCase{"<u4", 4, 0xffffffffu, 4294967295.0}, IntCase{"<i8", 8, ~std::uint64_t{0}, -1},
          IntCase{"<u8", 8, std::uint64_t{1} << 53, 9007199254740992.0}}) {
        INFO(c.descr);
        const auto a = npy_parse(npy_file(dict_of(c.descr, "(1,)"), bytes_of(c.bits, c.size)));
        CHECK(a.integer);
        CHECK(a.values == std::vector<double>{c.want});
    }
    CHECK(npy_parse(npy_file(dict_of(">i2", "(1,)"), bytes_of(0x0102, 2, true))).values[0] == 258);
}

TEST_CASE("npy: versions, shapes and header spellings", "[npy]") {
    const std::string payload = bytes_of(1, 2) + bytes_of(2, 2) + bytes_of(3, 2) + bytes_of(4, 2) +
                                bytes_of(5, 2) + bytes_of(6, 2);
    for (int major : {1, 2, 3})
        for (std::size_t align : {64u, 16u, 0u}) {
            INFO("version " << major << " align " << align);
            const auto a = npy_parse(npy_file(dict_of("<i2", "(2, 3)"), payload, major, align));
            CHECK(a.shape == std::vector<long>{2, 3});
            CHECK(a.values == std::vector<double>{1, 2, 3, 4, 5, 6});
        }
    // Keys in another order, double quotes, no trailing comma, no spaces.
    const auto b =
        npy_parse(npy_file("{\"shape\":(3,2),\"fortran_order\":False,\"descr\":\"<i2\"}", payload));
    CHECK(b.shape == std::vector<long>{3, 2});
    CHECK(b.values[5] == 6);
    const auto scalar = npy_parse(npy_file(dict_of("<f8", "()"), f8(2.5)));
    CHECK(scalar.shape.empty());
    CHECK(scalar.values == std::vector<double>{2.5});
    CHECK(npy_parse(npy_file(dict_of("<f8", "(0, 4)"), "")).values.empty());
}

TEST_CASE("npy: malformed files are refused with one line", "[npy]") {
    const std::string good = npy_file(dict_of("<f4", "(2,)"), f4(1) + f4(2));
    REQUIRE(npy_error(good).empty());
    std::string magic = good;
    magic[1] = 'm';
    std::string version = good, minor = good;
    version[6] = 4;
    minor[7] = 1;
    std::string long_header = good;
    long_header[9] = 0x7f; // header length 0x7f.. > the file
    const std::string nan = std::string(1, '\0');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"bad magic", magic},
        {"unsupported version", version},
        {"unsupported version", minor},
        {"bad magic", good.substr(0, 9)},
        {"truncated header", long_header},
        {"Fortran order",
         npy_file("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", f4(1) + f4(2))},
        {"unsupported dtype", npy_file(dict_of("|O", "(1,)"), "12345678")},
        {"unsupported dtype", npy_file(dict_of("<c8", "(1,)"), "12345678")},
        {"unsupported dtype", npy_file(dict_of("<U3", "(1,)"), std::string(12, 'a'))},
        {"unsupported dtype", npy_file(dict_of("<f2", "(1,)"), "12")},
        {"unsupported dtype", npy_file(dict_of("|b1", "(1,)"), "1")},
        {"unsupported dtype", npy_file("{'descr': [('a', '<f4')], 'fortran_order': False, "
                                       "'shape': (1,), }",
                                       f4(1))},
        {"byte order", npy_file(dict_of("=f4", "(1,)"), f4(1))},
        {"byte order", npy_file(dict_of("<i1", "(1,)"), "1")},
        {"one-element tuple", npy_file(dict_of("<f4", "(2)"), f4(1) + f4(2))},
        {"non-negative integers", npy_file(dict_of("<f4", "(-2,)"), f4(1) + f4(2))},
        {"lacks", npy_file("{'descr': '<f4', 'shape': (2,), }", f4(1) + f4(2))},
        {"repeated key", npy_file("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
                                  "'shape': (2,), }",
                                  f4(1) + f4(2))},
        {"unknown", npy_file("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
                             f4(1) + f4(2))},
        {"not printable ASCII", npy_file(dict_of("<f4", "(2,)") + "\t", f4(1) + f4(2))},
        {"padded", npy_file(dict_of("<f4", "(2,)") + " x", f4(1) + f4(2))},
        {"truncated payload", good.substr(0, good.size() - 1)},
        {"trailing bytes", good + nan},
        {"NaN or infinite",
         npy_file(dict_of("<f4", "(1,)"), f4(std::numeric_limits<float>::quiet_NaN()))},
        {"NaN or infinite",
         npy_file(dict_of("<f8", "(1,)"), f8(std::numeric_limits<double>::infinity()))},
        {"exceeds 2^53",
         npy_file(dict_of("<u8", "(1,)"), bytes_of((std::uint64_t{1} << 53) + 1, 8))},
        {"exceeds 2^53", npy_file(dict_of("<i8", "(1,)"), bytes_of(~(std::uint64_t{1} << 53), 8))},
        {"too large", npy_file(dict_of("<f8", "(1073741824, 1073741824)"), "")},
        {"newline inside a string",
         npy_file("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'a\nb': 1}",
                  f4(1) + f4(2))},
        {"more than 2^26 values", npy_file(dict_of("|u1", "(8193, 8192)"), "")},
        {"not printable ASCII", npy_file(dict_of("<f4", "(2,)") + "\xc3\xa9", f4(1) + f4(2))},
    };
    for (const auto& [want, bytes] : cases) {
        const std::string err = npy_error(bytes);
        INFO(want << ": " << err);
        CHECK(err.find(want) != std::string::npos);
        CHECK(err.find('\n') == std::string::npos);
    }
    // A header length field beyond the limit (version 2: 4 bytes).
    std::string huge = npy_file(dict_of("<f4", "(2,)"), f4(1) + f4(2), 2);
    huge[10] = 0x7f;
    CHECK(npy_error(huge).find("header is too long") != std::string::npos);
}

TEST_CASE("dyadic common denominator: exact numerators over the smallest power of two", "[npy]") {
    const auto c = convcert::support::dyadic_common_denominator({0.5, -0.75, 3, 0});
    CHECK(c.den == 4);
    CHECK(c.exponent == 2);
    CHECK(c.num == std::vector<long>{2, -3, 12, 0});
    CHECK(convcert::support::dyadic_common_denominator({7, -1e15}).den == 1);
    // float32 values: num / den is the value, and den is minimal (some numerator is odd).
    std::vector<double> v;
    for (int i = 1; i < 200; ++i)
        v.push_back(static_cast<double>(static_cast<float>(std::sin(i) * 3.1)));
    const auto f = convcert::support::dyadic_common_denominator(v);
    bool odd = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        CHECK(static_cast<double>(f.num[i]) / static_cast<double>(f.den) == v[i]);
        odd = odd || f.num[i] % 2 != 0;
    }
    CHECK(odd);
    CHECK_THROWS_WITH(convcert::support::dyadic_common_denominator({std::ldexp(1.0, -60)}),
                      "a value needs the denominator 2^60, beyond 2^53");
    CHECK_THROWS_AS(
        convcert::support::dyadic_common_denominator({std::ldexp(1.0, 40), std::ldexp(1.0, -20)}),
        std::invalid_argument);
}

TEST_CASE("dataset from npy: shapes, labels and x_denominator", "[npy]") {
    using convcert::support::NpyArray;
    NpyArray x{{2, 2, 1, 3}, "<f4", false, {0.5, 1, 2, 3, 4, 5, -1, -2, -3, -4, -5, -6.25}};
    NpyArray y{{2}, "<f4", false, {1, -1}};
    const auto d = convcert::data::data_dataset_from_npy(x, y, "t", "s");
    CHECK(d.R == 2);
    CHECK(d.D == 3);
    CHECK(d.shape == std::vector<long>{1, 3});
    CHECK(d.x_den == 4);
    CHECK(d.x[0] == std::vector<long>{2, 4, 8, 12, 16, 20});
    CHECK(d.x[1] == std::vector<long>{-4, -8, -12, -16, -20, -25});
    CHECK(d.y == std::vector<int>{1, -1});
    x.shape = {2, 2, 3};
    const auto d3 = convcert::data::data_dataset_from_npy(x, y, "t", "s");
    CHECK((d3.R == 1 && d3.D == 6 && d3.shape == std::vector<long>{2, 3}));
    x.shape = {2, 6};
    const auto d2 = convcert::data::data_dataset_from_npy(x, y, "t", "s");
    CHECK((d2.R == 1 && d2.D == 6 && d2.shape.empty()));
    x.shape = {12};
    CHECK_THROWS_AS(convcert::data::data_dataset_from_npy(x, y, "t", "s"), std::invalid_argument);
    x.shape = {2, 6};
    for (const NpyArray& bad :
         {NpyArray{{2}, "<f4", false, {1, 0}}, NpyArray{{2}, "<f4", false, {1, 1.5}},
          NpyArray{{3}, "<i4", true, {1, -1, 1}}, NpyArray{{2, 1}, "<i4", true, {1, -1}},
          NpyArray{{2}, "<i4", true, {1, 1}}})
        CHECK_THROWS_AS(convcert::data::data_dataset_from_npy(x, bad, "t", "s"),
                        std::invalid_argument);
    const NpyArray yi{{2}, "<i8", true, {-1, 1}};
    CHECK(convcert::data::data_dataset_from_npy(x, yi, "t", "s").y == std::vector<int>{-1, 1});
}

namespace {

const fs::path kPaper = fs::path(CONVCERT_SOURCE_DIR) / "third_party" / "paper-mnist";

/// sha256sum's hex digest of the file (coreutils; empty if it cannot run).
std::string sha256_of(const fs::path& p) {
    const std::string cmd = "sha256sum '" + p.string() + "'";
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return "";
    char buf[65] = {0};
    const std::size_t got = std::fread(buf, 1, 64, f);
    pclose(f);
    return std::string(buf, got);
}

/// float32 values of the payload that follows a 128-byte preamble of a v1 file.
float float_at(const std::string& bytes, std::size_t header, std::size_t i) {
    float v;
    std::memcpy(&v, bytes.data() + header + 4 * i, 4);
    return v;
}

} // namespace

TEST_CASE("the paper's 128 MNIST images read exactly", "[npy]") {
    const fs::path xp = kPaper / "train_x.npy", yp = kPaper / "train_y.npy";
    CHECK(sha256_of(xp) == "c3a71d27f7b7fdec74bd06b4d90edb8ed3d77598046eee6d06b2ea3704822574");
    CHECK(sha256_of(yp) == "4ea0042b9d79268bb8628d60df9f27d358850ed0307621a4bb5cb5ce69e62692");
    const auto x = convcert::support::npy_read(xp.string());
    const auto y = convcert::support::npy_read(yp.string());
    CHECK(x.shape == std::vector<long>{128, 1, 28, 28});
    const auto d = convcert::data::data_dataset_from_npy(x, y, "paper", "npy");
    CHECK((d.R == 1 && d.D == 784 && d.shape == std::vector<long>{28, 28} && d.n() == 128));
    long pos = 0;
    for (int label : d.y)
        pos += label == 1;
    CHECK(pos == 64);
    // The denominator, independently: the largest 2^t over the raw float32 bits (frexp on each
    // value; t = 24 - exponent minus the mantissa's trailing zeros).
    const std::string raw = convcert::tests::cli_file_read(xp);
    const std::size_t header = raw.size() - 4 * 100352;
    int t_max = 0;
    for (std::size_t i = 0; i < 100352; ++i) {
        const float v = float_at(raw, header, i);
        if (v == 0) continue;
        int e = 0;
        auto m = static_cast<long>(std::ldexp(std::frexp(std::fabs(v), &e), 24));
        int t = 24 - e;
        while (m % 2 == 0) {
            m /= 2;
            --t;
        }
        t_max = std::max(t_max, t);
    }
    CHECK(d.x_den == (1L << t_max));
    CHECK(d.x_den == (1L << 30));
    for (std::size_t i : {std::size_t{0}, std::size_t{12345}, std::size_t{100351}}) {
        const float v = float_at(raw, header, i);
        CHECK(static_cast<double>(d.x[i / 784][i % 784]) == std::ldexp(static_cast<double>(v), 30));
    }
}

TEST_CASE("npy files: the dataset names the files, not their folders", "[npy]") {
    const fs::path dir = fs::temp_directory_path() / "convcert-npy-folders";
    fs::remove_all(dir);
    fs::create_directories(dir / "elsewhere");
    for (const char* f : {"train_x.npy", "train_y.npy"})
        fs::copy_file(kPaper / f, dir / "elsewhere" / f);
    using convcert::data::data_dataset_npy_files;
    const auto here = data_dataset_npy_files((kPaper / "train_x.npy").string(),
                                             (kPaper / "train_y.npy").string());
    const auto there = data_dataset_npy_files((dir / "elsewhere" / "train_x.npy").string(),
                                              (dir / "elsewhere" / "train_y.npy").string());
    CHECK(here.name == "train_x.npy");
    CHECK(here.source == "npy train_x.npy train_y.npy");
    CHECK(convcert::data::data_dataset_to_json(here) ==
          convcert::data::data_dataset_to_json(there));
    CHECK(data_dataset_npy_files((kPaper / "train_x.npy").string(),
                                 (kPaper / "train_y.npy").string(), "paper")
              .name == "paper");
    fs::remove_all(dir);
}

TEST_CASE("convcert dataset npy: a dataset, and bad input exits 2 with one line and no file",
          "[npy][cli]") {
    const fs::path dir = convcert::tests::cli_scratch_create("npy");
    const std::string x =
        npy_file(dict_of("<f4", "(2, 3)"), f4(0.5) + f4(1) + f4(2) + f4(-1) + f4(0.25) + f4(0));
    const std::string y = npy_file(dict_of("|i1", "(2,)"), "\x01\xff");
    convcert::tests::cli_file_write(dir / "x.npy", x);
    convcert::tests::cli_file_write(dir / "y.npy", y);
    const auto ok = convcert::tests::cli_run(
        dir, "dataset npy " + (dir / "x.npy").string() + " " + (dir / "y.npy").string() +
                 " --name tiny -o " + (dir / "d.json").string());
    CHECK(ok.exit_code == 0);
    const std::string json = convcert::tests::cli_file_read(dir / "d.json");
    CHECK(json.find("\"name\": \"tiny\"") != std::string::npos);
    CHECK(json.find("\"D\": 3, \"x_denominator\": 4") != std::string::npos);
    CHECK(json.find("[2,4,8],\n[-4,1,0]") != std::string::npos);
    convcert::tests::cli_file_write(dir / "bad.npy", x.substr(0, x.size() - 2));
    convcert::tests::cli_file_write(dir / "y3.npy",
                                    npy_file(dict_of("<f4", "(2,)"), f4(1) + f4(2)));
    const auto at = [&](const char* name) { return " " + (dir / name).string(); };
    for (const std::string& args :
         {at("x.npy") + at("bad.npy"), at("bad.npy") + at("y.npy"), at("x.npy") + at("y3.npy"),
          at("x.npy"), at("x.npy") + at("y.npy") + " --bogus 1", at("missing.npy") + at("y.npy")}) {
        INFO(args);
        const auto r = convcert::tests::cli_run(dir, "dataset npy" + args + " -o" + at("out.json"));
        CHECK(r.exit_code == 2);
        CHECK(convcert::tests::cli_count_lines(r.err) == 1);
        CHECK_FALSE(fs::exists(dir / "out.json"));
    }
}

TEST_CASE("float samples from .npy to a checked maxmargin certificate with x_denominator",
          "[npy][cli]") {
    const fs::path dir = convcert::tests::cli_scratch_create("npy-mm");
    // Samples in eighths (x_denominator 8, an odd power of two), separable by (1, 1, 1, 1, 1, 1).
    const std::vector<float> x = {
        0.75f,  0.125f, 0,      0.5f, 0.25f, 0,     0.5f,  0.5f,   0.25f, -0.25f, 0,      0.125f,
        0.25f,  0.75f,  -0.25f, 0,    0.5f,  0.5f,  -0.5f, -0.25f, 0.25f, 0.25f,  0,      0.25f,
        -0.25f, -0.75f, 0,      0.5f, 0.25f, 0.25f, 0,     -0.5f,  -0.5f, 0.25f,  -0.25f, 0};
    std::string payload;
    for (float v : x)
        payload += f4(v);
    convcert::tests::cli_file_write(dir / "x.npy", npy_file(dict_of("<f4", "(6, 6)"), payload));
    convcert::tests::cli_file_write(
        dir / "y.npy", npy_file(dict_of("<i8", "(6,)"),
                                bytes_of(1, 8) + bytes_of(1, 8) + bytes_of(1, 8) +
                                    bytes_of(~0ull, 8) + bytes_of(~0ull, 8) + bytes_of(~0ull, 8)));
    const auto at = [&](const char* name) { return " " + (dir / name).string(); };
    REQUIRE(convcert::tests::cli_run(dir, "dataset npy" + at("x.npy") + at("y.npy") + " -o" +
                                              at("d.json"))
                .exit_code == 0);
    CHECK(convcert::tests::cli_file_read(dir / "d.json").find("\"x_denominator\": 8") !=
          std::string::npos);
    REQUIRE(
        convcert::tests::cli_run(dir, "maxmargin" + at("d.json") + " --kernel 3 -o" + at("mm.json"))
            .exit_code == 0);
    CHECK(convcert::tests::cli_file_read(dir / "mm.json").find("\"x_denominator\": \"8\"") !=
          std::string::npos);
    const auto check = convcert::tests::cli_run(dir, "check" + at("mm.json"));
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("valid") != std::string::npos);
}

TEST_CASE("convcert regularizer --npy: the same certificate as the JSON input; bad arrays exit 2",
          "[npy][cli]") {
    const fs::path dir = convcert::tests::cli_scratch_create("npy-reg");
    const auto at = [&](const char* name) { return " " + (dir / name).string(); };
    // 1-D float32 w (D = 8) and a 3x3 float64 image with 0.1 (its exact dyadic value).
    std::string w1, w2;
    for (float v : {1.0f, -5.0f, 3.0f, 0.0f, 0.0f, 2.0f, 0.5f, -0.25f})
        w1 += f4(v);
    for (double v : {1.0, 0.0, 2.0, 0.0, -1.0, 0.1, 0.0, 0.0, 3.0})
        w2 += f8(v);
    convcert::tests::cli_file_write(dir / "w1.npy", npy_file(dict_of("<f4", "(8,)"), w1));
    convcert::tests::cli_file_write(dir / "w2.npy", npy_file(dict_of("<f8", "(3, 3)"), w2));
    convcert::tests::cli_file_write(dir / "w1.json",
                                    R"({"D": 8, "w": [1, -5, 3, 0, 0, 2, "1/2", "-1/4"]})");
    convcert::tests::cli_file_write(
        dir / "w2.json", R"({"shape": [3, 3], "w": [1, 0, 2, 0, -1, ")" +
                             std::string("3602879701896397/36028797018963968") + R"(", 0, 0, 3]})");
    for (const auto& [npy, json, kernel] :
         {std::tuple<const char*, const char*, const char*>{"w1.npy", "w1.json", "3"},
          {"w2.npy", "w2.json", "2x2"}}) {
        INFO(npy);
        const auto a =
            convcert::tests::cli_run(dir, std::string("regularizer --npy") + at(npy) +
                                              " --kernel " + kernel + " -o" + at("a.json"));
        const auto b =
            convcert::tests::cli_run(dir, std::string("regularizer") + at(json) + " --kernel " +
                                              kernel + " -o" + at("b.json"));
        CHECK(a.exit_code == 0);
        CHECK(b.exit_code == 0);
        CHECK(convcert::tests::cli_file_read(dir / "a.json") ==
              convcert::tests::cli_file_read(dir / "b.json"));
        fs::remove(dir / "a.json");
    }
    convcert::tests::cli_file_write(dir / "w4.npy",
                                    npy_file(dict_of("<f4", "(1, 1, 2, 1)"), f4(1) + f4(2)));
    convcert::tests::cli_file_write(
        dir / "nan.npy",
        npy_file(dict_of("<f4", "(1,)"), f4(std::numeric_limits<float>::infinity())));
    for (const char* bad : {"w4.npy", "nan.npy"}) {
        INFO(bad);
        const auto r = convcert::tests::cli_run(dir, std::string("regularizer --npy") + at(bad) +
                                                         " --kernel 1 -o" + at("a.json"));
        CHECK(r.exit_code == 2);
        CHECK(convcert::tests::cli_count_lines(r.err) == 1);
        CHECK_FALSE(fs::exists(dir / "a.json"));
    }
}
