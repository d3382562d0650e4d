// Team projects: ids, the JSON readers and writers of the project, article, ann: and gold:
// documents, and the assembly of an annotated article from them (team.hpp). The checks of a span
// against its text and of labels are the native reader's own (native::from_json): one rule set.
//
// [SECTION] ids  [SECTION] readers  [SECTION] writers  [SECTION] assembly
#include "io/team.hpp"

#include <algorithm>
#include <unordered_map>

#include "io/json_read.hpp"
#include "io/native_json.hpp"
#include "io/suggest_json.hpp"

namespace aa::io::team {

using json::ojson;

// ---- [SECTION] ids ----

Status check_article_id(std::string_view id) {
    if (id.empty()) return Error{"an article id cannot be empty", ""};
    if (id.size() > 128) return Error{"an article id has at most 128 characters", ""};
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return Error{"an article id may hold only letters, digits, '.', '_' and '-'", ""};
    }
    return {};
}

std::string article_id_from(std::string_view name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (out.size() < 128) out += ok ? c : '-';
    }
    return out.empty() ? std::string("article") : out;
}

std::string article_doc_id(std::string_view article) { return "article:" + std::string(article); }
std::string ann_doc_id(std::string_view article, std::string_view user) {
    return "ann:" + std::string(article) + ":" + std::string(user);
}
std::string gold_doc_id(std::string_view article) { return "gold:" + std::string(article); }

DocId parse_doc_id(std::string_view id) {
    DocId d;
    auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
        if (id.substr(0, prefix.size()) != prefix) return std::nullopt;
        return id.substr(prefix.size());
    };
    if (id == "project") {
        d.kind = Kind::Project;
    } else if (id.substr(0, 8) == "_design/") {
        d.kind = Kind::Design;
    } else if (auto a = after("article:"); a && check_article_id(*a)) {
        d.kind = Kind::Article;
        d.article = std::string(*a);
    } else if (auto g = after("gold:"); g && check_article_id(*g)) {
        d.kind = Kind::Gold;
        d.article = std::string(*g);
    } else if (auto n = after("ann:")) {
        const size_t colon = n->find(':');
        if (colon != std::string_view::npos && check_article_id(n->substr(0, colon)) && colon + 1 < n->size()) {
            d.kind = Kind::Ann;
            d.article = std::string(n->substr(0, colon));
            d.user = std::string(n->substr(colon + 1));
        }
    }
    return d;
}

template <class T>
std::string Parsed<T>::first_error() const {
    for (const auto& d : diagnostics)
        if (d.is_error()) return d.report();
    return {};
}
template struct Parsed<Project>;
template struct Parsed<Article>;
template struct Parsed<Annotations>;

// ---- [SECTION] readers ----

namespace {

// CouchDB's own fields (_rev, _conflicts, ...) are accepted on every document.
void warn_unknown(const ojson& obj, const JsonPath& path, std::initializer_list<const char*> known, json::Reporter& r) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!it.key().empty() && it.key()[0] == '_') continue;
        bool ok = false;
        for (const char* k : known) ok |= it.key() == k;
        if (!ok) r.warning(path / it.key(), "unknown field (ignored)");
    }
}

// The common start of every reader: parse, an object, its _id of the expected kind, its type.
std::optional<ojson> open(std::string_view input, json::Reporter& r, Kind kind, const char* type, DocId& id) {
    auto root = json::parse(input, r);
    if (!root) return std::nullopt;
    const JsonPath base;
    if (!root->is_object()) {
        r.error(base, "expected an object at the top level, got " + json::describe(*root, r.raw(base)));
        return std::nullopt;
    }
    if (auto s = json::get_string(*root, base, "_id", true, r)) {
        id = parse_doc_id(*s);
        if (id.kind != kind) {
            const char* expected = kind == Kind::Project   ? "\"project\""
                                   : kind == Kind::Article ? "\"article:<id>\""
                                   : kind == Kind::Ann     ? "\"ann:<article>:<user>\" or \"gold:<article>\""
                                                           : "\"gold:<article>\"";
            r.error(base / std::string("_id"), "expected " + std::string(expected) + ", got " + json::quote(*s));
        }
    }
    if (auto t = json::get_string(*root, base, "type", true, r); t && *t != type)
        r.error(base / std::string("type"), "expected \"" + std::string(type) + "\", got " + json::quote(*t));
    return root;
}

