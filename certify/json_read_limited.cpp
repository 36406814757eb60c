// Limited JSON parsing (see json_read_limited.h).
#include "certify/json_read_limited.h"

#include "certify/certificate.h"

#include <set>
#include <vector>

namespace convcert {

namespace {

using Json = nlohmann::ordered_json;

bool json_container_nonempty(const Json& j) {
    return (j.is_array() || j.is_object()) && !j.empty();
}

// One open array or object: the value, where it is (for messages), for an object its keys.
struct JsonFrame {
    Json* value;
    std::string path;
    std::set<std::string> keys;
    std::string last_key;
};

// nlohmann's SAX interface: builds the document into root_, enforcing the reading limits.
class JsonLimitedBuilder {
  public:
    JsonLimitedBuilder() { frames_.reserve(kJsonMaxDepth + 1); }
    JsonLimitedBuilder(const JsonLimitedBuilder&) = delete;
    JsonLimitedBuilder& operator=(const JsonLimitedBuilder&) = delete;
    ~JsonLimitedBuilder() { json_release(root_); }

    bool null() { return leaf_add(Json(nullptr)); }
    bool boolean(bool b) { return leaf_add(Json(b)); }
    bool number_integer(Json::number_integer_t x) { return leaf_add(Json(x)); }
    bool number_unsigned(Json::number_unsigned_t x) { return leaf_add(Json(x)); }
    bool number_float(Json::number_float_t x, const std::string&) { return leaf_add(Json(x)); }
    bool string(std::string& s) {
        string_check(s);
        return leaf_add(Json(std::move(s)));
    }
    bool binary(Json::binary_t&) { throw JsonLimitError("binary values are not JSON"); }
    bool start_object(std::size_t) { return container_open(Json::object()); }
    bool start_array(std::size_t) { return container_open(Json::array()); }
    bool end_object() { return container_close(); }
    bool end_array() { return container_close(); }
    bool key(std::string& key);
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e) {
        throw e;
    }

    Json take() { return std::move(root_); }

  private:
    void count_one() {
        if (++values_ > kJsonMaxValues)
            throw JsonLimitError("more than " + std::to_string(kJsonMaxValues) +
                                 " JSON values (reading limit)");
    }
    static void string_check(const std::string& s) {
        if (s.size() > kJsonMaxStringBytes)
            throw JsonLimitError("a JSON string longer than " +
                                 std::to_string(kJsonMaxStringBytes) + " bytes (reading limit)");
    }
    // Places v as the root, the next array element or the value of the last key; returns it.
    Json* place(Json&& v);
    bool leaf_add(Json&& v) {
        count_one();
        place(std::move(v));
        return true;
    }
    bool container_open(Json&& empty);
    bool container_close() {
        frames_.pop_back();
        return true;
    }

    Json root_;
    std::vector<JsonFrame> frames_;
    std::size_t values_ = 0;
};

Json* JsonLimitedBuilder::place(Json&& v) {
    if (frames_.empty()) {
        root_ = std::move(v);
        return &root_;
    }
    JsonFrame& top = frames_.back();
    if (top.value->is_array()) {
        top.value->get_ref<Json::array_t&>().push_back(std::move(v));
        return &top.value->get_ref<Json::array_t&>().back();
    }
    Json& slot = (*top.value)[top.last_key];
    slot = std::move(v);
    return &slot;
}

bool JsonLimitedBuilder::container_open(Json&& empty) {
    if (frames_.size() + 1 > std::size_t(kJsonMaxDepth))
        throw JsonLimitError("JSON nested deeper than " + std::to_string(kJsonMaxDepth) +
                             " levels (reading limit)");
    count_one();
    std::string path;
    if (!frames_.empty()) {
        const JsonFrame& parent = frames_.back();
        path = parent.value->is_object()
                   ? (parent.path.empty() ? "" : parent.path + ".") + parent.last_key
                   : parent.path + "[]";
    }
    Json* value = place(std::move(empty));
    frames_.push_back({value, std::move(path), {}, {}});
    return true;
}

bool JsonLimitedBuilder::key(std::string& key) {
    count_one();
    string_check(key);
    JsonFrame& frame = frames_.back();
    if (frame.keys.size() >= kJsonMaxObjectKeys)
        throw JsonLimitError("a JSON object with more than " + std::to_string(kJsonMaxObjectKeys) +
                             " keys (reading limit)");
    if (!frame.keys.insert(key).second)
        throw JsonDuplicateKey("duplicate key '" + key.substr(0, 40) + "' " +
                               (frame.path.empty() ? "at the top level" : "in " + frame.path));
    frame.last_key = key;
    return true;
}

} // namespace

void json_release(Json& j) noexcept {
    // Remove the last leaf (or empty container) of the last nonempty container, over and over:
    // destroying a leaf or an empty container frees memory and allocates none.
    while (json_container_nonempty(j)) {
        Json* node = &j;
        while (json_container_nonempty(node->back()))
            node = &node->back();
        if (node->is_array())
            node->get_ref<Json::array_t&>().pop_back();
        else
            node->get_ref<Json::object_t&>().pop_back();
    }
}

JsonTree json_parse_limited(const std::string& text) {
    JsonLimitedBuilder builder;
    Json::sax_parse(text, &builder);
    return JsonTree(builder.take());
}

} // namespace convcert
