// doccano's sequence-labeling JSONL, one document per line, in every shape its releases export:
//   {"text": T, "label": [[start, end, "PER"], ...]}                  (1.x "JSONL", and 1.4+ with "data")
//   {"text": T, "labels": [[start, end, "PER"], ...]}                 (1.x "JSONL (text label)")
//   {"text": T, "annotations": [{"label": 12, "start_offset", "end_offset", "user": 1}]}   (1.0)
//   {"text": T, "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [...]}
//   {"data": T, "label": [[start, end, "PER"]]}                        (1.4+, as flair reads it)
// Offsets are code points (older releases counted UTF-16 units: ReadOptions::offsets). Errors name
// the line of the file. The entities shape's "relations" ({"id", "from_id", "to_id", "type"}) are
// kept, and "cats" (the document's labels, a list or {"name": 1.0, ...}) in every shape. doccano's
// "Comments" and document metadata are not read; any other member that holds spans is reported.
//
// [SECTION] span shapes  [SECTION] relations and cats  [SECTION] the file's notes
// [SECTION] reader, writer and sniffer
#include <map>
#include <set>

#include "io/formats_internal.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

using json::ojson;

// What the records of one file had in common, said once at the end of the read.
struct FileNotes {
    std::set<std::string> label_ids;  // doccano 1.0 exported label ids, not names
    std::set<std::string> users;      // the annotators of "annotations" entries
    size_t merged_records = 0;        // records annotated by more than one user
    bool split = false;               // each user's spans read as a document of its own
};

bool read_relations(const ojson& list, const JsonPath& lp, json::Reporter& r, spans::DocBuilder& b);
bool read_cats(const ojson& cats, const JsonPath& cp, json::Reporter& r, spans::DocBuilder& b);

// ---- [SECTION] span shapes ----

// Where a record keeps its spans, in the order the releases introduced them.
constexpr const char* kSpanKeys[] = {"label", "labels", "entities", "annotations"};

bool read_entities_shape(const ojson& list, const JsonPath& lp, json::Reporter& r, spans::DocBuilder& b) {
    if (!spans::require_array(list, lp, r)) return false;
    for (size_t j = 0; j < list.size(); ++j) {
        const ojson& e = list[j];
        const JsonPath q = lp / j;
        if (!json::require_object(e, q, r)) {
            b.fail();
            continue;
        }
        spans::warn_unknown(r, e, q, {"id", "start_offset", "end_offset", "label"});
        bool ok = true;
        spans::Candidate c = spans::Candidate::read(e, q, "start_offset", "end_offset", "label", r, ok);
        if (!ok) {
            b.fail();
            continue;
        }
        if (auto id = e.find("id"); id != e.end() && (id->is_number_unsigned() || id->is_string()))
            c.key = id->is_string() ? id->get<std::string>() : r.raw(q / std::string("id"));
        b.add(std::move(c));
    }
    return true;
}

// A label or user as doccano 1.0 wrote it: a number (an id) or a string.
std::optional<std::string> id_or_name(const ojson& e, const JsonPath& q, const char* key, bool required,
                                      json::Reporter& r, bool& numeric) {
    numeric = false;
    auto it = e.find(key);
    if (it == e.end()) {
        if (required) r.error(q, "missing required field " + json::quote(key));
        return std::nullopt;
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_unsigned() || it->is_number_integer()) {
        numeric = true;
        return r.raw(q / std::string(key));
    }
    r.error(q / std::string(key),
            "expected a number or a string, got " + json::describe(*it, r.raw(q / std::string(key))));
    return std::nullopt;
}

// One user's spans of a record ("" for spans that name no user).
struct UserSpans {
    std::string user;
    std::vector<spans::Candidate> spans;
};

