// Dataset JSON model (see dataset.h).
#include "data/dataset.h"

#include "support/grid_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace convcert::data {

double data_sample_value(const Dataset& d, long i, long k) {
    return static_cast<double>(d.x[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)]) /
           static_cast<double>(d.x_den);
}

double data_input_scale(const Dataset& d) {
    double mx = 0;
    for (const auto& row : d.x) {
        double s = 0;
        for (long v : row)
            s += static_cast<double>(v) * static_cast<double>(v);
        mx = std::max(mx, std::sqrt(s));
    }
    return mx > 0 ? 1.0 / mx : 1.0;
}

void data_dataset_validate(const Dataset& d) {
    if (d.R < 1) throw std::invalid_argument("dataset: R must be >= 1");
    if (d.D < 1) throw std::invalid_argument("dataset: D must be >= 1");
    if (!d.shape.empty() &&
        (d.shape.size() != 2 || d.shape[0] < 1 || d.shape[1] < 1 || d.shape[0] * d.shape[1] != d.D))
        throw std::invalid_argument(
            "dataset: shape must be [D1, D2] with D1, D2 >= 1 and D1*D2 = D");
    if (d.x_den < 1 || d.x_den > kDatasetMaxEntry)
        throw std::invalid_argument("dataset: x_denominator must be in [1, 2^53]");
    if (d.y.empty()) throw std::invalid_argument("dataset: no samples");
    if (d.x.size() != d.y.size())
        throw std::invalid_argument("dataset: x and y have different lengths");
    bool pos = false, neg = false;
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (static_cast<long>(d.x[i].size()) != d.R * d.D)
            throw std::invalid_argument("dataset: sample " + std::to_string(i) + " has " +
                                        std::to_string(d.x[i].size()) +
                                        " entries, expected R*D = " + std::to_string(d.R * d.D));
        for (long v : d.x[i])
            if (v > kDatasetMaxEntry || v < -kDatasetMaxEntry)
                throw std::invalid_argument("dataset: sample " + std::to_string(i) +
                                            " has an entry beyond 2^53");
        if (d.y[i] == 1)
            pos = true;
        else if (d.y[i] == -1)
            neg = true;
        else
            throw std::invalid_argument("dataset: label " + std::to_string(i) + " is not 1 or -1");
    }
    if (!pos || !neg) throw std::invalid_argument("dataset: needs both labels 1 and -1");
}

Dataset data_dataset_from_json(const std::string& text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const std::exception&) {
        throw std::invalid_argument("dataset: not valid JSON");
    }
    if (!j.is_object() || j.value("format", "") != "convcert-dataset")
        throw std::invalid_argument("dataset: \"format\" must be \"convcert-dataset\"");
    Dataset d;
    auto integer = [&](const char* key) {
        if (!j.contains(key) || !j[key].is_number_integer())
            throw std::invalid_argument(std::string("dataset: \"") + key + "\" must be an integer");
        return j[key].get<long>();
    };
    d.R = integer("R");
    try {
        d.shape = support::input_shape_read(j, kDatasetMaxSignal);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("dataset: ") + e.what());
    }
    d.D = d.shape.size() == 2 ? d.shape[0] * d.shape[1] : d.shape[0];
    if (d.shape.size() != 2) d.shape.clear();
    if (j.contains("name") && j["name"].is_string()) d.name = j["name"].get<std::string>();
    if (j.contains("source") && j["source"].is_string()) d.source = j["source"].get<std::string>();
    if (j.contains("x_denominator")) d.x_den = integer("x_denominator");
    if (!j.contains("x") || !j["x"].is_array() || !j.contains("y") || !j["y"].is_array())
        throw std::invalid_argument("dataset: \"x\" and \"y\" must be arrays");
    for (const auto& row : j["x"]) {
        if (!row.is_array()) throw std::invalid_argument("dataset: each x row must be an array");
        std::vector<long> r;
        r.reserve(row.size());
        for (const auto& v : row) {
            if (!v.is_number_integer())
                throw std::invalid_argument("dataset: x entries must be integers");
            r.push_back(v.get<long>());
        }
        d.x.push_back(std::move(r));
    }
    for (const auto& v : j["y"]) {
        if (!v.is_number_integer()) throw std::invalid_argument("dataset: y must hold 1 or -1");
        d.y.push_back(static_cast<int>(v.get<long>()));
    }
    data_dataset_validate(d);
    return d;
}

std::string data_dataset_to_json(const Dataset& d) {
    std::ostringstream o;
    o << "{\"format\": \"convcert-dataset\", \"name\": " << nlohmann::json(d.name).dump()
      << ", \"source\": " << nlohmann::json(d.source).dump() << ", \"R\": " << d.R
      << ", \"D\": " << d.D;
    if (!d.shape.empty()) o << ", \"shape\": [" << d.shape[0] << ", " << d.shape[1] << "]";
    if (d.x_den != 1) o << ", \"x_denominator\": " << d.x_den;
    o << ",\n\"y\": [";
    for (std::size_t i = 0; i < d.y.size(); ++i)
        o << (i ? ", " : "") << d.y[i];
    o << "],\n\"x\": [\n";
    for (std::size_t i = 0; i < d.x.size(); ++i) {
        o << "[";
        for (std::size_t k = 0; k < d.x[i].size(); ++k)
            o << (k ? "," : "") << d.x[i][k];
        o << "]" << (i + 1 < d.x.size() ? ",\n" : "\n");
    }
    o << "]}\n";
    return o.str();
}

} // namespace convcert::data
