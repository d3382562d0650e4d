// The native format's version 2 members (native_json.hpp): relation types, document label types,
// the single/multi choice, the guidelines, relations and the document's labels, written as JSON
// values and read back with every problem reported at its path. Shared by the native reader and
// writers and the session's ops.
//
// [SECTION] writing  [SECTION] reading one value  [SECTION] reading a document's members
#include <algorithm>
#include <unordered_set>

#include "io/native_json.hpp"

namespace aa::io::native {

using json::ojson;

// ---- [SECTION] writing ----

ojson label_json(const Label& l) {
    ojson o = ojson::object();
    o["name"] = l.name;
    o["color"] = l.color.hex();
    if (!l.key.empty()) o["key"] = l.key;
    if (!l.description.empty()) o["description"] = l.description;
    return o;
}

ojson relation_type_json(const RelationType& t) {
    ojson o = ojson::object();
    o["name"] = t.name;
    o["color"] = t.color.hex();
    if (!t.key.empty()) o["key"] = t.key;
    if (!t.description.empty()) o["description"] = t.description;
    if (!t.sources.empty()) o["sources"] = t.sources;
    if (!t.targets.empty()) o["targets"] = t.targets;
    if (t.symmetric) o["symmetric"] = true;
    return o;
}

ojson relation_json(const Relation& r) {
    ojson o = ojson::object();
    o["id"] = r.id;
    o["type"] = r.type;
    o["from"] = r.from;
    o["to"] = r.to;
    if (!r.note.empty()) o["note"] = r.note;
    if (!r.annotator.empty()) o["annotator"] = r.annotator;
    if (!r.created.empty()) o["created"] = r.created;
    return o;
}

ojson doc_labels_json(const DocLabels& d) {
    ojson o = ojson::object();
    o["multi"] = d.multi;
    o["chosen"] = d.chosen;
    return o;
}

bool uses_version_2(const Document& doc) {
    if (!doc.relation_types().empty() || !doc.relations().empty() || !doc.doc_label_types().empty() ||
        doc.doc_labels().multi || !doc.doc_labels().chosen.empty() || !doc.info.guidelines.empty())
        return true;
    // Who made an entity (annotator, created) and its lock are version 2 fields: a version 1 reader
    // would warn. The store counts such entities as they change (O(1) here, no scan of 100,000).
    return doc.entities().count_made_or_locked() > 0;
}

std::vector<std::pair<const char*, ojson>> members_after_labels(const Document& doc) {
    std::vector<std::pair<const char*, ojson>> out;
    if (!doc.relation_types().empty()) {
        ojson a = ojson::array();
        for (const RelationType& t : doc.relation_types().all()) a.push_back(relation_type_json(t));
        out.emplace_back("relation_types", std::move(a));
    }
    if (!doc.doc_label_types().empty()) {
        ojson a = ojson::array();
        for (const Label& l : doc.doc_label_types().all()) a.push_back(label_json(l));
        out.emplace_back("doc_label_types", std::move(a));
    }
    if (doc.doc_labels().multi) out.emplace_back("doc_label_choice", "multi");
    if (!doc.info.guidelines.empty()) out.emplace_back("guidelines", doc.info.guidelines);
    return out;
}

std::vector<std::pair<const char*, ojson>> members_after_entities(const Document& doc) {
    std::vector<std::pair<const char*, ojson>> out;
    if (!doc.relations().empty()) {
        ojson a = ojson::array();
        for (const auto& [id, r] : doc.relations().all()) a.push_back(relation_json(r));
        out.emplace_back("relations", std::move(a));
    }
    if (!doc.doc_labels().chosen.empty()) out.emplace_back("doc_labels", doc.doc_labels().chosen);
    return out;
}

// ---- [SECTION] reading one value ----

namespace {

void warn_unknown(const ojson& o, const JsonPath& p, std::initializer_list<const char*> known, json::Reporter& r) {
    for (auto it = o.begin(); it != o.end(); ++it)
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
            r.warning(p / it.key(), "unknown field (ignored)");
}

std::optional<std::vector<std::string>> string_list(const ojson& o, const JsonPath& p, const char* key,
                                                    json::Reporter& r) {
    std::vector<std::string> out;
    auto it = o.find(key);
    if (it == o.end()) return out;
    const JsonPath lp = p / std::string(key);
    if (!it->is_array()) {
        r.error(lp, "expected an array of strings, got " + json::describe(*it, r.raw(lp)));
        return std::nullopt;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) {
            r.error(lp / i, "expected a string, got " + json::describe((*it)[i], r.raw(lp / i)));
            return std::nullopt;
        }
        out.push_back((*it)[i].get<std::string>());
    }
    return out;
}

std::optional<Color> color_of(const ojson& o, const JsonPath& p, json::Reporter& r) {
    auto color = json::get_string(o, p, "color", true, r);
    if (!color) return std::nullopt;
    auto c = Color::parse(*color);
    if (!c) r.error(p / std::string("color"), "invalid colour " + json::quote(*color) + " (expected \"#rrggbb\")");
    return c;
}

}  // namespace