// doccano 1.0's "annotations": every user's spans, labels as ids. Merged (one group ""), a span
// that several users marked with the same label is kept once, its "users" attribute saying who
// marked it; split (ReadOptions::split_users), one group per user in order of their first span.
// False when `list` is not an array; `entries_ok` false after an error about an entry (the others
// are still read, so that every error is said).
bool read_annotations_shape(const ojson& list, const JsonPath& lp, json::Reporter& r, FileNotes& notes, bool split,
                            std::vector<UserSpans>& groups, bool& entries_ok) {
    if (!spans::require_array(list, lp, r)) return false;
    std::map<std::tuple<std::string, uint64_t, uint64_t, std::string>, size_t> index;  // group user, span
    std::map<std::string, size_t> group_of;
    std::set<std::string> users;
    bool ok = true;
    for (size_t j = 0; j < list.size(); ++j) {
        const ojson& e = list[j];
        const JsonPath q = lp / j;
        if (!json::require_object(e, q, r)) {
            ok = false;
            continue;
        }
        spans::warn_unknown(r, e, q, {"id", "label", "start_offset", "end_offset", "user", "prob"});
        bool numeric_label = false, numeric_user = false;
        const auto s = json::get_uint(e, q, "start_offset", true, r);
        const auto en = json::get_uint(e, q, "end_offset", true, r);
        const auto l = id_or_name(e, q, "label", true, r, numeric_label);
        const auto u = id_or_name(e, q, "user", false, r, numeric_user);
        if (!s || !en || !l || (e.contains("user") && !u)) {
            ok = false;
            continue;
        }
        if (numeric_label) notes.label_ids.insert(*l);
        if (u) {
            users.insert(*u);
            notes.users.insert(*u);
        }
        const std::string group = split && u ? *u : "";
        auto [g, new_group] = group_of.emplace(group, groups.size());
        if (new_group) groups.push_back({group, {}});
        std::vector<spans::Candidate>& kept = groups[g->second].spans;
        auto [it, fresh] = index.emplace(std::make_tuple(group, *s, *en, *l), kept.size());
        if (!fresh) {  // a span marked alike again: by another user (merged), or twice by one
            Attributes& a = kept[it->second].attributes;
            if (u && !split && a.empty())
                a.emplace_back("users", *u);
            else if (u && !split && (", " + a[0].second + ", ").find(", " + *u + ", ") == std::string::npos)
                a[0].second += ", " + *u;
            continue;
        }
        spans::Candidate c = spans::Candidate::at(q, "start_offset", "end_offset", "label");
        c.start = *s;
        c.end = *en;
        c.label = *l;
        if (u && !split) c.attributes.emplace_back("users", *u);
        kept.push_back(std::move(c));
    }
    if (users.size() > 1) ++notes.merged_records;
    entries_ok = ok;
    return true;
}

// The record's document; with split users, one per user (its "user" attribute naming them).
std::vector<Document> read_record(const ojson& o, const JsonPath& p, const ReadOptions& options, json::Reporter& r,
                                  FileNotes& notes) {
    if (!json::require_object(o, p, r)) return {};
    // doccano exports the record's id, its comments and any metadata columns given at import as
    // further members: they are not annotations, so they pass without a warning, unless they hold
    // spans (then they are said to be ignored: never a silent loss).
    const char* text_key = o.contains("text") || !o.contains("data") ? "text" : "data";  // 1.4+ writes "data"
    if (!o.contains("text") && !o.contains("data")) {
        r.error(p, "missing required field \"text\" (or \"data\", as doccano 1.4 and later write it)");
        return {};
    }
    auto t = json::get_string(o, p, text_key, true, r);
    if (!t) return {};
    auto text = Text::from_utf8(std::move(*t));
    if (!text.ok()) {
        r.error(p / std::string(text_key), text.error().message);
        return {};
    }
    spans::DocBuilder b(r, std::move(text.value()), options);
    std::vector<const char*> held;
    for (const char* k : kSpanKeys)
        if (auto it = o.find(k); it != o.end() && !(it->is_array() && it->empty())) held.push_back(k);
    if (held.size() > 1) {
        r.error(p, json::quote(held[0]) + " and " + json::quote(held[1]) +
                       " both hold spans: a doccano record has one of \"label\", \"labels\", \"entities\" or "
                       "\"annotations\"");
        return {};
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = it.key() == "relations" || it.key() == "cats";
        for (const char* k : kSpanKeys) known |= it.key() == k;
        if (!known && spans::looks_like_spans(it.value()))
            r.warning(p / it.key(),
                      "holds spans, but doccano keeps them under \"label\", \"labels\", \"entities\" or "
                      "\"annotations\": not read");
    }
    bool ok = true;
    std::vector<UserSpans> groups;  // doccano 1.0's annotations, by user when split
    if (!held.empty()) {
        const std::string key = held[0];
        const ojson& list = o.at(key);
        const JsonPath lp = p / key;
        if (key == "label" || key == "labels")
            ok = spans::read_triples(list, lp, r, b);
        else if (key == "entities")
            ok = read_entities_shape(list, lp, r, b);
        else {
            bool entries_ok = true;
            ok = read_annotations_shape(list, lp, r, notes, options.split_users, groups, entries_ok);
            if (!entries_ok) b.fail();
        }
    }
    if (!ok) return {};
    if (auto rit = o.find("relations"); rit != o.end() && !(rit->is_array() && rit->empty())) {
        if (held.empty() || std::string_view(held[0]) != "entities")
            r.warning(p / std::string("relations"), "relations need the \"entities\" shape (entity ids): dropped " +
                                                        std::to_string(rit->is_array() ? rit->size() : 1));
        else if (!read_relations(*rit, p / std::string("relations"), r, b))
            return {};
    }
    if (auto cit = o.find("cats"); cit != o.end() && !read_cats(*cit, p / std::string("cats"), r, b)) return {};
    std::vector<Document> out;
    const Text text_of_record = groups.size() > 1 ? b.text() : Text();
    for (size_t g = 1; g < groups.size(); ++g) {  // the second user on: a builder each, over the same text
        spans::DocBuilder more(r, text_of_record, options);
        for (spans::Candidate& c : groups[g].spans) more.add(std::move(c));
        DocumentInfo info;
        info.attributes.emplace_back("user", groups[g].user);
        if (auto d = more.finish(std::move(info))) out.push_back(std::move(*d));
    }
    DocumentInfo info;
    if (!groups.empty()) {
        for (spans::Candidate& c : groups[0].spans) b.add(std::move(c));
        if (!groups[0].user.empty()) info.attributes.emplace_back("user", groups[0].user);
    }
    if (auto d = b.finish(std::move(info))) out.insert(out.begin(), std::move(*d));
    return out;
}