std::string rev_of(const ojson& root) {
    auto it = root.find("_rev");
    return it != root.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Entity shapes (types and required fields); spans and labels are checked by assemble().
void read_entities(const ojson& root, json::Reporter& r, std::vector<Entity>& out) {
    const JsonPath ep = JsonPath{} / std::string("entities");
    auto it = root.find("entities");
    if (it == root.end()) {
        r.error({}, "missing required field \"entities\"");
        return;
    }
    if (!it->is_array()) {
        r.error(ep, "expected an array, got " + json::describe(*it, r.raw(ep)));
        return;
    }
    std::unordered_map<std::string, size_t> id_at;
    for (size_t i = 0; i < it->size(); ++i) {
        const ojson& ej = (*it)[i];
        const JsonPath p = ep / i;
        if (!json::require_object(ej, p, r)) continue;
        warn_unknown(ej, p,
                     {"id", "start", "end", "label", "text", "note", "kb_id", "annotator", "created", "attributes"}, r);
        Entity e;
        bool ok = true;
        if (auto v = json::get_string(ej, p, "id", true, r)) {
            e.id = *v;
            if (v->empty()) {
                r.error(p / std::string("id"), "an entity id cannot be empty");
                ok = false;
            } else if (auto [at, fresh] = id_at.emplace(*v, i); !fresh) {
                r.error(p / std::string("id"),
                        "duplicate id " + json::quote(*v) + " (also entities[" + std::to_string(at->second) + "])");
                ok = false;
            }
        } else {
            ok = false;
        }
        const auto s = json::get_uint(ej, p, "start", true, r);
        const auto en = json::get_uint(ej, p, "end", true, r);
        if (s && en && *en <= *s) {
            r.error(p / std::string("end"), std::to_string(*en) + " is not after start " + std::to_string(*s));
            ok = false;
        }
        auto label = json::get_string(ej, p, "label", true, r);
        auto text = json::get_string(ej, p, "text", false, r);
        auto note = json::get_string(ej, p, "note", false, r);
        auto kb = json::get_string(ej, p, "kb_id", false, r);
        auto annotator = json::get_string(ej, p, "annotator", false, r);
        auto created = json::get_string(ej, p, "created", false, r);
        if (!s || !en || !label || (!text && ej.contains("text")) || (!note && ej.contains("note")) ||
            (!kb && ej.contains("kb_id")) || (!annotator && ej.contains("annotator")) ||
            (!created && ej.contains("created")))
            ok = false;
        if (auto a = ej.find("attributes"); a != ej.end()) {
            const JsonPath ap = p / std::string("attributes");
            if (!a->is_object()) {
                r.error(ap, "expected an object, got " + json::describe(*a, r.raw(ap)));
                ok = false;
            } else {
                for (auto kv = a->begin(); kv != a->end(); ++kv) {
                    if (kv.value().is_string()) {
                        e.attributes.emplace_back(kv.key(), kv.value().get<std::string>());
                    } else {
                        r.error(ap / kv.key(),
                                "expected a string, got " + json::describe(kv.value(), r.raw(ap / kv.key())));
                        ok = false;
                    }
                }
            }
        }
        if (!ok) continue;
        e.start = static_cast<size_t>(*s);
        e.end = static_cast<size_t>(*en);
        e.label = *label;
        if (note) e.note = *note;
        if (kb) e.kb_id = *kb;
        if (annotator) e.annotator = *annotator;
        if (created) e.created = *created;
        out.push_back(std::move(e));
    }
}

template <class T>
Parsed<T> finish(std::optional<T> value, json::Reporter& r) {
    Parsed<T> p;
    if (!r.has_errors()) p.value = std::move(value);
    p.diagnostics = r.finish();
    return p;
}

}  // namespace

Parsed<Project> parse_project(std::string_view input) {
    json::Reporter r(input);
    DocId id;
    auto root = open(input, r, Kind::Project, "project", id);
    if (!root) return finish<Project>(std::nullopt, r);
    const JsonPath base;
    warn_unknown(*root, base, {"type", "name", "labels", "guidelines", "suggest"}, r);
    Project p;
    p.rev = rev_of(*root);
    if (auto v = json::get_string(*root, base, "name", false, r)) p.name = *v;
    if (auto v = json::get_string(*root, base, "guidelines", false, r)) p.guidelines = *v;
    if (auto it = root->find("suggest"); it != root->end())  // the rules file's schema (page_state.hpp)
        p.suggest = page::suggest_from_json(*it, base / std::string("suggest"), r, false);
    // The labels are read by the native reader's own rules: a native document with no text.
    auto lit = root->find("labels");
    if (lit == root->end()) {
        r.error(base, "missing required field \"labels\"");
    } else {
        ojson doc = ojson::object();
        doc["format"] = "article-annotator";
        doc["version"] = uint64_t{1};
        doc["text"] = "";
        doc["labels"] = *lit;
        doc["entities"] = ojson::array();
        json::Reporter inner(input);  // positions resolve in the project's own text: same paths
        if (auto d = native::from_json(doc, base, inner)) p.labels = d->labels();
        for (Diagnostic& d : inner.finish()) {
            if (d.is_error()) r.error(parse_path(d.path).value_or(JsonPath{}), d.message);
        }
    }
    return finish<Project>(std::move(p), r);
}