std::optional<Label> label_from_json(const ojson& v, const JsonPath& p, json::Reporter& r) {
    if (!json::require_object(v, p, r)) return std::nullopt;
    warn_unknown(v, p, {"name", "color", "key", "description"}, r);
    auto name = json::get_string(v, p, "name", true, r);
    auto color = color_of(v, p, r);
    auto key = json::get_string(v, p, "key", false, r);
    auto desc = json::get_string(v, p, "description", false, r);
    if (!name || !color) return std::nullopt;
    return Label{*name, *color, key.value_or(""), desc.value_or("")};
}

std::optional<RelationType> relation_type_from_json(const ojson& v, const JsonPath& p, json::Reporter& r) {
    if (!json::require_object(v, p, r)) return std::nullopt;
    warn_unknown(v, p, {"name", "color", "key", "description", "sources", "targets", "symmetric"}, r);
    auto name = json::get_string(v, p, "name", true, r);
    auto color = color_of(v, p, r);
    auto key = json::get_string(v, p, "key", false, r);
    auto desc = json::get_string(v, p, "description", false, r);
    auto sources = string_list(v, p, "sources", r);
    auto targets = string_list(v, p, "targets", r);
    bool symmetric = false;
    if (auto it = v.find("symmetric"); it != v.end()) {
        if (!it->is_boolean()) {
            const JsonPath sp = p / std::string("symmetric");
            r.error(sp, "expected true or false, got " + json::describe(*it, r.raw(sp)));
            return std::nullopt;
        }
        symmetric = it->get<bool>();
    }
    if (!name || !color || !sources || !targets) return std::nullopt;
    return RelationType{*name,    *color, key.value_or(""), desc.value_or(""), std::move(*sources), std::move(*targets),
                        symmetric};
}

std::optional<Relation> relation_from_json(const ojson& v, const JsonPath& p, json::Reporter& r) {
    if (!json::require_object(v, p, r)) return std::nullopt;
    warn_unknown(v, p, {"id", "type", "from", "to", "note", "annotator", "created"}, r);
    auto id = json::get_string(v, p, "id", true, r);
    auto type = json::get_string(v, p, "type", true, r);
    auto from = json::get_string(v, p, "from", true, r);
    auto to = json::get_string(v, p, "to", true, r);
    auto note = json::get_string(v, p, "note", false, r);
    auto annotator = json::get_string(v, p, "annotator", false, r);
    auto created = json::get_string(v, p, "created", false, r);
    if (!id || !type || !from || !to) return std::nullopt;
    return Relation{*id, *type, *from, *to, note.value_or(""), annotator.value_or(""), created.value_or("")};
}

std::optional<DocLabels> doc_labels_from_json(const ojson& v, const JsonPath& p, json::Reporter& r) {
    if (!json::require_object(v, p, r)) return std::nullopt;
    DocLabels d;
    auto it = v.find("multi");
    if (it == v.end() || !it->is_boolean()) {
        r.error(p / std::string("multi"), "expected true or false");
        return std::nullopt;
    }
    d.multi = it->get<bool>();
    auto chosen = string_list(v, p, "chosen", r);
    if (!chosen) return std::nullopt;
    d.chosen = std::move(*chosen);
    return d;
}

// ---- [SECTION] reading a document's members ----

