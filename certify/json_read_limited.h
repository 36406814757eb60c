// JSON parsing within the reading limits of certificate.h (depth, value count, string length,
// keys per object) and without duplicate keys, so a hostile file is refused before it costs
// memory: a SAX handler that builds the document and stops at the first limit. The document
// is freed without allocating, so an std::bad_alloc can unwind through it.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace convcert {

/// The text is beyond a reading limit; `what()` names the limit.
struct JsonLimitError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// An object has the same key twice; `what()` is "duplicate key 'K' in claim".
struct JsonDuplicateKey : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Empties `j` leaf by leaf without allocating (nlohmann's destructor allocates a stack as
/// large as the document, which aborts the program when it happens during std::bad_alloc).
void json_release(nlohmann::ordered_json& j) noexcept;

/// A parsed document that json_release()s itself on destruction.
class JsonTree {
  public:
    explicit JsonTree(nlohmann::ordered_json&& root) noexcept : root_(std::move(root)) {}
    JsonTree(JsonTree&& other) noexcept : root_(std::move(other.root_)) {}
    JsonTree(const JsonTree&) = delete;
    JsonTree& operator=(const JsonTree&) = delete;
    JsonTree& operator=(JsonTree&&) = delete;
    ~JsonTree() { json_release(root_); }
    const nlohmann::ordered_json& root() const { return root_; }

  private:
    nlohmann::ordered_json root_;
};

/// Parses `text`. Throws nlohmann::ordered_json::parse_error if it is not JSON, JsonLimitError
/// beyond a reading limit, JsonDuplicateKey on a repeated key, std::bad_alloc when memory runs
/// out (having freed what it built).
JsonTree json_parse_limited(const std::string& text);

} // namespace convcert
