// The native format ("article-annotator", versions 1 and 2): the file users download. The writer emits
// fields in a stable order, entities in document order (docs/format.md); the reader, which checks
// everything, is native_read.cpp.
//
// [SECTION] writer (a tree)  [SECTION] streaming writer (also in pieces, for the session)  [SECTION] registry entry
// points
#include <algorithm>

#include "core/utf8.hpp"
#include "io/formats_internal.hpp"
#include "io/native_json.hpp"
#include "io/span_formats.hpp"
#include "io/suggest_json.hpp"

namespace aa::io {
namespace native {

using json::ojson;

namespace {

ojson attributes_json(const Attributes& attrs) {
    ojson o = ojson::object();
    for (const auto& [k, v] : attrs) o[k] = v;
    return o;
}

}  // namespace

// ---- [SECTION] writer ----

ojson entity_json(const Entity& e, size_t start, size_t end, std::optional<std::string_view> text) {
    ojson o = ojson::object();
    o["id"] = e.id;
    o["start"] = start;
    o["end"] = end;
    o["label"] = e.label;
    if (text) o["text"] = std::string(*text);
    if (!e.note.empty()) o["note"] = e.note;
    if (!e.kb_id.empty()) o["kb_id"] = e.kb_id;
    if (!e.annotator.empty()) o["annotator"] = e.annotator;
    if (!e.created.empty()) o["created"] = e.created;
    if (e.locked) o["locked"] = true;
    if (!e.attributes.empty()) o["attributes"] = attributes_json(e.attributes);
    return o;
}

ojson to_json(const Document& doc, OffsetUnit offsets) {
    const Text& text = doc.text();
    auto off = [&](size_t cp) -> size_t {
        switch (offsets) {
            case OffsetUnit::CodePoint: return cp;
            case OffsetUnit::Utf16: return text.utf16_of(cp);
            case OffsetUnit::Utf8: return text.byte_of(cp);
        }
        return cp;
    };
    ojson j = ojson::object();
    j["format"] = kFormatMark;
    j["version"] = uses_version_2(doc) ? kVersionRelations : kVersion;
    j["offsets"] = offset_unit_name(offsets);
    const DocumentInfo& info = doc.info;
    if (!info.title.empty()) j["title"] = info.title;
    if (!info.source.empty()) j["source"] = info.source;
    if (!info.created.empty()) j["created"] = info.created;
    if (!info.modified.empty()) j["modified"] = info.modified;
    if (!info.note.empty()) j["note"] = info.note;
    if (!info.attributes.empty()) j["attributes"] = attributes_json(info.attributes);
    j["text"] = text.utf8();
    ojson labels = ojson::array();
    for (const Label& l : doc.labels().all()) {
        ojson o = ojson::object();
        o["name"] = l.name;
        o["color"] = l.color.hex();
        if (!l.key.empty()) o["key"] = l.key;
        if (!l.description.empty()) o["description"] = l.description;
        labels.push_back(std::move(o));
    }
    j["labels"] = std::move(labels);
    for (auto& [key, value] : members_after_labels(doc)) j[key] = std::move(value);
    if (info.suggest) j["suggest"] = page::suggest_to_json(*info.suggest);
    ojson entities = ojson::array();
    const EntityStore& store = doc.entities();
    for (Slot s : store.ordered()) {
        const Entity& e = store.get(s);
        entities.push_back(entity_json(e, off(e.start), off(e.end), doc.text_of(e)));
    }
    j["entities"] = std::move(entities);
    for (auto& [key, value] : members_after_entities(doc)) j[key] = std::move(value);
    if (!doc.token_layer.empty()) j["tokens"] = token_layer_json(doc.token_layer, text, offsets);
    return j;
}

namespace {

// One line: {"a": 1, "b": [1, 2]} (the layout every JSON writer shares: span_formats.cpp).
void append_inline(std::string& out, const ojson& v) { out += spans::inline_json(v); }

// The token layer (pretty): one member per line, its lines and tokens one per line.
void append_tokens(std::string& out, const ojson& v) {
    out += "{\n";
    size_t m = 0;
    for (auto t = v.begin(); t != v.end(); ++t, ++m) {
        out += "    " + json::dump(ojson(t.key())) + ": ";
        if (t.value().is_array() && !t.value().empty() && t.value()[0].is_array()) {  // lines, list: one a line
            out += "[\n";
            for (size_t i = 0; i < t.value().size(); ++i) {
                out += "      ";
                append_inline(out, t.value()[i]);
                out += i + 1 < t.value().size() ? ",\n" : "\n";
            }
            out += "    ]";
        } else {
            append_inline(out, t.value());
        }
        out += m + 1 < v.size() ? ",\n" : "\n";
    }
    out += "  }";
}

}  // namespace

std::string layout(const ojson& doc, bool pretty) {
    if (!pretty) return json::dump(doc);
    std::string out = "{\n";
    bool first = true;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!first) out += ",\n";
        first = false;
        out += "  " + json::dump(ojson(it.key())) + ": ";
        const ojson& v = it.value();
        if (it.key() == "tokens" && v.is_object()) {
            append_tokens(out, v);
        } else if (v.is_array() && !v.empty()) {
            out += "[\n";
            for (size_t i = 0; i < v.size(); ++i) {
                out += "    ";
                append_inline(out, v[i]);
                out += i + 1 < v.size() ? ",\n" : "\n";
            }
            out += "  ]";
        } else {
            append_inline(out, v);
        }
    }
    return out + "\n}\n";
}

