// The JSON values of the page's scripting API (window.annotator, web/API.md): the entities, the
// labels and small records, written here because JSON is io's (nlohmann is private to aa_io), so
// that platform/web builds strings without a JSON library of its own.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/document.hpp"

namespace aa::io {

// [{id, start, end, label, text, note?, kb_id?, attributes?}] in document order.
std::string entities_json(const Document& doc);
// [{name, color, key, description}] in the label set's order.
std::string labels_json(const LabelSet& labels);
// ["...", ...]
std::string strings_json(const std::vector<std::string>& list);

// A value that is JSON text already (array_json's, numbers_json's or object_json's result).
struct JsonText {
    std::string_view text;
};

// One field of a small record: a boolean, a number, a string or JSON text.
struct JsonField {
    std::string_view key;
    std::variant<bool, int64_t, double, std::string_view, JsonText> value;
    template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
    JsonField(std::string_view k, T v) : key(k) {
        if constexpr (std::is_same_v<T, bool>)
            value = v;
        else if constexpr (std::is_integral_v<T>)
            value = static_cast<int64_t>(v);
        else
            value = static_cast<double>(v);
    }
    JsonField(std::string_view k, std::string_view v) : key(k), value(v) {}
    JsonField(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
    JsonField(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
    JsonField(std::string_view k, JsonText v) : key(k), value(v) {}
};
// {"key": value, ...} (keys sorted, as nlohmann::json writes an object).
std::string object_json(std::initializer_list<JsonField> fields);
// The same object with its keys in the order given and its JsonText values copied as they are, not
// parsed again: for records nested a few levels deep (the accessibility description), where
// object_json would parse each level's JSON once per level above it. The JsonText values must be
// JSON made by these writers.
std::string spliced_object_json(std::initializer_list<JsonField> fields);
// [v1, v2, ...] of values that are JSON already (object_json's results).
std::string array_json(const std::vector<std::string>& values);
// [n1, n2, ...]
std::string numbers_json(const std::vector<uint32_t>& values);
std::string numbers_json(const std::vector<float>& values);

}  // namespace aa::io
