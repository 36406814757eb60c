// Spatial shapes and signals from the user's input (see grid_input.h).
#include "support/grid_input.h"

#include "support/input_json.h"

#include <climits>

namespace convcert::support {

namespace {

long positive_dimension(const std::string& digits, const std::string& option) {
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        throw InputError(option + " must be K or K1xK2 with positive integers (got \"" + digits +
                         "\")");
    const long v = std::stol(digits);
    if (v < 1) throw InputError(option + " must be positive (got " + digits + ")");
    return v;
}

long shape_entry(const nlohmann::json& x, const std::string& where) {
    if (!x.is_number_integer() || (x.is_number_unsigned() && x.get<unsigned long>() > 1ul << 40))
        throw InputError(where + " must be a (small) integer");
    const long v = x.get<long>();
    if (v < 1) throw InputError(where + " must be at least 1 (got " + std::to_string(v) + ")");
    return v;
}

std::string dimension_name(const Grid& g, int axis) {
    return g.dims == 1 ? "D" : (axis == 1 ? "D1" : "D2");
}

} // namespace

KernelSpec kernel_spec_parse(const std::string& text, const std::string& option) {
    const std::size_t x = text.find('x');
    if (x == std::string::npos) return KernelSpec{1, positive_dimension(text, option), 1};
    return KernelSpec{positive_dimension(text.substr(0, x), option),
                      positive_dimension(text.substr(x + 1), option), 2};
}

std::vector<long> input_shape_read(const nlohmann::json& j, long max_signal) {
    const auto d = j.find("D"), s = j.find("shape");
    if (d == j.end() && s == j.end()) throw InputError("input has no field \"D\" or \"shape\"");
    std::vector<long> shape;
    if (s != j.end()) {
        if (!s->is_array() || s->empty() || s->size() > 2)
            throw InputError("\"shape\" must be [D] or [D1, D2]");
        for (std::size_t i = 0; i < s->size(); ++i)
            shape.push_back(shape_entry((*s)[i], "shape[" + std::to_string(i) + "]"));
    }
    if (d != j.end()) {
        const long D = shape_entry(*d, "D");
        if (shape.empty())
            shape.push_back(D);
        else if ((shape.size() == 1 ? shape[0] : shape[0] * shape[1]) != D)
            throw InputError("\"D\" = " + std::to_string(D) + " disagrees with \"shape\"");
    }
    long D = 1;
    for (long n : shape) {
        if (n > max_signal || D * n > max_signal)
            throw InputError("signal size exceeds the limit " + std::to_string(max_signal));
        D *= n;
    }
    return shape;
}

Grid grid_from_input(const std::vector<long>& shape, const KernelSpec& k) {
    Grid g = shape.size() == 2 ? grid_2d(shape[0], shape[1], k.dims == 1 ? k.K2 : k.K1, k.K2)
                               : grid_1d(shape.at(0), k.K2);
    if (shape.size() == 1 && k.dims == 2 && k.K1 != 1)
        throw InputError("a " + std::to_string(k.K1) + "x" + std::to_string(k.K2) +
                         " kernel needs a 2-D input (\"shape\": [D1, D2])");
    if (g.K1 > g.D1)
        throw InputError("kernel size K1 = " + std::to_string(g.K1) +
                         " must satisfy 1 <= K1 <= D1 = " + std::to_string(g.D1));
    if (g.K2 > g.D2)
        throw InputError("kernel size " + std::string(g.dims == 1 ? "K" : "K2") + " = " +
                         std::to_string(g.K2) + " must satisfy 1 <= " + (g.dims == 1 ? "K" : "K2") +
                         " <= " + dimension_name(g, 2) + " = " + std::to_string(g.D2));
    return g;
}

bool signal_is_nested(const nlohmann::json& x) {
    return x.is_array() && !x.empty() && x.front().is_array();
}

std::vector<std::string> signal_from_json(const nlohmann::json& x, const Grid& g,
                                          const std::string& where) {
    if (!x.is_array()) throw InputError(where + " is not an array");
    std::vector<std::string> out;
    const long D = grid_signal_size(g);
    if (g.dims == 2 && signal_is_nested(x)) {
        if (static_cast<long>(x.size()) != g.D1)
            throw InputError(where + " has " + std::to_string(x.size()) +
                             " rows, expected D1 = " + std::to_string(g.D1));
        for (long i1 = 0; i1 < g.D1; ++i1) {
            const std::string row = where + "[" + std::to_string(i1) + "]";
            const nlohmann::json& r = x[static_cast<std::size_t>(i1)];
            if (!r.is_array() || static_cast<long>(r.size()) != g.D2)
                throw InputError(row + " must be a list of D2 = " + std::to_string(g.D2) +
                                 " entries");
            for (long i2 = 0; i2 < g.D2; ++i2)
                out.push_back(rational_from_json(r[static_cast<std::size_t>(i2)],
                                                 row + "[" + std::to_string(i2) + "]"));
        }
        return out;
    }
    if (static_cast<long>(x.size()) != D)
        throw InputError(where + " has length " + std::to_string(x.size()) + ", expected " +
                         (g.dims == 2 ? "D1*D2 = " : "D = ") + std::to_string(D));
    for (long i = 0; i < D; ++i)
        out.push_back(rational_from_json(x[static_cast<std::size_t>(i)],
                                         where + "[" + std::to_string(i) + "]"));
    return out;
}

} // namespace convcert::support