// ---- [SECTION] streaming writer ----
// The same bytes as layout(to_json(doc), pretty), written straight into one string: no tree, one
// allocation per growth of the output (the test "the streaming writer writes what the tree writer
// lays out" holds them equal).

// A JSON string as nlohmann's dump writes it (ensure_ascii off): \" \\ \b \f \n \r \t, other
// control characters as \u00xx, the rest as is; invalid UTF-8 goes through nlohmann (U+FFFD).
void append_string(std::string& out, std::string_view s) {
    if (utf8::validate(s)) {  // where it is invalid
        out += json::dump(ojson(std::string(s)));
        return;
    }
    out += '"';
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.substr(run, i - run));
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    out.append(s.substr(run));
    out += '"';
}

namespace {

void append_attributes(std::string& out, const Attributes& attrs, const char* comma, const char* colon) {
    if (attrs.empty()) {
        out += "{}";
        return;
    }
    out += '{';
    for (size_t i = 0; i < attrs.size(); ++i) {
        if (i > 0) out += comma;
        append_string(out, attrs[i].first);
        out += colon;
        append_string(out, attrs[i].second);
    }
    out += '}';
}

// entity_json(e, start, end, text) laid out inline (pretty: ", " and ": " between members).
void append_entity_object(std::string& out, const Entity& e, size_t start, size_t end,
                          std::optional<std::string_view> text, bool pretty) {
    const char* comma = pretty ? ", " : ",";
    const char* colon = pretty ? ": " : ":";
    auto key = [&](const char* k, bool first) {
        if (!first) out += comma;
        append_string(out, k);
        out += colon;
    };
    out += '{';
    key("id", true);
    append_string(out, e.id);
    key("start", false);
    out += std::to_string(start);
    key("end", false);
    out += std::to_string(end);
    key("label", false);
    append_string(out, e.label);
    if (text) {
        key("text", false);
        append_string(out, *text);
    }
    for (auto [k, value] : {std::pair{"note", &e.note}, std::pair{"kb_id", &e.kb_id},
                            std::pair{"annotator", &e.annotator}, std::pair{"created", &e.created}})
        if (!value->empty()) {
            key(k, false);
            append_string(out, *value);
        }
    if (e.locked) {
        key("locked", false);
        out += "true";
    }
    if (!e.attributes.empty()) {
        key("attributes", false);
        append_attributes(out, e.attributes, comma, colon);
    }
    out += '}';
}

class Writer {
public:
    Writer(std::string& out, bool pretty)
        : pretty_(pretty), comma_(pretty ? ", " : ","), colon_(pretty ? ": " : ":"), out_(out) {}

