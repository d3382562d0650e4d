// The native format ("article-annotator", version 1): the file users download. The reader checks
// everything and reports every problem with its JSON path and position; a read is atomic. The
// writer emits fields in a stable order, entities in document order. See docs/format.md.
//
// [SECTION] writer  [SECTION] reader: metadata, labels, entities  [SECTION] registry entry points
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "io/formats_internal.hpp"
#include "io/native_json.hpp"

namespace aa::io {
namespace native {

using json::ojson;

namespace {
constexpr const char* kFormatMark = "article-annotator";
constexpr uint64_t kVersion = 1;
using detail::unit_words;

ojson attributes_json(const Attributes& attrs) {
    ojson o = ojson::object();
    for (const auto& [k, v] : attrs) o[k] = v;
    return o;
}

}  // namespace

// ---- [SECTION] writer ----

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
    j["version"] = kVersion;
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
    if (!info.suggest.empty())
        if (auto v = json::parse_quiet(info.suggest); v && v->is_object()) j["suggest"] = std::move(*v);
    ojson entities = ojson::array();
    const EntityStore& store = doc.entities();
    for (Slot s : store.ordered()) {
        const Entity& e = store.get(s);
        ojson o = ojson::object();
        o["id"] = e.id;
        o["start"] = off(e.start);
        o["end"] = off(e.end);
        o["label"] = e.label;
        o["text"] = std::string(doc.text_of(e));
        if (!e.note.empty()) o["note"] = e.note;
        if (!e.kb_id.empty()) o["kb_id"] = e.kb_id;
        if (!e.attributes.empty()) o["attributes"] = attributes_json(e.attributes);
        entities.push_back(std::move(o));
    }
    j["entities"] = std::move(entities);
    return j;
}

namespace {

// One line: {"a": 1, "b": [1, 2]}. nlohmann's compact dump has no spaces after separators.
void append_inline(std::string& out, const ojson& v) {
    if (v.is_object()) {
        if (v.empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ", ";
            first = false;
            out += json::dump(ojson(it.key()));
            out += ": ";
            append_inline(out, it.value());
        }
        out += '}';
    } else if (v.is_array()) {
        if (v.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i > 0) out += ", ";
            append_inline(out, v[i]);
        }
        out += ']';
    } else {
        out += json::dump(v);
    }
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
        if (v.is_array() && !v.empty()) {
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

// ---- [SECTION] reader ----

namespace {

struct Reader {
    json::Reporter& r;
    JsonPath base;

    void warn_unknown(const ojson& obj, const JsonPath& path, std::initializer_list<const char*> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool ok = false;
            for (const char* k : known) ok |= it.key() == k;
            if (!ok) r.warning(path / it.key(), "unknown field (ignored)");
        }
    }

    std::optional<Attributes> attributes(const ojson& obj, const JsonPath& obj_path) {
        auto it = obj.find("attributes");
        if (it == obj.end()) return Attributes{};
        const JsonPath p = obj_path / std::string("attributes");
        if (!it->is_object()) {
            r.error(p, "expected an object, got " + json::describe(*it, r.raw(p)));
            return std::nullopt;
        }
        Attributes out;
        bool ok = true;
        for (auto a = it->begin(); a != it->end(); ++a) {
            if (!a.value().is_string()) {
                const JsonPath ap = p / a.key();
                r.error(ap, "expected a string, got " + json::describe(a.value(), r.raw(ap)));
                ok = false;
                continue;
            }
            out.emplace_back(a.key(), a.value().get<std::string>());
        }
        if (!ok) return std::nullopt;
        return out;
    }

    // An offset in the file's unit -> code points, or nullopt after reporting why not.
    // `key` of the object at `obj`: the path is built only for a message (it costs allocations).
    std::optional<size_t> offset(uint64_t v, const Text& text, OffsetUnit unit, const JsonPath& obj, const char* key) {
        const size_t limit = text.size_in(unit);
        if (v <= limit)
            if (const auto cp = text.convert(static_cast<size_t>(v), unit, OffsetUnit::CodePoint)) return *cp;
        const JsonPath p = obj / std::string(key);
        if (v > limit) {
            r.error(p, std::to_string(v) + " is past the end of the text (" + std::to_string(limit) + " " +
                           unit_words(unit) + ")");
            return std::nullopt;
        }
        const auto cp = text.convert(static_cast<size_t>(v), unit, OffsetUnit::CodePoint);
        if (!cp) {
            const size_t at = static_cast<size_t>(v);  // v <= limit: fits
            const size_t c = unit == OffsetUnit::Utf8 ? text.cp_of_byte(at) : text.cp_of_utf16(at);
            const size_t from = text.convert(c, OffsetUnit::CodePoint, unit).value_or(0);
            const size_t to = text.convert(c + 1, OffsetUnit::CodePoint, unit).value_or(0);
            r.error(p, std::string(offset_unit_name(unit)) + " offset " + std::to_string(v) +
                           " is inside the character " + json::quote(text.slice(c, c + 1)) + " (" +
                           offset_unit_name(unit) + " " + std::to_string(from) + " to " + std::to_string(to) + ")");
            return std::nullopt;
        }
        return *cp;
    }
};

}  // namespace

std::optional<Document> from_json(const ojson& root, const JsonPath& base, json::Reporter& r) {
    if (!root.is_object()) {
        r.error(base, "expected an object at the top level, got " + json::describe(root, r.raw(base)));
        return std::nullopt;
    }
    Reader rd{r, base};
    rd.warn_unknown(root, base,
                    {"format", "version", "offsets", "title", "source", "created", "modified", "note", "attributes",
                     "text", "labels", "suggest", "entities"});

    // -- format, version, offsets --
    if (auto f = json::get_string(root, base, "format", true, r); f && *f != kFormatMark)
        r.error(base / std::string("format"), "expected \"article-annotator\", got " + json::quote(*f));
    if (auto it = root.find("version"); it == root.end()) {
        r.error(base, "missing required field \"version\"");
    } else if (!(it->is_number_unsigned() && it->get<uint64_t>() == kVersion)) {
        // Only a bad version needs its raw text (locating it scans the input up to it: the text).
        const JsonPath p = base / std::string("version");
        const std::string raw = r.raw(p);
        const bool big_integer =
            it->is_number_float() && !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos;
        if (!it->is_number_integer() && !big_integer) {
            r.error(p, "expected an integer, got " + json::describe(*it, raw));
        } else {
            r.error(p, "unsupported version " + raw + " (this annotator reads version 1)");
        }
    }
    OffsetUnit unit = OffsetUnit::CodePoint;
    if (auto u = json::get_string(root, base, "offsets", false, r)) {
        if (*u == "codepoint")
            unit = OffsetUnit::CodePoint;
        else if (*u == "utf16")
            unit = OffsetUnit::Utf16;
        else if (*u == "utf8")
            unit = OffsetUnit::Utf8;
        else
            r.error(base / std::string("offsets"),
                    "unknown offset unit " + json::quote(*u) + " (expected \"codepoint\", \"utf16\" or \"utf8\")");
    }

    // -- metadata --
    DocumentInfo info;
    if (auto v = json::get_string(root, base, "title", false, r)) info.title = *v;
    if (auto v = json::get_string(root, base, "source", false, r)) info.source = *v;
    if (auto v = json::get_string(root, base, "created", false, r)) info.created = *v;
    if (auto v = json::get_string(root, base, "modified", false, r)) info.modified = *v;
    if (auto v = json::get_string(root, base, "note", false, r)) info.note = *v;
    if (auto v = rd.attributes(root, base)) info.attributes = std::move(*v);
    if (auto it = root.find("suggest"); it != root.end()) {
        const JsonPath sp = base / std::string("suggest");
        if (!it->is_object())
            r.error(sp, "expected an object, got " + json::describe(*it, r.raw(sp)));
        else
            info.suggest = json::dump(*it);
    }

    // -- text --
    std::optional<Text> text;
    if (auto t = json::get_string(root, base, "text", true, r)) {
        auto made = Text::from_utf8(std::move(*t));  // the input was validated: this cannot fail
        if (made.ok())
            text = std::move(made.value());
        else
            r.error(base / std::string("text"), made.error().message);
    }

    // -- labels --
    LabelSet labels;
    bool labels_declared = false;
    std::set<std::string> declared_names;
    if (auto it = root.find("labels"); it != root.end()) {
        const JsonPath lp = base / std::string("labels");
        if (!it->is_array()) {
            r.error(lp, "expected an array, got " + json::describe(*it, r.raw(lp)));
        } else {
            labels_declared = true;
            std::unordered_map<std::string, size_t> name_at, key_at;
            for (size_t i = 0; i < it->size(); ++i) {
                const ojson& lj = (*it)[i];
                const JsonPath p = lp / i;
                if (!json::require_object(lj, p, r)) continue;
                rd.warn_unknown(lj, p, {"name", "color", "key", "description"});
                Label label;
                bool ok = true;
                if (auto n = json::get_string(lj, p, "name", true, r)) {
                    label.name = *n;
                    declared_names.insert(*n);
                    if (Status s = check_label_name(*n); !s) {
                        r.error(p / std::string("name"), s.error().message);
                        ok = false;
                    } else if (auto [at, fresh] = name_at.emplace(*n, i); !fresh) {
                        r.error(p / std::string("name"), "duplicate label " + json::quote(*n) + " (also labels[" +
                                                             std::to_string(at->second) + "])");
                        ok = false;
                    }
                } else {
                    ok = false;
                }
                if (auto c = json::get_string(lj, p, "color", false, r)) {
                    if (auto parsed = Color::parse(*c))
                        label.color = *parsed;
                    else {
                        r.error(p / std::string("color"),
                                "invalid colour " + json::quote(*c) + " (expected \"#rrggbb\")");
                        ok = false;
                    }
                } else if (lj.contains("color")) {
                    ok = false;
                } else {
                    label.color = labels.next_color();
                }
                if (auto k = json::get_string(lj, p, "key", false, r)) {
                    label.key = *k;
                    if (Status s = check_label_key(*k); !s) {
                        r.error(p / std::string("key"), s.error().message);
                        ok = false;
                    } else if (!k->empty()) {
                        if (auto [at, fresh] = key_at.emplace(*k, i); !fresh) {
                            r.error(p / std::string("key"), "hotkey " + json::quote(*k) +
                                                                " is already used by labels[" +
                                                                std::to_string(at->second) + "]");
                            ok = false;
                        }
                    }
                } else if (lj.contains("key")) {
                    ok = false;
                }
                if (auto d = json::get_string(lj, p, "description", false, r))
                    label.description = *d;
                else if (lj.contains("description"))
                    ok = false;
                if (ok) {
                    Status s = labels.insert(labels.size(), std::move(label));
                    if (!s) r.error(p, s.error().message);
                }
            }
        }
    }

    // -- entities --
    std::vector<std::pair<Entity, JsonPath>> entities;
    auto eit = root.find("entities");
    if (eit == root.end()) {
        r.error(base, "missing required field \"entities\"");
    } else if (const JsonPath ep = base / std::string("entities"); !eit->is_array()) {
        r.error(ep, "expected an array, got " + json::describe(*eit, r.raw(ep)));
    } else {
        std::unordered_map<std::string, size_t> id_at;
        std::map<std::tuple<size_t, size_t, std::string>, size_t> span_at;
        for (size_t i = 0; i < eit->size(); ++i) {
            const ojson& ej = (*eit)[i];
            const JsonPath p = ep / i;
            if (!json::require_object(ej, p, r)) continue;
            rd.warn_unknown(ej, p, {"id", "start", "end", "label", "text", "note", "kb_id", "attributes"});
            Entity e;
            bool ok = true;
            if (auto id = json::get_string(ej, p, "id", true, r)) {
                e.id = *id;
                if (id->empty()) {
                    r.error(p / std::string("id"), "an entity id cannot be empty");
                    ok = false;
                } else if (auto [at, fresh] = id_at.emplace(*id, i); !fresh) {
                    r.error(p / std::string("id"), "duplicate id " + json::quote(*id) + " (also entities[" +
                                                       std::to_string(at->second) + "])");
                    ok = false;
                }
            } else {
                ok = false;
            }
            const auto start = json::get_uint(ej, p, "start", true, r);
            const auto end = json::get_uint(ej, p, "end", true, r);
            std::optional<size_t> s_cp, e_cp;
            if (text && start) s_cp = rd.offset(*start, *text, unit, p, "start");
            if (text && end) e_cp = rd.offset(*end, *text, unit, p, "end");
            bool span_ok = s_cp && e_cp;
            if (span_ok && *e_cp <= *s_cp) {
                r.error(p / std::string("end"), std::to_string(*end) + " is not after start " + std::to_string(*start));
                span_ok = false;
            }
            if (!span_ok) ok = false;
            if (auto l = json::get_string(ej, p, "label", true, r)) {
                e.label = *l;
                if (labels_declared) {
                    if (!declared_names.count(*l)) {
                        r.error(p / std::string("label"),
                                "unknown label " + json::quote(*l) + " (not declared in labels)");
                        ok = false;
                    }
                } else if (Status s = check_label_name(*l); !s) {
                    r.error(p / std::string("label"), s.error().message);
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (auto t = json::get_string(ej, p, "text", true, r)) {
                if (span_ok) {
                    const std::string_view actual = text->slice(*s_cp, *e_cp);
                    if (*t != actual) {
                        r.error(p / std::string("text"), json::quote(*t) + " does not match the document text at [" +
                                                             std::to_string(*start) + ", " + std::to_string(*end) +
                                                             "): " + json::quote(actual));
                        ok = false;
                    }
                }
            } else {
                ok = false;
            }
            if (auto v = json::get_string(ej, p, "note", false, r))
                e.note = *v;
            else if (ej.contains("note"))
                ok = false;
            if (auto v = json::get_string(ej, p, "kb_id", false, r))
                e.kb_id = *v;
            else if (ej.contains("kb_id"))
                ok = false;
            if (auto v = rd.attributes(ej, p))
                e.attributes = std::move(*v);
            else
                ok = false;
            if (span_ok && !e.label.empty()) {
                if (auto [at, fresh] = span_at.emplace(std::make_tuple(*s_cp, *e_cp, e.label), i); !fresh) {
                    r.error(p, "duplicate of entities[" + std::to_string(at->second) + "] (same start, end and label)");
                    ok = false;
                }
            }
            if (ok) {
                e.start = *s_cp;
                e.end = *e_cp;
                entities.emplace_back(std::move(e), p);
            }
        }
    }

    if (r.has_errors() || !text) return std::nullopt;

    // Labels not declared: derived from the entities, in order of first use, with palette colours.
    if (!labels_declared) {
        for (const auto& [e, p] : entities) {
            if (labels.find(e.label)) continue;
            Label l{e.label, labels.next_color(), labels.next_key(), {}};
            if (Status s = labels.insert(labels.size(), std::move(l)); !s)
                r.error(p / std::string("label"), s.error().message);
        }
    }
    Document doc(std::move(*text), std::move(labels));
    doc.info = std::move(info);
    for (auto& [e, p] : entities) {
        auto ins = doc.insert_entity(std::move(e));
        if (!ins.ok()) r.error(p, ins.error().message);  // every check above ran first: not expected
    }
    if (r.has_errors()) return std::nullopt;
    return doc;
}

}  // namespace native

// ---- [SECTION] registry entry points ----

namespace detail {

ReadResult read_native(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    json::Reporter r(input);
    if (auto root = json::parse(input, r)) {
        if (options.offsets && !root->contains("offsets") && root->is_object())
            (*root)["offsets"] = offset_unit_name(*options.offsets);
        if (auto doc = native::from_json(*root, {}, r)) result.documents.push_back(std::move(*doc));
    }
    result.diagnostics = r.finish();
    if (!result.ok()) result.documents.clear();
    return result;
}

WriteResult write_native(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (docs.size() != 1 || docs[0] == nullptr) {
        Diagnostic d;
        d.message = "the native format holds exactly one document (got " + std::to_string(docs.size()) + ")";
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    result.output = native::layout(native::to_json(*docs[0], options.offsets), options.pretty);
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
