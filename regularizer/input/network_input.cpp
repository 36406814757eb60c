// Reading and validating network instances (see network_input.h).
#include "regularizer/input/network_input.h"

#include "regularizer/input/regularizer_input.h"
#include "support/grid_input.h"
#include "support/input_json.h"
#include "support/rational_convert.h"

#include <nlohmann/json.hpp>

namespace convcert::regularizer {

using support::InputError;

namespace {

long small_integer(const nlohmann::json& j, const char* name) {
    const auto it = j.find(name);
    if (it == j.end())
        throw support::InputError(std::string("input has no field \"") + name + "\"");
    if (!it->is_number_integer() ||
        (it->is_number_unsigned() && it->get<unsigned long>() > 1ul << 40))
        throw support::InputError(std::string("\"") + name + "\" must be a (small) integer");
    return it->get<long>();
}

/// One row of `length` rationals, canonical, named where[i].
std::vector<std::string> row_parse(const nlohmann::json& row, long length, const std::string& where,
                                   const char* length_name) {
    if (!row.is_array()) throw support::InputError(where + " is not an array");
    if (static_cast<long>(row.size()) != length)
        throw support::InputError(where + " has length " + std::to_string(row.size()) +
                                  ", expected " + length_name + " = " + std::to_string(length));
    std::vector<std::string> parsed;
    parsed.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i)
        parsed.push_back(
            support::rational_from_json(row[i], where + "[" + std::to_string(i) + "]"));
    return parsed;
}

/// One kernel row: K rationals in 1-D; in 2-D K1·K2 (row-major) or K1 rows of K2.
std::vector<std::string> kernel_row_parse(const nlohmann::json& x, const Grid& g,
                                          const std::string& where) {
    if (g.dims != 2 || !support::signal_is_nested(x))
        return row_parse(x, grid_kernel_size(g), where, g.dims == 2 ? "K1*K2" : "K");
    if (static_cast<long>(x.size()) != g.K1)
        throw support::InputError(where + " has " + std::to_string(x.size()) +
                                  " rows, expected K1 = " + std::to_string(g.K1));
    std::vector<std::string> flat;
    for (long k1 = 0; k1 < g.K1; ++k1) {
        auto row = row_parse(x[static_cast<std::size_t>(k1)], g.K2,
                             where + "[" + std::to_string(k1) + "]", "K2");
        flat.insert(flat.end(), row.begin(), row.end());
    }
    return flat;
}

/// Kernel c: one kernel row when R = 1, R rows otherwise.
support::FmpqMat kernel_parse(const nlohmann::json& x, long R, const Grid& g,
                              const std::string& where) {
    if (R == 1) return support::fmpq_mat_from_rows({kernel_row_parse(x, g, where)}, where);
    if (!x.is_array() || static_cast<long>(x.size()) != R)
        throw support::InputError(where + " must be a list of R = " + std::to_string(R) +
                                  " rows of K rationals");
    std::vector<std::vector<std::string>> rows;
    for (long r = 0; r < R; ++r)
        rows.push_back(kernel_row_parse(x[r], g, where + "[" + std::to_string(r) + "]"));
    return support::fmpq_mat_from_rows(rows, where);
}

/// The 2-D fields "shape" and "kernel_shape" (both or neither; "D" and "K" must agree), into
/// net.grid, net.D and net.K.
void grid_parse(const nlohmann::json& j, NetworkInstance& net) {
    if (!j.contains("kernel_shape"))
        throw support::InputError("\"shape\" without \"kernel_shape\" (a 2-D network has both)");
    if (!j.contains("shape"))
        throw support::InputError("\"kernel_shape\" without \"shape\" (a 2-D network has both)");
    const std::vector<long> shape = support::input_shape_read(j, kMaxSignalLength);
    const nlohmann::json& ks = j["kernel_shape"];
    if (shape.size() != 2 || !ks.is_array() || ks.size() != 2)
        throw support::InputError("\"shape\" and \"kernel_shape\" must be [D1, D2] and [K1, K2]");
    long k[2];
    for (std::size_t i = 0; i < 2; ++i) {
        const std::string where = "kernel_shape[" + std::to_string(i) + "]";
        if (!ks[i].is_number_integer() || ks[i].get<long>() < 1 || ks[i].get<long>() > 1L << 31)
            throw support::InputError(where + " must be a positive integer");
        k[i] = ks[i].get<long>();
    }
    net.grid = support::grid_from_input(shape, support::KernelSpec{k[0], k[1], 2});
    net.D = grid_signal_size(net.grid);
    net.K = grid_kernel_size(net.grid);
    if (j.contains("K") && small_integer(j, "K") != net.K)
        throw support::InputError(
            "\"K\" = " + std::to_string(small_integer(j, "K")) +
            " disagrees with \"kernel_shape\" (K = K1*K2 = " + std::to_string(net.K) + ")");
}

/// D, K (or the 2-D grid) and R, validated.
void sizes_parse(const nlohmann::json& j, NetworkInstance& net) {
    if (j.contains("shape") || j.contains("kernel_shape")) {
        grid_parse(j, net);
    } else {
        net.D = small_integer(j, "D");
        net.K = small_integer(j, "K");
    }
    net.R = j.contains("R") ? small_integer(j, "R") : 1;
    if (net.D < 1)
        throw support::InputError("D must be at least 1 (got " + std::to_string(net.D) + ")");
    if (net.D > kMaxSignalLength)
        throw support::InputError("D = " + std::to_string(net.D) + " exceeds the limit " +
                                  std::to_string(kMaxSignalLength));
    if (net.K < 1 || net.K > net.D)
        throw support::InputError("kernel size K = " + std::to_string(net.K) +
                                  " must satisfy 1 <= K <= D = " + std::to_string(net.D));
    if (net.R < 1 || net.R > kMaxInputChannels)
        throw support::InputError("R must be between 1 and " + std::to_string(kMaxInputChannels) +
                                  " (got " + std::to_string(net.R) + ")");
    if (net.R * net.K > kMaxNetworkKernelBlock)
        throw support::InputError("R*K = " + std::to_string(net.R * net.K) + " exceeds the limit " +
                                  std::to_string(kMaxNetworkKernelBlock));
}

/// The arrays "u" and "v": present, as many kernels as vectors, 1 <= C <= the limit.
void channels_check(const nlohmann::json& j) {
    const auto u = j.find("u"), v = j.find("v");
    if (u == j.end()) throw support::InputError("input has no field \"u\"");
    if (v == j.end()) throw support::InputError("input has no field \"v\"");
    if (!u->is_array() || !v->is_array())
        throw support::InputError("\"u\" and \"v\" must be arrays of C rows");
    if (u->empty()) throw support::InputError("\"u\" is empty: give at least one channel");
    if (u->size() > static_cast<std::size_t>(kMaxNetworkChannels))
        throw support::InputError("more than " + std::to_string(kMaxNetworkChannels) + " channels");
    if (u->size() != v->size())
        throw support::InputError("\"u\" has " + std::to_string(u->size()) +
                                  " kernels but \"v\" has " + std::to_string(v->size()) +
                                  " vectors");
}

} // namespace

