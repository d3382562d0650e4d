// The scripting API's JSON values (api_json.hpp), through nlohmann like every io writer.
#include "io/api_json.hpp"

#include <nlohmann/json.hpp>

namespace aa::io {
namespace {

using nlohmann::json;

// Replace rather than abort on invalid UTF-8 (dump throws otherwise, and exceptions are off).
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string entities_json(const Document& doc) {
    json out = json::array();
    for (Slot slot : doc.entities().ordered()) {
        const Entity& e = doc.entities().get(slot);
        json j = {{"id", e.id}, {"start", e.start}, {"end", e.end}, {"label", e.label}, {"text", doc.text_of(e)}};
        if (!e.note.empty()) j["note"] = e.note;
        if (!e.kb_id.empty()) j["kb_id"] = e.kb_id;
        if (!e.annotator.empty()) j["annotator"] = e.annotator;
        if (!e.created.empty()) j["created"] = e.created;
        if (!e.attributes.empty()) {
            json attrs = json::object();
            for (const auto& [k, v] : e.attributes) attrs[k] = v;
            j["attributes"] = std::move(attrs);
        }
        out.push_back(std::move(j));
    }
    return dump(out);
}

std::string labels_json(const LabelSet& labels) {
    json out = json::array();
    for (const Label& l : labels.all())
        out.push_back({{"name", l.name}, {"color", l.color.hex()}, {"key", l.key}, {"description", l.description}});
    return dump(out);
}

std::string strings_json(const std::vector<std::string>& list) { return dump(json(list)); }

std::string object_json(std::initializer_list<JsonField> fields) {
    json out = json::object();
    for (const JsonField& f : fields) {
        std::visit(
            [&](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, JsonText>) {
                    // Our own writers made it; a text that does not parse is written as null.
                    json parsed = json::parse(v.text, nullptr, false);
                    out[std::string(f.key)] = parsed.is_discarded() ? json() : std::move(parsed);
                } else {
                    out[std::string(f.key)] = v;
                }
            },
            f.value);
    }
    return dump(out);
}

std::string spliced_object_json(std::initializer_list<JsonField> fields) {
    std::string out = "{";
    for (const JsonField& f : fields) {
        if (out.size() > 1) out += ',';
        out += dump(json(f.key));
        out += ':';
        std::visit(
            [&](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, JsonText>)
                    out += v.text;
                else
                    out += dump(json(v));
            },
            f.value);
    }
    return out + "}";
}

std::string numbers_json(const std::vector<uint32_t>& values) { return dump(json(values)); }
std::string numbers_json(const std::vector<float>& values) { return dump(json(values)); }

std::string array_json(const std::vector<std::string>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + values[i];
    return out + "]";
}

}  // namespace aa::io
