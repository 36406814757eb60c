// Reading and validating network instances (see network_input.h).
#include "regularizer/input/network_input.h"

#include "regularizer/input/regularizer_input.h"
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

/// Kernel c: a flat row of K when R = 1, R rows of K otherwise.
support::FmpqMat kernel_parse(const nlohmann::json& x, long R, long K, const std::string& where) {
    if (R == 1) return support::fmpq_mat_from_rows({row_parse(x, K, where, "K")}, where);
    if (!x.is_array() || static_cast<long>(x.size()) != R)
        throw support::InputError(where + " must be a list of R = " + std::to_string(R) +
                                  " rows of K rationals");
    std::vector<std::vector<std::string>> rows;
    for (long r = 0; r < R; ++r)
        rows.push_back(row_parse(x[r], K, where + "[" + std::to_string(r) + "]", "K"));
    return support::fmpq_mat_from_rows(rows, where);
}

/// D, K and R, validated.
void sizes_parse(const nlohmann::json& j, NetworkInstance& net) {
    net.D = small_integer(j, "D");
    net.K = small_integer(j, "K");
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
            it.key() != "v")
            throw support::InputError("unknown field \"" + it.key() + "\" in input");
    NetworkInstance net;
    sizes_parse(j, net);
    channels_check(j);
    const nlohmann::json &u = j["u"], &v = j["v"];
    std::vector<std::vector<std::string>> v_rows;
    for (std::size_t c = 0; c < u.size(); ++c) {
        const std::string cs = "[" + std::to_string(c) + "]";
        net.u.push_back(kernel_parse(u[c], net.R, net.K, "u" + cs));
        v_rows.push_back(row_parse(v[c], net.D, "v" + cs, "D"));
    }
    net.v = support::fmpq_mat_from_rows(v_rows, "v");
    return net;
}

} // namespace convcert::regularizer