namespace {

void read_relation_types(Document& doc, const ojson& a, const JsonPath& p, json::Reporter& r) {
    for (size_t i = 0; i < a.size(); ++i) {
        auto t = relation_type_from_json(a[i], p / i, r);
        if (!t) continue;
        for (const char* side : {"sources", "targets"}) {
            const auto& list = std::string_view(side) == "sources" ? t->sources : t->targets;
            for (size_t k = 0; k < list.size(); ++k)
                if (!doc.labels().find(list[k]))
                    r.error(p / i / std::string(side) / k,
                            "unknown label " + json::quote(list[k]) + " (not declared in labels)");
        }
        if (Status s = doc.insert_relation_type(doc.relation_types().size(), std::move(*t)); !s)
            r.error(p / i, s.error().message);
    }
}

void read_doc_label_types(Document& doc, const ojson& a, const JsonPath& p, json::Reporter& r) {
    for (size_t i = 0; i < a.size(); ++i) {
        auto l = label_from_json(a[i], p / i, r);
        if (!l) continue;
        if (Status s = doc.insert_doc_label_type(doc.doc_label_types().size(), std::move(*l)); !s)
            r.error(p / i, s.error().message);
    }
}

void read_relations(Document& doc, const ojson& a, const JsonPath& p, json::Reporter& r) {
    for (size_t i = 0; i < a.size(); ++i) {
        auto rel = relation_from_json(a[i], p / i, r);
        if (!rel) continue;
        const JsonPath rp = p / i;
        const RelationType* type = doc.relation_types().find(rel->type);
        if (!type) {
            r.error(rp / std::string("type"),
                    "unknown relation type " + json::quote(rel->type) + " (not declared in relation_types)");
            continue;
        }
        const Entity* from = doc.entities().find(rel->from);
        const Entity* to = doc.entities().find(rel->to);
        if (!from) r.error(rp / std::string("from"), "no entity with id " + json::quote(rel->from));
        if (!to) r.error(rp / std::string("to"), "no entity with id " + json::quote(rel->to));
        if (!from || !to) continue;
        // A relabelled entity can leave a relation its type does not allow: kept, with a warning,
        // so that the work is not lost.
        if (Status s = check_endpoints(*type, from->label, to->label); !s) r.warning(rp, s.error().message);
        if (Status s = doc.insert_relation(std::move(*rel)); !s) r.error(rp, s.error().message);
    }
}

}  // namespace

void members_from_json(Document& doc, const ojson& members, const JsonPath& base, json::Reporter& r) {
    auto array_at = [&](const char* key) -> const ojson* {
        auto it = members.find(key);
        if (it == members.end()) return nullptr;
        if (!it->is_array()) {
            r.error(base / std::string(key), "expected an array, got " + json::describe(*it, r.raw(base / key)));
            return nullptr;
        }
        return &*it;
    };
    auto string_at = [&](const char* key) -> std::optional<std::string> {
        auto it = members.find(key);
        if (it == members.end()) return std::nullopt;
        if (!it->is_string()) {
            r.error(base / std::string(key), "expected a string, got " + json::describe(*it, r.raw(base / key)));
            return std::nullopt;
        }
        return it->get<std::string>();
    };
    if (const ojson* a = array_at("relation_types")) read_relation_types(doc, *a, base / "relation_types", r);
    if (const ojson* a = array_at("doc_label_types")) read_doc_label_types(doc, *a, base / "doc_label_types", r);
    DocLabels d;
    if (auto choice = string_at("doc_label_choice")) {
        if (*choice == "multi" || *choice == "single")
            d.multi = *choice == "multi";
        else
            r.error(base / "doc_label_choice", "expected \"single\" or \"multi\", got " + json::quote(*choice));
    }
    if (auto g = string_at("guidelines")) doc.info.guidelines = std::move(*g);
    if (const ojson* a = array_at("relations")) read_relations(doc, *a, base / "relations", r);
    if (const ojson* a = array_at("doc_labels")) {
        const JsonPath p = base / "doc_labels";
        for (size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string()) {
                r.error(p / i, "expected a string, got " + json::describe((*a)[i], r.raw(p / i)));
                continue;
            }
            std::string name = (*a)[i].get<std::string>();
            if (!doc.doc_label_types().find(name))
                r.error(p / i, "unknown document label " + json::quote(name) + " (not declared in doc_label_types)");
            else
                d.chosen.push_back(std::move(name));
        }
    }
    if (Status s = doc.set_doc_labels(std::move(d)); !s) r.error(base / "doc_labels", s.error().message);
}

}  // namespace aa::io::native
