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

} // namespace

RegularizerInstance regularizer_instance_from_json(const std::string& text,
                                                   const support::KernelSpec& kernel) {
    const nlohmann::json j = support::input_json_parse(text);
    if (!j.is_object())
        throw support::InputError("input must be a JSON object {\"D\": ..., \"w\": ...}");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "D" && it.key() != "shape" && it.key() != "R" && it.key() != "w")
            throw support::InputError("unknown field \"" + it.key() + "\" in input");
    RegularizerInstance inst;
    const std::vector<long> shape = support::input_shape_read(j, kMaxSignalLength);
    inst.R = integer_field(j, "R", 1, false);
    if (inst.R < 1 || inst.R > kMaxInputChannels)
        throw support::InputError("R must be between 1 and " + std::to_string(kMaxInputChannels) +
                                  " (got " + std::to_string(inst.R) + ")");
    if (kernel.K1 < 1 || kernel.K2 < 1)
        throw support::InputError("kernel size must satisfy 1 <= K <= D");
    inst.grid = support::grid_from_input(shape, kernel);
    inst.D = grid_signal_size(inst.grid);
    const auto w = j.find("w");
    if (w == j.end()) throw support::InputError("input has no field \"w\"");
    if (!w->is_array()) throw support::InputError("\"w\" must be an array");
    if (inst.R == 1) {
        inst.w.push_back(support::signal_from_json(*w, inst.grid, "w"));
    } else {
        if (static_cast<long>(w->size()) != inst.R)
            throw support::InputError("\"w\" must be a list of R = " + std::to_string(inst.R) +
                                      " rows (got " + std::to_string(w->size()) + ")");
        for (long r = 0; r < inst.R; ++r)
            inst.w.push_back(
                support::signal_from_json((*w)[r], inst.grid, "w[" + std::to_string(r) + "]"));
    }
    return inst;
}

} // namespace convcert::regularizer
