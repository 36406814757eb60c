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

/// C rows of `length` rationals each, named where[c][i].
std::vector<std::vector<std::string>> rows_parse(const nlohmann::json& rows, long length,
                                                 const char* name, const char* length_name) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t c = 0; c < rows.size(); ++c) {
        const std::string where = std::string(name) + "[" + std::to_string(c) + "]";
        const nlohmann::json& row = rows[c];
        if (!row.is_array()) throw support::InputError(where + " is not an array");
        if (static_cast<long>(row.size()) != length)
            throw support::InputError(where + " has length " + std::to_string(row.size()) +
                                      ", expected " + length_name + " = " + std::to_string(length));
        std::vector<std::string> parsed;
        parsed.reserve(row.size());
        for (std::size_t i = 0; i < row.size(); ++i)
            parsed.push_back(
                support::rational_from_json(row[i], where + "[" + std::to_string(i) + "]"));
        out.push_back(std::move(parsed));
    }
    return out;
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
    net.D = small_integer(j, "D");
    net.K = small_integer(j, "K");
    if (net.D < 1)
        throw support::InputError("D must be at least 1 (got " + std::to_string(net.D) + ")");
    if (net.D > kMaxSignalLength)
        throw support::InputError("D = " + std::to_string(net.D) + " exceeds the limit " +
                                  std::to_string(kMaxSignalLength));
    if (net.K < 1 || net.K > net.D)
        throw support::InputError("kernel size K = " + std::to_string(net.K) +
                                  " must satisfy 1 <= K <= D = " + std::to_string(net.D));
    if (j.contains("R") && small_integer(j, "R") != 1)
        throw support::InputError("R = " + j["R"].dump() +
                                  ": collapse needs single-channel inputs (R = 1)");
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
    net.u = rows_parse(*u, net.K, "u", "K");
    net.v = rows_parse(*v, net.D, "v", "D");
    return net;
}

} // namespace convcert::regularizer