Parsed<Article> parse_article(std::string_view input) {
    json::Reporter r(input);
    DocId id;
    auto root = open(input, r, Kind::Article, "article", id);
    if (!root) return finish<Article>(std::nullopt, r);
    const JsonPath base;
    warn_unknown(*root, base, {"type", "title", "source", "text", "assigned"}, r);
    Article a;
    a.rev = rev_of(*root);
    a.id = id.article;
    if (auto v = json::get_string(*root, base, "title", false, r)) a.title = *v;
    if (auto v = json::get_string(*root, base, "source", false, r)) a.source = *v;
    if (auto v = json::get_string(*root, base, "text", true, r)) a.text = *v;
    if (auto it = root->find("assigned"); it != root->end()) {
        const JsonPath ap = base / std::string("assigned");
        if (!it->is_array()) {
            r.error(ap, "expected an array, got " + json::describe(*it, r.raw(ap)));
        } else {
            for (size_t i = 0; i < it->size(); ++i) {
                if ((*it)[i].is_string())
                    a.assigned.push_back((*it)[i].get<std::string>());
                else
                    r.error(ap / i, "expected a user name, got " + json::describe((*it)[i], r.raw(ap / i)));
            }
        }
    }
    return finish<Article>(std::move(a), r);
}

Parsed<Annotations> parse_annotations(std::string_view input) {
    json::Reporter r(input);
    // ann: and gold: share a shape; the _id says which (and "type" must agree with it).
    DocId id;
    std::optional<ojson> root;
    {
        auto probe = json::parse_quiet(input);
        const bool gold = probe && probe->is_object() && probe->contains("_id") && (*probe)["_id"].is_string() &&
                          parse_doc_id((*probe)["_id"].get<std::string>()).kind == Kind::Gold;
        root = gold ? open(input, r, Kind::Gold, "gold", id) : open(input, r, Kind::Ann, "ann", id);
    }
    if (!root) return finish<Annotations>(std::nullopt, r);
    const JsonPath base;
    warn_unknown(*root, base, {"type", "article", "user", "status", "note", "modified", "curator", "entities"}, r);
    Annotations a;
    a.rev = rev_of(*root);
    a.article = id.article;
    a.user = id.user;
    if (auto v = json::get_string(*root, base, "article", true, r); v && id.kind != Kind::Unknown && *v != id.article)
        r.error(base / std::string("article"),
                json::quote(*v) + " is not the article of the _id (" + json::quote(id.article) + ")");
    if (id.kind == Kind::Ann) {
        if (auto v = json::get_string(*root, base, "user", true, r); v && *v != id.user)
            r.error(base / std::string("user"),
                    json::quote(*v) + " is not the user of the _id (" + json::quote(id.user) + ")");
    }
    if (auto v = json::get_string(*root, base, "status", false, r)) {
        if (*v != "todo" && *v != "in-progress" && *v != "done")
            r.error(base / std::string("status"),
                    "unknown status " + json::quote(*v) + " (expected \"todo\", \"in-progress\" or \"done\")");
        a.status = *v;
    }
    if (auto v = json::get_string(*root, base, "note", false, r)) a.note = *v;
    if (auto v = json::get_string(*root, base, "modified", false, r)) a.modified = *v;
    if (auto v = json::get_string(*root, base, "curator", false, r)) a.curator = *v;
    read_entities(*root, r, a.entities);
    return finish<Annotations>(std::move(a), r);
}

// ---- [SECTION] writers ----

namespace {

ojson head(const std::string& id, const std::string& rev, const char* type) {
    ojson j = ojson::object();
    j["_id"] = id;
    if (!rev.empty()) j["_rev"] = rev;
    j["type"] = type;
    return j;
}

}  // namespace

std::string to_json(const Project& p) {
    ojson j = head("project", p.rev, "project");
    j["name"] = p.name;
    Document d(Text{}, p.labels);
    j["labels"] = native::to_json(d)["labels"];
    j["guidelines"] = p.guidelines;
    if (p.suggest) j["suggest"] = page::suggest_to_json(*p.suggest);
    return json::dump(j);
}