    // The whole file is begin(), entities(0, n), end(). The snapshot of the autosave calls them
    // apart, a range of entities at a time (write_document_begin and after).
    void begin(const Document& doc, OffsetUnit offsets, bool with_text);
    void entities(const Document& doc, OffsetUnit offsets, size_t from, size_t to);
    void end(const Document& doc, OffsetUnit offsets);

private:
    // A member of the top-level object: `  "key": ` (pretty) or `"key":`.
    void member(const char* key) {
        out_ += first_ ? (pretty_ ? "{\n  " : "{") : (pretty_ ? ",\n  " : ",");
        first_ = false;
        append_string(out_, key);
        out_ += colon_;
    }
    void field(const char* key, std::string_view value) {
        member(key);
        append_string(out_, value);
    }
    // Inside an inline object: `, "key": ` after the first member.
    void inline_key(const char* key, bool first) {
        if (!first) out_ += comma_;
        append_string(out_, key);
        out_ += colon_;
    }
    void attributes(const Attributes& attrs);
    // One element of a top-level array, on its own line when pretty.
    void element(bool first) {
        if (pretty_)
            out_ += first ? "[\n    " : ",\n    ";
        else
            out_ += first ? "[" : ",";
    }
    void end_array(bool empty) { out_ += empty ? "[]" : (pretty_ ? "\n  ]" : "]"); }
    void labels(const LabelSet& labels);
    // Members given as JSON values, laid out as layout() lays them out.
    void values(const std::vector<std::pair<const char*, ojson>>& members);

    bool pretty_;
    const char* comma_;
    const char* colon_;
    bool first_ = true;
    std::string& out_;
};

void Writer::attributes(const Attributes& attrs) { append_attributes(out_, attrs, comma_, colon_); }

void Writer::labels(const LabelSet& labels) {
    member("labels");
    for (size_t i = 0; i < labels.size(); ++i) {
        const Label& l = labels[i];
        element(i == 0);
        out_ += '{';
        inline_key("name", true);
        append_string(out_, l.name);
        inline_key("color", false);
        append_string(out_, l.color.hex());
        if (!l.key.empty()) {
            inline_key("key", false);
            append_string(out_, l.key);
        }
        if (!l.description.empty()) {
            inline_key("description", false);
            append_string(out_, l.description);
        }
        out_ += '}';
    }
    end_array(labels.size() == 0);
}

void Writer::entities(const Document& doc, OffsetUnit offsets, size_t from, size_t to) {
    const Text& text = doc.text();
    const EntityStore& store = doc.entities();
    const std::vector<Slot>& order = store.ordered();
    to = std::min(to, order.size());
    for (size_t i = from; i < to; ++i) {
        const Entity& e = store.get(order[i]);
        element(i == 0);
        append_entity_object(out_, e, text.convert(e.start, OffsetUnit::CodePoint, offsets).value_or(e.start),
                             text.convert(e.end, OffsetUnit::CodePoint, offsets).value_or(e.end), doc.text_of(e),
                             pretty_);
    }
}

void Writer::values(const std::vector<std::pair<const char*, ojson>>& members) {
    for (const auto& [key, v] : members) {
        member(key);
        if (!pretty_) {
            out_ += json::dump(v);
        } else if (v.is_array() && !v.empty()) {
            for (size_t i = 0; i < v.size(); ++i) {
                element(i == 0);
                append_inline(out_, v[i]);
            }
            end_array(false);
        } else {
            append_inline(out_, v);
        }
    }
}

void Writer::begin(const Document& doc, OffsetUnit offsets, bool with_text) {
    const DocumentInfo& info = doc.info;
    field("format", kFormatMark);
    member("version");
    out_ += std::to_string(uses_version_2(doc) ? kVersionRelations : kVersion);
    field("offsets", offset_unit_name(offsets));
    for (auto [key, value] :
         {std::pair{"title", &info.title}, std::pair{"source", &info.source}, std::pair{"created", &info.created},
          std::pair{"modified", &info.modified}, std::pair{"note", &info.note}})
        if (!value->empty()) field(key, *value);
    if (!info.attributes.empty()) {
        member("attributes");
        attributes(info.attributes);
    }
    field("text", with_text ? std::string_view(doc.text().utf8()) : std::string_view());
    labels(doc.labels());
    values(members_after_labels(doc));
    if (info.suggest) {  // the rules file's schema (page_state.hpp)
        member("suggest");
        const ojson v = page::suggest_to_json(*info.suggest);
        if (pretty_)
            append_inline(out_, v);
        else
            out_ += json::dump(v);
    }
    member("entities");
}

void Writer::end(const Document& doc, OffsetUnit offsets) {
    first_ = false;  // begin() wrote the members before (maybe through another Writer)
    end_array(doc.entities().size() == 0);
    values(members_after_entities(doc));
    if (!doc.token_layer.empty()) {
        member("tokens");
        const ojson t = token_layer_json(doc.token_layer, doc.text(), offsets);
        if (pretty_)
            append_tokens(out_, t);
        else
            out_ += json::dump(t);
    }
    out_ += pretty_ ? "\n}\n" : "}";
}

}  // namespace