NetworkInstance network_instance_from_json(const std::string& text) {
    const nlohmann::json j = support::input_json_parse(text);
    if (!j.is_object())
        throw support::InputError(
            "input must be a JSON object {\"D\": ..., \"K\": ..., \"u\": ..., "
            "\"v\": ...}");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "D" && it.key() != "K" && it.key() != "R" && it.key() != "u" &&
            it.key() != "v" && it.key() != "shape" && it.key() != "kernel_shape")
            throw support::InputError("unknown field \"" + it.key() + "\" in input");
    NetworkInstance net;
    sizes_parse(j, net);
    channels_check(j);
    const nlohmann::json &u = j["u"], &v = j["v"];
    std::vector<std::vector<std::string>> v_rows;
    for (std::size_t c = 0; c < u.size(); ++c) {
        const std::string cs = "[" + std::to_string(c) + "]";
        net.u.push_back(kernel_parse(u[c], net.R, network_instance_grid(net), "u" + cs));
        v_rows.push_back(net.grid.dims == 2 ? support::signal_from_json(v[c], net.grid, "v" + cs)
                                            : row_parse(v[c], net.D, "v" + cs, "D"));
    }
    net.v = support::fmpq_mat_from_rows(v_rows, "v");
    return net;
}

} // namespace convcert::regularizer
