// Label Studio's JSON task list (export, and import with pre-annotations): one task per document,
//   {"id", "data": {"text": T}, "annotations": [{"id", "result": [{"id", "from_name", "to_name",
//    "type": "labels", "value": {"start", "end", "text", "labels": ["PER"]}}]}], "predictions": []}
// Offsets are code points; older releases counted UTF-16 units (ReadOptions::offsets = Utf16).
// A note travels as a per-region "textarea" result sharing the region's id, as Label Studio's
// per-region TextArea (perRegion="true") writes it; data.title and data.source hold the metadata.
//
// A file is read without trees of its result lists or long texts when they hold what the writer
// writes (json_scan.hpp); anything else is read through a tree of it all, whose messages say what is
// wrong, and which is also the oracle of the tests that compare the two.
//
// [SECTION] reading  [SECTION] the result lists scanned  [SECTION] writing
#include <map>
#include <set>
#include <tuple>

#include "io/formats_internal.hpp"
#include "io/json_scan.hpp"
#include "io/json_write.hpp"
#include "io/span_formats.hpp"

namespace aa::io {
namespace {

// ---- [SECTION] reading ----

using json::ojson;

constexpr const char* kFromName = "label";  // the <Labels name="label" toName="text"> of the labeling config
constexpr const char* kNoteName = "note";   // <TextArea name="note" toName="text" perRegion="true">
constexpr const char* kToName = "text";
constexpr const char* kChoicesName = "doc_label";  // <Choices name="doc_label" toName="text">

// A "labels" result as region() takes it: value.start, value.end, value.text, value.labels, its id
// (when a string) and meta's annotator and created.
struct Region {
    uint64_t start = 0, end = 0;
    std::optional<std::string> quoted;
    std::vector<std::string> labels;
    std::optional<std::string> id;
    std::string annotator, created;
};

// A fast read's result lists, scanned instead of parsed (the tree holds [] for each): by task, by
// "annotations" / "completions" / "predictions", by the annotation's index in that list.
using ScannedResults = std::map<std::tuple<size_t, std::string_view, size_t>, std::vector<Region>>;

struct TaskReader {
    const ReadOptions& options;
    json::Reporter& r;
    ScannedResults* scanned = nullptr;  // (its regions are moved out when read)

    // The result list to read from a task: its first annotation that was not cancelled, or, when
    // there is none, its first prediction (pre-annotations). Nullptr when there is nothing.
    const ojson* pick_result(const ojson& task, const JsonPath& p, JsonPath& rp, std::vector<Region>*& recs,
                             size_t index) {
        for (const char* key : {"annotations", "completions", "predictions"}) {
            auto it = task.find(key);
            if (it == task.end()) continue;
            const JsonPath ap = p / std::string(key);
            if (!spans::require_array(*it, ap, r)) return nullptr;
            std::vector<size_t> usable;
            for (size_t i = 0; i < it->size(); ++i) {
                const ojson& a = (*it)[i];
                if (!json::require_object(a, ap / i, r)) return nullptr;
                if (auto c = a.find("was_cancelled"); c != a.end() && c->is_boolean() && c->get<bool>()) continue;
                usable.push_back(i);
            }
            if (usable.empty()) continue;
            if (usable.size() > 1)
                r.warning(ap, "the task has " + std::to_string(usable.size()) + " " + key + ": read " + key + "[" +
                                  std::to_string(usable[0]) + "] only (" + std::to_string(usable.size() - 1) +
                                  " ignored)");
            if (std::string_view(key) == "predictions" && task.contains("annotations"))
                r.warning(ap, "no annotation to read: read the prediction instead");
            const ojson& a = (*it)[usable[0]];
            rp = ap / usable[0] / std::string("result");
            auto res = a.find("result");
            if (res == a.end()) {
                r.error(ap / usable[0], "missing required field \"result\"");
                return nullptr;
            }
            if (!spans::require_array(*res, rp, r)) return nullptr;
            if (scanned)
                if (auto sc = scanned->find({index, key, usable[0]}); sc != scanned->end()) recs = &sc->second;
            return &*res;
        }
        return nullptr;
    }