std::string to_json(const Article& a) {
    ojson j = head(article_doc_id(a.id), a.rev, "article");
    j["title"] = a.title;
    j["source"] = a.source;
    j["text"] = a.text;
    j["assigned"] = a.assigned;
    return json::dump(j);
}

std::string to_json(const Annotations& a, const Text& text) {
    ojson j =
        a.is_gold() ? head(gold_doc_id(a.article), a.rev, "gold") : head(ann_doc_id(a.article, a.user), a.rev, "ann");
    j["article"] = a.article;
    if (!a.is_gold()) j["user"] = a.user;
    j["status"] = a.status;
    j["note"] = a.note;
    if (!a.modified.empty()) j["modified"] = a.modified;
    if (!a.curator.empty()) j["curator"] = a.curator;
    ojson es = ojson::array();
    for (const Entity& e : a.entities) {
        const bool in_text = e.start < e.end && e.end <= text.size();
        es.push_back(
            native::entity_json(e, e.start, e.end, in_text ? std::optional(text.slice(e.start, e.end)) : std::nullopt));
    }
    j["entities"] = std::move(es);
    return json::dump(j);
}

// ---- [SECTION] assembly ----

Result<Document> assemble(const Project& project, const Article& article, const Annotations* ann) {
    // A native document built from the three, read back by the native reader: every check of a
    // span, a label and a duplicate is the one a downloaded file gets.
    ojson doc = ojson::object();
    doc["format"] = "article-annotator";
    doc["version"] = uint64_t{1};
    doc["offsets"] = "codepoint";
    if (!article.title.empty()) doc["title"] = article.title;
    if (!article.source.empty()) doc["source"] = article.source;
    if (ann && !ann->note.empty()) doc["note"] = ann->note;
    if (ann && !ann->modified.empty()) doc["modified"] = ann->modified;
    doc["text"] = article.text;
    Document labels_only(Text{}, project.labels);
    doc["labels"] = native::to_json(labels_only)["labels"];
    if (project.suggest) doc["suggest"] = page::suggest_to_json(*project.suggest);
    ojson es = ojson::array();
    auto text = Text::from_utf8(article.text);
    if (!text) return Error{text.error().message, article_doc_id(article.id) + ": text"};
    if (ann) {
        ojson parsed = json::parse_quiet(to_json(*ann, *text)).value_or(ojson::object());
        es = parsed["entities"];
        // An entity past the text has no "text" member yet: give it one so the reader names the
        // offset, not the missing field.
        for (auto& e : es)
            if (!e.contains("text")) e["text"] = "";
    }
    doc["entities"] = std::move(es);
    const std::string dumped = json::dump(doc);
    json::Reporter r(dumped);
    auto d = native::from_json(doc, {}, r);
    if (d) return std::move(*d);
    const std::string where = ann ? (ann->is_gold() ? gold_doc_id(ann->article) : ann_doc_id(ann->article, ann->user))
                                  : article_doc_id(article.id);
    for (const Diagnostic& diag : r.finish())
        if (diag.is_error()) return Error{diag.message, where + ": " + diag.path};
    return Error{"cannot be assembled", where};
}

Article article_of(const Document& doc, std::string id) {
    Article a;
    a.id = std::move(id);
    a.title = doc.info.title;
    a.source = doc.info.source;
    a.text = doc.text().utf8();
    return a;
}

Annotations annotations_of(const Document& doc, std::string article, std::string user) {
    Annotations a;
    a.article = std::move(article);
    a.user = std::move(user);
    a.note = doc.info.note;
    a.modified = doc.info.modified;
    for (Slot s : doc.entities().ordered()) a.entities.push_back(doc.entities().get(s));
    return a;
}

AnnotationsMerge merge_annotations(const Annotations& base, const Annotations& ours, const Annotations& theirs) {
    AnnotationsMerge m;
    m.merged = ours;
    EntityMerge em = merge_entities(base.entities, ours.entities, theirs.entities);
    m.merged.entities = std::move(em.entities);
    m.conflicts = std::move(em.conflicts);
    m.merged.note = merge_field("note", base.note, ours.note, theirs.note, m.conflicts);
    m.merged.status = merge_field("status", base.status, ours.status, theirs.status, m.conflicts);
    m.merged.curator = merge_field("curator", base.curator, ours.curator, theirs.curator, m.conflicts);
    m.merged.modified = std::max(ours.modified, theirs.modified);  // ISO 8601 sorts as text
    return m;
}

Project project_of(const Document& doc, std::string name) {
    Project p;
    p.name = std::move(name);
    p.labels = doc.labels();
    p.suggest = doc.info.suggest;
    return p;
}

}  // namespace aa::io::team