// ---- [SECTION] relations and cats ----

std::optional<std::string> id_key(const ojson& e, const JsonPath& q, const char* key, json::Reporter& r) {
    auto it = e.find(key);
    if (it == e.end()) {
        r.error(q, std::string("missing required field \"") + key + "\"");
        return std::nullopt;
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_unsigned()) return r.raw(q / std::string(key));
    r.error(q / std::string(key), "expected an entity id, got " + json::describe(*it, r.raw(q / std::string(key))));
    return std::nullopt;
}

// [{"id": 0, "from_id": 0, "to_id": 1, "type": "foundedAt"}]: the ends are the entities' "id"s.
bool read_relations(const ojson& list, const JsonPath& lp, json::Reporter& r, spans::DocBuilder& b) {
    if (!spans::require_array(list, lp, r)) return false;
    bool ok = true;
    for (size_t j = 0; j < list.size(); ++j) {
        const JsonPath q = lp / j;
        if (!json::require_object(list[j], q, r)) {
            ok = false;
            continue;
        }
        spans::warn_unknown(r, list[j], q, {"id", "from_id", "to_id", "type"});
        auto from = id_key(list[j], q, "from_id", r);
        auto to = id_key(list[j], q, "to_id", r);
        auto type = json::get_string(list[j], q, "type", true, r);
        if (!from || !to || !type) {
            ok = false;
            continue;
        }
        b.relation({q, q / std::string("from_id"), q / std::string("to_id"), *from, *to, *type, {}});
    }
    return ok;
}

// "cats": ["politics", ...] or {"politics": 1.0, "sports": 0.0} (a category counts when above 0.5, as
// spaCy's textcat reads it).
bool read_cats(const ojson& cats, const JsonPath& cp, json::Reporter& r, spans::DocBuilder& b) {
    if (cats.is_array()) {
        for (size_t j = 0; j < cats.size(); ++j) {
            if (!cats[j].is_string()) {
                r.error(cp / j, "expected a string, got " + json::describe(cats[j], r.raw(cp / j)));
                return false;
            }
            b.doc_label(cats[j].get<std::string>(), cp / j);
        }
        return true;
    }
    if (cats.is_object()) {
        for (auto it = cats.begin(); it != cats.end(); ++it) {
            if (!it.value().is_number() && !it.value().is_boolean()) {
                r.error(cp / it.key(),
                        "expected a number or true/false, got " + json::describe(it.value(), r.raw(cp / it.key())));
                return false;
            }
            const double v = it.value().is_boolean() ? (it.value().get<bool>() ? 1.0 : 0.0) : it.value().get<double>();
            if (v > 0.5) b.doc_label(it.key(), cp / it.key());
        }
        return true;
    }
    r.error(cp, "expected a list of labels or an object of scores, got " + json::describe(cats, r.raw(cp)));
    return false;
}

// ---- [SECTION] the file's notes ----

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

void report_notes(const FileNotes& n, std::vector<Diagnostic>& out) {
    if (!n.label_ids.empty())
        out.push_back(spans::warning("the labels are doccano label ids (" + joined(n.label_ids) +
                                     "), as doccano 1.0 exported them: read as those names"));
    if (n.merged_records > 0)
        out.push_back(spans::warning(
            std::to_string(n.merged_records) + (n.merged_records == 1 ? " record holds" : " records hold") +
            " the spans of several users (" + joined(n.users) + "): " +
            (n.split ? "read as one document per user, its \"user\" attribute naming them"
                     : "read together, a span marked alike by several users once, its \"users\" attribute naming "
                       "them (--split-users reads one document per user)")));
}

}  // namespace

// ---- [SECTION] reader, writer and sniffer ----