    // `index`: the task's in the list (0 for a root that is one task), for the scanned results.
    std::optional<Document> task(const ojson& t, const JsonPath& p, size_t index) {
        if (!json::require_object(t, p, r)) return std::nullopt;
        // Spans kept anywhere but in results (a JSON-MIN "label" list, a script's own key) are said.
        for (auto it = t.begin(); it != t.end(); ++it)
            if (it.key() != "annotations" && it.key() != "completions" && it.key() != "predictions" &&
                spans::looks_like_spans(it.value()))
                r.warning(p / it.key(), "holds spans, but Label Studio keeps them in annotations' results: not read");
        auto dit = t.find("data");
        if (dit == t.end()) {
            r.error(p, "missing required field \"data\"");
            return std::nullopt;
        }
        const JsonPath dp = p / std::string("data");
        if (!json::require_object(*dit, dp, r)) return std::nullopt;
        auto txt = json::get_string(*dit, dp, "text", true, r);
        if (!txt) return std::nullopt;
        DocumentInfo info;
        if (auto v = dit->find("title"); v != dit->end() && v->is_string()) info.title = v->get<std::string>();
        if (auto v = dit->find("source"); v != dit->end() && v->is_string()) info.source = v->get<std::string>();
        auto text = Text::from_utf8(std::move(*txt));
        if (!text.ok()) {
            r.error(dp / std::string("text"), text.error().message);
            return std::nullopt;
        }
        spans::DocBuilder b(r, std::move(text.value()), options);
        JsonPath rp;
        std::vector<Region>* recs = nullptr;
        const ojson* results = pick_result(t, p, rp, recs, index);
        if (r.has_errors() && !results) b.fail();
        if (!results) return b.finish(std::move(info));
        if (recs) {  // scanned: "labels" results only, each as region() would have taken it
            for (size_t i = 0; i < recs->size(); ++i) add_region((*recs)[i], rp / i, {}, b);
            return b.finish(std::move(info));
        }

        // Per-region notes first: a textarea result with a region's id. A textarea with no
        // "labels" region of its id (a per-task answer) is no note: it is counted as not kept.
        std::set<std::string> regions;
        for (const ojson& x : *results)
            if (x.is_object() && x.contains("type") && x["type"] == "labels" && x.contains("id") && x["id"].is_string())
                regions.insert(x["id"].get<std::string>());
        std::map<std::string, std::string> notes;
        for (size_t i = 0; i < results->size(); ++i) {
            const ojson& x = (*results)[i];
            if (!x.is_object()) continue;
            auto type = x.find("type"), id = x.find("id"), value = x.find("value");
            if (type == x.end() || *type != "textarea" || id == x.end() || !id->is_string() || value == x.end() ||
                !value->is_object() || !regions.count(id->get<std::string>()))
                continue;
            auto lines = value->find("text");
            if (lines == value->end() || !lines->is_array()) continue;
            std::string note;
            for (const ojson& l : *lines)
                if (l.is_string()) note += (note.empty() ? "" : "\n") + l.get<std::string>();
            notes[id->get<std::string>()] = note;
        }
        std::map<std::string, size_t> ignored;  // result type -> count
        for (size_t i = 0; i < results->size(); ++i) {
            const ojson& x = (*results)[i];
            const JsonPath q = rp / i;
            if (!json::require_object(x, q, r)) {
                b.fail();
                continue;
            }
            auto type = json::get_string(x, q, "type", true, r);
            if (!type) {
                b.fail();
                continue;
            }
            if (*type == "relation") {
                relation(x, q, b);
                continue;
            }
            if (*type == "choices") {
                choices(x, q, b);
                continue;
            }
            if (*type != "labels") {
                const bool is_note = *type == "textarea" && x.contains("id") && x["id"].is_string() &&
                                     notes.count(x["id"].get<std::string>());
                if (!is_note) ++ignored[*type];
                continue;
            }
            region(x, q, notes, b);
        }
        for (const auto& [type, n] : ignored)
            r.warning(rp, std::to_string(n) + " result" + (n == 1 ? "" : "s") + " of type " + json::quote(type) +
                              " not kept (only \"labels\", \"relation\" and \"choices\" results are read)");
        return b.finish(std::move(info));
    }

