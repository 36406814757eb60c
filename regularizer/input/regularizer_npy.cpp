// Regularizer instances from NumPy arrays (see regularizer_npy.h): the array becomes the JSON
// instance (exact rationals of its doubles), read by the one instance reader.
#include "regularizer/input/regularizer_npy.h"

#include "support/rational_convert.h"

#include <nlohmann/json.hpp>

namespace convcert::regularizer {

namespace {

/// R rows of the array's values (row-major), each of length values / R, as exact rationals.
nlohmann::json rows_of(const support::NpyArray& w, long R) {
    const std::size_t D = w.values.size() / static_cast<std::size_t>(R);
    nlohmann::json rows = nlohmann::json::array();
    for (long r = 0; r < R; ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t j = 0; j < D; ++j)
            row.push_back(
                support::rational_from_double(w.values[static_cast<std::size_t>(r) * D + j]));
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

RegularizerInstance regularizer_instance_from_npy(const support::NpyArray& w,
                                                  const support::KernelSpec& kernel) {
    const std::vector<long>& s = w.shape;
    for (long d : s)
        if (d < 1) throw support::InputError("w has a zero dimension");
    if (w.values.size() > static_cast<std::size_t>(kMaxInputChannels * kMaxSignalLength))
        throw support::InputError("w has more than R*D = " +
                                  std::to_string(kMaxInputChannels * kMaxSignalLength) + " values");
    nlohmann::json j;
    if (s.size() == 1) {
        j["D"] = s[0];
        j["w"] = rows_of(w, 1)[0];
    } else if (s.size() == 2 && kernel.dims == 2) {
        j["shape"] = {s[0], s[1]};
        j["w"] = rows_of(w, 1)[0];
    } else if (s.size() == 2) {
        j["R"] = s[0];
        j["D"] = s[1];
        j["w"] = rows_of(w, s[0]);
    } else if (s.size() == 3) {
        j["R"] = s[0];
        j["shape"] = {s[1], s[2]};
        j["w"] = rows_of(w, s[0]);
    } else {
        throw support::InputError("w must have shape (D), (D1, D2), (R, D) or (R, D1, D2)");
    }
    return regularizer_instance_from_json(j.dump(), kernel);
}

} // namespace convcert::regularizer