namespace detail {

ReadResult read_doccano(std::string_view input, const ReadOptions& options) {
    ReadResult result;
    FileNotes notes;
    notes.split = options.split_users;
    if (spans::first_char(input) == '[') {  // doccano's JSON export: a list of the same records
        json::Reporter r(input);
        if (auto root = json::parse(input, r))
            for (size_t i = 0; root->is_array() && i < root->size(); ++i)
                for (Document& d : read_record((*root)[i], JsonPath{} / i, options, r, notes))
                    result.documents.push_back(std::move(d));
        result.diagnostics = r.finish();
    } else {
        const auto lines = spans::split_lines(input);
        if (lines.empty()) result.diagnostics.push_back(spans::error("the file is empty"));
        for (const spans::JsonLine& l : lines) {
            json::Reporter r(l.text);
            if (auto root = json::parse(l.text, r))
                for (Document& d : read_record(*root, {}, options, r, notes)) result.documents.push_back(std::move(d));
            spans::add_line_diagnostics(r.finish(), l, input, result.diagnostics);
        }
    }
    report_notes(notes, result.diagnostics);
    if (!result.ok()) result.documents.clear();
    return result;
}

WriteResult write_doccano(const std::vector<const Document*>& docs, const WriteOptions& options) {
    WriteResult result;
    if (options.doccano_shape != "label" && options.doccano_shape != "entities") {
        result.diagnostics.push_back(spans::error("unknown doccano shape " + json::quote(options.doccano_shape) +
                                                  " (expected \"label\" or \"entities\")"));
        return result;
    }
    if (auto refused = spans::refuse_count("doccano", docs, true)) return std::move(*refused);
    const bool label_shape = options.doccano_shape == "label";
    spans::Losses losses("doccano");
    size_t unheld_relations = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
        const Document& d = *docs[i];
        if (label_shape)
            losses.check(d, i, {});
        else
            losses.check(d, i, {"relations"});
        if (label_shape) unheld_relations += d.relations().size();
        ojson list = ojson::array();
        size_t n = 0;
        for (Slot s : d.entities().ordered()) {
            const Entity& e = d.entities().get(s);
            const size_t start = spans::to_unit(d.text(), e.start, options.offsets);
            const size_t end = spans::to_unit(d.text(), e.end, options.offsets);
            if (label_shape) {
                list.push_back(ojson::array({start, end, e.label}));
            } else {
                ojson o = ojson::object();
                o["id"] = n++;
                o["start_offset"] = start;
                o["end_offset"] = end;
                o["label"] = e.label;
                list.push_back(std::move(o));
            }
        }
        ojson o = ojson::object();
        o["text"] = d.text().utf8();
        if (label_shape) {
            o["label"] = std::move(list);
        } else {
            o["entities"] = std::move(list);
            ojson rels = ojson::array();
            const auto index = spans::entity_indexes(d);
            size_t k = 0;
            for (const auto& [id, rel] : d.relations().all()) {
                ojson ro = ojson::object();
                ro["id"] = k++;
                ro["from_id"] = index.at(rel.from);
                ro["to_id"] = index.at(rel.to);
                ro["type"] = rel.type;
                rels.push_back(std::move(ro));
            }
            o["relations"] = std::move(rels);
        }
        if (!d.doc_labels().chosen.empty()) o["cats"] = d.doc_labels().chosen;
        result.output += (options.pretty ? spans::inline_json(o) : json::dump(o)) + "\n";
    }
    if (unheld_relations > 0)
        losses.other(std::to_string(unheld_relations) + (unheld_relations == 1 ? " relation is" : " relations are") +
                     " dropped: doccano's \"label\" shape cannot hold relations (the \"entities\" shape can: "
                     "--doccano-shape entities)");
    losses.report(result.diagnostics);
    return result;
}

// Objects with doccano's own keys: "start_offset" (entities and annotations shapes) or "label" /
// "labels" holding [[...]].
Sniff sniff_doccano(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{' && c != '[') return Sniff::No;
    if (spans::has_key(content, "start_offset")) return Sniff::Yes;
    for (std::string_view key : {"\"label\"", "\"labels\""}) {
        for (size_t at = content.find(key); at != std::string_view::npos; at = content.find(key, at + 1)) {
            size_t j = content.find_first_not_of(" \t\r\n", at + key.size());
            if (j == std::string_view::npos || content[j] != ':') continue;
            j = content.find_first_not_of(" \t\r\n", j + 1);
            if (j == std::string_view::npos || content[j] != '[') continue;
            j = content.find_first_not_of(" \t\r\n", j + 1);
            if (j != std::string_view::npos && (content[j] == '[' || content[j] == ']')) return Sniff::Yes;
        }
    }
    return Sniff::Maybe;
}

}  // namespace detail
}  // namespace aa::io