    void region(const ojson& x, const JsonPath& q, const std::map<std::string, std::string>& notes,
                spans::DocBuilder& b) {
        auto vit = x.find("value");
        if (vit == x.end()) {
            r.error(q, "missing required field \"value\"");
            b.fail();
            return;
        }
        const JsonPath vp = q / std::string("value");
        if (!json::require_object(*vit, vp, r)) {
            b.fail();
            return;
        }
        const ojson& v = *vit;
        const auto s = json::get_uint(v, vp, "start", true, r);
        const auto e = json::get_uint(v, vp, "end", true, r);
        const auto quoted = json::get_string(v, vp, "text", false, r);
        bool ok = s && e && (quoted || !v.contains("text"));
        auto lit = v.find("labels");
        const JsonPath lp = vp / std::string("labels");
        if (lit == v.end()) {
            r.error(vp, "missing required field \"labels\"");
            ok = false;
        } else if (!spans::require_array(*lit, lp, r)) {
            ok = false;
        } else if (lit->empty()) {
            r.error(lp, "a region needs at least one label");
            ok = false;
        } else {
            for (size_t k = 0; k < lit->size(); ++k)
                if (!(*lit)[k].is_string()) {
                    r.error(lp / k, "expected a label (a string), got " + json::describe((*lit)[k], r.raw(lp / k)));
                    ok = false;
                }
        }
        if (!ok) {
            b.fail();
            return;
        }
        Region g{*s, *e, quoted, {}, {}, {}, {}};
        if (auto id = x.find("id"); id != x.end() && id->is_string()) g.id = id->get<std::string>();
        if (!who(x, q, g.annotator, g.created)) {
            b.fail();
            return;
        }
        for (const ojson& l : *lit) g.labels.push_back(l.get<std::string>());
        add_region(g, q, notes, b);
    }

    // A region's entities: several labels on one region are several entities over the same span.
    // (The last label's entity takes the region's strings.)
    void add_region(Region& g, const JsonPath& q, const std::map<std::string, std::string>& notes,
                    spans::DocBuilder& b) {
        std::string note;
        if (g.id)
            if (auto n = notes.find(*g.id); n != notes.end()) note = n->second;
        for (size_t k = 0; k < g.labels.size(); ++k) {
            spans::Candidate c;
            c.path = q;
            c.within = "value";
            c.start_key = "start";
            c.end_key = "end";
            c.label_key = "labels";
            c.label_index = k;
            c.text_key = "text";
            c.start = g.start;
            c.end = g.end;
            const bool last = k + 1 == g.labels.size();
            c.label = std::move(g.labels[k]);
            c.quoted = last ? std::move(g.quoted) : g.quoted;
            c.note = last ? std::move(note) : note;
            c.annotator = last ? std::move(g.annotator) : g.annotator;
            c.created = last ? std::move(g.created) : g.created;
            if (g.id) {
                c.region = *g.id;
                if (k == 0) c.key = *g.id;  // a relation to the region: its first label
            }
            b.add(std::move(c));
        }
    }

    // Who made a region or relation: its "meta" {"annotator", "created"} (this annotator's own keys in
    // the free-form region meta Label Studio keeps). False after an error.
    bool who(const ojson& x, const JsonPath& q, std::string& annotator, std::string& created) {
        auto m = x.find("meta");
        if (m == x.end() || !m->is_object()) return true;
        const JsonPath mp = q / std::string("meta");
        auto a = json::get_string(*m, mp, "annotator", false, r);
        auto c = json::get_string(*m, mp, "created", false, r);
        if ((!a && m->contains("annotator")) || (!c && m->contains("created"))) return false;
        annotator = a.value_or("");
        created = c.value_or("");
        return true;
    }

    // {"from_id", "to_id", "type": "relation", "direction": "right" | "left" | "bi", "labels": [...]}:
    // one relation per label ("left" points from to_id to from_id); one with no label is typed "related".
    void relation(const ojson& x, const JsonPath& q, spans::DocBuilder& b) {
        auto from = json::get_string(x, q, "from_id", true, r);
        auto to = json::get_string(x, q, "to_id", true, r);
        auto dir = json::get_string(x, q, "direction", false, r);
        std::string annotator, created;
        bool ok = from && to && (dir || !x.contains("direction")) && who(x, q, annotator, created);
        const std::string direction = dir.value_or("right");
        if (ok && direction != "right" && direction != "left" && direction != "bi") {
            r.error(q / std::string("direction"),
                    "unknown direction " + json::quote(direction) + " (expected \"right\", \"left\" or \"bi\")");
            ok = false;
        }
        std::vector<std::pair<std::string, JsonPath>> types;
        const JsonPath lp = q / std::string("labels");
        if (auto l = x.find("labels"); l != x.end()) {
            if (!spans::require_array(*l, lp, r)) ok = false;
            for (size_t k = 0; ok && k < l->size(); ++k) {
                if ((*l)[k].is_string()) {
                    types.emplace_back((*l)[k].get<std::string>(), lp / k);
                } else {
                    r.error(lp / k,
                            "expected a relation label (a string), got " + json::describe((*l)[k], r.raw(lp / k)));
                    ok = false;
                }
            }
        }
        if (!ok) {
            b.fail();
            return;
        }
        if (types.empty()) types.emplace_back("related", q);
        const bool left = direction == "left";
        JsonPath fp = q / std::string("from_id"), tp = q / std::string("to_id");
        for (auto& [type, p] : types) {
            spans::RelationCandidate c{q, left ? tp : fp, left ? fp : tp, left ? *to : *from, left ? *from : *to, type,
                                       {}};
            c.symmetric = direction == "bi";
            c.annotator = annotator;
            c.created = created;
            b.relation(std::move(c));
        }
    }

