// Reading and validating regularizer instances (see regularizer_input.h).
#include "regularizer/input/regularizer_input.h"

#include "support/input_json.h"

#include <nlohmann/json.hpp>

namespace convcert::regularizer {

using support::InputError;

namespace {

long integer_field(const nlohmann::json& j, const char* name, long fallback, bool required) {
    const auto it = j.find(name);
    if (it == j.end()) {
        if (required) throw support::InputError(std::string("input has no field \"") + name + "\"");
        return fallback;
    }
    if (!it->is_number_integer() ||
        (it->is_number_unsigned() && it->get<unsigned long>() > 1ul << 40))
        throw support::InputError(std::string("\"") + name + "\" must be a (small) integer");
    return it->get<long>();
}

std::vector<std::string> row_parse(const nlohmann::json& row, long D, const std::string& where) {
    if (!row.is_array()) throw support::InputError(where + " is not an array");
    if (static_cast<long>(row.size()) != D)
        throw support::InputError(where + " has length " + std::to_string(row.size()) +
                                  ", expected D = " + std::to_string(D));
    std::vector<std::string> out;
    out.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i)
        out.push_back(support::rational_from_json(row[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

} // namespace

RegularizerInstance regularizer_instance_from_json(const std::string& text, long K) {
    const nlohmann::json j = support::input_json_parse(text);
    if (!j.is_object())
        throw support::InputError("input must be a JSON object {\"D\": ..., \"w\": ...}");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "D" && it.key() != "R" && it.key() != "w")
            throw support::InputError("unknown field \"" + it.key() + "\" in input");
    RegularizerInstance inst;
    inst.D = integer_field(j, "D", 0, true);
    inst.R = integer_field(j, "R", 1, false);
    if (inst.D < 1)
        throw support::InputError("D must be at least 1 (got " + std::to_string(inst.D) + ")");
    if (inst.D > kMaxSignalLength)
        throw support::InputError("D = " + std::to_string(inst.D) + " exceeds the limit " +
                                  std::to_string(kMaxSignalLength));
    if (inst.R < 1 || inst.R > kMaxInputChannels)
        throw support::InputError("R must be between 1 and " + std::to_string(kMaxInputChannels) +
                                  " (got " + std::to_string(inst.R) + ")");
    if (K < 1 || K > inst.D)
        throw support::InputError("kernel size K = " + std::to_string(K) +
                                  " must satisfy 1 <= K <= D = " + std::to_string(inst.D));
    const auto w = j.find("w");
    if (w == j.end()) throw support::InputError("input has no field \"w\"");
    if (!w->is_array()) throw support::InputError("\"w\" must be an array");
    if (inst.R == 1) {
        inst.w.push_back(row_parse(*w, inst.D, "w"));
    } else {
        if (static_cast<long>(w->size()) != inst.R)
            throw support::InputError("\"w\" must be a list of R = " + std::to_string(inst.R) +
                                      " rows (got " + std::to_string(w->size()) + ")");
        for (long r = 0; r < inst.R; ++r)
            inst.w.push_back(row_parse((*w)[r], inst.D, "w[" + std::to_string(r) + "]"));
    }
    return inst;
}

} // namespace convcert::regularizer
