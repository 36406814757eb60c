// Reading and validating Lemma instances (see instance.h).
#include "lemma/instance.h"

#include "support/input_json.h"
#include "support/rational_convert.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace convcert::lemma {

LemmaInstance lemma_instance_from_json(const std::string& text) {
    const nlohmann::json j = support::input_json_parse(text);
    if (!j.is_object())
        throw support::InputError("input must be a JSON object {\"K\": ..., \"vectors\": ...}");
    auto k_it = j.find("K");
    if (k_it == j.end()) throw support::InputError("input has no field \"K\"");
    if (!k_it->is_number_integer()) throw support::InputError("\"K\" must be an integer");
    if (k_it->is_number_unsigned() &&
        k_it->get<unsigned long>() > static_cast<unsigned long>(kMaxKernel))
        throw support::InputError("K = " + k_it->dump() + " exceeds the limit " +
                                  std::to_string(kMaxKernel));
    const long K = k_it->get<long>();
    if (K < 1) throw support::InputError("K must be at least 1 (got " + std::to_string(K) + ")");
    if (K > kMaxKernel)
        throw support::InputError("K = " + std::to_string(K) + " exceeds the limit " +
                                  std::to_string(kMaxKernel));
    auto v_it = j.find("vectors");
    if (v_it == j.end()) throw support::InputError("input has no field \"vectors\"");
    if (!v_it->is_array()) throw support::InputError("\"vectors\" must be an array of vectors");
    if (v_it->empty()) throw support::InputError("\"vectors\" is empty: give at least one vector");
    if (v_it->size() > static_cast<std::size_t>(kMaxVectors))
        throw support::InputError("more than " + std::to_string(kMaxVectors) + " vectors");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "K" && it.key() != "vectors")
            throw support::InputError("unknown field \"" + it.key() + "\" in input");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < v_it->size(); ++i) {
        const auto& vec = (*v_it)[i];
        const std::string where = "vectors[" + std::to_string(i) + "]";
        if (!vec.is_array()) throw support::InputError(where + " is not an array");
        if (static_cast<long>(vec.size()) != K)
            throw support::InputError(where + " has length " + std::to_string(vec.size()) +
                                      ", expected K = " + std::to_string(K));
        std::vector<std::string> row;
        row.reserve(K);
        for (long k = 0; k < K; ++k) {
            row.push_back(
                support::rational_from_json(vec[k], where + "[" + std::to_string(k) + "]"));
        }
        rows.push_back(std::move(row));
    }
    return LemmaInstance{K, support::fmpq_mat_from_rows(rows, "vectors")};
}

} // namespace convcert::lemma