    // {"type": "choices", "value": {"choices": [...]}}: the document's labels.
    void choices(const ojson& x, const JsonPath& q, spans::DocBuilder& b) {
        auto v = x.find("value");
        const JsonPath vp = q / std::string("value");
        if (v == x.end() || !json::require_object(*v, vp, r)) {
            if (v == x.end()) r.error(q, "missing required field \"value\"");
            b.fail();
            return;
        }
        auto c = v->find("choices");
        const JsonPath cp = vp / std::string("choices");
        if (c == v->end()) {
            r.error(vp, "missing required field \"choices\"");
            b.fail();
            return;
        }
        if (!spans::require_array(*c, cp, r)) {
            b.fail();
            return;
        }
        for (size_t k = 0; k < c->size(); ++k) {
            if ((*c)[k].is_string()) {
                b.doc_label((*c)[k].get<std::string>(), cp / k);
            } else {
                r.error(cp / k, "expected a choice (a string), got " + json::describe((*c)[k], r.raw(cp / k)));
                b.fail();
            }
        }
    }
};

// ---- [SECTION] the result lists scanned ----

using json::FlatScan;

// value: "start", "end", "labels" (a non-empty list of strings; required), "text".
bool scan_value(FlatScan& f, Region& g) {
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        std::string_view sv;
        if (key == "start") {
            bit = 1;
            ok = f.uint(g.start);
        } else if (key == "end") {
            bit = 2;
            ok = f.uint(g.end);
        } else if (key == "labels") {
            bit = 4;
            ok = f.array([&] { return f.string(sv) && (g.labels.emplace_back(sv), true); }) && !g.labels.empty();
        } else if (key == "text") {
            bit = 8;
            ok = f.string(sv);
            g.quoted = std::string(sv);
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.object(member) && (seen & 7) == 7;
}

// meta: "annotator", "created" (strings).
bool scan_meta(FlatScan& f, Region& g) {
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        const unsigned bit = key == "annotator" ? 1 : key == "created" ? 2 : 0;
        std::string_view sv;
        if (!bit || (seen & bit) || !f.string(sv)) return false;
        (bit == 1 ? g.annotator : g.created) = std::string(sv);
        seen |= bit;
        return true;
    };
    return f.object(member);
}

// A result list of "labels" results: "type" (required), "value" (required), "id", "from_name",
// "to_name", "origin" (strings), "meta".
bool scan_results(FlatScan& f, size_t at, size_t& close, std::vector<Region>& out) {
    Region g;
    unsigned seen = 0;
    auto member = [&](std::string_view key) {
        unsigned bit = 0;
        bool ok = false;
        std::string_view sv;
        if (key == "type") {
            bit = 1;
            ok = f.string(sv) && sv == "labels";
        } else if (key == "value") {
            bit = 2;
            ok = scan_value(f, g);
        } else if (key == "id") {
            bit = 4;
            ok = f.string(sv);
            g.id = std::string(sv);
        } else if (key == "meta") {
            bit = 8;
            ok = scan_meta(f, g);
        } else if (key == "from_name" || key == "to_name" || key == "origin") {
            bit = key[0] == 'f' ? 16 : key[0] == 't' ? 32 : 64;
            ok = f.string(sv);
        }
        return FlatScan::once(seen, bit, ok);
    };
    return f.records(at, close, out, g, seen, 3, member);
}

constexpr size_t kLongText = 4096;  // shorter texts are parsed as any string

// The tasks read without trees of their result lists nor their long texts (json_scan.hpp): a walk
// finds each task's data.text and its annotations' (completions', predictions') "result", the
// scans read them, the parser the rest with them left out. Nullopt when anything is unusual.
struct FastTasks {
    ojson root;
    ScannedResults results;
};
std::optional<FastTasks> fast_tasks(std::string_view in) {
    constexpr size_t npos = std::string_view::npos;
    FastTasks out;
    FlatScan f(in);
    std::vector<json::Skip> skips;
    std::vector<std::pair<size_t, std::string>> texts;  // by task
    auto task = [&](size_t t, size_t at) {
        bool seen_data = false, seen_list[3] = {false, false, false};
        return json::walk_members(in, at, [&](std::string_view key, size_t i) {
            static constexpr std::string_view kLists[3] = {"annotations", "completions", "predictions"};
            if (key == "data" && !seen_data && i < in.size() && in[i] == '{') {
                seen_data = true;
                bool seen_text = false;
                return json::walk_members(in, i, [&](std::string_view k, size_t v) {
                    if (k != "text" || seen_text || v >= in.size() || in[v] != '"') return json::value_end(in, v);
                    seen_text = true;
                    std::optional<std::string> text;
                    const size_t next = json::long_string(in, v, kLongText, skips, text);
                    if (text) texts.emplace_back(t, std::move(*text));
                    return next;
                });
            }
            for (size_t l = 0; l < 3; ++l) {
                if (key != kLists[l] || seen_list[l] || i >= in.size() || in[i] != '[') continue;
                seen_list[l] = true;
                return json::walk_elements(in, i, [&](size_t a, size_t e) {
                    bool seen_result = false;
                    if (in[e] != '{') return json::value_end(in, e);
                    return json::walk_members(in, e, [&](std::string_view k, size_t v) {
                        if (k != "result" || seen_result || v >= in.size() || in[v] != '[')
                            return json::value_end(in, v);
                        seen_result = true;
                        size_t close = 0;
                        std::vector<Region>& recs = out.results[{t, kLists[l], a}];
                        if (!scan_results(f, v, close, recs)) return npos;
                        skips.push_back({v + 1, close});
                        return close + 1;
                    });
                });
            }
            return json::value_end(in, i);
        });
    };
    const size_t start = json::value_start(in);
    const bool list = start < in.size() && in[start] == '[';
    const size_t end = list ? json::walk_elements(in, start, task) : task(0, start);
    if (end == npos) return std::nullopt;
    auto root = json::parse_skipping(in, std::move(skips));
    if (!root) return std::nullopt;
    for (auto& [t, text] : texts) (list ? (*root)[t] : *root)["data"]["text"] = std::move(text);
    out.root = std::move(*root);
    return out;
}

ReadResult read_tasks(std::string_view input, const ReadOptions& options, bool fast) {
    ReadResult result;
    json::Reporter r(input);
    std::optional<FastTasks> scanned;
    std::optional<ojson> root = json::fast_or_tree(input, r, fast, scanned, fast_tasks);
    if (root) {
        TaskReader tr{options, r, scanned ? &scanned->results : nullptr};
        if (root->is_array() && root->empty()) {
            r.error({}, "the task list is empty: it holds no task, so there is no document to read");
        } else if (root->is_array()) {
            for (size_t i = 0; i < root->size(); ++i)
                if (auto d = tr.task((*root)[i], JsonPath{} / i, i)) result.documents.push_back(std::move(*d));
        } else if (root->is_object()) {  // Label Studio also imports a single task
            if (auto d = tr.task(*root, {}, 0)) result.documents.push_back(std::move(*d));
        } else {
            r.error({}, "expected a list of tasks, got " + json::describe(*root, r.raw({})));
        }
    }
    return detail::finished(std::move(result), r.finish());
}

}  // namespace

namespace detail {

ReadResult read_label_studio(std::string_view input, const ReadOptions& options) {
    return read_tasks(input, options, true);
}

ReadResult read_label_studio_tree(std::string_view input, const ReadOptions& options) {
    return read_tasks(input, options, false);
}

}  // namespace detail

// ---- [SECTION] writing ----

// Written straight into the output in the one-line layout, then laid out (json::pretty_inline): no
// tree of the tasks (a tree per entity and its layout made a 1 MB write of 20,000 entities 150 ms).

namespace {

using json::JsonWriter;

// Who made an entity or relation, as a result's "meta" (nothing when neither is known).
void put_who(JsonWriter& w, const std::string& annotator, const std::string& created) {
    if (annotator.empty() && created.empty()) return;
    w.key("meta").open_object();
    if (!annotator.empty()) w.member("annotator", annotator);
    if (!created.empty()) w.member("created", created);
    w.close_object();
}

// A result's members up to its "value", which comes next.
void put_result_head(JsonWriter& w, const std::string& id, const char* from_name, const char* type) {
    w.open_object().member("id", id).member("from_name", from_name).member("to_name", kToName);
    w.member("type", type).member("origin", "manual").key("value").open_object();
}

// One region result (and its note's textarea) per entity.
void put_entity(JsonWriter& w, const Document& d, const Entity& e, const WriteOptions& options) {
    const size_t start = spans::to_unit(d.text(), e.start, options.offsets);
    const size_t end = spans::to_unit(d.text(), e.end, options.offsets);
    put_result_head(w, e.id, kFromName, "labels");
    w.member_num("start", start).member_num("end", end).member("text", d.text_of(e));
    w.key("labels").open_array().str(e.label).close_array().close_object();
    put_who(w, e.annotator, e.created);
    w.close_object();
    if (e.note.empty()) return;
    put_result_head(w, e.id, kNoteName, "textarea");
    w.member_num("start", start).member_num("end", end);
    w.key("text").open_array().str(e.note).close_array().close_object().close_object();
}

// A region result per entity, a relation result per relation, and a choices result for the
// document labels.
void put_results(JsonWriter& w, const Document& d, const WriteOptions& options) {
    w.open_array();
    for (Slot s : d.entities().ordered()) put_entity(w, d, d.entities().get(s), options);
    for (const auto& [id, rel] : d.relations().all()) {
        const RelationType* t = d.relation_types().find(rel.type);
        w.open_object().member("from_id", rel.from).member("to_id", rel.to).member("type", "relation");
        w.member("direction", t && t->symmetric ? "bi" : "right");
        w.key("labels").open_array().str(rel.type).close_array();
        put_who(w, rel.annotator, rel.created);
        w.close_object();
    }
    if (!d.doc_labels().chosen.empty()) {
        put_result_head(w, "doc_labels", kChoicesName, "choices");
        w.key("choices").open_array();
        for (const std::string& c : d.doc_labels().chosen) w.str(c);
        w.close_array().close_object().close_object();
    }
    w.close_array();
}

void put_task(JsonWriter& w, const Document& d, size_t i, const WriteOptions& options) {
    w.open_object().member_num("id", i + 1).key("data").open_object().member("text", d.text().utf8());
    if (!d.info.title.empty()) w.member("title", d.info.title);
    if (!d.info.source.empty()) w.member("source", d.info.source);
    w.close_object().key("annotations").open_array().open_object().member_num("id", i + 1).key("result");
    put_results(w, d, options);
    w.key("was_cancelled").boolean(false).key("ground_truth").boolean(false).close_object().close_array();
    w.key("predictions").open_array().close_array().close_object();
}

}  // namespace

namespace detail {

WriteResult write_label_studio(const std::vector<const Document*>& docs, const WriteOptions& options) {
    if (auto refused = spans::refuse_count("label-studio", docs, true)) return std::move(*refused);
    WriteResult result;
    spans::Losses losses("label-studio");
    std::string one;
    JsonWriter w(one, options.pretty);
    w.open_array();
    for (size_t i = 0; i < docs.size(); ++i) {
        losses.check(*docs[i], i, {"note", "title", "source", "annotator", "relations", "relation annotator"});
        put_task(w, *docs[i], i, options);
    }
    w.close_array();
    losses.report(result.diagnostics);
    result.output = options.pretty ? json::pretty_inline(one) : std::move(one) + "\n";
    return result;
}

Sniff sniff_label_studio(std::string_view content) {
    const char c = spans::first_char(content);
    if (c == '\0') return Sniff::Maybe;
    if (c != '{' && c != '[') return Sniff::No;
    // doccano 1.0 has "annotations" too, but never a "result" list in them.
    if ((spans::has_key(content, "annotations") || spans::has_key(content, "completions") ||
         spans::has_key(content, "predictions")) &&
        spans::has_key(content, "result"))
        return Sniff::Yes;
    return spans::has_key(content, "data") ? Sniff::Maybe : Sniff::No;
}

}  // namespace detail
}  // namespace aa::io