std::string write_document(const Document& doc, OffsetUnit offsets, bool pretty) {
    std::string out;
    out.reserve(doc.text().utf8().size() * 2 + doc.entities().size() * 96 + 4096);
    Writer w(out, pretty);
    w.begin(doc, offsets, true);
    w.entities(doc, offsets, 0, doc.entities().size());
    w.end(doc, offsets);
    return out;
}

void write_document_begin(std::string& out, const Document& doc) {
    Writer(out, false).begin(doc, OffsetUnit::CodePoint, false);
}

void write_document_entities(std::string& out, const Document& doc, size_t from, size_t to) {
    Writer w(out, false);
    w.entities(doc, OffsetUnit::CodePoint, from, to);
}

void write_document_end(std::string& out, const Document& doc) { Writer(out, false).end(doc, OffsetUnit::CodePoint); }

void append_entity_json(std::string& out, const Entity& e) {
    append_entity_object(out, e, e.start, e.end, std::nullopt, false);
}

}  // namespace native

// ---- [SECTION] registry entry points ----

namespace detail {

WriteResult write_native(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (docs.size() != 1 || docs[0] == nullptr) {
        Diagnostic d;
        d.message = "the native format holds exactly one document (got " + std::to_string(docs.size()) + ")";
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    result.output = native::write_document(*docs[0], options.offsets, options.pretty);
    return result;
}

Sniff sniff_native(std::string_view content) {
    size_t i = content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    i = content.find_first_not_of(" \t\r\n", i);
    if (i == std::string_view::npos) return Sniff::Maybe;
    if (content[i] != '{') return Sniff::No;
    // The writer puts "format" first, but a hand-written file may not: look for the mark anywhere.
    for (size_t at = content.find("\"format\"", i); at != std::string_view::npos;
         at = content.find("\"format\"", at + 1)) {
        size_t j = content.find_first_not_of(" \t\r\n", at + 8);
        if (j == std::string_view::npos || content[j] != ':') continue;
        j = content.find_first_not_of(" \t\r\n", j + 1);
        if (j != std::string_view::npos && content.substr(j, 19) == "\"article-annotator\"") return Sniff::Yes;
    }
    return Sniff::Maybe;
}

}  // namespace detail
}  // namespace aa::io
