// JSON paths ("entities[3].end") and where they are in a JSON text: nlohmann keeps no source
// positions, so error messages find the byte offset of a value by scanning the text again (only
// when there is an error to report), then turn it into a 1-based line and column.
// Standard library only: usable by every reader, whatever JSON library parsed the input.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace aa::io {

struct PathItem {
    std::string key;   // object member (when !is_index)
    size_t index = 0;  // array element (when is_index)
    bool is_index = false;

    static PathItem member(std::string k) { return PathItem{std::move(k), 0, false}; }
    static PathItem element(size_t i) { return PathItem{{}, i, true}; }
    friend bool operator==(const PathItem&, const PathItem&) = default;
};
using JsonPath = std::vector<PathItem>;

// "entities[3].end"; a key that is not a plain identifier is written ["a.b"] (JSON-escaped).
std::string format_path(const JsonPath& path);
// The inverse of format_path; nullopt when `s` is not a path.
std::optional<JsonPath> parse_path(std::string_view s);
JsonPath operator/(const JsonPath& path, std::string key);
JsonPath operator/(const JsonPath& path, size_t index);
JsonPath operator/(JsonPath&& path, std::string key);
JsonPath operator/(JsonPath&& path, size_t index);

struct ByteSpan {
    size_t begin = 0;  // first byte of the value
    size_t end = 0;    // one past its last byte
};

// Finds values by path in a JSON text. Tolerates malformed input (it stops where the text stops
// making sense) and caches the members of every container it has walked, so that locating many
// paths in one file costs about one scan of it. A duplicated key resolves to its last occurrence:
// the value a parser keeps.
class JsonLocator {
public:
    explicit JsonLocator(std::string_view json) : json_(json) {}

    // The value at `path`, or nullopt when the path does not exist in the text.
    std::optional<ByteSpan> locate(const JsonPath& path) const;
    // The value at the longest prefix of `path` that exists (the whole text's value at worst).
    ByteSpan locate_nearest(const JsonPath& path) const;

    // The source text of the value at `path`, at most `max_bytes` long (cut on a UTF-8 boundary,
    // "..." appended when cut), or "" when absent.
    std::string raw(const JsonPath& path, size_t max_bytes = 40) const;

private:
    struct Member {
        std::string key;  // decoded; "" for array elements
        ByteSpan value;
    };
    struct Container {
        bool is_object = false;
        std::vector<Member> members;
    };
    const Container& container_at(size_t begin) const;
    size_t skip_ws(size_t i) const;
    size_t skip_value(size_t i) const;
    size_t skip_string(size_t i) const;
    std::optional<size_t> value_start() const;
    // The value at the longest prefix of `path` that exists, and the number of items in that prefix.
    std::pair<ByteSpan, size_t> walk(const JsonPath& path) const;

    std::string_view json_;
    mutable std::unordered_map<size_t, Container> cache_;
};

// 1-based line and column (in code points) of each byte offset in `text`. Lines end at "\n"; a
// UTF-8 byte-order mark at the start is not counted as a column. One pass for all offsets.
std::vector<LineCol> line_cols(std::string_view text, const std::vector<size_t>& bytes);
LineCol line_col_of_byte(std::string_view text, size_t byte);

}  // namespace aa::io
